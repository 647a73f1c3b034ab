using System.Globalization;
using System.Text;

namespace FreshFoodz.Operations.Playbooks;

/// <summary>
/// The playbook milestones as an iCalendar file (RFC 5545) a team calendar can subscribe to: one all-day VEVENT per
/// milestone (DTSTART/DTEND with VALUE=DATE, DTEND exclusive, §3.6.1), UIDs stable across renders, one DTSTAMP per
/// render so the same input gives the same bytes, CRLF line ends and lines folded at 75 octets (§3.1).
/// Written by hand: the format is small, and the folding and escaping rules are the part worth testing.
/// </summary>
public static class ICalendarWriter
{
    /// <summary>RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break."</summary>
    public const int MaxLineOctets = 75;

    public static string FileName(string stack, int year) => $"{stack}-{year.ToString(CultureInfo.InvariantCulture)}-playbooks.ics";

    /// <param name="calendar">The milestones.</param>
    /// <param name="stamp">DTSTAMP of every event: when this calendar was rendered, fixed by the caller.</param>
    public static string Render(PlaybookCalendar calendar, DateTimeOffset stamp)
    {
        var year = calendar.Year.ToString(CultureInfo.InvariantCulture);
        var notice = Generated.Notice($"render playbooks --stack {calendar.Stack} --year {year}");
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            $"PRODID:-//FreshFoodz//freshfoodz-infra playbooks {Text(calendar.Stack)}//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            $"X-WR-CALNAME:{Text($"FreshFoodz {calendar.Stack} seasonal playbooks {year}")}",
            $"X-WR-CALDESC:{Text(notice)}",
        };
        var dtstamp = stamp.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var m in calendar.Milestones)
        {
            var description = string.Join("\n", m.Actions.Select(a => $"{a.What}: {a.Run}"));
            lines.AddRange(
            [
                "BEGIN:VEVENT",
                $"UID:{Text(m.Uid)}",
                $"DTSTAMP:{dtstamp}",
                $"DTSTART;VALUE=DATE:{Date(m.Start)}",
                // DTEND is exclusive for all-day events: the day after the last day.
                $"DTEND;VALUE=DATE:{Date(m.End.AddDays(1))}",
                $"SUMMARY:{Text(m.Title)}",
                $"DESCRIPTION:{Text(description)}",
                $"CATEGORIES:{Text(PlaybookPlanner.Display(m.Season))},{Text(m.Label)}",
                // A milestone does not make anyone busy all day.
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]);
        }
        lines.Add("END:VCALENDAR");
        var b = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, b);
        }
        return b.ToString();
    }

    /// <summary>
    /// RFC 5545 §3.1: a long line is split into lines of at most 75 octets, each continuation starting with one space
    /// (which counts towards its 75). Splits fall between characters, never inside a UTF-8 sequence.
    /// </summary>
    public static void Fold(string line, StringBuilder output)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                output.Append("\r\n ");
                octets = 1;
            }
            output.Append(rune.ToString());
            octets += size;
        }
        output.Append("\r\n");
    }

    /// <summary>TEXT values (§3.3.11): backslash, semicolon and comma escaped, line breaks as \n.</summary>
    public static string Text(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Date(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
