// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Resources/ResourceOptions.cs. Every body throws.
// Only the options the project needs are declared; the real class also has ResourceTransformations,
// ResourceTransforms, ReplaceWith, Hooks, HideDiffs and ReplacementTrigger.
namespace Pulumi;

public abstract class ResourceOptions
{
    // The real class declares no constructor, so the compiler gives it this protected one.
    protected ResourceOptions() => throw new NotSupportedException(StandIn.Message);

    public Input<string>? Id
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public Resource? Parent
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public InputList<Resource> DependsOn
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public bool? Protect
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public List<string> IgnoreChanges
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? Version
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public ProviderResource? Provider
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public CustomTimeouts? CustomTimeouts
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public List<Input<Alias>> Aliases
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? Urn
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public List<string> ReplaceOnChanges
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? PluginDownloadURL
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public bool? RetainOnDelete
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public Resource? DeletedWith
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    // As in the real SDK, an internal abstract member keeps other assemblies from deriving from ResourceOptions.
    internal abstract ResourceOptions Clone();
}
