namespace FreshFoodz.Stacks.Tests;

/// <summary>Finds the repository's own files (stack files, Pulumi.yaml) from the test's output folder.</summary>
internal static class ProjectFiles
{
    public static string Root { get; } = FindRoot();

    public static string[] Stacks { get; } = ["de-prod", "ch-prod", "peak-weihnachten"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")) && File.Exists(Path.Combine(dir.FullName, "FreshFoodz.Infra.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (Pulumi.yaml + FreshFoodz.Infra.sln) not found above " + AppContext.BaseDirectory);
    }
}
