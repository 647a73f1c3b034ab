namespace FreshFoodz.SchemaConformance;

/// <summary>
/// Pinned Pulumi provider plugin versions: the npm SDK packages tools/provider-schemas/extract.sh reads, and the
/// versions the plan must request. Lives in the test project until the plan project exists.
/// </summary>
public static class ProviderVersions
{
    /// <summary>@pulumi/azure-native.</summary>
    public const string AzureNative = "3.28.0";

    /// <summary>@pulumi/kubernetes.</summary>
    public const string Kubernetes = "4.34.2";

    /// <summary>@pulumi/random.</summary>
    public const string Random = "4.21.2";
}
