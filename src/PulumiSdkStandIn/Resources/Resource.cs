// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/Resource.cs. Every body throws.
namespace Pulumi;

public class Resource
{
    // The real constructor is private protected (so only this assembly's resource kinds derive directly); this one
    // keeps that rule and keeps the compiler from adding a public constructor.
    private protected Resource() => throw new NotSupportedException(StandIn.Message);

    public Output<string> Urn => throw new NotSupportedException(StandIn.Message);

    public string GetResourceType() => throw new NotSupportedException(StandIn.Message);

    public string GetResourceName() => throw new NotSupportedException(StandIn.Message);
}
