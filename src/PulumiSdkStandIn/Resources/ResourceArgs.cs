// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/ResourceArgs.cs. Every body throws.
namespace Pulumi;

public abstract class ResourceArgs : InputArgs
{
    // The real SDK exposes Empty as a static readonly field. A field cannot throw, so it is never assigned and the
    // type initializer throws instead: any use of ResourceArgs fails with a TypeInitializationException whose inner
    // exception is the stand-in's NotSupportedException.
    public static readonly ResourceArgs Empty;

    static ResourceArgs() => throw new NotSupportedException(StandIn.Message);

    // The real class declares no constructor, so the compiler gives it this protected one.
    protected ResourceArgs() => throw new NotSupportedException(StandIn.Message);

    private protected override void ValidateMember(Type memberType, string fullName)
        => throw new NotSupportedException(StandIn.Message);
}
