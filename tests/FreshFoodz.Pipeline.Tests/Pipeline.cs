using System.Diagnostics;
using System.Text.Json;

namespace FreshFoodz.Pipeline.Tests;

/// <summary>
/// Runs a script of <c>.github/scripts</c> as a workflow step runs it, with fake <c>pulumi</c>, <c>az</c>, <c>gh</c>,
/// <c>kubelogin</c> and <c>curl</c> first on PATH (<c>Fakes/fake</c>): each records its calls, and a test gives a
/// command its behaviour with <see cref="Handle"/>. Everything a run writes stays in a temp folder.
/// </summary>
internal sealed class Pipeline : IDisposable
{
    public static readonly string[] FakedCommands = ["pulumi", "az", "gh", "kubelogin", "curl"];

    public static string Root { get; } = FreshFoodz.Testing.RepositoryRoot.Path;

    public string Dir { get; } = Directory.CreateTempSubdirectory("freshfoodz-pipeline-").FullName;

    public Dictionary<string, string> Env { get; }

    private string FakeDir => Path.Combine(Dir, "fake");

    public Pipeline()
    {
        foreach (var (tool, package) in new[] { ("jq", "jq"), ("git", "git") })
        {
            Assert.True(File.Exists($"/usr/bin/{tool}") || File.Exists($"/usr/local/bin/{tool}") || File.Exists($"/bin/{tool}"),
                $"{tool} not found: install the Debian package {package} (the pipeline scripts and their fakes use it)");
        }
        var bin = Path.Combine(Dir, "bin");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(Path.Combine(FakeDir, "handlers"));
        var fake = Path.Combine(Root, "tests", "FreshFoodz.Pipeline.Tests", "Fakes", "fake");
        foreach (var command in FakedCommands)
        {
            File.CreateSymbolicLink(Path.Combine(bin, command), fake);
        }
        File.WriteAllText(Path.Combine(FakeDir, "calls.jsonl"), "");
        Env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = $"{bin}:/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = Dir,
            ["LANG"] = "C.UTF-8",
            ["FAKE_DIR"] = FakeDir,
            ["PULUMI_ORG"] = "acme",
            ["GITHUB_REPOSITORY"] = "freshfoodz/infra",
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_ENV"] = Path.Combine(Dir, "github-env"),
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(Dir, "step-summary.md"),
        };
    }

    /// <summary>What <paramref name="command"/> does when called: a bash script body, with the call's "$@" and input.</summary>
    public void Handle(string command, string body)
    {
        var path = Path.Combine(FakeDir, "handlers", command);
        File.WriteAllText(path, "#!/usr/bin/env bash\nset -euo pipefail\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>A file the handlers read (e.g. the stack's tags), in the fakes' folder: $FAKE_DIR/<paramref name="name"/>.</summary>
    public void Fixture(string name, string content) => File.WriteAllText(Path.Combine(FakeDir, name), content);

    public string FixtureText(string name) => File.ReadAllText(Path.Combine(FakeDir, name));

    /// <summary>Runs <c>bash .github/scripts/&lt;script&gt;</c> with no input, bounded to 60 seconds.</summary>
    public Result Run(string script, params string[] args) => RunIn(Dir, script, args);

    public Result RunIn(string workingDirectory, string script, params string[] args)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Root, ".github", "scripts", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Clear();
        foreach (var (key, value) in Env)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} {string.Join(' ', args)} did not finish in 60 seconds");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result, Calls());
    }

    /// <summary>Every call of a faked command so far, in order.</summary>
    public IReadOnlyList<Call> Calls() =>
        [.. File.ReadAllLines(Path.Combine(FakeDir, "calls.jsonl")).Where(l => l.Length > 0).Select(Call.Parse)];

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

internal sealed record Result(int Exit, string Out, string Err, IReadOnlyList<Call> Calls)
{
    public IEnumerable<Call> Of(string command) => Calls.Where(c => c.Cmd == command);

    public Result Succeeded()
    {
        Assert.True(Exit == 0, $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Err}");
        return this;
    }

    public Result Failed(string because)
    {
        Assert.True(Exit != 0, $"expected a failure ({because}), got exit 0\nstdout:\n{Out}");
        Assert.Contains(because, Err, StringComparison.Ordinal);
        return this;
    }
}

internal sealed record Call(string Cmd, IReadOnlyList<string> Args, string Stdin, IReadOnlyDictionary<string, string> Files)
{
    public string Line => string.Join(' ', [Cmd, .. Args]);

    /// <summary>Whether the arguments start with these words (<c>stack tag set</c>).</summary>
    public bool Is(params string[] words) => Args.Count >= words.Length && words.Select((w, i) => Args[i] == w).All(x => x);

    public static Call Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var e = doc.RootElement;
        return new Call(
            e.GetProperty("cmd").GetString()!,
            [.. e.GetProperty("args").EnumerateArray().Select(a => a.GetString()!)],
            e.GetProperty("stdin").GetString()!,
            e.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }
}
