// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Core/Input.cs. Every body throws.
namespace Pulumi;

public class Input<T>
{
    // The real constructor is private protected; this one only keeps the compiler from adding a public one.
    private protected Input() => throw new NotSupportedException(StandIn.Message);

    public static implicit operator Input<T>(T value) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator Input<T>(Output<T> value) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator Output<T>(Input<T> input) => throw new NotSupportedException(StandIn.Message);
}
