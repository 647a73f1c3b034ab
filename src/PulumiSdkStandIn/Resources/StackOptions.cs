// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/StackOptions.cs. Every body throws.
// Only the type is declared (Deployment.RunAsync names it); its ResourceTransformations and ResourceTransforms
// lists are left out, as they would bring in the transformation types the project does not use.
namespace Pulumi;

public class StackOptions
{
    // The real class declares no constructor, so the compiler gives it this public one.
    public StackOptions() => throw new NotSupportedException(StandIn.Message);
}
