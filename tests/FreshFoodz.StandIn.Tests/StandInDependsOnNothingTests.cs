using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace FreshFoodz.StandIn.Tests;

/// <summary>
/// The stand-in swaps in for the Pulumi package on machines that cannot download it, so it must need nothing but
/// the .NET shared framework, and it must carry the real SDK's assembly name.
/// </summary>
public sealed class StandInDependsOnNothingTests
{
    [Fact]
    public void StandInReferencesOnlyTheSharedFramework()
    {
        var frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var outside = StandInAssembly.Assembly.GetReferencedAssemblies()
            .Where(r => !File.Exists(Path.Combine(frameworkDirectory, r.Name + ".dll")))
            .Select(r => r.FullName)
            .ToList();

        Assert.True(
            outside.Count == 0,
            $"The stand-in references assemblies outside the shared framework ({frameworkDirectory}): "
            + string.Join(", ", outside));
    }

    [Fact]
    public void StandInProjectReferencesNoPackageOrProject()
    {
        var project = XDocument.Load(Path.Combine(FreshFoodz.Testing.RepositoryRoot.Path, "src", "PulumiSdkStandIn", "PulumiSdkStandIn.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference" or "FrameworkReference")
            .Select(e => $"{e.Name.LocalName} {e.Attribute("Include")?.Value}")
            .ToList();

        Assert.True(references.Count == 0, "The stand-in project must reference nothing: " + string.Join(", ", references));
    }

    [Fact]
    public void StandInIsNamedLikeTheRealSdk()
    {
        // The Pulumi program's project swaps the package for this project; code and tooling that name the assembly
        // (InternalsVisibleTo, binding, stack traces) must see "Pulumi" either way.
        Assert.Equal("Pulumi", StandInAssembly.Assembly.GetName().Name);
    }

}
