namespace FreshFoodz.Cli.Tests;

/// <summary><c>render playbooks</c>, <c>render k6</c> and <c>report</c>: the files they write and how they fail.</summary>
public sealed class OperationsCommandTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("freshfoodz-render-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void RenderPlaybooksWritesMarkdownAndICalendar()
    {
        var (exit, output, error) = CliRunner.Run("render", "playbooks", "--stack", "de-prod", "--year", "2026", "--out", _out);
        Assert.True(exit == 0, error);
        var md = Path.Combine(_out, "de-prod-2026-playbooks.md");
        var ics = Path.Combine(_out, "de-prod-2026-playbooks.ics");
        Assert.Equal($"wrote {md}\nwrote {ics}\n", output.ReplaceLineEndings("\n"));
        Assert.Contains("### T-14, 2026-10-18: season switch applied", File.ReadAllText(md), StringComparison.Ordinal);
        var calendar = File.ReadAllText(ics);
        // The default DTSTAMP is January 1 of --year, so two renders are the same bytes.
        Assert.Contains("DTSTAMP:20260101T000000Z\r\n", calendar, StringComparison.Ordinal);
        // The load tests run on the project's rehearsal stack, found among the stack files.
        Assert.Contains("on the rehearsal stack peak-weihnachten", File.ReadAllText(md), StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("render", "playbooks", "--stack", "de-prod", "--year", "2026", "--out", _out).Exit);
        Assert.Equal(calendar, File.ReadAllText(ics));
    }

    [Fact]
    public void NowSetsTheCalendarsStampAndABadOneIsAUsageError()
    {
        Assert.Equal(0, CliRunner.Run("render", "playbooks", "--stack", "ch-prod", "--year", "2027", "--now", "2026-11-22T09:00:00Z", "--out", _out).Exit);
        Assert.Contains("DTSTAMP:20261122T090000Z\r\n", File.ReadAllText(Path.Combine(_out, "ch-prod-2027-playbooks.ics")), StringComparison.Ordinal);
        var (exit, _, error) = CliRunner.Run("render", "playbooks", "--stack", "ch-prod", "--now", "yesterday", "--out", _out);
        Assert.Equal(1, exit);
        Assert.Equal("error: --now: expected yyyy-MM-ddTHH:mm:ssZ, got 'yesterday'\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void RenderK6WritesOneScriptPerSeason()
    {
        var (exit, _, error) = CliRunner.Run("render", "k6", "--stack", "ch-prod", "--out", _out);
        Assert.True(exit == 0, error);
        Assert.Equal(["ch-prod-oktoberfest.js", "ch-prod-spargel.js", "ch-prod-weihnachten.js"],
            Directory.EnumerateFiles(_out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("{ duration: '45m', target: 75 }", File.ReadAllText(Path.Combine(_out, "ch-prod-weihnachten.js")), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWritesTheYearView()
    {
        var file = Path.Combine(_out, "views", "report.html");
        var (exit, output, error) = CliRunner.Run("report", "--stack", "de-prod", "--year", "2026", "--out", file);
        Assert.True(exit == 0, error);
        Assert.Equal($"wrote {file}\n", output.ReplaceLineEndings("\n"));
        var html = File.ReadAllText(file);
        Assert.Contains("<svg id=\"load-capacity\"", html, StringComparison.Ordinal);
        Assert.Contains("FreshFoodz de-prod: 2026 at a glance", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AYearOutOfRangeIsAUsageError()
    {
        var (exit, _, error) = CliRunner.Run("report", "--stack", "de-prod", "--year", "1999", "--out", Path.Combine(_out, "r.html"));
        Assert.Equal(1, exit);
        Assert.Equal("error: --year: expected a year from 2000 to 2100, got 1999\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AStackThatEnablesChaosOnProductionIsRefused()
    {
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, "Pulumi.de-prod.yaml")) + "  freshfoodz:chaosExperiments: true\n";
        var dir = CliRunner.ProjectWith("chaotic", yaml);
        var stderr = new StringWriter();
        var exit = CliApp.Run(["render", "k6", "--stack", "chaotic", "--out", _out, "--project-dir", dir], new StringWriter(), stderr, TimeProvider.System);
        Assert.Equal(2, exit);
        Assert.Contains("freshfoodz:chaosExperiments: chaos experiments run only on a rehearsal stack", stderr.ToString(), StringComparison.Ordinal);
    }
}
