using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Calibration.Tests;

public class CalibrationReportTests
{
    private static readonly StackSettings DeProd = StackSettingsReader.Read(StackFileLoader.Load(FreshFoodz.Testing.RepositoryRoot.Path, "de-prod"));

    /// <summary>An hourly profile with the cases of rounding: 1 % steps, floored at 0.01, the busiest exactly 1.</summary>
    private static readonly double[] Profile =
        [0.004, 0.005, 0.0149, 0.125, 0.9375, 1, 0.3125, .. Enumerable.Repeat(0.5, 17)];

    private static Measurement Measured(WorkerMeasurement? workers) =>
        new([new(2026, 10, 1)], new(2026, 12, 1), 61, 0, 91.42, new Dictionary<string, double>(), 0.2004, 0.7496, workers, Profile);

    [Fact]
    public void MeasuredJobsAreProposedWithTheApiValues()
    {
        var report = new CalibrationReport(DeProd, Measured(new WorkerMeasurement(7.142, new Dictionary<string, double>(), 1.4996)));
        Assert.Equal(
            ["api.baselineRequestsPerSecond=91.4", "api.meanServiceTimeSeconds=0.2", "api.p95ServiceTimeSeconds=0.75",
             "workers.baselineJobsPerSecond=7.14", "workers.meanJobTimeSeconds=1.5",
             "freshfoodz:dailyLoad=[0.01, 0.01, 0.01, 0.13, 0.94, 1, 0.31, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]"],
            report.Edits.Select(e => $"{(e.Path.Count == 0 ? e.Key : string.Join(".", e.Path))}={e.Value}"));
        // Only the measured worker values change; the rest of the profile is the stack's (de-prod: concurrency 2).
        Assert.Equal(DeProd.Capacity.Workload.Workers with { BaselineJobsPerSecond = 7.14, MeanJobTimeSeconds = 1.5 }, report.CalibratedWorkers);
    }

    [Fact]
    public void WithoutAJobMetricTheWorkersAreKept()
    {
        var report = new CalibrationReport(DeProd, Measured(null));
        Assert.Equal(4, report.Edits.Count);
        Assert.All(report.Edits.SkipLast(1), e => Assert.Equal("api", e.Path[0]));
        Assert.Equal("freshfoodz:dailyLoad", report.Edits[^1].Key);
        Assert.Equal(DeProd.Capacity.Workload.Workers, report.CalibratedWorkers);
    }
}

/// <summary>The hourly profile in the territory's local time, summer and winter time each with their own offset.</summary>
public class HourlyProfileTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>
    /// Hourly samples on 2026-03-28 (CET, UTC+1) and 2026-03-30 (CEST, UTC+2; summer time began on the 29th), busy
    /// (rate 1) at 10:00 UTC, 0.5 otherwise: that is 11:00 local on the 28th and 12:00 local on the 30th. Local 11
    /// and 12 each average (1 + 0.5) / 2 = 0.75, every other hour 0.5; relative to the busiest: 1, 1 and 0.5 / 0.75.
    /// One offset for both days (or UTC) would put both busy samples in one hour.
    /// </summary>
    [Fact]
    public void EachDayCountsItsOwnLocalHours()
    {
        DateOnly[] days = [new(2026, 3, 28), new(2026, 3, 30)];
        var samples = days.SelectMany(d => Enumerable.Range(0, 24).Select(h =>
            (new DateTimeOffset(d.ToDateTime(new TimeOnly(h, 0)), TimeSpan.Zero), h == 10 ? 1.0 : 0.5)));
        var profile = Baseline.HourlyProfile(samples, days.ToHashSet(), Berlin, "q");
        var expected = Enumerable.Range(0, 24).Select(h => h is 11 or 12 ? 1.0 : 0.5 / 0.75).ToArray();
        Assert.Equal(expected, profile, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    /// <summary>Samples of a day not measured are left out: a peak day's busy hour must not shape the baseline curve.</summary>
    [Fact]
    public void OnlyTheBaselineDaysCount()
    {
        var day = new DateOnly(2026, 1, 20);
        var samples = Enumerable.Range(0, 48).Select(i =>
            (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(i), i == 30 ? 100.0 : i % 24 == 8 ? 2.0 : 1.0));
        var profile = Baseline.HourlyProfile(samples, new HashSet<DateOnly> { day }, Berlin, "q");
        Assert.Equal(1.0, profile[9]); // 08:00 UTC is 09:00 CET
        Assert.All(profile.Where((_, h) => h != 9), f => Assert.Equal(0.5, f));
    }

    [Fact]
    public void AnHourWithoutSamplesIsAnErrorNotAZero()
    {
        var day = new DateOnly(2026, 1, 20);
        var samples = Enumerable.Range(0, 23).Select(h => (new DateTimeOffset(day.ToDateTime(new TimeOnly(h, 0)), TimeSpan.Zero), 1.0));
        var e = Assert.Throws<CalibrationException>(() => Baseline.HourlyProfile(samples, new HashSet<DateOnly> { day }, Berlin, "q"));
        Assert.Contains("local hour 0 (Europe/Berlin)", e.Message, StringComparison.Ordinal); // 23:00 UTC is midnight CET
    }
}
