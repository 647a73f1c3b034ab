namespace FreshFoodz.Components.Drills;

/// <summary>
/// What the canaries and drills push to the Pushgateway (docs/metrics-contract.md, Recovery drills): gauges, grouped by
/// job, <c>territory</c> and <c>tier</c> (and the drill's <c>kind</c>), so a newer push replaces an older one.
/// </summary>
public static class DrillMetrics
{
    /// <summary>Unix time of the canary's last acknowledged write (the row's own timestamp).</summary>
    public const string CanaryLastWrite = "freshfoodz_canary_last_write_timestamp_seconds";

    /// <summary>Unix time of the newest canary row the database held just before that write.</summary>
    public const string CanaryNewestRow = "freshfoodz_canary_newest_row_timestamp_seconds";

    /// <summary>When the drill began: the drill server's creation (ARM systemData.createdAt), or the switchover command.</summary>
    public const string Started = "freshfoodz_drill_started_timestamp_seconds";

    /// <summary>When the drill's copy was verified (only on success).</summary>
    public const string Verified = "freshfoodz_drill_verified_timestamp_seconds";

    /// <summary>Measured RTO: verified − started.</summary>
    public const string Rto = "freshfoodz_drill_rto_seconds";

    /// <summary>Measured RPO: the restore point (or the moment of failure) − the newest canary row the copy holds.</summary>
    public const string Rpo = "freshfoodz_drill_rpo_seconds";

    /// <summary>1 when the copy was verified, 0 when the drill failed.</summary>
    public const string Success = "freshfoodz_drill_success";

    /// <summary>Application tables the restored database holds (the schema check's count).</summary>
    public const string RestoredTables = "freshfoodz_drill_restored_tables";

    /// <summary>Failover drill: the highest 5xx share of the tier's apps over the drill, and how long it stayed above 1 %.</summary>
    public const string ErrorRatioMax = "freshfoodz_drill_error_ratio_max";

    public const string ReconnectSeconds = "freshfoodz_drill_reconnect_seconds";

    /// <summary>Chaos: audit-archive writes or deletes the archive refused (the audit trail's immutability held).</summary>
    public const string AuditWriteRefused = "freshfoodz_audit_write_refused_total";

    /// <summary>The label that tells drills apart: <c>pitr</c>, <c>geo</c> or <c>failover</c>.</summary>
    public const string KindLabel = "kind";

    public const string FailoverKind = "failover";

    /// <summary>Pushgateway jobs.</summary>
    public const string CanaryJob = "freshfoodz-canary";

    public const string RestoreJob = "freshfoodz-restore-drill";

    public const string FailoverJob = "freshfoodz-failover-drill";

    public const string ChaosJob = "freshfoodz-chaos";
}
