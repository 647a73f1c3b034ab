using System.Collections.Immutable;
using Pulumi;

namespace FreshFoodz.PulumiProgram;

/// <summary>
/// A planned resource registered through Pulumi's generic API. A plain CustomResource exposes only its id, so the
/// outputs a plan may reference (<see cref="Components.Plan.ReferenceOutputs"/>) are declared here.
/// </summary>
internal sealed class PlannedCustomResource(string type, string name, ResourceArgs args, CustomResourceOptions options)
    : CustomResource(type, name, args, options)
{
    [Output("name")]
    public Output<string> ResourceName { get; private set; } = null!;

    [Output("fullyQualifiedDomainName")]
    public Output<string> FullyQualifiedDomainName { get; private set; } = null!;

    [Output("result")]
    public Output<string> Result { get; private set; } = null!;

    [Output("principalId")]
    public Output<string> PrincipalId { get; private set; } = null!;

    [Output("clientId")]
    public Output<string> ClientId { get; private set; } = null!;

    [Output("oidcIssuerProfile")]
    public Output<ImmutableDictionary<string, object>> OidcIssuerProfile { get; private set; } = null!;

    [Output("systemData")]
    public Output<ImmutableDictionary<string, object>> SystemData { get; private set; } = null!;

    public Output<string> OutputNamed(string output) => output switch
    {
        "id" => Id,
        "name" => ResourceName,
        "fullyQualifiedDomainName" => FullyQualifiedDomainName,
        "result" => Result,
        "principalId" => PrincipalId,
        "clientId" => ClientId,
        "oidcIssuerProfile.issuerURL" => OidcIssuerProfile.Apply(p => p.TryGetValue("issuerURL", out var url) && url is string text
            ? text
            : throw new InvalidOperationException($"{GetResourceName()} has no oidcIssuerProfile.issuerURL")),
        "systemData.createdAt" => SystemData.Apply(p => p.TryGetValue("createdAt", out var at) && at is string text
            ? text
            : throw new InvalidOperationException($"{GetResourceName()} has no systemData.createdAt")),
        _ => throw new InvalidOperationException($"output '{output}' of {GetResourceName()} is not declared on PlannedCustomResource"),
    };
}

/// <summary>A planned component (<c>freshfoodz:&lt;area&gt;:&lt;Name&gt;</c>); its children carry it as parent.</summary>
internal sealed class PlannedComponentResource : ComponentResource
{
    public PlannedComponentResource(string type, string name, ComponentResourceOptions options)
        : base(type, name, options) => RegisterOutputs();
}
