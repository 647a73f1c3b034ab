using System.Security.Cryptography;
using System.Text;

namespace FreshFoodz.Monitoring.Documents;

/// <summary>A file that could not be written; <see cref="Path"/> names it and <see cref="Reason"/> says why (exit 5 in the CLI).</summary>
public sealed class FileWriteException(string path, string reason) : Exception($"cannot write {path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}

/// <summary>
/// The one writer of every file the tool writes. A file is written as a whole or not at all: the bytes go to a new
/// temporary sibling, created exclusively under a random name (never a fixed one, where a planted link would be
/// followed), flushed to disk and renamed over the target (atomic within a folder on POSIX). A crash or a full disk
/// leaves the previous file or none, never a truncated one, and no temporary file is left behind by a failure. Only
/// a regular file is ever replaced: a symbolic link, a device, a pipe, a socket or a folder in the way is refused.
/// Every failure is a <see cref="FileWriteException"/> naming the path.
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
        var full = System.IO.Path.GetFullPath(path);
        if (Refusal(FileNode.Kind(full)) is { } refused)
        {
            throw new FileWriteException(full, refused);
        }
        var folder = System.IO.Path.GetDirectoryName(full)!;
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
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
        catch (UnauthorizedAccessException)
        {
            throw new FileWriteException(full, "permission denied");
        }
        catch (IOException e)
        {
            throw new FileWriteException(full, e.Message);
        }
        finally
        {
            Remove(temporary);
        }
    }

    /// <summary>
    /// Replaces an input in place (a stack file <c>calibrate --write</c> updates, a price sheet <c>prices refresh</c>
    /// rewrites): a symbolic link stays a link and the regular file it points at is written, keeping its permissions.
    /// </summary>
    public static void Update(string path, byte[] bytes)
    {
        var target = System.IO.Path.GetFullPath(path);
        try
        {
            if (FileNode.Kind(target) == FileNodeKind.SymbolicLink)
            {
                target = File.ResolveLinkTarget(target, returnFinalTarget: true)?.FullName ?? target;
            }
        }
        catch (IOException)
        {
            throw new FileWriteException(System.IO.Path.GetFullPath(path), "it is a symbolic link that cannot be resolved (a loop?)");
        }
        WriteAllBytes(target, bytes, OperatingSystem.IsWindows() || FileNode.Kind(target) != FileNodeKind.RegularFile ? null : File.GetUnixFileMode(target));
    }

    /// <summary>Creates <paramref name="folder"/> and the folders above it where missing; a failure names it.</summary>
    public static string CreateFolder(string folder)
    {
        var full = System.IO.Path.GetFullPath(folder);
        try
        {
            return Directory.CreateDirectory(full).FullName;
        }
        catch (UnauthorizedAccessException)
        {
            throw new FileWriteException(full, "permission denied");
        }
        catch (IOException e)
        {
            throw new FileWriteException(full, e.Message);
        }
    }

    /// <summary>Why a path of this kind is never replaced, or null when it may be (a regular file, or nothing yet).</summary>
    public static string? Refusal(FileNodeKind kind) => kind switch
    {
        FileNodeKind.SymbolicLink => "it is a symbolic link; the tool replaces only regular files (name the file itself, or remove the link)",
        FileNodeKind.Folder => "it is a folder",
        FileNodeKind.Special => "it is a device, a pipe or a socket, not a regular file; the tool never replaces one",
        _ => null,
    };

    private static void Remove(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
            // Already renamed, or its folder is gone: nothing is left behind either way.
        }
        catch (UnauthorizedAccessException)
        {
            // The folder turned read-only after the file was created: nothing more can be done.
        }
    }
}
