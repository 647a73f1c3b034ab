using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Monitoring;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Calibration;

/// <summary>What calibration measured for a territory over a window.</summary>
public sealed record Measurement(
    DateOnly From,
    DateOnly To,
    int BaselineDays,
    int ExcludedPeakDays,
    double BaselineRequestsPerSecond,
    IReadOnlyDictionary<string, double> BaselineByRouteClass,
    double MeanServiceTimeSeconds,
    double P95ServiceTimeSeconds);

/// <summary>
/// Measures the workload profile's API values from the metrics contract:
/// <list type="bullet">
/// <item>Baseline request rate: per UTC day, the 95th percentile of the 5-minute request rates (the day's busy
/// period, since capacity must carry busy hours, not the daily mean); then the median of those daily values over the
/// days outside every peak's capacity window (first day − lead time to last day, the same windows <c>auto</c> uses),
/// so peaks and their ramp-up never inflate the baseline and a single odd day cannot move it.</item>
/// <item>Mean service time: sum / count of <c>http_request_duration_seconds</c> over the window.</item>
/// <item>p95 service time: <c>histogram_quantile(0.95, …)</c> of the window's bucket increases.</item>
/// </list>
/// Worker jobs are not measured: the metrics contract has no job metric.
/// </summary>
public static class Baseline
{
    /// <summary>The step of the rate series (Prometheus keeps 11,000 points per query: 28 days at 5 min is 8,064).</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public static async Task<Measurement> MeasureAsync(PrometheusClient prometheus, StackSettings settings, DateTimeOffset at, TimeSpan window)
    {
        var territory = $"{MetricsContract.Labels.Territory}=\"{settings.Territory.Code}\"";
        var requests = MetricsContract.Metrics.HttpRequests;
        var duration = MetricsContract.Metrics.HttpRequestDuration;
        var range = $"{(long)window.TotalSeconds}s";
        var start = at - window;

        var rateQuery = $"sum by ({MetricsContract.Labels.RouteClass}) (rate({requests}{{{territory}}}[5m]))";
        var rates = await prometheus.QueryRangeAsync(rateQuery, start, at, Step).ConfigureAwait(false);
        Require(rates, rateQuery, settings);

        var peakDays = PeakDays(settings, start, at);
        var byRouteClass = rates.ToDictionary(
            s => s.Labels.GetValueOrDefault(MetricsContract.Labels.RouteClass, "(none)"),
            s => DailyBaseline(s.Samples, peakDays, rateQuery));
        var total = rates.SelectMany(s => s.Samples).GroupBy(p => p.Time).Select(g => (g.Key, g.Sum(p => p.Value))).OrderBy(p => p.Key).ToList();
        var days = total.Select(p => DateOnly.FromDateTime(p.Key.UtcDateTime)).Distinct().ToList();

        var meanQuery = $"sum(increase({duration}_sum{{{territory}}}[{range}])) / sum(increase({MetricsContract.Metrics.Count(duration)}{{{territory}}}[{range}]))";
        var p95Query = $"histogram_quantile(0.95, sum by ({MetricsContract.Labels.Le}) (increase({MetricsContract.Metrics.Bucket(duration)}{{{territory}}}[{range}])))";
        var mean = Scalar(await prometheus.QueryAsync(meanQuery, at).ConfigureAwait(false), meanQuery, settings);
        var p95 = Scalar(await prometheus.QueryAsync(p95Query, at).ConfigureAwait(false), p95Query, settings);

        var rate = DailyBaseline(total, peakDays, rateQuery);
        Plausible(rateQuery, "baselineRequestsPerSecond", CalibrationReport.RateDigits, rate, settings);
        Plausible(meanQuery, "meanServiceTimeSeconds", CalibrationReport.TimeDigits, mean, settings);
        Plausible(p95Query, "p95ServiceTimeSeconds", CalibrationReport.TimeDigits, p95, settings);
        if (CalibrationReport.Round(p95, CalibrationReport.TimeDigits) <= CalibrationReport.Round(mean, CalibrationReport.TimeDigits))
        {
            throw new CalibrationException(
                $"'{p95Query}' gave a p95 of {F(p95)} s, not above the mean {F(mean)} s of '{meanQuery}'; check the histogram's buckets (docs/metrics-contract.md)");
        }

        return new Measurement(
            DateOnly.FromDateTime(start.UtcDateTime),
            DateOnly.FromDateTime(at.UtcDateTime),
            days.Count(d => !peakDays.Contains(d)),
            days.Count(peakDays.Contains),
            rate,
            byRouteClass,
            mean,
            p95);
    }

    /// <summary>
    /// A measured value, rounded as it will be written, must lie in its key's range (<see cref="NumericRanges"/>):
    /// a value that rounds to zero or is absurdly large is a wrong metric or unit, never a stack-file edit.
    /// </summary>
    private static void Plausible(string query, string key, int digits, double value, StackSettings settings)
    {
        var range = NumericRanges.For($"freshfoodz:workload.api.{key}");
        if (!double.IsFinite(value) || !range.Accepts(CalibrationReport.Round(value, digits)))
        {
            throw new CalibrationException(
                $"'{query}' gave {F(value)} for territory {settings.Territory.Code}, which as {key} (rounded to {digits} decimals) is outside {range.Text}; check the metric's unit and labels (docs/metrics-contract.md)");
        }
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The days of the window on which <c>auto</c> would run a peak season.</summary>
    public static HashSet<DateOnly> PeakDays(StackSettings settings, DateTimeOffset start, DateTimeOffset end)
    {
        var days = new HashSet<DateOnly>();
        for (var d = DateOnly.FromDateTime(start.UtcDateTime); d <= DateOnly.FromDateTime(end.UtcDateTime); d = d.AddDays(1))
        {
            if (settings.Capacity.Seasons.Resolve(d, settings.Capacity.LeadTimeDays) != Season.Baseline)
            {
                days.Add(d);
            }
        }
        return days;
    }

    /// <summary>Median over non-peak days of each day's 95th-percentile (nearest rank) 5-minute rate.</summary>
    public static double DailyBaseline(IEnumerable<(DateTimeOffset Time, double Value)> samples, IReadOnlySet<DateOnly> peakDays, string query)
    {
        var daily = samples.Where(s => double.IsFinite(s.Value))
            .GroupBy(s => DateOnly.FromDateTime(s.Time.UtcDateTime))
            .Where(g => !peakDays.Contains(g.Key))
            .Select(g => NearestRank(g.Select(s => s.Value).Order().ToList(), 0.95))
            .Order()
            .ToList();
        if (daily.Count == 0)
        {
            throw new CalibrationException(
                $"'{query}' has no samples on baseline days in the window (every day is inside a peak's capacity window); choose a --window or --at with baseline days");
        }
        return daily.Count % 2 == 1 ? daily[daily.Count / 2] : (daily[daily.Count / 2 - 1] + daily[daily.Count / 2]) / 2;
    }

    /// <summary>The p-quantile by nearest rank: the value at position ⌈p·n⌉ of the sorted list.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static void Require(IReadOnlyList<Series> result, string query, StackSettings settings)
    {
        if (result.Count == 0 || result.All(s => s.Samples.Count == 0))
        {
            throw new CalibrationException(
                $"'{query}' returned no data for territory {settings.Territory.Code}; are the apps instrumented per docs/metrics-contract.md, and does the window cover their data?");
        }
    }

    private static double Scalar(IReadOnlyList<Series> result, string query, StackSettings settings)
    {
        Require(result, query, settings);
        var value = result[0].Samples[^1].Value;
        return double.IsFinite(value) && value > 0
            ? value
            : throw new CalibrationException(
                $"'{query}' gave {value.ToString(CultureInfo.InvariantCulture)} for territory {settings.Territory.Code}; the window holds no requests with durations");
    }
}
