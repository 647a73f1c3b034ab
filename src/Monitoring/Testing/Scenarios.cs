using System.Globalization;
using System.Text;
using FreshFoodz.Monitoring.Rules;
using static FreshFoodz.Monitoring.MetricsContract;

namespace FreshFoodz.Monitoring.Testing;

/// <summary>
/// Input series that put a metric at a chosen value, for promtool tests: the rendered tests and the test project's
/// threshold proofs both build on these, each with its own expected values. Series are one sample per interval
/// (1 minute unless said) and run for <see cref="Samples"/> intervals.
/// </summary>
public static class Scenarios
{
    /// <summary>Enough samples for the longest business check (a bit over an hour at 1 minute).</summary>
    public const int Samples = 90;

    public static string Territory(string territory) => $"{Labels.Territory}=\"{territory}\"";

    /// <summary>A gauge held at <paramref name="value"/>.</summary>
    public static Series Gauge(string metric, string labels, double value, int samples = Samples) =>
        new($"{metric}{{{labels}}}", $"{N(value)}x{samples}");

    /// <summary>A counter growing by <paramref name="perInterval"/> each interval.</summary>
    public static Series Counter(string metric, string labels, double perInterval, int samples = Samples) =>
        new($"{metric}{{{labels}}}", $"0+{N(perInterval)}x{samples}");

    /// <summary>A counter through phases of (intervals, growth per interval), continuing where the last ended.</summary>
    public static Series CounterPhases(string metric, string labels, IEnumerable<(int Intervals, double PerInterval)> phases)
    {
        var text = new StringBuilder();
        var value = 0.0;
        var first = true;
        foreach (var (intervals, step) in phases)
        {
            if (first)
            {
                text.Append(CultureInfo.InvariantCulture, $"0+{N(step)}x{intervals}");
                value = step * intervals;
                first = false;
            }
            else
            {
                value += step;
                text.Append(CultureInfo.InvariantCulture, $" {N(value)}+{N(step)}x{intervals - 1}");
                value += step * (intervals - 1);
            }
        }
        return new($"{metric}{{{labels}}}", text.ToString());
    }

    /// <summary>
    /// A unix-time gauge that is always <paramref name="gapSeconds"/> behind the evaluation time: at minute k it
    /// holds 60k − gap (promtool's time starts at 0).
    /// </summary>
    public static Series Timestamp(string metric, string labels, double gapSeconds, int samples = Samples) =>
        new($"{metric}{{{labels}}}", $"{N(-gapSeconds)}+60x{samples}");

    /// <summary>
    /// A counter that is 0 for <paramref name="quietIntervals"/> samples, then jumps by <paramref name="jump"/>
    /// and stays: the first non-zero sample is at interval <paramref name="quietIntervals"/>.
    /// </summary>
    public static Series Step(string metric, string labels, int quietIntervals, double jump, int samples = Samples) =>
        new($"{metric}{{{labels}}}", $"0x{quietIntervals - 1} {N(jump)}x{samples - quietIntervals}");

    /// <summary>
    /// A classic histogram's buckets, each growing by its cumulative count per interval. <paramref name="buckets"/>
    /// are (le text, cumulative observations per interval); +Inf is added with the total.
    /// </summary>
    public static IEnumerable<Series> Histogram(string histogram, string labels, IReadOnlyList<(string Le, double Cumulative)> buckets, double total, int samples = Samples)
    {
        foreach (var (le, cumulative) in buckets)
        {
            yield return Counter(Metrics.Bucket(histogram), $"{labels},{Labels.Le}=\"{le}\"", cumulative, samples);
        }
        yield return Counter(Metrics.Bucket(histogram), $"{labels},{Labels.Le}=\"+Inf\"", total, samples);
        yield return Counter(Metrics.Count(histogram), labels, total, samples);
    }

    /// <summary>
    /// A confidence-calculation histogram whose p95 lands on either side of 300 ms: of 100 calculations a minute,
    /// <paramref name="shareSlow"/> take 0.3–0.5 s and the rest 0.2–0.3 s (buckets 0.2, 0.3, 0.5).
    /// </summary>
    public static IEnumerable<Series> CarConfidence(string territory, double shareSlow) =>
        Histogram(Metrics.CarConfidenceDuration, Territory(territory), [("0.2", 0), ("0.3", 100 * (1 - shareSlow)), ("0.5", 100)], 100);

    /// <summary>Help requests: per minute, <paramref name="resolved"/> resolved and <paramref name="unresolved"/> not.</summary>
    public static IEnumerable<Series> Help(string territory, double resolved, double unresolved)
    {
        yield return Counter(Metrics.HelpRequests, $"{Territory(territory)},{Labels.Outcome}=\"{Outcomes.Resolved}\"", resolved);
        yield return Counter(Metrics.HelpRequests, $"{Territory(territory)},{Labels.Outcome}=\"{Outcomes.Unresolved}\"", unresolved);
    }

    /// <summary>HTTP requests at <paramref name="perSecond"/> (all 200s on one route class).</summary>
    public static Series Requests(string territory, double perSecond, string routeClass = RouteClasses.Order) =>
        Counter(Metrics.HttpRequests, $"{Territory(territory)},{Labels.RouteClass}=\"{routeClass}\",{Labels.Code}=\"200\"", perSecond * 60);

    /// <summary>
    /// Requests of one route class through phases of (minutes, error ratio) at 1,000 requests a minute: for
    /// availability the errors are 503s, for latency they are slower than the latency bound (written
    /// as <paramref name="leText"/>, the client's spelling of that bucket).
    /// </summary>
    public static IEnumerable<Series> Slo(string territory, string routeClass, SloKind kind, IReadOnlyList<(int Minutes, double ErrorRatio)> phases, string? leText = null)
    {
        const double PerMinute = 1000;
        var labels = $"{Territory(territory)},{Labels.RouteClass}=\"{routeClass}\"";
        if (kind == SloKind.Availability)
        {
            yield return CounterPhases(Metrics.HttpRequests, $"{labels},{Labels.Code}=\"200\"", phases.Select(p => (p.Minutes, PerMinute * (1 - p.ErrorRatio))));
            yield return CounterPhases(Metrics.HttpRequests, $"{labels},{Labels.Code}=\"503\"", phases.Select(p => (p.Minutes, PerMinute * p.ErrorRatio)));
            yield break;
        }
        var histogram = Metrics.HttpRequestDuration;
        yield return CounterPhases(Metrics.Bucket(histogram), $"{labels},{Labels.Le}=\"{leText}\"", phases.Select(p => (p.Minutes, PerMinute * (1 - p.ErrorRatio))));
        yield return CounterPhases(Metrics.Bucket(histogram), $"{labels},{Labels.Le}=\"+Inf\"", phases.Select(p => (p.Minutes, PerMinute)));
        yield return CounterPhases(Metrics.Count(histogram), labels, phases.Select(p => (p.Minutes, PerMinute)));
    }

    /// <summary>
    /// Request durations per territory with a chosen p95: all of a territory's requests fall in one bucket (0, b]
    /// with b = p95 / 0.95, so histogram_quantile's linear interpolation gives exactly the p95.
    /// </summary>
    public static IEnumerable<Series> TerritoryP95(IReadOnlyDictionary<string, double> p95ByTerritory) =>
        p95ByTerritory.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv =>
            Histogram(Metrics.HttpRequestDuration, $"{Territory(kv.Key)},{Labels.RouteClass}=\"{RouteClasses.Order}\"", [(N(kv.Value / 0.95), 100)], 100));

    private static string N(double value) => PromQl.Number(value);
}
