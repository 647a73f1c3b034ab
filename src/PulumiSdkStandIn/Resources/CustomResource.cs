// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/CustomResource.cs. Every body throws.
// Both public constructors are declared, as in the real SDK: with both, `new CustomResource(type, name, args)` is
// ambiguous (CS0121) there, and the stand-in must reject what the real SDK rejects.
namespace Pulumi;

public class CustomResource : Resource
{
    public CustomResource(
        string type,
        string name,
        ResourceArgs? args,
        CustomResourceOptions? options = null,
        RegisterPackageRequest? registerPackageRequest = null)
        => throw new NotSupportedException(StandIn.Message);

    public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
        => throw new NotSupportedException(StandIn.Message);

    public Output<string> Id => throw new NotSupportedException(StandIn.Message);
}
