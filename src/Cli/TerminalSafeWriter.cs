using System.Globalization;
using System.Text;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli;

/// <summary>
/// Everything the tool prints passes through this writer: a control or formatting character that is not the line
/// break the tool writes (ESC of a terminal escape sequence, a carriage return, a bidi override) is printed escaped
/// (\u001B), whatever outside data it came in with (a Prometheus label, a file's content, a path), so no output can
/// move the cursor, recolour or clear a terminal, or forge a line.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => CultureInfo.InvariantCulture;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter takes null for the default.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value)
    {
        if (value is '\n' or '\t' || (value == '\r' && inner.NewLine.Contains('\r', StringComparison.Ordinal)) || !Printable.Refuses(value) || char.IsSurrogate(value))
        {
            inner.Write(value);
        }
        else
        {
            inner.Write(string.Create(CultureInfo.InvariantCulture, $"\\u{(int)value:X4}"));
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }
        if (!value.Any(c => c is not ('\n' or '\t') && Printable.Refuses(c) && !char.IsSurrogate(c)))
        {
            inner.Write(value);
            return;
        }
        foreach (var c in value)
        {
            Write(c);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();

    /// <summary>The inner writer is the caller's (the console, a test's StringWriter): flushed, never closed.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Flush();
        }
        base.Dispose(disposing);
    }
}
