using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using FreshFoodz.Components.Plan;
using Pulumi.Testing;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>
/// Mocks whose every output names where it came from, so a value on the wire can be read back as the plan's deferred
/// value: a resource's outputs are <c>@ref(&lt;resource&gt;.&lt;output&gt;)</c> (a dotted output inside its object), its
/// id likewise; an invoke's result holds <c>@invoke(&lt;token&gt;#&lt;path&gt;)</c> at each path the program may read:
/// the AKS credentials at <c>kubeconfigs[0].value</c>, base64-encoded as Azure does, getClientConfig's fields as text.
/// The stack reference to the stack itself reads <paramref name="stackOutputs"/>, what the previous run recorded (none:
/// a stack never deployed); a resource named <paramref name="failing"/> fails as a cloud error would.
/// </summary>
internal sealed class WireMocks(ImmutableDictionary<string, object>? stackOutputs = null, string? failing = null) : IMocks
{
    public const string CredentialsToken = "azure-native:containerservice:listManagedClusterUserCredentials";
    public const string ClientConfigToken = "azure-native:authorization:getClientConfig";

    public static string Ref(string resource, string output) => $"@ref({resource}.{output})";

    /// <summary>The sentinel an invoke result holds at a path; <c>#b64</c> marks one the mock base64-encoded.</summary>
    public static string Invoked(string token, string path, bool base64 = false) => $"@invoke({token}#{path}{(base64 ? "#b64" : "")})";

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        if (args.Name == failing)
        {
            throw new InvalidOperationException($"{args.Name}: the cloud refused the update (simulated)");
        }
        if (args.Type == "pulumi:pulumi:StackReference")
        {
            return Task.FromResult<(string?, object)>((args.Id, ImmutableDictionary<string, object>.Empty
                .Add("name", args.Id!)
                .Add("outputs", stackOutputs ?? ImmutableDictionary<string, object>.Empty)
                .Add("secretOutputNames", ImmutableArray<object>.Empty)));
        }
        var state = ImmutableDictionary<string, object>.Empty;
        foreach (var output in ReferenceOutputs.Known.Where(o => o != "id"))
        {
            var dot = output.IndexOf('.', StringComparison.Ordinal);
            state = dot < 0
                ? state.SetItem(output, Ref(args.Name!, output))
                : state.SetItem(output[..dot], ImmutableDictionary<string, object>.Empty.Add(output[(dot + 1)..], Ref(args.Name!, output)));
        }
        return Task.FromResult<(string?, object)>((Ref(args.Name!, "id"), state));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        object result = args.Token switch
        {
            CredentialsToken => ImmutableDictionary<string, object>.Empty.Add("kubeconfigs", ImmutableArray.Create<object>(
                ImmutableDictionary<string, object>.Empty.Add("name", "clusterUser")
                    .Add("value", Convert.ToBase64String(Encoding.UTF8.GetBytes(Invoked(args.Token, "kubeconfigs[0].value", base64: true)))))),
            ClientConfigToken => new[] { "clientId", "objectId", "subscriptionId", "tenantId" }
                .ToImmutableDictionary(k => k, k => (object)Invoked(args.Token, k)),
            _ => throw new InvalidOperationException($"the mocks do not know the invoke {args.Token} ({JsonSerializer.Serialize(args.Args)})"),
        };
        return Task.FromResult(result);
    }
}
