// Compile-only stand-in for the Pulumi .NET SDK 3.112.1; not a type of the real SDK. It holds the one message
// that every member of the stand-in throws with (see README.md).
namespace Pulumi;

internal static class StandIn
{
    internal const string Message =
        "This is a compile-only stand-in for the Pulumi .NET SDK 3.112.1: it has no implementation. "
        + "Restore the real 'Pulumi' NuGet package (version 3.112.1) to run this program.";
}
