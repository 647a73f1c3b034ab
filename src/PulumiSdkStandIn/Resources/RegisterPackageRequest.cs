// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), source file
// sdk/Pulumi/Resources/RegisterPackageRequest.cs (not in PublicAPI.Shipped.txt). Every body throws.
// Declared only because resource constructors name it; its constructors are here so that the compiler adds no
// public parameterless one that the real type lacks. Its properties are left out: the project never reads them.
namespace Pulumi;

public sealed class RegisterPackageRequest
{
    public RegisterPackageRequest(
        string name,
        string version,
        string? downloadUrl,
        Dictionary<string, byte[]>? checksums,
        PackageParameterization? parameterization)
        => throw new NotSupportedException(StandIn.Message);

    public RegisterPackageRequest(
        string name,
        string version,
        string? downloadUrl,
        Dictionary<string, byte[]>? checksums = null,
        PackageParameterization? parameterization = null,
        PackageParameterization? extension = null)
        => throw new NotSupportedException(StandIn.Message);

    public sealed class PackageParameterization
    {
        public PackageParameterization(string name, string version, byte[] value)
            => throw new NotSupportedException(StandIn.Message);
    }
}
