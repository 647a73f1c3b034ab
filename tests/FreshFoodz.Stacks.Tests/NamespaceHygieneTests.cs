using System.Text.RegularExpressions;

namespace FreshFoodz.Stacks.Tests;

/// <summary>No namespace of ours is named Pulumi (it would shadow the SDK's).</summary>
public partial class NamespaceHygieneTests
{
    [Fact]
    public void NoNamespaceOfOursIsNamedPulumi()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(ProjectFiles.Root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(ProjectFiles.Root, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (Match m in NamespacePattern().Matches(File.ReadAllText(file)))
            {
                if (m.Groups[1].Value.Split('.').Contains("Pulumi"))
                {
                    offenders.Add($"{relative}: namespace {m.Groups[1].Value}");
                }
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void TheCoreHasNoPulumiReference()
    {
        foreach (var dir in new[] { "src/Capacity", "src/Components", "src/Stacks", "src/Monitoring", "src/Operations", "src/Calibration", "src/Cli" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(ProjectFiles.Root, dir), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
                .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            {
                var text = File.ReadAllText(file);
                Assert.False(UsingPulumi().IsMatch(text) || text.Contains("Include=\"Pulumi", StringComparison.Ordinal), $"{file} refers to Pulumi");
            }
        }
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^\s*using\s+Pulumi(\.|;)", RegexOptions.Multiline)]
    private static partial Regex UsingPulumi();
}
