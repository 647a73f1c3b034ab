// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/DictionaryResourceArgs.cs. Every body throws.
using System.Collections.Immutable;

namespace Pulumi;

public sealed class DictionaryResourceArgs : ResourceArgs
{
    public DictionaryResourceArgs(ImmutableDictionary<string, object?> dictionary)
        => throw new NotSupportedException(StandIn.Message);
}
