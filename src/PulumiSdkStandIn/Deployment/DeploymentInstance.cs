// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Deployment/DeploymentInstance.cs. Every body throws.
// Left out: RootDirectory, OrganizationName, InvokeSingle*, Call*, RegisterInvokeTransform and the Invoke overloads
// taking InvokeOutputOptions or a RegisterPackageRequest (none has defaults that would make a call here ambiguous).
namespace Pulumi;

public sealed class DeploymentInstance
{
    // The real constructor is internal; this one only keeps the compiler from adding a public one.
    private DeploymentInstance() => throw new NotSupportedException(StandIn.Message);

    public string StackName => throw new NotSupportedException(StandIn.Message);

    public string ProjectName => throw new NotSupportedException(StandIn.Message);

    public bool IsDryRun => throw new NotSupportedException(StandIn.Message);

    public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOptions? options = null)
        => throw new NotSupportedException(StandIn.Message);

    public Task<T> InvokeAsync<T>(string token, InvokeArgs args, InvokeOptions? options = null)
        => throw new NotSupportedException(StandIn.Message);
}
