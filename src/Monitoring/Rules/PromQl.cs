using System.Globalization;
using System.Text;
using FreshFoodz.Capacity.Seasons;

namespace FreshFoodz.Monitoring.Rules;

/// <summary>PromQL text: selectors, numbers, durations and the calendar guards the rules share.</summary>
public static class PromQl
{
    /// <summary><c>metric{a="x",b=~"y|z"}</c>; matchers are (label, operator, value).</summary>
    public static string Selector(string metric, params (string Label, string Op, string Value)[] matchers) =>
        matchers.Length == 0 ? metric : $"{metric}{{{string.Join(",", matchers.Select(m => $"{m.Label}{m.Op}{Quote(m.Value)}"))}}}";

    /// <summary>A PromQL double-quoted string (Go escapes).</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>Shortest round-trip decimal text (PromQL reads it back exactly).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A value rounded to 3 decimals, for thresholds computed by the capacity engine.</summary>
    public static string Rounded(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A Prometheus duration: the largest whole unit (<c>3d</c>, <c>6h</c>, <c>30m</c>, <c>90s</c>, <c>0s</c>).</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (long)span.TotalSeconds;
        if (seconds < 0 || span.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(span), span, "a whole, non-negative number of seconds");
        }
        return seconds == 0 ? "0s"
            : seconds % 86_400 == 0 ? $"{seconds / 86_400}d"
            : seconds % 3_600 == 0 ? $"{seconds / 3_600}h"
            : seconds % 60 == 0 ? $"{seconds / 60}m"
            : $"{seconds}s";
    }

    /// <summary>
    /// A regex for a histogram bucket's <c>le</c> label at <paramref name="bound"/>. Go clients write a whole bound as
    /// "2", Java and Python clients (and Prometheus 3, which normalizes classic histograms) as "2.0": both match.
    /// </summary>
    public static string LeRegex(double bound)
    {
        var text = Number(bound);
        var escaped = text.Replace(".", "\\.", StringComparison.Ordinal);
        return double.IsInteger(bound) && !text.Contains('E', StringComparison.Ordinal) ? $"{escaped}|{escaped}\\.0" : escaped;
    }

    /// <summary>
    /// True (a one-element vector) while the UTC date is inside [from, to], a window of whole days that may wrap the
    /// year end. Uses PromQL's month() and day_of_month() at evaluation time.
    /// </summary>
    public static string DateWindow(MonthDay from, MonthDay to)
    {
        static int Key(MonthDay d) => d.Month * 100 + d.Day;
        if (from.Month == to.Month && Key(from) > Key(to))
        {
            throw new ArgumentException($"a window from {from} to {to} wraps within one month, which this guard does not express", nameof(to));
        }
        var parts = new List<string>();
        var months = new List<int>();
        for (var m = from.Month; ; m = m % 12 + 1)
        {
            months.Add(m);
            if (m == to.Month && (months.Count > 1 || Key(from) <= Key(to)))
            {
                break;
            }
        }
        foreach (var m in months)
        {
            var first = m == from.Month && months.IndexOf(m) == 0 ? from.Day : 1;
            var last = m == to.Month && months.LastIndexOf(m) == months.Count - 1 ? to.Day : 31;
            var month = $"month() == {m}";
            parts.Add((first, last) switch
            {
                (1, 31) => month,
                (1, _) => $"({month} and day_of_month() <= {last})",
                (_, 31) => $"({month} and day_of_month() >= {first})",
                _ => $"({month} and day_of_month() >= {first} and day_of_month() <= {last})",
            });
        }
        return $"({string.Join(" or ", parts)})";
    }
}
