namespace FreshFoodz.Components.Plan;

/// <summary>
/// The outputs a <see cref="PlanRef"/> may name. A generically registered resource exposes only <c>id</c> unless the
/// program declares the output, so the Pulumi program declares exactly these and tests keep the lists in step.
/// A dotted name is a property inside an object output (<c>oidcIssuerProfile.issuerURL</c>).
/// </summary>
public static class ReferenceOutputs
{
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "fullyQualifiedDomainName", "result", "principalId", "clientId", "oidcIssuerProfile.issuerURL",
        // When ARM accepted a resource's creation (azure-native systemData): a restore drill's start.
        "systemData.createdAt",
    };
}
