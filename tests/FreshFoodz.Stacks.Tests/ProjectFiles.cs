namespace FreshFoodz.Stacks.Tests;

/// <summary>Finds the repository's own files (stack files, Pulumi.yaml) from the test's output folder.</summary>
internal static class ProjectFiles
{
    public static string Root { get; } = FreshFoodz.Testing.RepositoryRoot.Path;

    public static string[] Stacks { get; } = ["de-prod", "ch-prod", "peak-weihnachten"];

}
