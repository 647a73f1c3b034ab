// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/ComponentResourceOptions.cs. Every body throws.
namespace Pulumi;

public sealed class ComponentResourceOptions : ResourceOptions
{
    public ComponentResourceOptions() => throw new NotSupportedException(StandIn.Message);

    public List<ProviderResource> Providers
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    internal override ResourceOptions Clone() => throw new NotSupportedException(StandIn.Message);

    public static ComponentResourceOptions Merge(ComponentResourceOptions? options1, ComponentResourceOptions? options2)
        => throw new NotSupportedException(StandIn.Message);
}
