using System.Globalization;
using System.Text;

namespace FreshFoodz.Calibration.Tests;

/// <summary>
/// Series with known answers, as OpenMetrics text for <c>promtool tsdb create-blocks-from openmetrics</c>.
/// German traffic, scraped every 5 minutes over two windows:
/// <list type="bullet">
/// <item>2026-01-05 to 2026-02-02 (baseline days): sample 20/s, event_catering 5/s, order 15/s, other 10/s = 50/s,
/// except 2026-01-15, a one-off day at 4x (the median must ignore it);</item>
/// <item>2026-03-04 to 2026-04-01: 50/s until 2026-03-17, then 3x from 2026-03-18, the first day of Spargel's capacity
/// window (the measurement must leave those days out).</item>
/// </list>
/// Every request's duration follows one distribution: 50 % ≤ 0.1 s, 80 % ≤ 0.25 s, 90 % ≤ 0.5 s, 100 % ≤ 1 s, with a
/// mean of 0.2 s. histogram_quantile interpolates p95 inside (0.5, 1]: 0.5 + 0.5 × (0.95 − 0.9) / (1 − 0.9) = 0.75 s.
/// Swiss traffic is absent (the missing-series case).
/// </summary>
internal static class KnownSeries
{
    public static readonly (string RouteClass, double Rate)[] Routes = [("sample", 20), ("event_catering", 5), ("order", 15), ("other", 10)];
    public static readonly (string Le, double Share)[] Buckets = [("0.1", 0.5), ("0.25", 0.8), ("0.5", 0.9), ("1.0", 1.0), ("+Inf", 1.0)];
    public const double MeanDuration = 0.2;
    public const double P95Duration = 0.75;
    public const double BaselineRate = 50;

    public static readonly DateTimeOffset JanuaryEnd = new(2026, 2, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset AprilEnd = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (DateTimeOffset From, DateTimeOffset To)[] Windows =
    [
        (new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), JanuaryEnd),
        (new(2026, 3, 4, 0, 0, 0, TimeSpan.Zero), AprilEnd),
    ];

    private static readonly TimeSpan Scrape = TimeSpan.FromMinutes(5);

    /// <summary>The load factor on a day: the one-off day at 4x, Spargel's window at 3x.</summary>
    private static double Factor(DateTimeOffset t) =>
        t.Date == new DateTime(2026, 1, 15) ? 4 : t >= new DateTimeOffset(2026, 3, 18, 0, 0, 0, TimeSpan.Zero) ? 3 : 1;

    public static string OpenMetrics()
    {
        var times = Windows.SelectMany(w => Enumerable.Range(0, (int)((w.To - w.From) / Scrape) + 1).Select(i => w.From + i * Scrape)).ToList();
        var text = new StringBuilder();
        text.Append("# TYPE http_requests counter\n");
        foreach (var (route, rate) in Routes)
        {
            Counter(text, $"http_requests_total{{territory=\"de\",route_class=\"{route}\",code=\"200\"}}", times, rate);
        }
        text.Append("# TYPE http_request_duration_seconds histogram\n");
        var total = Routes.Sum(r => r.Rate);
        foreach (var (le, share) in Buckets)
        {
            Counter(text, $"http_request_duration_seconds_bucket{{territory=\"de\",le=\"{le}\"}}", times, total * share);
        }
        Counter(text, "http_request_duration_seconds_sum{territory=\"de\"}", times, total * MeanDuration);
        Counter(text, "http_request_duration_seconds_count{territory=\"de\"}", times, total);
        text.Append("# EOF\n");
        return text.ToString();
    }

    /// <summary>A counter growing at rate × the day's factor per second, one sample per scrape.</summary>
    private static void Counter(StringBuilder text, string series, List<DateTimeOffset> times, double rate)
    {
        var value = 0.0;
        for (var i = 0; i < times.Count; i++)
        {
            if (i > 0 && times[i] - times[i - 1] == Scrape)
            {
                value += rate * Factor(times[i]) * Scrape.TotalSeconds;
            }
            text.Append(series).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(' ')
                .Append(times[i].ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
