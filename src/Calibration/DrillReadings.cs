using System.Globalization;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Monitoring;

namespace FreshFoodz.Calibration;

/// <summary>
/// Reads the last drills' measurements from a territory's Prometheus (what the verification Jobs and the failover
/// script pushed, docs/recovery-drills.md): one instant query per metric, per tier and kind.
/// </summary>
public static class DrillReadings
{
    public static async Task<DrillEvidence> ReadAsync(PrometheusClient client, string territory, DateTimeOffset at, CancellationToken cancellation = default)
    {
        string By(string metric) =>
            $"max by ({MetricsContract.Labels.Tier}, {MetricsContract.Labels.Kind}, {MetricsContract.Labels.Drill}) ({metric}{{{MetricsContract.Labels.Territory}=\"{territory}\"}})";
        var rto = await client.QueryAsync(By(MetricsContract.Drills.Rto), at, cancellation).ConfigureAwait(false);
        var rpo = await client.QueryAsync(By(MetricsContract.Drills.Rpo), at, cancellation).ConfigureAwait(false);
        var verified = await client.QueryAsync(By(MetricsContract.Drills.Verified), at, cancellation).ConfigureAwait(false);
        var success = await client.QueryAsync(By(MetricsContract.Drills.Success), at, cancellation).ConfigureAwait(false);
        static (DrTier Tier, string Kind, string Drill)? Key(Series s) =>
            s.Labels.TryGetValue(MetricsContract.Labels.Tier, out var t) && Enum.GetValues<DrTier>().Cast<DrTier?>().FirstOrDefault(x => x!.Value.Code() == t) is { } tier
                ? (tier, s.Labels.GetValueOrDefault(MetricsContract.Labels.Kind) ?? "", s.Labels.GetValueOrDefault(MetricsContract.Labels.Drill) ?? "")
                : null;
        static double? Last(Series s) => s.Samples.Count > 0 && double.IsFinite(s.Samples[^1].Value) ? s.Samples[^1].Value : null;
        var keys = rto.Concat(rpo).Concat(verified).Concat(success).Select(Key).OfType<(DrTier, string, string)>().Distinct().ToList();
        double? Value(IReadOnlyList<Series> series, (DrTier, string, string) key) => series.Where(s => Key(s) == key).Select(Last).FirstOrDefault();
        var measurements = keys
            .Select(k => new DrillMeasurement(k.Item1, k.Item2, k.Item3, Value(rto, k), Value(rpo, k),
                Value(verified, k) is { } v ? DateTimeOffset.FromUnixTimeSeconds((long)v) : null,
                Value(success, k) == 1))
            // Several drills of one tier and kind: the newest day is the last drill.
            .GroupBy(m => (m.Tier, m.Kind))
            .Select(g => g.OrderByDescending(m => m.Drill, StringComparer.Ordinal).First())
            .OrderBy(m => m.Tier).ThenBy(m => m.Kind, StringComparer.Ordinal)
            .ToList();
        return new DrillEvidence(measurements,
            $"read from {client.BaseUrl} at {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" + (measurements.Count == 0 ? ": no drill recorded yet" : ""));
    }
}
