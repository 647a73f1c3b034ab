// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/CustomResourceOptions.cs. Every body throws.
namespace Pulumi;

public sealed class CustomResourceOptions : ResourceOptions
{
    public CustomResourceOptions() => throw new NotSupportedException(StandIn.Message);

    public bool? DeleteBeforeReplace
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public List<string> AdditionalSecretOutputs
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? ImportId
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    internal override ResourceOptions Clone() => throw new NotSupportedException(StandIn.Message);

    public static CustomResourceOptions Merge(CustomResourceOptions? options1, CustomResourceOptions? options2)
        => throw new NotSupportedException(StandIn.Message);
}
