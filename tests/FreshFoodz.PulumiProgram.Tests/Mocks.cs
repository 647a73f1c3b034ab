using System.Collections.Immutable;
using System.Text;
using Pulumi.Testing;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>
/// Pulumi.Testing mocks in the manner of Pulumi's own examples: inputs echo back as outputs, ids are "{name}_id",
/// and only the AKS credentials invoke is special-cased (its kubeconfig is base64, like Azure's).
/// </summary>
internal sealed class Mocks : IMocks
{
    public const string Kubeconfig = "apiVersion: v1\nkind: Config\n";

    public List<MockResourceArgs> Resources { get; } = [];

    public List<MockCallArgs> Calls { get; } = [];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        lock (Resources)
        {
            Resources.Add(args);
        }
        var state = args.Inputs.SetItem("name", args.Name ?? "").SetItem("fullyQualifiedDomainName", $"{args.Name}.postgres.example")
            .SetItem("result", "generated-password").SetItem("principalId", $"{args.Name}-principal").SetItem("clientId", $"{args.Name}-client")
            .SetItem("oidcIssuerProfile", ImmutableDictionary<string, object>.Empty.Add("issuerURL", "https://oidc.example/"));
        return Task.FromResult<(string?, object)>(($"{args.Name}_id", state));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        lock (Calls)
        {
            Calls.Add(args);
        }
        object result = args.Token == "azure-native:containerservice:listManagedClusterUserCredentials"
            ? ImmutableDictionary<string, object>.Empty.Add("kubeconfigs", ImmutableArray.Create<object>(
                ImmutableDictionary<string, object>.Empty.Add("name", "clusterUser").Add("value", Convert.ToBase64String(Encoding.UTF8.GetBytes(Kubeconfig)))))
            : args.Token == "azure-native:authorization:getClientConfig"
                ? ImmutableDictionary<string, object>.Empty.Add("tenantId", "00000000-0000-4000-8000-000000000000")
                : ImmutableDictionary<string, object>.Empty;
        return Task.FromResult(result);
    }
}
