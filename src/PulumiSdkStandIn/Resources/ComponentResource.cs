// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/ComponentResource.cs. Every body throws.
namespace Pulumi;

public class ComponentResource : Resource
{
    public ComponentResource(string type, string name, ComponentResourceOptions? options = null)
        => throw new NotSupportedException(StandIn.Message);

    public ComponentResource(
        string type, string name, ResourceArgs? args, ComponentResourceOptions? options = null, bool remote = false)
        => throw new NotSupportedException(StandIn.Message);

    public ComponentResource(
        string type,
        string name,
        ResourceArgs? args,
        ComponentResourceOptions? options,
        bool remote,
        RegisterPackageRequest? registerPackageRequest = null)
        => throw new NotSupportedException(StandIn.Message);

    protected void RegisterOutputs() => throw new NotSupportedException(StandIn.Message);

    protected void RegisterOutputs(IDictionary<string, object?> outputs)
        => throw new NotSupportedException(StandIn.Message);

    protected void RegisterOutputs(Task<IDictionary<string, object?>> outputs)
        => throw new NotSupportedException(StandIn.Message);

    protected void RegisterOutputs(Output<IDictionary<string, object?>> outputs)
        => throw new NotSupportedException(StandIn.Message);
}
