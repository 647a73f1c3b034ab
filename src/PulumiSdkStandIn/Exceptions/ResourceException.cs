// Compile-only stand-in: signature from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Exceptions/ResourceException.cs. Leaves out the internal Resource and HideStack properties.
namespace Pulumi;

public class ResourceException : Exception
{
    public ResourceException(string message, Resource? resource, bool hideStack = false)
        => throw new NotSupportedException(StandIn.Message);
}
