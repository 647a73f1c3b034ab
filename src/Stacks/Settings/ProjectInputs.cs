using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// The files the tool reads from a project: Pulumi.yaml, every stack file, every file under prices/ (price sheets,
/// usage files) and every ESC environment definition under esc/ (what stack files import). No output may replace one: <see cref="Named(string, string)"/> compares canonical paths, so a link, <c>..</c> or
/// another spelling of an input is the input.
/// </summary>
public static class ProjectInputs
{
    public const string ProjectFile = "Pulumi.yaml";

    public static IEnumerable<string> Of(string projectDir)
    {
        var prices = Path.Combine(projectDir, PriceSheet.Folder);
        var environments = Path.Combine(projectDir, EnvironmentImports.Folder);
        return [
            Path.Combine(projectDir, ProjectFile),
            .. Directory.EnumerateFiles(projectDir, "Pulumi.*.yaml"),
            .. Directory.Exists(prices) ? Directory.EnumerateFiles(prices, "*.yaml") : [],
            .. Directory.Exists(environments) ? Directory.EnumerateFiles(environments, "*.yaml", Definitions) : [],
        ];
    }

    /// <summary>esc/&lt;project&gt;/&lt;name&gt;.yaml: links to folders are not followed (a loop would never end).</summary>
    private static readonly EnumerationOptions Definitions = new()
    {
        RecurseSubdirectories = true,
        MaxRecursionDepth = 4,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
    };

    /// <summary>The input <paramref name="path"/> is (relative to the project), or null when it is none.</summary>
    public static string? Named(string projectDir, string path) => Named(projectDir, path, []);

    /// <summary>As <see cref="Named(string, string)"/>, with <paramref name="more"/> files the command also reads (release-check's plans).</summary>
    public static string? Named(string projectDir, string path, IEnumerable<string> more)
    {
        var target = FileNode.Canonical(path);
        return Of(projectDir).Concat(more).FirstOrDefault(input => FileNode.Canonical(input) == target) is { } input
            ? Path.GetRelativePath(projectDir, input)
            : null;
    }
}
