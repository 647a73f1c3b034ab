using FreshFoodz.Monitoring.Documents;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// Where the commands write: --out checked before anything is written (a file where a folder belongs is a usage
/// error), each file written atomically, and a failed write (permissions, a full disk) one line naming the path.
/// </summary>
internal static class OutputPaths
{
    /// <summary>The --out folder, created if missing.</summary>
    public static string Folder(DirectoryInfo given)
    {
        var path = given.FullName;
        if (System.IO.File.Exists(path))
        {
            throw new UsageException($"--out: {path} is a file; expected a folder to write into");
        }
        return Writing(path, () => Directory.CreateDirectory(path).FullName);
    }

    /// <summary>The --out file; its folder is created if missing.</summary>
    public static string File(FileInfo given)
    {
        var path = given.FullName;
        if (Directory.Exists(path) || given.DirectoryName is null || Path.EndsInDirectorySeparator(given.ToString()))
        {
            throw new UsageException($"--out: {path} is a folder; expected the file to write, e.g. report.html");
        }
        var folder = given.DirectoryName;
        if (System.IO.File.Exists(folder))
        {
            throw new UsageException($"--out: {folder} is a file, not a folder to write {Path.GetFileName(path)} into");
        }
        Writing(folder, () => Directory.CreateDirectory(folder));
        return path;
    }

    /// <summary>Writes a file atomically and says so on stdout, one line per file.</summary>
    public static void Write(CliContext context, string path, string content)
    {
        Writing(path, () =>
        {
            AtomicFile.WriteAllText(path, content);
            return path;
        });
        context.Out.WriteLine($"wrote {path}");
    }

    /// <summary>Runs a write; an I/O failure becomes an <see cref="OutputException"/> naming <paramref name="path"/>.</summary>
    public static T Writing<T>(string path, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write {path}: permission denied");
        }
        catch (IOException e)
        {
            throw new OutputException($"cannot write {path}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
