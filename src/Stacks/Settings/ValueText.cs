using System.Globalization;
using System.Text;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// A user's value repeated in an error: quoted, on one line (control characters escaped) and at most
/// <see cref="MaxShown"/> characters, so a hostile value never floods the terminal or splits a message.
/// </summary>
public static class ValueText
{
    public const int MaxShown = 80;

    public static string Quote(string text) => $"'{OneLine(text, MaxShown)}'";

    /// <summary><paramref name="text"/> with control characters as \n, \t or \u00XX, cut to <paramref name="max"/> characters (then "…" and the full length).</summary>
    public static string OneLine(string text, int max)
    {
        var builder = new StringBuilder();
        foreach (var ch in text)
        {
            if (builder.Length >= max)
            {
                return builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)").ToString();
            }
            builder.Append(ch switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(ch) || ch is '\u2028' or '\u2029' => $"\\u{(int)ch:X4}",
                _ => ch.ToString(),
            });
        }
        return builder.ToString();
    }
}
