using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// The files the tool reads from a project: Pulumi.yaml, every stack file and every file under prices/ (price sheets,
/// usage files). No output may replace one: <see cref="Named"/> compares canonical paths, so a link, <c>..</c> or
/// another spelling of an input is the input.
/// </summary>
public static class ProjectInputs
{
    public const string ProjectFile = "Pulumi.yaml";

    public static IEnumerable<string> Of(string projectDir)
    {
        var prices = Path.Combine(projectDir, PriceSheet.Folder);
        return [
            Path.Combine(projectDir, ProjectFile),
            .. Directory.EnumerateFiles(projectDir, "Pulumi.*.yaml"),
            .. Directory.Exists(prices) ? Directory.EnumerateFiles(prices, "*.yaml") : [],
        ];
    }

    /// <summary>The input <paramref name="path"/> is (relative to the project), or null when it is none.</summary>
    public static string? Named(string projectDir, string path)
    {
        var target = FileNode.Canonical(path);
        return Of(projectDir).FirstOrDefault(input => FileNode.Canonical(input) == target) is { } input
            ? Path.GetRelativePath(projectDir, input)
            : null;
    }
}
