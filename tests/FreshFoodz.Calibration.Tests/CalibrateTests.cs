using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FreshFoodz.Cli;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Calibration.Tests;

/// <summary>calibrate against the real Prometheus serving 518 days of scrapes with known answers (<see cref="ScrapedSeries"/>).</summary>
[Collection(SharedPrometheus.Name)]
public class CalibrateTests(PrometheusServer prometheus)
{
    private static readonly string Root = FreshFoodz.Testing.RepositoryRoot.Path;

    private static StackSettings Settings(string stack) => StackSettingsReader.Read(StackFileLoader.Load(Root, stack));

    private async Task<Measurement> Measure(string stack, DateTimeOffset at, int days = Baseline.DefaultBaselineDays, Uri? url = null, HttpMessageHandler? handler = null)
    {
        using var client = new PrometheusClient(new PrometheusConnection(url ?? prometheus.Url, TimeSpan.FromSeconds(30)), handler);
        return await Baseline.MeasureAsync(client, Settings(stack), at, days);
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>"2026-08-07..2026-08-17,2026-10-01" as the days it names.</summary>
    private static List<DateOnly> Days(string runs) =>
        runs.Split(',').SelectMany(run =>
        {
            var ends = run.Split("..").Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture)).ToList();
            return Enumerable.Range(0, ends[^1].DayNumber - ends[0].DayNumber + 1).Select(ends[0].AddDays);
        }).ToList();

    /// <summary>The median of daily values, as docs/calibration.md states it (the mean of the middle two of an even count).</summary>
    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    /// <summary>
    /// The default (the last 28 baseline days) on dates across 2026. The expected days are worked out by hand from the
    /// season plan (capacity windows Mar 18 – Jun 30, Aug 18 – Sep 30, Oct 18 – Dec 31) and the data (from 2025-08-01;
    /// no samples on 2026-02-10 and 02-11); the expected values are the documented statistic of the data on those days.
    /// </summary>
    [Theory]
    // Inside Weihnachten (today's failure): back across Weihnachten's window and Oktoberfest's, to August.
    [InlineData("2026-12-02T00:00:00Z", "2026-08-07..2026-08-17,2026-10-01..2026-10-17", 89, 0)]
    // The last day of the year, in the afternoon: 2026-12-31 is not over, so through 2026-12-30.
    [InlineData("2026-12-31T15:30:00Z", "2026-08-07..2026-08-17,2026-10-01..2026-10-17", 118, 0)]
    // Early January: four days of the new year, then back across Weihnachten 2025 and Oktoberfest 2025.
    [InlineData("2026-01-05T00:00:00Z", "2025-08-11..2025-08-17,2025-10-01..2025-10-17,2026-01-01..2026-01-04", 119, 0)]
    // Four baseline weeks with the one-off 4x day among them (the median ignores it).
    [InlineData("2026-02-02T00:00:00Z", "2026-01-05..2026-02-01", 0, 0)]
    // After Prometheus was down for two days: those are skipped and two more days taken.
    [InlineData("2026-02-20T00:00:00Z", "2026-01-21..2026-02-09,2026-02-12..2026-02-19", 0, 2)]
    // Inside Spargel: back across its ramp-up and the season.
    [InlineData("2026-05-15T00:00:00Z", "2026-02-18..2026-03-17", 58, 0)]
    // The day after Spargel's last: one summer day, the rest from before Spargel.
    [InlineData("2026-07-02T00:00:00Z", "2026-02-19..2026-03-17,2026-07-01", 105, 0)]
    // Summer: the last four weeks.
    [InlineData("2026-08-10T00:00:00Z", "2026-07-13..2026-08-09", 0, 0)]
    // Inside Oktoberfest.
    [InlineData("2026-09-15T00:00:00Z", "2026-07-21..2026-08-17", 28, 0)]
    // The day after Oktoberfest's last.
    [InlineData("2026-10-02T00:00:00Z", "2026-07-22..2026-08-17,2026-10-01", 44, 0)]
    // Inside Weihnachten's ramp-up (Oct 18 – 31).
    [InlineData("2026-10-25T00:00:00Z", "2026-08-07..2026-08-17,2026-10-01..2026-10-17", 51, 0)]
    public async Task TheDefaultMeasuresTheLast28BaselineDaysOnAnyDate(string at, string days, int peakDays, int withoutData)
    {
        var expected = Days(days);
        Assert.Equal(28, expected.Count);
        var m = await Measure("de-prod", Utc(at));

        Assert.Equal(expected, m.Days);
        Assert.Equal(peakDays, m.ExcludedPeakDays);
        Assert.Equal(withoutData, m.DaysWithoutData);
        // Each day's busy-hour rate is its level times its multiplier (only the one-off day is not 1 among these).
        Assert.Equal(Median(expected.Select(d => ScrapedSeries.Level(d) * ScrapedSeries.Multiplier(d))), m.BaselineRequestsPerSecond, 6);
        foreach (var (route, share) in ScrapedSeries.Routes)
        {
            Assert.Equal(Median(expected.Select(d => share * ScrapedSeries.Level(d) * ScrapedSeries.Multiplier(d))), m.BaselineByRouteClass[route], 6);
        }
        Assert.Equal(ScrapedSeries.MeanDuration, m.MeanServiceTimeSeconds, 6);
        Assert.Equal(ScrapedSeries.P95Duration, m.P95ServiceTimeSeconds, 6);

        var w = Assert.IsType<WorkerMeasurement>(m.Workers);
        Assert.Equal(Median(expected.Select(d => ScrapedSeries.JobLevel(d) * ScrapedSeries.Multiplier(d))), w.BaselineJobsPerSecond, 6);
        foreach (var (deployment, share) in ScrapedSeries.Workers)
        {
            Assert.Equal(Median(expected.Select(d => share * ScrapedSeries.JobLevel(d) * ScrapedSeries.Multiplier(d))), w.BaselineByDeployment[deployment], 6);
        }
        Assert.Equal(ScrapedSeries.MeanJobTime, w.MeanJobTimeSeconds, 6);
    }

    /// <summary>
    /// Every 11th day of 2026 (34 dates, every weekday and season among them): the default takes 28 days before the date,
    /// each outside the data's peak and ramp-up windows and not in the outage, skips none such between the first and the
    /// date, and measures their median. The windows here are the test data's, written by hand (<see cref="ScrapedSeries"/>).
    /// </summary>
    [Fact]
    public async Task EveryEleventhDayOf2026TheDefaultFindsTheLast28BaselineDays()
    {
        for (var date = new DateOnly(2026, 1, 1); date.Year == 2026; date = date.AddDays(11))
        {
            var m = await Measure("de-prod", new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
            bool Baseline(DateOnly d) => ScrapedSeries.SeasonFactor(d) == 1 && !ScrapedSeries.Outage.Contains(d);
            var expected = Enumerable.Range(1, 400).Select(i => date.AddDays(-i)).Where(Baseline).Take(28).Order().ToList();
            Assert.True(expected.SequenceEqual(m.Days), $"{date}: measured {string.Join(", ", m.Days)}");
            Assert.True(Math.Abs(Median(expected.Select(d => ScrapedSeries.Level(d) * ScrapedSeries.Multiplier(d))) - m.BaselineRequestsPerSecond) < 1e-6,
                $"{date}: {m.BaselineRequestsPerSecond}");
        }
    }

    [Fact]
    public async Task TheOneOffDayDoesNotMoveTheMedianMuch()
    {
        // 2026-01-05 .. 02-01: sorted, the 4x day (Jan 15) goes last, so the middle two are Jan 19 and Jan 20 instead of
        // Jan 18 and Jan 19 (the levels grow 0.12/s a day): the median moves by 0.12/s, not by the day's 3x excess.
        var m = await Measure("de-prod", Utc("2026-02-02T00:00:00Z"));
        Assert.Equal((ScrapedSeries.Level(new(2026, 1, 19)) + ScrapedSeries.Level(new(2026, 1, 20))) / 2, m.BaselineRequestsPerSecond, 6);
    }

    /// <summary>A year's reach: every baseline day with data from 2025-08-18 to 2026-08-17 (Oct 1–17, Jan 1 – Mar 17
    /// without the two outage days, Jul 1 – Aug 17: 17 + 74 + 48 = 139); every range request stays under the limit.</summary>
    [Fact]
    public async Task AOneYearSpanIsMeasuredInRequestsUnderTheLimit()
    {
        using var recorder = new RecordingHandler();
        var m = await Measure("de-prod", Utc("2026-08-18T00:00:00Z"), days: 139, handler: recorder);
        var expected = Days("2025-10-01..2025-10-17,2026-01-01..2026-02-09,2026-02-12..2026-03-17,2026-07-01..2026-08-17");
        Assert.Equal(expected, m.Days);
        Assert.Equal(Median(expected.Select(d => ScrapedSeries.Level(d) * ScrapedSeries.Multiplier(d))), m.BaselineRequestsPerSecond, 6);
        Assert.Equal(ScrapedSeries.P95Duration, m.P95ServiceTimeSeconds, 6);

        var points = recorder.RangePoints();
        Assert.All(points, p => Assert.InRange(p, 1, PrometheusClient.MaxPointsPerSeries));
        // Jan 1 – Feb 9 is 40 days of 288 five-minute points (11,520): that run alone needs two requests.
        Assert.Contains(points, p => p == PrometheusClient.MaxPointsPerSeries);
        Assert.InRange(recorder.MostInFlight, 2, PrometheusClient.MaxConcurrentRequests);
    }

    [Fact]
    public async Task TooFewBaselineDaysInAYearIsAClearError()
    {
        var e = await Assert.ThrowsAsync<CalibrationException>(() => Measure("de-prod", Utc("2026-08-18T00:00:00Z"), days: 140));
        Assert.StartsWith("only 139 baseline days with data for territory de from 2025-08-18 to 2026-08-17", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("140 wanted; keep more history in Prometheus (--storage.tsdb.retention.time) or pass --baseline-days 139", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShortHistoryIsAClearError()
    {
        // The data starts 2025-08-01: before 2025-09-01 there are 17 baseline days (Aug 1–17), not 28.
        var e = await Assert.ThrowsAsync<CalibrationException>(() => Measure("de-prod", Utc("2025-09-01T00:00:00Z")));
        Assert.StartsWith("only 17 baseline days with data for territory de", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("pass --baseline-days 17", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingSeriesNamesTheQuery()
    {
        var e = await Assert.ThrowsAsync<CalibrationException>(() => Measure("ch-prod", Utc("2026-02-02T00:00:00Z")));
        Assert.Contains("http_requests_total{territory=\"ch\"}", e.Message, StringComparison.Ordinal);
        Assert.Contains("returned no data for territory ch on any baseline day from 2025-02-02 to 2026-02-01", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgressCountsEveryRequestAnswered()
    {
        var reports = new List<QueryProgress>();
        using var client = new PrometheusClient(new PrometheusConnection(prometheus.Url, TimeSpan.FromSeconds(30)), progress: new Collect(reports));
        await Baseline.MeasureAsync(client, Settings("de-prod"), Utc("2026-12-02T00:00:00Z"));
        lock (reports)
        {
            var last = reports.MaxBy(r => r.Answered);
            // 2 runs: 2 presence requests, then 7 queries over 2 runs.
            Assert.Equal(new QueryProgress(16, 16), last);
            Assert.All(reports, r => Assert.InRange(r.Answered, 0, r.Queued));
        }
    }

    [Fact]
    public async Task AServerThatIsNotRunningIsAClearError()
    {
        var url = new Uri($"http://127.0.0.1:{PrometheusServer.FreePort()}/");
        var e = await Assert.ThrowsAsync<CalibrationException>(() => Measure("de-prod", Utc("2026-02-02T00:00:00Z"), url: url));
        Assert.StartsWith($"cannot reach Prometheus at {url} (ConnectionRefused)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowServerTimesOutWithinTheBound()
    {
        // A loopback listener that accepts and never answers; the test stops it itself.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        using var client = new PrometheusClient(new PrometheusConnection(url, TimeSpan.FromSeconds(1)));
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<CalibrationException>(() => Baseline.MeasureAsync(client, Settings("de-prod"), Utc("2026-12-02T00:00:00Z")));
        Assert.Contains("did not answer", e.Message, StringComparison.Ordinal);
        Assert.Contains("within 1 s; raise --timeout", e.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        listener.Stop();
    }

    [Fact]
    public async Task BasicAuthUsesThePasswordFromTheEnvironment()
    {
        using var anonymous = new PrometheusClient(new PrometheusConnection(prometheus.SecuredUrl, TimeSpan.FromSeconds(30)));
        var refused = await Assert.ThrowsAsync<CalibrationException>(() =>
            Baseline.MeasureAsync(anonymous, Settings("de-prod"), Utc("2026-02-02T00:00:00Z")));
        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
        Assert.Contains(PrometheusConnection.PasswordVariable, refused.Message, StringComparison.Ordinal);

        var authorization = PrometheusConnection.AuthorizationFrom(PrometheusServer.User,
            name => name == PrometheusConnection.PasswordVariable ? PrometheusServer.Password : null);
        using var authorized = new PrometheusClient(new PrometheusConnection(prometheus.SecuredUrl, TimeSpan.FromSeconds(30), authorization));
        // The secured server runs on the snapshot of the loaded one: the same answers from a persisted block.
        var m = await Baseline.MeasureAsync(authorized, Settings("de-prod"), Utc("2026-12-02T00:00:00Z"));
        Assert.Equal(Days("2026-08-07..2026-08-17,2026-10-01..2026-10-17"), m.Days);
        Assert.Equal(ScrapedSeries.P95Duration, m.P95ServiceTimeSeconds, 6);
    }

    [Fact]
    public void CredentialsComeOnlyFromTheEnvironment()
    {
        Assert.Null(PrometheusConnection.AuthorizationFrom(null, _ => null));
        var bearer = PrometheusConnection.AuthorizationFrom(null, n => n == PrometheusConnection.TokenVariable ? "t0ken" : null);
        Assert.Equal(("Bearer", "t0ken"), (bearer!.Scheme, bearer.Parameter));
        var e = Assert.Throws<CalibrationException>(() => PrometheusConnection.AuthorizationFrom("ops", _ => null));
        Assert.Contains(PrometheusConnection.PasswordVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithItsDefaultsOnTheDayOfTheReportCalibrateMeasuresAndWritesTheFiveValuesAndTheDailyLoadCurve()
    {
        var dir = ProjectWithDeProd(out var file);
        // Start from values that differ from what the series encode, so every measured line must change.
        var original = File.ReadAllText(file)
            .Replace("meanServiceTimeSeconds: 0.2", "meanServiceTimeSeconds: 0.25", StringComparison.Ordinal)
            .Replace("meanJobTimeSeconds: 1.5", "meanJobTimeSeconds: 2", StringComparison.Ordinal);
        File.WriteAllText(file, original);
        // The clock says 2026-12-02, inside Weihnachten (issue 15): no --at, no window, just the defaults.
        var (exit, output, error) = Calibrate(dir, new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero), "--write");
        Assert.True(exit == 0, error);
        Assert.Contains("de-prod (de): 2026-08-07 to 2026-12-01, 28 baseline days, 89 peak-season days left out", output, StringComparison.Ordinal);
        Assert.Contains("Updated 6 values", output, StringComparison.Ordinal);
        Assert.Equal("", error);

        // The middle two of the 28 days are Oct 3 and 4 2026 (days 428 and 429 since 2025-08-01): levels 91.36 and 91.48,
        // median 91.42, written with one decimal: 91.4. Jobs 7.136 and 7.148 → 7.142 → 7.14. Means 0.2 s and 1.5 s, p95 0.75 s.
        //
        // The daily load curve (de-prod sets none, so it is added as config's last key): the series run at the full level
        // 08:00–18:00 UTC and a quarter of it otherwise. A 5-minute rate at t covers [t − 5 min, t] of 2-minute scrapes,
        // so in UTC hour 8 the 08:00 rate still sees 07:56–08:00 (0.25) and the other 11 are full: (0.25 + 11) / 12 =
        // 0.9375; in hour 18 the 18:00 rate is full and the other 11 a quarter: (1 + 11 × 0.25) / 12 = 0.3125; hours
        // 9–17 are 1, the rest 0.25 (hour 0 sees the evening before: after Sep 30's 4× Oktoberfest day Oct 1's 00:00
        // rate is 1.0 of the level, which lifts hour 0 by 0.75 / 336 samples ≈ 0.002). All 28 days (Aug 7–17, Oct 1–17)
        // are summer time, UTC+2 in Europe/Berlin: local 10 = 0.9375 → 0.94, 11–19 = 1, 20 = 0.3125 → 0.31, others 0.25.
        var before = original.Split('\n');
        var after = File.ReadAllText(file).Split('\n');
        var inserted = Array.FindIndex(before, l => l.StartsWith("    Standard_D32ds_v5:", StringComparison.Ordinal)) + 1; // config's last line
        Assert.Equal(
            "  freshfoodz:dailyLoad: [0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.94, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.31, 0.25, 0.25, 0.25]",
            after[inserted]);
        after = [.. after[..inserted], .. after[(inserted + 1)..]];
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).Select(i => after[i]).ToList();
        Assert.Equal(
        [
            "      baselineRequestsPerSecond: 91.4", "      meanServiceTimeSeconds: 0.2", "      p95ServiceTimeSeconds: 0.75",
            "      baselineJobsPerSecond: 7.14", "      meanJobTimeSeconds: 1.5",
        ], changed);
        Assert.Contains("  measured:   [0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.94, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.31, 0.25, 0.25, 0.25]", output, StringComparison.Ordinal);
        Assert.Contains("  configured: default: B2B food ordering", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp"));
    }

    [Fact]
    public void WithoutWriteNothingIsWritten()
    {
        var dir = ProjectWithDeProd(out var file);
        var bytes = File.ReadAllBytes(file);
        var (exit, output, _) = Calibrate(dir, new DateTimeOffset(2026, 2, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, exit);
        Assert.Contains("Nothing written", output, StringComparison.Ordinal);
        Assert.Contains("workers.meanJobTimeSeconds", output, StringComparison.Ordinal);
        Assert.Contains("deployment reporting-worker (jobs/s)", output, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Fact]
    public void AFailedMeasurementLeavesTheStackFileUntouched()
    {
        var dir = ProjectWithDeProd(out var file);
        var bytes = File.ReadAllBytes(file);
        var stderr = new StringWriter();
        var exit = CliApp.Run(
            ["calibrate", "--stack", "de-prod", "--prometheus", $"http://127.0.0.1:{PrometheusServer.FreePort()}", "--at", "2026-02-02T00:00:00Z", "--write", "--project-dir", dir],
            new StringWriter(), stderr, TimeProvider.System, _ => null);
        Assert.Equal(CliApp.MeasurementError, exit);
        Assert.StartsWith("error: cannot reach Prometheus", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp"));
    }

    [Fact]
    public void BaselineDaysAreFromOneToAYear()
    {
        var stderr = new StringWriter();
        var exit = CliApp.Run(["calibrate", "--stack", "de-prod", "--prometheus", prometheus.Url.ToString(), "--baseline-days", "0", "--project-dir", Root],
            new StringWriter(), stderr, TimeProvider.System, _ => null);
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Equal("error: --baseline-days: expected a whole number from 1 to 365, got 0", stderr.ToString().Trim());
    }

    private (int Exit, string Out, string Err) Calibrate(string dir, DateTimeOffset now, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(
            ["calibrate", "--stack", "de-prod", "--prometheus", prometheus.Url.ToString(), "--project-dir", dir, .. extra],
            stdout, stderr, new FixedClock(now), _ => null);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string ProjectWithDeProd(out string file)
    {
        var dir = Directory.CreateTempSubdirectory("freshfoodz-calibrate-").FullName;
        File.Copy(Path.Combine(Root, "Pulumi.yaml"), Path.Combine(dir, "Pulumi.yaml"));
        file = Path.Combine(dir, "Pulumi.de-prod.yaml");
        File.Copy(Path.Combine(Root, "Pulumi.de-prod.yaml"), file);
        FreshFoodz.Testing.ProjectCopy.CopyEnvironments(dir);
        return dir;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Collect(List<QueryProgress> reports) : IProgress<QueryProgress>
    {
        public void Report(QueryProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
