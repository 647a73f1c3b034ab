// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source files sdk/Pulumi/Deployment/Deployment.cs and sdk/Pulumi/Deployment/Deployment_Run.cs. Every body throws.
// Left out: the other RunAsync overloads (Action, Func<IDictionary>, Func<Task>, <TStack>), the TestAsync overloads
// taking other callbacks or a Stack type, and the instance members; the project calls none of them.
using System.Collections.Immutable;
using Pulumi.Testing;

namespace Pulumi;

public sealed class Deployment
{
    // The real constructors are private or internal; this one only keeps the compiler from adding a public one.
    private Deployment() => throw new NotSupportedException(StandIn.Message);

    public static DeploymentInstance Instance => throw new NotSupportedException(StandIn.Message);

    public static Task<int> RunAsync(Func<Task<IDictionary<string, object?>>> func, StackOptions? options = null)
        => throw new NotSupportedException(StandIn.Message);

    public static Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> TestAsync(
        IMocks testMocks,
        TestOptions testOptions,
        Func<Task<IDictionary<string, object?>>> createResources)
        => throw new NotSupportedException(StandIn.Message);
}
