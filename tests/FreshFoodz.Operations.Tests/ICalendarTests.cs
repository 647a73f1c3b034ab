using System.Text;
using System.Text.RegularExpressions;
using FreshFoodz.Operations.Playbooks;

namespace FreshFoodz.Operations.Tests;

/// <summary>The playbook calendar against RFC 5545's rules for lines, folding, components and all-day events.</summary>
public partial class ICalendarTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PlaybookCalendar Calendar = PlaybookPlanner.Create(TestStacks.Settings("de-prod"), 2026, TestStacks.Rehearsal);
    private static readonly string Ics = ICalendarWriter.Render(Calendar, Stamp);

    /// <summary>Physical lines, without their CRLF.</summary>
    private static string[] PhysicalLines(string ics) => ics[..^2].Split("\r\n");

    /// <summary>Content lines: physical lines with folded continuations joined back (RFC 5545 §3.1 unfolding).</summary>
    private static List<string> ContentLines(string ics) => [.. ics.Replace("\r\n ", "", StringComparison.Ordinal)[..^2].Split("\r\n")];

    [Fact]
    public void EveryLineEndsWithCrlf()
    {
        Assert.EndsWith("\r\n", Ics, StringComparison.Ordinal);
        for (var i = 0; i < Ics.Length; i++)
        {
            if (Ics[i] == '\n')
            {
                Assert.True(i > 0 && Ics[i - 1] == '\r', $"bare LF at offset {i}");
            }
            if (Ics[i] == '\r')
            {
                Assert.True(i + 1 < Ics.Length && Ics[i + 1] == '\n', $"bare CR at offset {i}");
            }
        }
    }

    [Fact]
    public void NoLineIsLongerThan75OctetsAndContinuationsStartWithASpace()
    {
        var lines = PhysicalLines(Ics);
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"{Encoding.UTF8.GetByteCount(l)} octets: {l}"));
        // The descriptions are long, so folding happened, and every continuation starts with exactly one space.
        var continuations = lines.Where(l => l.StartsWith(' ')).ToList();
        Assert.True(continuations.Count > 50, $"only {continuations.Count} continuation lines");
        Assert.All(lines.Where(l => !l.StartsWith(' ')), l => Assert.Matches(ContentLinePattern(), l));
    }

    [Fact]
    public void FoldingNeverSplitsACharacter()
    {
        var b = new StringBuilder();
        // 3-octet € and 4-octet 🎄 (a surrogate pair in .NET) across the 75-octet boundaries.
        ICalendarWriter.Fold("SUMMARY:" + string.Concat(Enumerable.Repeat("€🎄a", 60)), b);
        var folded = b.ToString();
        var lines = PhysicalLines(folded);
        Assert.True(lines.Length > 5);
        Assert.All(lines, l =>
        {
            Assert.True(Encoding.UTF8.GetByteCount(l) <= 75);
            Assert.False(char.IsSurrogate(l[^1]) && char.IsHighSurrogate(l[^1]), "a line ends inside a surrogate pair");
            Assert.False(char.IsLowSurrogate(l.TrimStart(' ')[0]), "a line starts inside a surrogate pair");
        });
        Assert.Equal("SUMMARY:" + string.Concat(Enumerable.Repeat("€🎄a", 60)), ContentLines(folded).Single());
    }

    [Fact]
    public void ComponentsAreBalancedWithOneEventPerMilestone()
    {
        var open = new Stack<string>();
        foreach (var line in ContentLines(Ics))
        {
            if (line.StartsWith("BEGIN:", StringComparison.Ordinal))
            {
                open.Push(line["BEGIN:".Length..]);
            }
            else if (line.StartsWith("END:", StringComparison.Ordinal))
            {
                Assert.Equal(open.Pop(), line["END:".Length..]);
            }
        }
        Assert.Empty(open);
        var content = ContentLines(Ics);
        Assert.Equal("BEGIN:VCALENDAR", content[0]);
        Assert.Equal("END:VCALENDAR", content[^1]);
        Assert.Contains("VERSION:2.0", content);
        Assert.Single(content, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        Assert.Equal(18, content.Count(l => l == "BEGIN:VEVENT"));
    }

    [Fact]
    public void UidsAreUniqueAndStableAcrossRenders()
    {
        static List<string> Uids(string ics) => [.. ContentLines(ics).Where(l => l.StartsWith("UID:", StringComparison.Ordinal))];
        var uids = Uids(Ics);
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.Contains("UID:de-prod.weihnachten.2026.capacity-plan@freshfoodz-infra", uids);
        // A second render, a later DTSTAMP and even another lead time keep every UID.
        var again = ICalendarWriter.Render(PlaybookPlanner.Create(TestStacks.Settings("de-prod"), 2026, TestStacks.Rehearsal), Stamp.AddDays(40));
        Assert.Equal(uids, Uids(again));
        var otherLead = TestStacks.SettingsWith("de-prod", ("freshfoodz:season: auto", "freshfoodz:season: auto\n  freshfoodz:leadTimeDays: 21"));
        Assert.Equal(uids, Uids(ICalendarWriter.Render(PlaybookPlanner.Create(otherLead, 2026, TestStacks.Rehearsal), Stamp)));
        // The same stamp gives the same bytes; another stack, other UIDs.
        Assert.Equal(Ics, ICalendarWriter.Render(PlaybookPlanner.Create(TestStacks.Settings("de-prod"), 2026, TestStacks.Rehearsal), Stamp));
        Assert.Empty(Uids(ICalendarWriter.Render(PlaybookPlanner.Create(TestStacks.Settings("ch-prod"), 2026, TestStacks.Rehearsal), Stamp)).Intersect(uids));
    }

    [Fact]
    public void DtstampIsTheRendersUtcTimeInBasicFormat()
    {
        var stamps = ContentLines(Ics).Where(l => l.StartsWith("DTSTAMP", StringComparison.Ordinal)).ToList();
        Assert.Equal(18, stamps.Count);
        Assert.All(stamps, s => Assert.Equal("DTSTAMP:20260101T000000Z", s));
        var later = ICalendarWriter.Render(Calendar, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(1)));
        Assert.Contains("DTSTAMP:20260304T040607Z", ContentLines(later));
    }

    /// <summary>All-day events: VALUE=DATE, DTEND the day after the last day (exclusive).</summary>
    [Fact]
    public void MilestonesAreAllDayEventsWithAnExclusiveEnd()
    {
        var events = Events(Ics);
        var t30 = events.Single(e => e.Contains("UID:de-prod.weihnachten.2026.capacity-plan@freshfoodz-infra"));
        Assert.Contains("DTSTART;VALUE=DATE:20261002", t30);
        Assert.Contains("DTEND;VALUE=DATE:20261003", t30);
        Assert.Contains("SUMMARY:T-30 Weihnachten 2026: capacity plan\\, rehearsal load test\\, restore drill\\, team briefing", t30);
        var warRoom = events.Single(e => e.Contains("UID:de-prod.weihnachten.2026.war-room@freshfoodz-infra"));
        Assert.Contains("DTSTART;VALUE=DATE:20261101", warRoom);
        Assert.Contains("DTEND;VALUE=DATE:20270101", warRoom);
        Assert.All(events, e => Assert.Single(e, l => DateStartPattern().IsMatch(l)));
        Assert.DoesNotContain(ContentLines(Ics), l => l.StartsWith("DTSTART:", StringComparison.Ordinal));
    }

    [Fact]
    public void TextValuesAreEscaped()
    {
        Assert.Equal("a\\,b\\;c\\\\d\\ne", ICalendarWriter.Text("a,b;c\\d\ne"));
        var description = ContentLines(Ics).First(l => l.StartsWith("DESCRIPTION:Capacity plan for Weihnachten", StringComparison.Ordinal));
        Assert.Contains("\\nWhat the season switch changes", description, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', description);
    }

    /// <summary>The calendar carries the playbook's commands: the rehearsal is opened by its tag, never by setting its season.</summary>
    [Fact]
    public void TheCalendarOpensTheRehearsalByItsTag()
    {
        var t30 = Events(Ics).Single(e => e.Contains("UID:de-prod.weihnachten.2026.capacity-plan@freshfoodz-infra"));
        var description = Assert.Single(t30, l => l.StartsWith("DESCRIPTION:", StringComparison.Ordinal));
        Assert.Contains("pulumi stack tag set freshfoodz:rehearsalUntil 2026-10-02 -s <org>/freshfoodz-infra/peak-weihnachten  # by 2026-10-01", description, StringComparison.Ordinal);
        Assert.DoesNotContain(ContentLines(Ics), l => l.Contains("pulumi config set freshfoodz:season", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCalendarSaysItIsGenerated()
    {
        Assert.Contains("X-WR-CALDESC:generated by freshfoodz render playbooks --stack de-prod --year 2026 — do not edit", ContentLines(Ics));
        Assert.Contains("X-WR-CALNAME:FreshFoodz de-prod seasonal playbooks 2026", ContentLines(Ics));
    }

    private static List<List<string>> Events(string ics)
    {
        var events = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in ContentLines(ics))
        {
            if (line == "BEGIN:VEVENT")
            {
                current = [];
            }
            else if (line == "END:VEVENT")
            {
                events.Add(current!);
                current = null;
            }
            else
            {
                current?.Add(line);
            }
        }
        return events;
    }

    /// <summary>name *(";" param) ":" value (§3.1), names being IANA or X- tokens.</summary>
    [GeneratedRegex(@"^[A-Z][A-Z0-9-]*(;[A-Z-]+=[^:;]+)*:")]
    private static partial Regex ContentLinePattern();

    [GeneratedRegex(@"^DTSTART;VALUE=DATE:\d{8}$")]
    private static partial Regex DateStartPattern();
}
