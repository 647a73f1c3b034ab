// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Serialization/Attributes.cs. Every body throws (so reading these attributes through
// reflection fails; applying them compiles as with the real SDK).
namespace Pulumi;

[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public OutputAttribute(string? name = null) => throw new NotSupportedException(StandIn.Message);

    public string? Name => throw new NotSupportedException(StandIn.Message);
}

[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public InputAttribute(string name, bool required = false, bool json = false)
        => throw new NotSupportedException(StandIn.Message);
}

[AttributeUsage(AttributeTargets.Class)]
public class ResourceTypeAttribute : Attribute
{
    public ResourceTypeAttribute(string type, string? version) => throw new NotSupportedException(StandIn.Message);

    public string Type => throw new NotSupportedException(StandIn.Message);

    public string? Version => throw new NotSupportedException(StandIn.Message);
}
