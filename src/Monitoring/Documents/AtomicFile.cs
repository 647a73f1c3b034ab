using System.Text;

namespace FreshFoodz.Monitoring.Documents;

/// <summary>
/// Writes a file as a whole or not at all: the bytes go to a temporary sibling, are flushed to disk, and the
/// sibling is renamed over the target (atomic within a folder on POSIX). A crash or a full disk leaves the previous
/// file or none, never a truncated one that a tool like promtool would read as "0 rules".
/// </summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark, as File.WriteAllText writes.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content) => WriteAllBytes(path, Utf8.GetBytes(content));

    /// <param name="path">The file to replace or create.</param>
    /// <param name="bytes">Its new content.</param>
    /// <param name="mode">Permissions to give it (Unix); default: the process's defaults for a new file.</param>
    public static void WriteAllBytes(string path, byte[] bytes, UnixFileMode? mode = null)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }
            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, m);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
