using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>
/// Hostile input as a property: every case of <see cref="HostileCorpus"/> runs the real CLI (in-process, or the
/// built binary under a heap limit) within a time bound, and must end with its exit code, a message naming the key,
/// file or option, no stack trace, nothing written outside --out (nothing at all where it fails), and every stack
/// file byte for byte as it was. No case may reach the unexpected-exception handler (exit 70).
/// </summary>
public sealed partial class HostileInputCorpusTests(FakePrometheus prometheus, HostileRetailPrices retail) : IClassFixture<FakePrometheus>, IClassFixture<HostileRetailPrices>
{
    /// <summary>Generous for 2 shared cores: a case takes milliseconds, the slowest (a 40 MB reply) about a second.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The child's GC heap limit (DOTNET_GCHeapHardLimit): the inputs that once grew past 2.5 GB get 256 MiB.</summary>
    private const string HeapLimit = "0x10000000";

    public static TheoryData<string> Cases() => [.. HostileCorpus.All.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void TheCorpusCoversEveryKindOfHostileInput()
    {
        var names = HostileCorpus.All.Keys.ToList();
        Assert.True(names.Count >= 380, $"{names.Count} cases");
        foreach (var kind in new[] { "file ", "valid ", "cli ", "sibling ", "prometheus ", "child ", "out ", "retail ", "price sheet ", "usage " })
        {
            Assert.Contains(names, n => n.StartsWith(kind, StringComparison.Ordinal));
        }
        // Every command meets the bad stack files (all but the five largest, which meet three).
        foreach (var command in new[] { "capacity", "plan", "diff", "render monitoring", "render playbooks", "render k6", "report", "calibrate" })
        {
            Assert.True(names.Count(n => n.StartsWith("file ", StringComparison.Ordinal) && n.EndsWith($"| {command}", StringComparison.Ordinal)) >= 39, command);
        }
    }

    /// <summary>README's exit-code table lists exactly the codes the tool returns, and the corpus reaches every one but 3 and 70.</summary>
    [Fact]
    public void TheReadmeExitCodeTableStaysTrue()
    {
        var readme = File.ReadAllLines(Path.Combine(CliRunner.Root, "README.md"));
        var table = readme.SkipWhile(l => l != "| code | meaning |").Skip(2).TakeWhile(l => l.StartsWith('|')).ToList();
        var codes = table.Select(l => int.Parse(l.Split('|')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([CliApp.Ok, CliApp.UsageError, CliApp.SettingsError, CliApp.PlanningError, CliApp.MeasurementError, CliApp.OutputError, CliApp.InternalError], codes);
        var reached = HostileCorpus.All.Values.Select(c => c.Exit).Distinct().Order().ToList();
        Assert.Equal([CliApp.Ok, CliApp.UsageError, CliApp.SettingsError, CliApp.MeasurementError, CliApp.OutputError], reached);
        // The rows name what the corpus shows: an --out onto an input (1), another stack's sheet (2), a deadline (4), calibrate --write (5).
        Assert.Contains("a file the tool reads", table[1], StringComparison.Ordinal);
        Assert.Contains("another stack's file", table[2], StringComparison.Ordinal);
        Assert.Contains("--deadline", table[4], StringComparison.Ordinal);
        Assert.Contains("calibrate --write", table[5], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EndsCleanlyWithinBounds(string name)
    {
        var c = HostileCorpus.All[name];
        using var sandbox = new Sandbox();
        c.Arrange(sandbox);
        sandbox.Snapshot();
        var args = c.Args.Select(a => a.Replace("{out}", sandbox.Out, StringComparison.Ordinal)
            .Replace("{root}", sandbox.Root, StringComparison.Ordinal)
            .Replace("{prometheus}", prometheus.Url, StringComparison.Ordinal)
            .Replace("{retail}", retail.Url, StringComparison.Ordinal)).ToList();
        if (!args.Contains("--project-dir"))
        {
            args.AddRange(["--project-dir", sandbox.Root]);
        }

        var (exit, output, error) = c.Child ? RunChild(args, sandbox.Root) : RunInProcess(args);

        var shown = $"exit {exit}\nstderr: {Cut(error)}\nstdout: {Cut(output)}";
        Assert.NotEqual(CliApp.InternalError, exit);
        Assert.True(exit == c.Exit, $"expected exit {c.Exit}, got {shown}");
        var message = c.Exit == 0 ? output : error;
        foreach (var says in c.Says)
        {
            Assert.True(message.Contains(says, StringComparison.Ordinal), $"'{says}' not said: {shown}");
        }
        foreach (var never in c.Never)
        {
            Assert.DoesNotContain(never, output + error, StringComparison.Ordinal);
        }
        Assert.DoesNotMatch(StackTraceLine(), output + error);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
        // Every error is one line: an error line, or a problem of a list under one; nothing else reaches stderr.
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.True(line.StartsWith("error: ", StringComparison.Ordinal) || line.StartsWith("  ", StringComparison.Ordinal), $"a line that is no error: {line}\n{shown}"));
        // No control or formatting character from a file, a path or a server reaches the terminal raw.
        Assert.DoesNotContain(output + error, c => c is not ('\n' or '\t') && FreshFoodz.Stacks.Settings.Printable.Refuses(c) && !char.IsSurrogate(c));
        // Bounded: no value or reply is repeated at length, no error list grows with the input.
        Assert.True(error.Length < 16_000, $"{error.Length} characters on stderr: {Cut(error)}");
        Assert.True(c.Exit == 0 || output.Length < 16_000, $"{output.Length} characters on stdout");
        Assert.Empty(sandbox.ChangedOutsideOut());
        var written = sandbox.WrittenToOut();
        if (c.Writes)
        {
            Assert.DoesNotContain(written, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(written);
        }
    }

    private static (int, string, string) RunInProcess(IReadOnlyList<string> args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => CliApp.Run([.. args], stdout, stderr, new PinnedClock()));
        Assert.True(run.Wait(Bound), $"did not end within {Bound.TotalSeconds} s: {string.Join(' ', args)}");
        return (run.Result, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The built tool as its own process, with a heap limit; killed (and the case failed) past the time bound.</summary>
    private static (int, string, string) RunChild(IReadOnlyList<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "freshfoodz.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_GCHeapHardLimit"] = HeapLimit;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Bound))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"did not end within {Bound.TotalSeconds} s: {string.Join(' ', args)}");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Cut(string text) => text.Length <= 2000 ? text : text[..2000] + "…";

    /// <summary>A .NET stack frame line: "   at Namespace.Type.Method(…)".</summary>
    [GeneratedRegex(@"(?m)^\s+at \S+\(")]
    private static partial Regex StackTraceLine();

    private sealed class PinnedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    }
}
