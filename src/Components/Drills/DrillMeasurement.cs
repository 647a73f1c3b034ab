using FreshFoodz.Components.Resilience;

namespace FreshFoodz.Components.Drills;

/// <summary>
/// The last drill of one tier and kind as its Pushgateway metrics tell it (read from Prometheus at report time):
/// measured RTO and RPO in seconds, when it was verified, and whether it succeeded. Nothing here is estimated.
/// </summary>
public sealed record DrillMeasurement(DrTier Tier, string Kind, string Drill, double? RtoSeconds, double? RpoSeconds, DateTimeOffset? Verified, bool Success);

/// <summary>What the report knows about the drills: their measurements, or why there are none.</summary>
public sealed record DrillEvidence(IReadOnlyList<DrillMeasurement> Measurements, string Source)
{
    /// <summary>The report was made offline: nothing was measured here, and nothing is shown as if it had been.</summary>
    public static DrillEvidence NotRead { get; } = new([], "not measured: run report with --prometheus <the territory's Prometheus URL> to read the last drills' measurements");
}
