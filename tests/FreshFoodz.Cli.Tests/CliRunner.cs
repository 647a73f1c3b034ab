namespace FreshFoodz.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a pinned clock.</summary>
internal static class CliRunner
{
    public static string Root { get; } = FreshFoodz.Testing.RepositoryRoot.Path;

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run([.. args, "--project-dir", Root], stdout, stderr, new FixedClock(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A project folder of its own with one stack file, for inputs the real stacks must not have.</summary>
    public static string ProjectWith(string stack, string yaml)
    {
        var dir = Directory.CreateTempSubdirectory("freshfoodz-cli-").FullName;
        File.WriteAllText(Path.Combine(dir, "Pulumi.yaml"), "name: freshfoodz-infra\nruntime: dotnet\n");
        File.WriteAllText(Path.Combine(dir, $"Pulumi.{stack}.yaml"), yaml);
        FreshFoodz.Testing.ProjectCopy.CopyEnvironments(dir);
        return dir;
    }


    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
