using System.Globalization;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Monitoring;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Calibration;

/// <summary>
/// Reads the last drills' measurements from a territory's Prometheus (what the verification Jobs and the failover
/// script pushed, docs/recovery-drills.md): one instant query per metric, per tier and kind.
/// </summary>
public static class DrillReadings
{
    /// <summary>
    /// A drill's RTO or RPO beyond a week is no measurement: a drill is one day's job (docs/recovery-drills.md) and the
    /// loosest target is the standard tier's 24 h, so a larger value is a broken push, refused rather than reported.
    /// </summary>
    private const double MaxDrillSeconds = 7 * 24 * 3600;

    /// <summary>The verification time, Unix seconds, within the tool's dates (2000–2100): beyond them it is no time.</summary>
    private static readonly double LastVerified = new DateTimeOffset(ToolDates.Last.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly double FirstVerified = new DateTimeOffset(ToolDates.First.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly string[] Kinds = [RestoreDrillPlan.Code(RestoreKind.PointInTime), RestoreDrillPlan.Code(RestoreKind.Geo), DrillMetrics.FailoverKind];

    /// <summary>
    /// The drill a series belongs to: a tier it does not name is another stack's business (skipped); a kind or drill
    /// label that is not the contract's (pitr, geo, failover; yyyyMMdd) is a wrong reply, refused with the query named.
    /// </summary>
    private static (DrTier Tier, string Kind, string Drill)? Key(Series s, string query)
    {
        if (!s.Labels.TryGetValue(MetricsContract.Labels.Tier, out var t) || Enum.GetValues<DrTier>().Cast<DrTier?>().FirstOrDefault(x => x!.Value.Code() == t) is not { } tier)
        {
            return null;
        }
        var kind = s.Labels.GetValueOrDefault(MetricsContract.Labels.Kind) ?? "";
        var drill = s.Labels.GetValueOrDefault(MetricsContract.Labels.Drill) ?? "";
        if (!Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw new CalibrationException($"{query}: a series has {MetricsContract.Labels.Kind}={ValueText.Quote(kind)}; expected {string.Join(", ", Kinds)} (docs/recovery-drills.md)");
        }
        if (!DateOnly.TryParseExact(drill, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || !ToolDates.Contains(day))
        {
            throw new CalibrationException($"{query}: a series has {MetricsContract.Labels.Drill}={ValueText.Quote(drill)}; expected the drill's day, yyyyMMdd from 20000101 to 21001231");
        }
        return (tier, kind, drill);
    }

    /// <summary>The series' last value, if it has one; a value outside <paramref name="min"/>–<paramref name="max"/> is implausible and refused.</summary>
    private static double? Plausible(Series s, string query, double min, double max)
    {
        if (s.Samples.Count == 0 || !double.IsFinite(s.Samples[^1].Value))
        {
            return null;
        }
        var value = s.Samples[^1].Value;
        return value >= min && value <= max
            ? value
            : throw new CalibrationException($"{query}: {value.ToString("R", CultureInfo.InvariantCulture)} is implausible; expected a number from {min.ToString("R", CultureInfo.InvariantCulture)} to {max.ToString("R", CultureInfo.InvariantCulture)}");
    }

    public static async Task<DrillEvidence> ReadAsync(PrometheusClient client, string territory, DateTimeOffset at, CancellationToken cancellation = default)
    {
        string By(string metric) =>
            $"max by ({MetricsContract.Labels.Tier}, {MetricsContract.Labels.Kind}, {MetricsContract.Labels.Drill}) ({metric}{{{MetricsContract.Labels.Territory}=\"{territory}\"}})";
        var rto = await client.QueryAsync(By(MetricsContract.Drills.Rto), at, cancellation).ConfigureAwait(false);
        var rpo = await client.QueryAsync(By(MetricsContract.Drills.Rpo), at, cancellation).ConfigureAwait(false);
        var verified = await client.QueryAsync(By(MetricsContract.Drills.Verified), at, cancellation).ConfigureAwait(false);
        var success = await client.QueryAsync(By(MetricsContract.Drills.Success), at, cancellation).ConfigureAwait(false);
        // Each series by its drill (one lookup each: a reply may hold many series, a scan per key was quadratic).
        Dictionary<(DrTier, string, string), double?> Index(IReadOnlyList<Series> series, string metric, double min, double max)
        {
            var index = new Dictionary<(DrTier, string, string), double?>();
            foreach (var s in series)
            {
                if (Key(s, By(metric)) is { } key)
                {
                    index.TryAdd(key, Plausible(s, By(metric), min, max));
                }
            }
            return index;
        }
        var rtos = Index(rto, MetricsContract.Drills.Rto, 0, MaxDrillSeconds);
        var rpos = Index(rpo, MetricsContract.Drills.Rpo, 0, MaxDrillSeconds);
        var verifiedAt = Index(verified, MetricsContract.Drills.Verified, FirstVerified, LastVerified);
        var succeeded = Index(success, MetricsContract.Drills.Success, 0, 1);
        var measurements = rtos.Keys.Concat(rpos.Keys).Concat(verifiedAt.Keys).Concat(succeeded.Keys).Distinct()
            .Select(k => new DrillMeasurement(k.Item1, k.Item2, k.Item3, rtos.GetValueOrDefault(k), rpos.GetValueOrDefault(k),
                verifiedAt.GetValueOrDefault(k) is { } v ? DateTimeOffset.FromUnixTimeSeconds((long)v) : null,
                succeeded.GetValueOrDefault(k) == 1))
            // Several drills of one tier and kind: the newest day is the last drill.
            .GroupBy(m => (m.Tier, m.Kind))
            .Select(g => g.OrderByDescending(m => m.Drill, StringComparer.Ordinal).First())
            .OrderBy(m => m.Tier).ThenBy(m => m.Kind, StringComparer.Ordinal)
            .ToList();
        return new DrillEvidence(measurements,
            $"read from {client.BaseUrl} at {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" + (measurements.Count == 0 ? ": no drill recorded yet" : ""));
    }
}
