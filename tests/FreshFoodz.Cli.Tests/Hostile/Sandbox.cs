using System.Diagnostics;
using System.Security.Cryptography;

namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>
/// A project folder of its own for one hostile case: Pulumi.yaml, the three real stack files, an empty
/// <c>out/</c>, and whatever the case adds. Remembers every path and every regular file's hash, so a case can
/// show that nothing changed outside <c>out/</c> and no stack file changed at all.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("freshfoodz-hostile-").FullName;

    public string Out => Path.Combine(Root, "out");

    private Dictionary<string, string>? _before;

    public Sandbox()
    {
        File.Copy(Path.Combine(CliRunner.Root, "Pulumi.yaml"), Path.Combine(Root, "Pulumi.yaml"));
        FreshFoodz.Testing.ProjectCopy.CopyEnvironments(Root);
        foreach (var stack in new[] { "de-prod", "ch-prod", "peak-weihnachten" })
        {
            File.Copy(Path.Combine(CliRunner.Root, $"Pulumi.{stack}.yaml"), StackFile(stack));
            // The stack's price sheet, which render, report and capacity read beside the stack file.
            Directory.CreateDirectory(Path.Combine(Root, "prices"));
            File.Copy(Path.Combine(CliRunner.Root, "prices", $"{stack}.prices.yaml"), Path.Combine(Root, "prices", $"{stack}.prices.yaml"));
        }
        // The hostile stack is de-prod under another name: it prices with de-prod's sheet, which says whose it is.
        File.WriteAllText(Path.Combine(Root, "prices", "hostile.prices.yaml"),
            File.ReadAllText(Path.Combine(CliRunner.Root, "prices", "de-prod.prices.yaml")).Replace("stack: \"de-prod\"", "stack: \"hostile\"", StringComparison.Ordinal));
    }

    public string StackFile(string stack) => Path.Combine(Root, $"Pulumi.{stack}.yaml");

    public static string DeProd { get; } = File.ReadAllText(Path.Combine(CliRunner.Root, "Pulumi.de-prod.yaml"));

    /// <summary>de-prod with one replacement; the case fails loudly if the text to replace is not there.</summary>
    public static string DeProdWith(string old, string replacement) =>
        DeProd.Contains(old, StringComparison.Ordinal) ? DeProd.Replace(old, replacement, StringComparison.Ordinal) : throw new ArgumentException($"not in de-prod: {old}");

    public void Write(string stack, string text) => File.WriteAllText(StackFile(stack), text);

    public void WriteBytes(string stack, byte[] bytes) => File.WriteAllBytes(StackFile(stack), bytes);

    public void Symlink(string stack, string target) => File.CreateSymbolicLink(StackFile(stack), target);

    public void Fifo(string stack) => FifoAt(StackFile(stack));

    /// <summary>A named pipe at <paramref name="path"/> (a reader that opens it blocks until someone writes).</summary>
    public static void FifoAt(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>Records the sandbox as it is before the command runs.</summary>
    public void Snapshot() => _before = State();

    /// <summary>Paths outside out/ that appeared, vanished or changed since <see cref="Snapshot"/>.</summary>
    public IReadOnlyList<string> ChangedOutsideOut()
    {
        var after = State();
        return [.. _before!.Keys.Union(after.Keys)
            .Where(p => !p.StartsWith("out", StringComparison.Ordinal))
            .Where(p => !_before.TryGetValue(p, out var a) || !after.TryGetValue(p, out var b) || a != b)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Files written under out/ (temporary siblings included: none may be left behind).</summary>
    public IReadOnlyList<string> WrittenToOut() =>
        Directory.Exists(Out) ? [.. Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f))] : [];

    /// <summary>Every entry (path → kind and, for a regular file, its hash). Links are not followed, pipes never opened.</summary>
    private Dictionary<string, string> State()
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        // Hidden entries too: a temporary sibling left behind starts with a dot.
        var everything = new EnumerationOptions { RecurseSubdirectories = true };
        everything.AttributesToSkip &= ~(FileAttributes.Hidden | FileAttributes.System);
        foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos("*", everything))
        {
            var path = Path.GetRelativePath(Root, entry.FullName);
            state[path] = entry switch
            {
                { LinkTarget: { } target } => $"link {target}",
                DirectoryInfo => "dir",
                FileInfo { Length: > 0 } file => $"file {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)))} {(OperatingSystem.IsWindows() ? "" : File.GetUnixFileMode(file.FullName))}",
                _ => "empty or special",
            };
        }
        return state;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A pipe or a link left behind in /tmp is harmless.
        }
    }
}
