using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// Where the commands write: --out checked before anything is written (a file where a folder belongs, a symbolic
/// link, a device, a pipe, or a file the tool reads is a usage error), then every file through the one writer
/// (<see cref="AtomicFile"/>), whose failures name the path (exit 5).
/// </summary>
internal static class OutputPaths
{
    /// <summary>The --out folder, created if missing.</summary>
    public static string Folder(DirectoryInfo given)
    {
        var path = given.FullName;
        switch (FileNode.Kind(path))
        {
            case FileNodeKind.RegularFile:
                throw new UsageException($"--out: {Shown(path)} is a file; expected a folder to write into");
            case FileNodeKind.SymbolicLink or FileNodeKind.Special:
                throw new UsageException($"--out: {Shown(path)} is not a folder: {AtomicFile.Refusal(FileNode.Kind(path))}");
            default:
                return AtomicFile.CreateFolder(path);
        }
    }

    /// <summary>The --out file, which must not be one the command reads (<paramref name="projectDir"/>'s inputs, and <paramref name="alsoReads"/>); its folder is created if missing.</summary>
    public static string File(FileInfo given, string projectDir, IEnumerable<string>? alsoReads = null)
    {
        var path = given.FullName;
        var kind = FileNode.Kind(path);
        if (kind == FileNodeKind.Folder || given.DirectoryName is null || Path.EndsInDirectorySeparator(given.ToString()))
        {
            throw new UsageException($"--out: {Shown(path)} is a folder; expected the file to write, e.g. report.html");
        }
        if (AtomicFile.Refusal(kind) is { } refused)
        {
            throw new UsageException($"--out: {Shown(path)} cannot be written: {refused}");
        }
        if (ProjectInputs.Named(projectDir, path, alsoReads ?? []) is { } input)
        {
            throw new UsageException($"--out: {Shown(path)} is {Shown(input)}, a file the tool reads; write the output elsewhere");
        }
        var folder = given.DirectoryName;
        if (FileNode.Kind(folder) is FileNodeKind.RegularFile or FileNodeKind.Special)
        {
            throw new UsageException($"--out: {Shown(folder)} is a file, not a folder to write {Shown(Path.GetFileName(path))} into");
        }
        AtomicFile.CreateFolder(folder);
        return path;
    }

    /// <summary>Writes a file through the one writer and says so on stdout, one line per file.</summary>
    public static void Write(CliContext context, string path, string content)
    {
        AtomicFile.WriteAllText(path, content);
        context.Out.WriteLine($"wrote {Shown(path)}");
    }

    /// <summary>A path in a message or a line of output: whole, on one line, control and formatting characters escaped.</summary>
    public static string Shown(string path) => ValueText.Escaped(path);
}
