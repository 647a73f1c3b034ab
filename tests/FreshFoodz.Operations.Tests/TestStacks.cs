using System.Diagnostics;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Operations.Playbooks;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Operations.Tests;

/// <summary>The repository's stack files, and variations of them, for the generator tests.</summary>
internal static class TestStacks
{
    public static string Root { get; } = FreshFoodz.Testing.RepositoryRoot.Path;

    /// <summary>Where the committed stacks run their load tests (Pulumi.peak-weihnachten.yaml plans chaos).</summary>
    public static PlaybookOptions Rehearsal { get; } = PlaybookOptions.For(Settings("peak-weihnachten"));

    public static StackSettings Settings(string stack) => FreshFoodz.Testing.CommittedStacks.Settings(stack);

    /// <summary>The stack's committed price sheet (prices/&lt;stack&gt;.prices.yaml).</summary>
    public static PriceSheet Prices(string stack) => PriceSheetFile.Load(Root, stack);

    /// <summary>A committed stack file with some text replaced (one change per test).</summary>
    public static StackSettings SettingsWith(string stack, params (string From, string To)[] edits) => FreshFoodz.Testing.CommittedStacks.SettingsWith(stack, edits);

    /// <summary>The stack with one season of the catalog changed: what a change of dates or multiplier does.</summary>
    public static StackSettings WithSeason(StackSettings settings, Season season, Func<SeasonDefinition, SeasonDefinition> change)
    {
        var catalog = settings.Capacity.Seasons;
        var changed = new SeasonCatalog(SeasonNames.All.Select(s => s == season ? change(catalog[s]) : catalog[s]));
        return settings with { Capacity = settings.Capacity with { Seasons = changed } };
    }

}

/// <summary>The real tools some tests drive (node, chromium). A missing tool fails the test, naming its package.</summary>
internal static class Tools
{
    public static string Find(string executable, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, executable);
            if (File.Exists(path))
            {
                return path;
            }
        }
        Assert.Fail($"{executable} is not on PATH: install the Debian package {debianPackage} (apt-get install -y {debianPackage}; .ci/run does this)");
        return "";
    }

    public static (int Exit, string Out, string Err) Run(string executable, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{executable} did not finish within {timeout.TotalSeconds} s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
