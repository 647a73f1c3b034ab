namespace FreshFoodz.Testing;

/// <summary>The repository's root (where FreshFoodz.Infra.sln is), found from a test's output folder.
/// Linked into every test project by tests/Directory.Build.props.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FreshFoodz.Infra.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (FreshFoodz.Infra.sln) not found above " + AppContext.BaseDirectory);
    }
}
