namespace FreshFoodz.Testing;

/// <summary>
/// The committed Pulumi ESC environment definitions (<c>esc/</c>) copied into a project folder a test builds, so the
/// stack files' <c>environment:</c> imports resolve there as in the repository. Linked into every test project.
/// </summary>
internal static class ProjectCopy
{
    public static void CopyEnvironments(string projectDirectory)
    {
        var from = Path.Combine(RepositoryRoot.Path, "esc");
        foreach (var file in Directory.EnumerateFiles(from, "*.yaml", SearchOption.AllDirectories))
        {
            var to = Path.Combine(projectDirectory, "esc", Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }
}
