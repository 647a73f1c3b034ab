// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Deployment/InvokeOptions.cs. Every body throws.
// Left out: InvokeOutputOptions, declared beside it in that file.
namespace Pulumi;

public class InvokeOptions
{
    public InvokeOptions() => throw new NotSupportedException(StandIn.Message);

    public Resource? Parent
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public ProviderResource? Provider
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? Version
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? PluginDownloadURL
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }
}
