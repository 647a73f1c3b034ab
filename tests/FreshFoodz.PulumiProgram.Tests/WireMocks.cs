using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using FreshFoodz.Components.Plan;
using Pulumi.Testing;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>
/// Mocks whose every output names where it came from, so a value on the wire can be read back as the plan's deferred
/// value: a resource's outputs are <c>@ref(&lt;resource&gt;.&lt;output&gt;)</c>, its id likewise; the AKS credentials
/// invoke returns, at <c>kubeconfigs[0].value</c> and base64-encoded as Azure does, <c>@invoke(&lt;token&gt;)</c>.
/// </summary>
internal sealed class WireMocks : IMocks
{
    public const string CredentialsToken = "azure-native:containerservice:listManagedClusterUserCredentials";
    public const string CredentialsPath = "kubeconfigs[0].value";

    public static string Ref(string resource, string output) => $"@ref({resource}.{output})";

    public static string Invoked(string token) => $"@invoke({token})";

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        var state = ReferenceOutputs.Known.Where(o => o != "id")
            .ToImmutableDictionary(o => o, o => (object)Ref(args.Name!, o));
        return Task.FromResult<(string?, object)>((Ref(args.Name!, "id"), state));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        object result = args.Token == CredentialsToken
            ? ImmutableDictionary<string, object>.Empty.Add("kubeconfigs", ImmutableArray.Create<object>(
                ImmutableDictionary<string, object>.Empty.Add("name", "clusterUser")
                    .Add("value", Convert.ToBase64String(Encoding.UTF8.GetBytes(Invoked(args.Token))))))
            : throw new InvalidOperationException($"the mocks do not know the invoke {args.Token} ({JsonSerializer.Serialize(args.Args)})");
        return Task.FromResult(result);
    }
}
