// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/ProviderResource.cs. Every body throws.
namespace Pulumi;

public class ProviderResource : CustomResource
{
    public ProviderResource(string package, string name, ResourceArgs args, CustomResourceOptions? options = null)
        : base(package, name, args, options)
        => throw new NotSupportedException(StandIn.Message);

    public ProviderResource(
        string package,
        string name,
        ResourceArgs args,
        CustomResourceOptions? options = null,
        RegisterPackageRequest? registerPackageRequest = null)
        : base(package, name, args, options)
        => throw new NotSupportedException(StandIn.Message);
}
