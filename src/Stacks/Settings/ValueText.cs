using System.Globalization;
using System.Text;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// A user's value repeated in an error: quoted, on one line (control and formatting characters escaped) and at most
/// <see cref="MaxShown"/> characters, so a hostile value never floods the terminal, splits a message or reorders it.
/// </summary>
public static class ValueText
{
    public const int MaxShown = 80;

    public static string Quote(string text) => $"'{OneLine(text, MaxShown)}'";

    /// <summary>
    /// <paramref name="text"/> with every character <see cref="Printable"/> refuses escaped (\n, \r, \t, \u001B,
    /// \u202E…), cut to <paramref name="max"/> characters (then "…" and the full length).
    /// </summary>
    public static string OneLine(string text, int max)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (builder.Length >= max)
            {
                return builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)").ToString();
            }
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(ch).Append(text[++i]);
                continue;
            }
            builder.Append(ch switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when Printable.Refuses(ch) => $"\\u{(int)ch:X4}",
                _ => ch.ToString(),
            });
        }
        return builder.ToString();
    }

    /// <summary>
    /// Text from outside (a path, a file's content, a server's reply) made safe for one line of a terminal, whole:
    /// like <see cref="OneLine"/>, without a length limit.
    /// </summary>
    public static string Escaped(string text) => OneLine(text, int.MaxValue);
}

/// <summary>
/// What every text value and key the tool reads must be: printable. Control characters (line breaks, escape
/// sequences' ESC, NUL), formatting characters (bidi overrides such as U+202E, zero-width marks, a stray byte-order
/// mark), line and paragraph separators and unpaired surrogates would forge lines in a terminal or a log, or make a
/// name read as another.
/// </summary>
public static class Printable
{
    /// <summary>Whether a UTF-16 unit is refused (a surrogate is refused only when it is not half of a pair; callers skip pairs).</summary>
    public static bool Refuses(char ch) =>
        ch is '\uFFFE' or '\uFFFF'
        || char.GetUnicodeCategory(ch) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;

    /// <summary>The first refused character as "U+XXXX, a control or formatting character", or null when the text is printable.</summary>
    public static string? Forbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (Refuses(ch))
            {
                return string.Create(CultureInfo.InvariantCulture, $"U+{(int)ch:X4} is a control or formatting character");
            }
        }
        return null;
    }
}
