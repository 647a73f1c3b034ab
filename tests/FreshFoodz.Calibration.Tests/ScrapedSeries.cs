namespace FreshFoodz.Calibration.Tests;

/// <summary>
/// A territory's metrics as Prometheus would have scraped them: every 2 minutes from 2025-08-01 to 2027-01-01
/// (518 days), German traffic only (Swiss traffic is absent: the missing-series case). The answers are written here by
/// hand from the season plan, not read from the season catalog the code under test uses:
/// <list type="bullet">
/// <item>Requests: a baseline level that grows by 0.12/s a day, <see cref="Level"/> = 40 + 0.12 × days since 2025-08-01,
/// split sample 40 %, event_catering 10 %, order 30 %, other 20 %; busy from 08:00 to 18:00 UTC at the full level,
/// a quarter of it otherwise, so each day's 95th-percentile 5-minute rate is the day's level.</item>
/// <item>Peaks: 3x in Spargel (Apr 1 – Jun 30), 4x in Oktoberfest (Sep 1–30), 5x in Weihnachten (Nov 1 – Dec 31), and
/// 1.5x on the 14 days before each first day (the ramp-up inside the capacity window).</item>
/// <item>Request durations: on baseline days 50 % ≤ 0.1 s, 80 % ≤ 0.25 s, 90 % ≤ 0.5 s, 100 % ≤ 1 s, mean 0.2 s, so
/// histogram_quantile's p95 is 0.5 + 0.5 × (0.95 − 0.9) / (1 − 0.9) = 0.75 s; on peak and ramp-up days slower (mean
/// 0.45 s, p95 in the +Inf bucket: 1 s), so a peak day that slips in shows.</item>
/// <item>Jobs: <see cref="JobLevel"/> = 2 + 0.012 × days since 2025-08-01, lead-protection-worker 60 %, reporting-worker
/// 40 %, 5 % of them failed, with the requests' peaks and busy hours; mean job time 1.5 s on baseline days, 3 s on peak
/// days.</item>
/// <item>Like real scrapes: the API restarts every Monday at 03:00 and the workers every Wednesday at 04:00 (counters
/// start again at 0); 2026-01-15 is a one-off 4x day (a marketing mail); Prometheus was down on 2026-02-10 and
/// 2026-02-11 (no samples; the apps kept counting).</item>
/// </list>
/// </summary>
internal static class ScrapedSeries
{
    public const string Territory = "de";
    public static readonly DateOnly First = new(2025, 8, 1);
    public static readonly DateOnly End = new(2027, 1, 1);
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    public static readonly (string RouteClass, double Share)[] Routes = [("sample", 0.4), ("event_catering", 0.1), ("order", 0.3), ("other", 0.2)];
    public static readonly (string Deployment, double Share)[] Workers = [("lead-protection-worker", 0.6), ("reporting-worker", 0.4)];
    public const double FailedJobs = 0.05;

    public const double MeanDuration = 0.2;
    public const double P95Duration = 0.75;
    public const double MeanJobTime = 1.5;

    private static readonly (string Le, double Baseline, double Peak)[] DurationBuckets =
        [("0.1", 0.5, 0.2), ("0.25", 0.8, 0.5), ("0.5", 0.9, 0.7), ("1.0", 1.0, 0.9), ("+Inf", 1.0, 1.0)];
    private const double PeakMeanDuration = 0.45;
    private static readonly (string Le, double Baseline, double Peak)[] JobBuckets = [("1", 0.4, 0.1), ("2.5", 0.8, 0.5), ("5", 0.97, 0.9), ("+Inf", 1, 1)];
    private const double PeakMeanJobTime = 3;

    public static readonly DateOnly OneOffDay = new(2026, 1, 15);
    public static readonly DateOnly[] Outage = [new(2026, 2, 10), new(2026, 2, 11)];

    /// <summary>Requests per second in the busy hours of a baseline day.</summary>
    public static double Level(DateOnly day) => 40 + 0.12 * (day.DayNumber - First.DayNumber);

    /// <summary>Jobs per second in the busy hours of a baseline day.</summary>
    public static double JobLevel(DateOnly day) => 2 + 0.012 * (day.DayNumber - First.DayNumber);

    /// <summary>The load factor of a day: the season's, or 4 on the one-off day.</summary>
    public static double Multiplier(DateOnly day) => day == OneOffDay ? 4 : SeasonFactor(day);

    /// <summary>The season's multiplier on a day, 1.5 on the 14 days before a peak's first day, else 1.</summary>
    public static double SeasonFactor(DateOnly day)
    {
        foreach (var (first, last, factor) in new[] { ((4, 1), (6, 30), 3.0), ((9, 1), (9, 30), 4.0), ((11, 1), (12, 31), 5.0) })
        {
            var from = new DateOnly(day.Year, first.Item1, first.Item2);
            if (day >= from && day <= new DateOnly(day.Year, last.Item1, last.Item2))
            {
                return factor;
            }
            if (day >= from.AddDays(-14) && day < from)
            {
                return 1.5;
            }
        }
        return 1;
    }

    private static bool Slow(DateOnly day) => SeasonFactor(day) != 1;

    /// <summary>Every series with its samples, in time order.</summary>
    public static IEnumerable<(IReadOnlyList<(string Name, string Value)> Labels, IEnumerable<(long Ms, double Value)> Samples)> All()
    {
        var t = ("territory", Territory);
        foreach (var (route, share) in Routes)
        {
            yield return (Labels("http_requests_total", t, ("route_class", route), ("code", "200")), Counter(Api, (d, _) => share * Level(d)));
        }
        foreach (var (le, baseline, peak) in DurationBuckets)
        {
            yield return (Labels("http_request_duration_seconds_bucket", t, ("le", le)), Counter(Api, (d, _) => Level(d) * (Slow(d) ? peak : baseline)));
        }
        yield return (Labels("http_request_duration_seconds_sum", t), Counter(Api, (d, _) => Level(d) * (Slow(d) ? PeakMeanDuration : MeanDuration)));
        yield return (Labels("http_request_duration_seconds_count", t), Counter(Api, (d, _) => Level(d)));
        foreach (var (deployment, share) in Workers)
        {
            var w = ("deployment", deployment);
            yield return (Labels("freshfoodz_jobs_total", t, w, ("outcome", "succeeded")), Counter(Jobs, (d, _) => share * JobLevel(d) * (1 - FailedJobs)));
            yield return (Labels("freshfoodz_jobs_total", t, w, ("outcome", "failed")), Counter(Jobs, (d, _) => share * JobLevel(d) * FailedJobs));
            foreach (var (le, baseline, peak) in JobBuckets)
            {
                yield return (Labels("freshfoodz_job_duration_seconds_bucket", t, w, ("le", le)), Counter(Jobs, (d, _) => share * JobLevel(d) * (Slow(d) ? peak : baseline)));
            }
            yield return (Labels("freshfoodz_job_duration_seconds_sum", t, w), Counter(Jobs, (d, _) => share * JobLevel(d) * (Slow(d) ? PeakMeanJobTime : MeanJobTime)));
            yield return (Labels("freshfoodz_job_duration_seconds_count", t, w), Counter(Jobs, (d, _) => share * JobLevel(d)));
        }
    }

    private static readonly (DayOfWeek Day, int Hour) Api = (DayOfWeek.Monday, 3);
    private static readonly (DayOfWeek Day, int Hour) Jobs = (DayOfWeek.Wednesday, 4);

    /// <summary>
    /// A counter that grows by busy-hour rate × the day's multiplier × the hour's share over each interval, and starts
    /// again at 0 at its restart (the sample then holds just the interval's increase, so no count is lost).
    /// </summary>
    private static IEnumerable<(long Ms, double Value)> Counter((DayOfWeek Day, int Hour) restart, Func<DateOnly, TimeOnly, double> busyRate)
    {
        var value = 0.0;
        var start = new DateTimeOffset(First.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(End.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var time = start; time <= end; time += Interval)
        {
            if (time > start)
            {
                // The interval (time − 2 min, time] lies in the day and hour of its start.
                var from = (time - Interval).UtcDateTime;
                var day = DateOnly.FromDateTime(from);
                var hour = TimeOnly.FromDateTime(from);
                var increase = busyRate(day, hour) * Multiplier(day) * (hour.Hour is >= 8 and < 18 ? 1 : 0.25) * Interval.TotalSeconds;
                value = time.DayOfWeek == restart.Day && time.Hour == restart.Hour && time.Minute == 0 ? increase : value + increase;
            }
            if (!Outage.Contains(DateOnly.FromDateTime(time.UtcDateTime)))
            {
                yield return (time.ToUnixTimeMilliseconds(), value);
            }
        }
    }

    private static List<(string Name, string Value)> Labels(string name, params (string Name, string Value)[] labels) =>
        [.. new[] { ("__name__", name) }.Concat(labels).OrderBy(l => l.Item1, StringComparer.Ordinal)];
}
