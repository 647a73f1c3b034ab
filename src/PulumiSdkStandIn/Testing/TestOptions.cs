// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Testing/TestOptions.cs (RootDirectory and OrganizationName are only in the source). Every
// body throws.
namespace Pulumi.Testing;

public class TestOptions
{
    // The real class declares no constructor, so the compiler gives it this public one.
    public TestOptions() => throw new NotSupportedException(StandIn.Message);

    public string? ProjectName
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? RootDirectory
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? StackName
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public bool? IsPreview
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? OrganizationName
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }
}
