// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Core/Alias.cs. Every body throws.
namespace Pulumi;

// CA1716 (identifier matches a keyword) is suppressed as in the real SDK: the type is named Alias there.
#pragma warning disable CA1716
public sealed class Alias
#pragma warning restore CA1716
{
    public Alias() => throw new NotSupportedException(StandIn.Message);

    public string? Urn
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public Input<string>? Name
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public Input<string>? Type
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public Input<string>? Stack
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public Input<string>? Project
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public Resource? Parent
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public Input<string>? ParentUrn
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public bool NoParent
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }
}
