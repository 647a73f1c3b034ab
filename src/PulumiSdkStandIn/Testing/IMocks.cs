// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Testing/IMocks.cs. Every body throws.
// IMocks declares the two members the project implements; the real interface also has a default-implemented
// RegisterResourceOutputs(MockRegisterResourceOutputsRequest), left out with that request type.
using System.Collections.Immutable;

namespace Pulumi.Testing;

public interface IMocks
{
    Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args);

    Task<object> CallAsync(MockCallArgs args);
}

public class MockResourceArgs
{
    // The real class declares no constructor, so the compiler gives it this public one.
    public MockResourceArgs() => throw new NotSupportedException(StandIn.Message);

    public string? Type
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? Name
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public ImmutableDictionary<string, object> Inputs
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? Provider
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? Id
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }
}

public class MockCallArgs
{
    // The real class declares no constructor, so the compiler gives it this public one.
    public MockCallArgs() => throw new NotSupportedException(StandIn.Message);

    public string? Token
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public ImmutableDictionary<string, object> Args
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }

    public string? Provider
    {
        get => throw new NotSupportedException(StandIn.Message);
        set => throw new NotSupportedException(StandIn.Message);
    }
}
