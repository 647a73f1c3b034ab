// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/InputArgs.cs. Every body throws.
namespace Pulumi;

public abstract class InputArgs
{
    protected InputArgs() => throw new NotSupportedException(StandIn.Message);

    // As in the real SDK, a private protected abstract member keeps other assemblies from deriving from InputArgs
    // directly (they derive from ResourceArgs or InvokeArgs).
    private protected abstract void ValidateMember(Type memberType, string fullName);
}
