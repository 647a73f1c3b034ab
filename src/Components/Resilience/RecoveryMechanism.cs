namespace FreshFoodz.Components.Resilience;

/// <summary>A way to recover a PostgreSQL flexible server, with the RTO and RPO it achieves and where they come from.</summary>
public sealed record RecoveryMechanism(string Name, TimeSpan Rto, TimeSpan Rpo, string Source)
{
    /// <summary>HA standby (zone-redundant or same-zone): automatic failover, RTO usually &lt; 120 s, RPO 0.</summary>
    public static RecoveryMechanism HighAvailabilityFailover { get; } = new(
        "HA failover", TimeSpan.FromSeconds(120), TimeSpan.Zero,
        "Microsoft docs, PostgreSQL flexible server, concepts-business-continuity: failover < 120 s, RPO 0");

    /// <summary>
    /// Forced promotion of the in-country read replica. RPO: replication lag, "typically 30 s to 5 min".
    /// RTO is our runbook budget, not a Microsoft figure: detect 10 min (alert) + decide 10 min + promote 5 min +
    /// reconnect through the writer virtual endpoint 5 min = 30 min.
    /// </summary>
    public static RecoveryMechanism ReplicaPromotion { get; } = new(
        "promote in-country read replica", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(5),
        "concepts-read-replicas (lag 30 s–5 min); RTO = runbook budget 10 + 10 + 5 + 5 min");

    /// <summary>Point-in-time restore: RPO up to 5 min, RTO "minutes to 12 hours" (we budget the 12 h).</summary>
    public static RecoveryMechanism PointInTimeRestore { get; } = new(
        "point-in-time restore", TimeSpan.FromHours(12), TimeSpan.FromMinutes(5),
        "concepts-backup-restore: PITR RPO ≤ 5 min, RTO minutes to 12 h");

    /// <summary>Geo-restore from geo-redundant backup: "up to one hour of RPO", RTO "minutes to hours" (we budget 12 h).</summary>
    public static RecoveryMechanism GeoRestore { get; } = new(
        "geo-restore from geo-redundant backup", TimeSpan.FromHours(12), TimeSpan.FromHours(1),
        "concepts-backup-restore: geo-backup RPO up to 1 h, RTO minutes to hours (budget 12 h)");

    /// <summary>No recovery in that scenario.</summary>
    public static RecoveryMechanism None { get; } = new(
        "none", TimeSpan.MaxValue, TimeSpan.MaxValue, "no mechanism covers this scenario");
}

/// <summary>One failure scenario and the mechanism that recovers from it.</summary>
public sealed record RecoveryPath(string Scenario, RecoveryMechanism Mechanism);

public enum DrVerdict
{
    Meets,
    Misses,

    /// <summary>Misses, allowed on a rehearsal stack that holds synthetic data only.</summary>
    Waived,
}

/// <summary>One row of the DR matrix: a business function, its tier, how it recovers, and whether that is enough.</summary>
public sealed record DrMatrixRow(string Function, DrTier Tier, IReadOnlyList<RecoveryPath> Paths, DrVerdict Verdict)
{
    public TimeSpan WorstRto => Paths.Max(p => p.Mechanism.Rto);

    public TimeSpan WorstRpo => Paths.Max(p => p.Mechanism.Rpo);

    /// <summary>Targets are strict: RTO &lt; target and RPO &lt; target.</summary>
    public static DrVerdict Judge(DrTier tier, IReadOnlyList<RecoveryPath> paths, bool syntheticDataOnly)
    {
        var target = tier.Target();
        var meets = paths.All(p => p.Mechanism.Rto < target.Rto && p.Mechanism.Rpo < target.Rpo);
        return meets ? DrVerdict.Meets : syntheticDataOnly ? DrVerdict.Waived : DrVerdict.Misses;
    }

    public string Explain()
    {
        var target = Tier.Target();
        var failing = Paths.FirstOrDefault(p => p.Mechanism.Rto >= target.Rto || p.Mechanism.Rpo >= target.Rpo);
        return failing is null
            ? $"{Function} ({Tier.Code()}) meets RTO < {Format(target.Rto)}, RPO < {Format(target.Rpo)}"
            : $"{Function} ({Tier.Code()}) misses RTO < {Format(target.Rto)} / RPO < {Format(target.Rpo)}: " +
              $"{failing.Scenario} recovers by {failing.Mechanism.Name} in {Format(failing.Mechanism.Rto)} losing up to {Format(failing.Mechanism.Rpo)}";
    }

    public static string Format(TimeSpan t) => t == TimeSpan.MaxValue ? "never"
        : t.TotalHours >= 1 && t.TotalMinutes % 60 == 0 ? $"{t.TotalHours:0} h"
        : t.TotalMinutes >= 1 && t.TotalSeconds % 60 == 0 ? $"{t.TotalMinutes:0} min"
        : $"{t.TotalSeconds:0} s";
}
