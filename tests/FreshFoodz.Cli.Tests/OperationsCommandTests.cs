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
    public void RenderDrillsWritesOneFailoverScriptPerReplicatedTier()
    {
        var (exit, _, error) = CliRunner.Run("render", "drills", "--stack", "de-prod", "--out", _out);
        Assert.True(exit == 0, error);
        Assert.Equal(["de-prod-failover-critical.sh", "de-prod-failover-high.sh"], Directory.EnumerateFiles(_out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("--promote-mode switchover --promote-option planned --yes", File.ReadAllText(Path.Combine(_out, "de-prod-failover-high.sh")), StringComparison.Ordinal);
        // The rehearsal keeps no replica: said in one line, nothing written.
        var empty = Path.Combine(_out, "none");
        var (rehearsalExit, output, _) = CliRunner.Run("render", "drills", "--stack", "peak-weihnachten", "--out", empty);
        Assert.Equal(0, rehearsalExit);
        Assert.Equal("peak-weihnachten keeps no replica (freshfoodz:crossRegionReplicas: false): no tier to switch over, nothing written\n", output.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(empty));
    }

    [Fact]
    public void RenderK6AddsTheFloodsWhereTheStackPlansChaos()
    {
        var (exit, _, error) = CliRunner.Run("render", "k6", "--stack", "peak-weihnachten", "--out", _out);
        Assert.True(exit == 0, error);
        Assert.Contains("peak-weihnachten-sample-flood.js", Directory.EnumerateFiles(_out).Select(Path.GetFileName));
        Assert.Contains("peak-weihnachten-gdpr-flood.js", Directory.EnumerateFiles(_out).Select(Path.GetFileName));
    }

    /// <summary>With --prometheus the report reads the drills' series at report time and shows them beside the targets.</summary>
    [Fact]
    public void ReportReadsTheLastDrillsFromPrometheusWhenAsked()
    {
        var queries = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var prometheus = new LoopbackHttpServer(async c =>
        {
            var query = c.Request.QueryString["query"] ?? "";
            queries.Add(query);
            var value = query.Contains("freshfoodz_drill_rto_seconds", StringComparison.Ordinal) ? "1500"
                : query.Contains("freshfoodz_drill_rpo_seconds", StringComparison.Ordinal) ? "40"
                : query.Contains("freshfoodz_drill_verified_timestamp_seconds", StringComparison.Ordinal) ? "1790000000"
                : "1";
            var body = System.Text.Encoding.UTF8.GetBytes(
                """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"tier":"critical","kind":"pitr","drill":"20261002"},"value":[1795000000,"VALUE"]}]}}""".Replace("VALUE", value, StringComparison.Ordinal));
            c.Response.ContentType = "application/json";
            await c.Response.OutputStream.WriteAsync(body);
            c.Response.Close();
        });
        var file = Path.Combine(_out, "report.html");
        var (exit, _, error) = CliRunner.Run("report", "--stack", "de-prod", "--year", "2026", "--prometheus", prometheus.BaseUrl, "--out", file);
        Assert.True(exit == 0, error);
        var html = File.ReadAllText(file);
        Assert.Contains("<td>critical</td><td>pitr 20261002</td><td>1 h</td><td>1500 s</td><td>15 min</td><td>40 s</td>", html, StringComparison.Ordinal);
        Assert.Contains($"read from {prometheus.BaseUrl} at 2026-11-22 09:00 UTC", html, StringComparison.Ordinal);
        Assert.All(queries, q => Assert.Contains("territory=\"de\"", q, StringComparison.Ordinal));
        // Offline, it says so and shows no number.
        var (offlineExit, _, _) = CliRunner.Run("report", "--stack", "de-prod", "--year", "2026", "--out", file);
        Assert.Equal(0, offlineExit);
        Assert.Contains("not measured: run report with --prometheus", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWithAPrometheusItCannotReadExitsFour()
    {
        using var broken = new LoopbackHttpServer(c =>
        {
            c.Response.StatusCode = 503;
            c.Response.Close();
            return Task.CompletedTask;
        });
        var (exit, _, error) = CliRunner.Run("report", "--stack", "de-prod", "--year", "2026", "--prometheus", broken.BaseUrl, "--out", Path.Combine(_out, "r.html"));
        Assert.Equal(4, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_out, "r.html")));
        var (usage, _, message) = CliRunner.Run("report", "--stack", "de-prod", "--prometheus", "http://user:secret@127.0.0.1:9/", "--out", Path.Combine(_out, "r.html"));
        Assert.Equal(1, usage);
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
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
