// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Config.cs. Every body throws.
// Left out: the *Object overloads taking JsonSerializerOptions, and the typed secret and Require variants
// (GetSecretInt32, RequireBoolean, RequireSecretObject, ...); the project uses the ones below.
using System.Diagnostics.CodeAnalysis;

namespace Pulumi;

public sealed class Config
{
    public Config(string? name = null) => throw new NotSupportedException(StandIn.Message);

    public string? Get(string key) => throw new NotSupportedException(StandIn.Message);

    public Output<string>? GetSecret(string key) => throw new NotSupportedException(StandIn.Message);

    public bool? GetBoolean(string key) => throw new NotSupportedException(StandIn.Message);

    public int? GetInt32(string key) => throw new NotSupportedException(StandIn.Message);

    public double? GetDouble(string key) => throw new NotSupportedException(StandIn.Message);

    [return: MaybeNull]
    public T GetObject<T>(string key) => throw new NotSupportedException(StandIn.Message);

    public Output<T>? GetSecretObject<T>(string key) => throw new NotSupportedException(StandIn.Message);

    public string Require(string key) => throw new NotSupportedException(StandIn.Message);

    public Output<string> RequireSecret(string key) => throw new NotSupportedException(StandIn.Message);

    public T RequireObject<T>(string key) => throw new NotSupportedException(StandIn.Message);
}
