using System.Globalization;
using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Monitoring;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Calibration;

/// <summary>What calibration measured for a territory on its baseline days.</summary>
/// <param name="Days">The baseline days measured, in date order.</param>
/// <param name="Through">The last complete UTC day before the measuring time (a peak day, maybe).</param>
/// <param name="ExcludedPeakDays">Days from the first measured day through <paramref name="Through"/> inside a peak's capacity window.</param>
/// <param name="DaysWithoutData">Baseline days from the first measured day through <paramref name="Through"/> that Prometheus has no data for.</param>
/// <param name="BaselineRequestsPerSecond">All route classes together.</param>
/// <param name="BaselineByRouteClass">Each route class on its own (the medians need not add up).</param>
/// <param name="MeanServiceTimeSeconds">Mean request duration on the days.</param>
/// <param name="P95ServiceTimeSeconds">95th percentile of request durations on the days.</param>
/// <param name="Workers">The worker jobs, or null when the territory exports no job metric.</param>
/// <param name="HourlyProfile">
/// Per hour of day 0–23 in the territory's local time, the mean request rate on the days relative to the busiest hour's
/// (unrounded; <see cref="CalibrationReport.DailyLoadFactors"/> rounds it for the stack file).
/// </param>
public sealed record Measurement(
    IReadOnlyList<DateOnly> Days,
    DateOnly Through,
    int ExcludedPeakDays,
    int DaysWithoutData,
    double BaselineRequestsPerSecond,
    IReadOnlyDictionary<string, double> BaselineByRouteClass,
    double MeanServiceTimeSeconds,
    double P95ServiceTimeSeconds,
    WorkerMeasurement? Workers,
    IReadOnlyList<double> HourlyProfile)
{
    public DateOnly From => Days[0];

    public DateOnly To => Days[^1];

    public int BaselineDays => Days.Count;
}

/// <summary>The worker jobs measured: jobs per second (all worker deployments, and each) and the mean job time.</summary>
public sealed record WorkerMeasurement(double BaselineJobsPerSecond, IReadOnlyDictionary<string, double> BaselineByDeployment, double MeanJobTimeSeconds);

/// <summary>
/// Measures the workload profile from the metrics contract on the last N baseline days: complete UTC days before the
/// measuring time, outside every peak's capacity window (first day − lead time to last day, the windows <c>auto</c>
/// uses), that Prometheus has data for. Peak windows are skipped, so from mid-October to December the days reach back
/// across Weihnachten and Oktoberfest; never further than <see cref="MaxReachBackDays"/>.
/// <list type="bullet">
/// <item>Request and job rates: per day, the 95th percentile (nearest rank) of the 5-minute rates (the day's busy
/// period, since capacity must carry busy hours, not the daily mean); then the median of those daily values, so a single
/// odd day cannot move it.</item>
/// <item>Mean service and job times: the sum over the days of the histogram's daily <c>_sum</c> increases, divided by
/// the sum of its daily <c>_count</c> increases.</item>
/// <item>p95 service time: the daily bucket increases summed over the days, interpolated as Prometheus'
/// <c>histogram_quantile</c> does (<see cref="HistogramQuantile"/>).</item>
/// </list>
/// </summary>
public static class Baseline
{
    public const int DefaultBaselineDays = 28;

    /// <summary>How far back baseline days are looked for: a year.</summary>
    public const int MaxReachBackDays = 365;

    /// <summary>The step of the rate series; the client splits a long span into pieces Prometheus accepts.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static async Task<Measurement> MeasureAsync(
        PrometheusClient prometheus, StackSettings settings, DateTimeOffset at, int baselineDays = DefaultBaselineDays, CancellationToken cancellation = default)
    {
        if (baselineDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(baselineDays), baselineDays, "at least 1");
        }
        var q = new Queries(settings.Territory.Code);
        var chosen = await ChooseDaysAsync(prometheus, settings, at, baselineDays, q, cancellation).ConfigureAwait(false);
        var runs = Runs(chosen);
        var days = chosen.ToHashSet();

        // Everything the measurement needs, side by side (the client bounds the requests in flight).
        var queries = new (string Query, bool Daily)[]
        {
            (q.RequestRate, false), (q.DurationSum, true), (q.DurationCount, true), (q.DurationBuckets, true),
            (q.JobRate, false), (q.JobDurationSum, true), (q.JobDurationCount, true),
        };
        var results = await Concurrently.AllAsync(queries, (query, token) => OverRunsAsync(prometheus, query.Query, runs, query.Daily, token), cancellation)
            .ConfigureAwait(false);
        var (rates, durationSum, durationCount, buckets, jobRates, jobSum, jobCount) = (results[0], results[1], results[2], results[3], results[4], results[5], results[6]);

        Require(rates, q.RequestRate, settings, chosen);
        var byRouteClass = OnePerLabel(rates, MetricsContract.Labels.RouteClass, q.RequestRate)
            .ToDictionary(x => x.Label, x => DailyBaseline(x.Series.Samples, days, q.RequestRate), StringComparer.Ordinal);
        var mean = Ratio(durationSum, durationCount, q.DurationSum, q.DurationCount, settings, chosen);
        Require(buckets, q.DurationBuckets, settings, chosen);
        var p95 = HistogramQuantile(0.95, buckets.Select(b => (b.Labels.GetValueOrDefault(MetricsContract.Labels.Le, ""), b.Samples.Sum(p => Finite(p.Value)))));
        if (!double.IsFinite(p95) || p95 <= 0)
        {
            throw new CalibrationException(
                $"'{q.DurationBuckets}' gave no usable p95 for territory {settings.Territory.Code} (needs buckets with an le label, +Inf among them, and requests)");
        }

        WorkerMeasurement? workers = null;
        if (jobRates.Any(s => s.Samples.Count > 0))
        {
            workers = new WorkerMeasurement(
                DailyBaseline(Total(jobRates), days, q.JobRate),
                OnePerLabel(jobRates, MetricsContract.Labels.Deployment, q.JobRate)
                    .ToDictionary(x => x.Label, x => DailyBaseline(x.Series.Samples, days, q.JobRate), StringComparer.Ordinal),
                Ratio(jobSum, jobCount, q.JobDurationSum, q.JobDurationCount, settings, chosen));
        }

        var rate = DailyBaseline(Total(rates), days, q.RequestRate);
        Plausible(q.RequestRate, "freshfoodz:workload.api.baselineRequestsPerSecond", CalibrationReport.RateDigits, rate, settings);
        Plausible(q.DurationSum, "freshfoodz:workload.api.meanServiceTimeSeconds", CalibrationReport.TimeDigits, mean, settings);
        Plausible(q.DurationBuckets, "freshfoodz:workload.api.p95ServiceTimeSeconds", CalibrationReport.TimeDigits, p95, settings);
        if (CalibrationReport.Round(p95, CalibrationReport.TimeDigits) <= CalibrationReport.Round(mean, CalibrationReport.TimeDigits))
        {
            throw new CalibrationException(
                $"'{q.DurationBuckets}' gave a p95 of {F(p95)} s, not above the mean {F(mean)} s of '{q.DurationSum}'; check the histogram's buckets (docs/metrics-contract.md)");
        }
        if (workers is not null)
        {
            Plausible(q.JobRate, "freshfoodz:workload.workers.baselineJobsPerSecond", 2, workers.BaselineJobsPerSecond, settings);
            Plausible(q.JobDurationSum, "freshfoodz:workload.workers.meanJobTimeSeconds", 3, workers.MeanJobTimeSeconds, settings);
        }

        var hourly = HourlyProfile(Total(rates), days, TimeZoneInfo.FindSystemTimeZoneById(settings.Territory.TimeZone), q.RequestRate);

        var through = LastCompleteDay(at);
        var span = Enumerable.Range(0, through.DayNumber - chosen[0].DayNumber + 1).Select(chosen[0].AddDays).ToList();
        var peak = span.Count(d => IsPeak(settings, d));
        return new Measurement(
            chosen,
            through,
            peak,
            span.Count - peak - chosen.Count,
            rate,
            byRouteClass,
            mean,
            p95,
            workers,
            hourly);
    }

    /// <summary>
    /// A measured value, rounded as it will be written, must lie in its key's range (<see cref="NumericRanges"/>):
    /// a value that rounds to zero or is absurdly large is a wrong metric or unit, never a stack-file edit.
    /// </summary>
    private static void Plausible(string query, string key, int digits, double value, StackSettings settings)
    {
        var range = NumericRanges.For(key);
        if (!double.IsFinite(value) || !range.Accepts(CalibrationReport.Round(value, digits)))
        {
            throw new CalibrationException(
                $"'{query}' gave {F(value)} for territory {settings.Territory.Code}, which as {key} (rounded to {digits} decimals) is outside {range.Text}; check the metric's unit and labels (docs/metrics-contract.md)");
        }
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The last <paramref name="wanted"/> baseline days with data before <paramref name="at"/>: first the days that would
    /// do if Prometheus had data for each, then, only if some lack data, the rest of the year.
    /// </summary>
    private static async Task<List<DateOnly>> ChooseDaysAsync(
        PrometheusClient prometheus, StackSettings settings, DateTimeOffset at, int wanted, Queries q, CancellationToken cancellation)
    {
        var last = LastCompleteDay(at);
        var first = last.AddDays(-(MaxReachBackDays - 1));
        var calendar = Enumerable.Range(0, MaxReachBackDays).Select(i => last.AddDays(-i)).Where(d => !IsPeak(settings, d)).ToList();
        var withData = new List<DateOnly>();
        foreach (var stage in new[] { calendar.Take(wanted).ToList(), calendar.Skip(wanted).ToList() })
        {
            if (withData.Count >= wanted || stage.Count == 0)
            {
                break;
            }
            var present = await OverRunsAsync(prometheus, q.Requests, Runs(stage), daily: true, cancellation).ConfigureAwait(false);
            withData.AddRange(present.SelectMany(s => s.Samples).Where(p => double.IsFinite(p.Value)).Select(p => DayOf(p.Time, daily: true)));
        }
        var chosen = withData.Distinct().OrderDescending().Take(wanted).Order().ToList();
        var range = $"from {ToolDates.Show(first)} to {ToolDates.Show(last)} (the year before {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, peak capacity windows left out: {calendar.Count} days)";
        if (chosen.Count == 0)
        {
            throw new CalibrationException(
                $"'{q.Requests}' returned no data for territory {settings.Territory.Code} on any baseline day {range}; are the apps instrumented per docs/metrics-contract.md, " +
                "and does Prometheus keep data from before the last peak (--storage.tsdb.retention.time)?");
        }
        if (chosen.Count < wanted)
        {
            throw new CalibrationException(
                $"only {chosen.Count} baseline days with data for territory {settings.Territory.Code} {range}, {wanted} wanted; " +
                $"keep more history in Prometheus (--storage.tsdb.retention.time) or pass --baseline-days {chosen.Count}");
        }
        return chosen;
    }

    /// <summary>
    /// A query over runs of consecutive days, joined per series. Daily queries (<c>increase(…[1d])</c>) are evaluated at
    /// each day's end, so the sample at midnight D+1 holds day D; rate queries every <see cref="Step"/> from each day's
    /// first minute to its last step.
    /// </summary>
    private static async Task<List<Series>> OverRunsAsync(
        PrometheusClient prometheus, string query, IReadOnlyList<(DateOnly First, DateOnly Last)> runs, bool daily, CancellationToken cancellation)
    {
        var answers = await Concurrently.AllAsync(runs, (run, token) =>
        {
            var start = Midnight(run.First);
            var end = Midnight(run.Last.AddDays(1));
            return daily
                ? prometheus.QueryRangeAsync(query, start + Day, end, Day, token)
                : prometheus.QueryRangeAsync(query, start, end - Step, Step, token);
        }, cancellation).ConfigureAwait(false);
        return Series.Join(answers.SelectMany(a => a));
    }

    /// <summary>The last UTC day that ended before <paramref name="at"/>: today is not over, so its busy hours may be to come.</summary>
    public static DateOnly LastCompleteDay(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime).AddDays(-1);

    /// <summary>The day a sample describes: a daily increase evaluated at midnight holds the day before.</summary>
    private static DateOnly DayOf(DateTimeOffset time, bool daily) =>
        DateOnly.FromDateTime(time.UtcDateTime).AddDays(daily ? -1 : 0);

    /// <summary>Consecutive days grouped into (first, last) runs, in date order.</summary>
    public static List<(DateOnly First, DateOnly Last)> Runs(IEnumerable<DateOnly> days)
    {
        var runs = new List<(DateOnly First, DateOnly Last)>();
        foreach (var day in days.Distinct().Order())
        {
            if (runs.Count > 0 && runs[^1].Last.AddDays(1) == day)
            {
                runs[^1] = (runs[^1].First, day);
            }
            else
            {
                runs.Add((day, day));
            }
        }
        return runs;
    }

    /// <summary>Whether <c>auto</c> would run a peak season on the day (its capacity window, lead time included).</summary>
    public static bool IsPeak(StackSettings settings, DateOnly day) =>
        settings.Capacity.Seasons.Resolve(day, settings.Capacity.LeadTimeDays) != Season.Baseline;

    /// <summary>Median over the chosen days of each day's 95th-percentile (nearest rank) 5-minute rate.</summary>
    public static double DailyBaseline(IEnumerable<(DateTimeOffset Time, double Value)> samples, IReadOnlySet<DateOnly> days, string query)
    {
        var daily = samples.Where(s => double.IsFinite(s.Value))
            .GroupBy(s => DayOf(s.Time, daily: false))
            .Where(g => days.Contains(g.Key))
            .Select(g => NearestRank(g.Select(s => s.Value).Order().ToList(), 0.95))
            .Order()
            .ToList();
        if (daily.Count == 0)
        {
            throw new CalibrationException($"'{query}' has no samples on the baseline days measured");
        }
        return daily.Count % 2 == 1 ? daily[daily.Count / 2] : (daily[daily.Count / 2 - 1] + daily[daily.Count / 2]) / 2;
    }

    /// <summary>
    /// The daily load curve the days show: every 5-minute rate on the days (all route classes together) is put in the
    /// hour of day it falls in, in <paramref name="zone"/>'s local time (so a day of summer time and one of winter time
    /// each count their own local hours), each hour's mean is taken, and the means are divided by the largest, so the
    /// busiest hour is 1. A mean per hour, not a percentile: the curve scales the season's busy-hour rate, which the
    /// baseline already measures as a percentile (docs/capacity-model.md, Daily floor).
    /// </summary>
    public static double[] HourlyProfile(IEnumerable<(DateTimeOffset Time, double Value)> samples, IReadOnlySet<DateOnly> days, TimeZoneInfo zone, string query)
    {
        var sums = new double[DailyLoadCurve.Hours];
        var counts = new int[DailyLoadCurve.Hours];
        foreach (var (time, value) in samples.Where(s => double.IsFinite(s.Value) && days.Contains(DayOf(s.Time, daily: false))))
        {
            var hour = TimeZoneInfo.ConvertTime(time, zone).Hour;
            sums[hour] += value;
            counts[hour]++;
        }
        if (counts.Any(c => c == 0))
        {
            throw new CalibrationException(
                $"'{query}' has no samples in local hour {Array.IndexOf(counts, 0)} ({zone.Id}) on the baseline days measured; measure more days (--baseline-days)");
        }
        var means = sums.Zip(counts, (sum, count) => sum / count).ToArray();
        var busiest = means.Max();
        return busiest > 0
            ? [.. means.Select(m => m / busiest)]
            : throw new CalibrationException($"'{query}' gave no requests on the baseline days measured; nothing to draw a daily load curve from");
    }

    /// <summary>The p-quantile by nearest rank: the value at position ⌈p·n⌉ of the sorted list.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>
    /// The q-quantile of cumulative buckets (upper bound text, count) as Prometheus' <c>histogram_quantile</c> computes
    /// it (promql/quantile.go): the rank q·total falls in the first bucket whose count reaches it, and is interpolated
    /// linearly between that bucket's lower and upper bound (lower bound 0 for the first bucket); a rank in the +Inf
    /// bucket gives the highest finite bound. Bounds spelled differently (<c>1</c>, <c>1.0</c>) are one bucket.
    /// NaN without a +Inf bucket or without observations.
    /// </summary>
    public static double HistogramQuantile(double q, IEnumerable<(string Le, double Count)> buckets)
    {
        var sorted = buckets
            .Select(b => (Bound: Bound(b.Le), b.Count))
            .Where(b => !double.IsNaN(b.Bound))
            .GroupBy(b => b.Bound)
            .Select(g => (Bound: g.Key, Count: g.Sum(b => b.Count)))
            .OrderBy(b => b.Bound)
            .ToList();
        if (sorted.Count < 2 || !double.IsPositiveInfinity(sorted[^1].Bound) || sorted[^1].Count <= 0)
        {
            return double.NaN;
        }
        // Counts must not fall with the bound (summed counters can, by a scrape's timing); Prometheus evens them out too.
        for (var i = 1; i < sorted.Count; i++)
        {
            sorted[i] = (sorted[i].Bound, Math.Max(sorted[i].Count, sorted[i - 1].Count));
        }
        var rank = q * sorted[^1].Count;
        var b = sorted.FindIndex(x => x.Count >= rank);
        if (b == sorted.Count - 1)
        {
            return sorted[^2].Bound;
        }
        if (b == 0 && sorted[0].Bound <= 0)
        {
            return sorted[0].Bound;
        }
        var (lower, below) = b == 0 ? (0.0, 0.0) : sorted[b - 1];
        var (upper, count) = sorted[b];
        return lower + (upper - lower) * ((rank - below) / (count - below));
    }

    /// <summary>An <c>le</c> value: a number, or <c>+Inf</c> as Prometheus writes it (.NET does not parse that).</summary>
    private static double Bound(string le) =>
        le == "+Inf" ? double.PositiveInfinity
        : double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
        : double.NaN;

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static IEnumerable<(DateTimeOffset Time, double Value)> Total(IEnumerable<Series> series) =>
        series.SelectMany(s => s.Samples).GroupBy(p => p.Time).Select(g => (g.Key, g.Sum(p => p.Value)));

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static double Ratio(List<Series> sum, List<Series> count, string sumQuery, string countQuery, StackSettings settings, List<DateOnly> days)
    {
        Require(sum, sumQuery, settings, days);
        Require(count, countQuery, settings, days);
        var total = count.SelectMany(s => s.Samples).Sum(p => Finite(p.Value));
        return total > 0
            ? sum.SelectMany(s => s.Samples).Sum(p => Finite(p.Value)) / total
            : throw new CalibrationException(
                $"'{countQuery}' gave 0 for territory {settings.Territory.Code} on the baseline days from {ToolDates.Show(days[0])} to {ToolDates.Show(days[^1])}; nothing was measured");
    }

    /// <summary>
    /// Each series of a <c>sum by (label)</c> with its label's value. Prometheus gives one series per value; a server
    /// that gives two (or a value that is no printable name) is not answering the query, and is named as such.
    /// </summary>
    private static List<(string Label, Series Series)> OnePerLabel(IReadOnlyList<Series> series, string label, string query)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, Series)>();
        foreach (var s in series)
        {
            var value = s.Labels.GetValueOrDefault(label, "(none)");
            if (Printable.Forbidden(value) is not null || value.Length > 200)
            {
                throw new CalibrationException($"'{query}' gave a series whose {label} {ValueText.Quote(value)} is no name (control characters or over 200 characters); is --prometheus a Prometheus server?");
            }
            if (!seen.Add(value))
            {
                throw new CalibrationException($"'{query}' gave two series for {label} {ValueText.Quote(value)}; a sum by ({label}) gives one each: is --prometheus a Prometheus server?");
            }
            result.Add((value, s));
        }
        return result;
    }

    private static void Require(List<Series> result, string query, StackSettings settings, List<DateOnly> days)
    {
        if (result.All(s => s.Samples.Count == 0))
        {
            throw new CalibrationException(
                $"'{query}' returned no data for territory {settings.Territory.Code} on the baseline days from {ToolDates.Show(days[0])} to {ToolDates.Show(days[^1])}; " +
                "are the apps instrumented per docs/metrics-contract.md?");
        }
    }

    /// <summary>The PromQL of the measurement, for one territory (names from the metrics contract).</summary>
    private sealed class Queries(string territory)
    {
        private readonly string _t = $"{{{MetricsContract.Labels.Territory}=\"{territory}\"}}";

        private static string Http => MetricsContract.Metrics.HttpRequestDuration;

        private static string Job => MetricsContract.Metrics.JobDuration;

        /// <summary>Requests per day: which days Prometheus has data for.</summary>
        public string Requests => $"sum(increase({MetricsContract.Metrics.HttpRequests}{_t}[1d]))";

        public string RequestRate => $"sum by ({MetricsContract.Labels.RouteClass}) (rate({MetricsContract.Metrics.HttpRequests}{_t}[5m]))";

        public string DurationSum => Daily(MetricsContract.Metrics.Sum(Http));

        public string DurationCount => Daily(MetricsContract.Metrics.Count(Http));

        public string DurationBuckets => $"sum by ({MetricsContract.Labels.Le}) (increase({MetricsContract.Metrics.Bucket(Http)}{_t}[1d]))";

        public string JobRate => $"sum by ({MetricsContract.Labels.Deployment}) (rate({MetricsContract.Metrics.Jobs}{_t}[5m]))";

        public string JobDurationSum => Daily(MetricsContract.Metrics.Sum(Job));

        public string JobDurationCount => Daily(MetricsContract.Metrics.Count(Job));

        private string Daily(string counter) => $"sum(increase({counter}{_t}[1d]))";
    }
}
