using System.Text;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads a file people keep beside the project (stack file, price sheet, usage estimates) only if it is a readable
/// regular file of at most <see cref="YamlFile.MaxBytes"/> in UTF-8: checked before it is opened, so a pipe
/// or a device is never read (opening a FIFO would block) and a link loop or a huge file is refused by name.
/// </summary>
public static class BoundedFile
{
    /// <summary>
    /// The file's text, or null when there is no file. <paramref name="noun"/> names what it should be ("stack file"),
    /// <paramref name="shape"/> says what it holds; <paramref name="fail"/> turns a message into the caller's error.
    /// </summary>
    public static string? ReadText(string path, string noun, string shape, Func<string, Exception> fail)
    {
        var max = YamlFile.MaxBytes;
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            FileSystemInfo? target;
            try
            {
                target = File.ResolveLinkTarget(path, returnFinalTarget: true);
            }
            catch (IOException)
            {
                throw fail($"is a symbolic link that cannot be resolved (a loop?); point it at the {noun}");
            }
            if (target is null || !target.Exists)
            {
                throw fail($"is a symbolic link to a missing file ({target?.FullName ?? info.LinkTarget})");
            }
            info = new FileInfo(target.FullName);
        }
        if (Directory.Exists(info.FullName))
        {
            throw fail($"is a folder, not a {noun}");
        }
        if (!info.Exists)
        {
            return null;
        }
        if (info.Length == 0)
        {
            // A pipe, a socket or a device reports size 0 too.
            throw fail($"is empty or not a regular file (a pipe or a device); {shape}");
        }
        if (info.Length > max)
        {
            throw fail($"is {info.Length} bytes; a {noun} may have at most {max} bytes (1 MiB)");
        }
        byte[] bytes;
        try
        {
            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
            bytes = new byte[max + 1];
            var read = 0;
            for (int n; read < bytes.Length && (n = stream.Read(bytes, read, bytes.Length - read)) > 0;)
            {
                read += n;
            }
            if (read > max)
            {
                throw fail($"has more than {max} bytes (1 MiB), the most a {noun} may have");
            }
            Array.Resize(ref bytes, read);
        }
        catch (UnauthorizedAccessException)
        {
            throw fail("cannot be read: permission denied");
        }
        catch (IOException e)
        {
            throw fail($"cannot be read: {ValueText.OneLine(e.Message, 200)}");
        }
        try
        {
            return StrictUtf8.GetString(bytes.AsSpan().StartsWith(Bom) ? bytes.AsSpan(Bom.Length) : bytes);
        }
        catch (DecoderFallbackException)
        {
            throw fail("is not UTF-8 text");
        }
    }

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
