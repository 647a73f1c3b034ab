// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/CustomTimeouts.cs. Every body throws.
namespace Pulumi;

public sealed class CustomTimeouts
{
    public CustomTimeouts() => throw new NotSupportedException(StandIn.Message);

    public TimeSpan? Create
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public TimeSpan? Update
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public TimeSpan? Delete
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }
}
