namespace FreshFoodz.Monitoring.Tests;

/// <summary>
/// The documented alerting, written by hand from issue 5's alert table and docs/metrics-contract.md: owners,
/// thresholds, <c>for</c> windows and routing. The proofs feed metrics just above and just below these values and
/// expect these labels; nothing here is computed by the generators.
/// </summary>
internal static class Documented
{
    public sealed record Owner(string Severity, string Team, TimeSpan For);

    private static TimeSpan M(int minutes) => TimeSpan.FromMinutes(minutes);

    public static readonly IReadOnlyDictionary<string, Owner> Alerts = new Dictionary<string, Owner>
    {
        ["OrderConfirmationDelayed"] = new("sev1", "sales-ops", M(1)),
        ["SampleRequestProcessingDelayed"] = new("sev2", "sales-ops", M(1)),
        ["LeadAssignmentLagging"] = new("sev3", "sales-ops", M(5)),
        ["LeadProtectionRuleViolated"] = new("sev1", "legal", TimeSpan.Zero),
        ["GdprRequestSlaAtRisk"] = new("sev2", "compliance", M(30)),
        ["AuditTrailGap"] = new("sev1", "security", M(1)),
        ["AiBudgetExceeded"] = new("sev3", "platform", M(5)),
        ["HelpSuccessRateLow"] = new("sev3", "help-team", M(15)),
        ["CarConfidenceSlow"] = new("sev4", "platform", M(15)),
        ["SeasonalLoadAboveProvisioned"] = new("sev2", "platform", M(10)),
        ["PeakCapacityReserveLow"] = new("sev2", "platform", M(15)),
        ["TerritoryLatencyDivergence"] = new("sev4", "platform", M(30)),
        ["DatabasePoolSaturated"] = new("sev2", "platform", M(10)),
        ["AuditTrailWriteRefused"] = new("sev1", "security", TimeSpan.Zero),
        ["RecoveryDrillRtoMissed"] = new("sev3", "platform", TimeSpan.Zero),
        ["RecoveryDrillRpoMissed"] = new("sev3", "platform", TimeSpan.Zero),
        ["RecoveryDrillFailed"] = new("sev2", "platform", TimeSpan.Zero),
        ["RestoreDrillStale"] = new("sev3", "platform", M(5)),
        ["RecoveryCanaryStale"] = new("sev2", "platform", M(2)),
    };

    /// <summary>The DR targets (docs/disaster-recovery.md), RTO and RPO in seconds: critical 1 h / 15 min, high 4 h / 1 h, standard 24 h / 4 h.</summary>
    public static readonly IReadOnlyDictionary<string, (double Rto, double Rpo)> DrTargets = new Dictionary<string, (double, double)>
    {
        ["critical"] = (3600, 900),
        ["high"] = (14400, 3600),
        ["standard"] = (86400, 14400),
    };

    /// <summary>A restore drill older than the critical tier's 35 days of backups is stale; a canary 5 minutes behind.</summary>
    public static readonly TimeSpan DrillStale = TimeSpan.FromDays(35);
    public static readonly TimeSpan CanaryStale = M(5);

    /// <summary>PgBouncer's pool: pgbouncer.default_pool_size 50 server connections per user/database pair (Azure's default).</summary>
    public const int PoolSize = 50;

    /// <summary>The SLO burn alert: sev1 pages (for 2m), sev3 tickets (for 15m), owned by platform.</summary>
    public const string BurnAlert = "ErrorBudgetBurn";

    public static readonly TimeSpan OrderConfirmation = M(5);
    public static readonly TimeSpan SampleRequest = M(2);
    public static readonly TimeSpan LeadAssignment = TimeSpan.FromSeconds(30);

    /// <summary>GDPR Art. 12(3): one month, counted as 28 days (the shortest month); the alert leaves a week: 21 days.</summary>
    public static readonly TimeSpan GdprAtRisk = TimeSpan.FromDays(21);

    /// <summary>Heartbeat every 5 minutes; three missed.</summary>
    public static readonly TimeSpan AuditGap = M(15);

    public static (double Amount, string Currency) AiBudget(string territory) => territory switch
    {
        "de" => (600, "EUR"),
        "ch" => (1000, "CHF"),
        _ => throw new ArgumentOutOfRangeException(nameof(territory)),
    };

    public const double HelpResolvedMin = 0.85;
    public const int HelpMinRequestsPerHour = 20;
    public const double CarConfidenceP95 = 0.3;
    public const double LatencyDivergence = 0.20;

    /// <summary>
    /// The Weihnachten (5x) plan's api replicas, worked by hand (docs/capacity-model.md): de λ = 250/s,
    /// 250 × 0.2 / (8 × 0.5) = 12.5 → 13 pods; split 0.45/0.3/0.15/0.1 → ⌈5.85⌉ 6 + ⌈3.9⌉ 4 + 3 + 3 (one per zone) = 16.
    /// ch λ = 75/s → 3.75 → 4 pods; every share rounds up to under 3, so 4 × 3 = 12.
    /// </summary>
    public static int PeakApiReplicas(string territory) => territory switch
    {
        "de" => 16,
        "ch" => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(territory)),
    };

    /// <summary>Weihnachten runs Nov 1 – Dec 31; its capacity is due 14 days before (the default lead time).</summary>
    public static readonly (int Month, int Day) PeakFrom = (10, 18);
    public static readonly (int Month, int Day) PeakTo = (12, 31);

    public sealed record SloTarget(string Name, string RouteClass, bool Latency, double Objective, double? Seconds);

    /// <summary>Availability 99.5 %; latency: 95 % within the route's p95 target (2 s, 1.5 s, orders 2 s).</summary>
    public static readonly IReadOnlyList<SloTarget> Slos =
    [
        new("sample-availability", "sample", false, 0.995, null),
        new("sample-latency", "sample", true, 0.95, 2.0),
        new("event-catering-availability", "event_catering", false, 0.995, null),
        new("event-catering-latency", "event_catering", true, 0.95, 1.5),
        new("order-availability", "order", false, 0.995, null),
        new("order-latency", "order", true, 0.95, 2.0),
    ];

    /// <summary>SRE workbook table 5-8: (burn factor, long window, short window, severity).</summary>
    public static readonly IReadOnlyList<(double Factor, TimeSpan Long, TimeSpan Short, string Severity)> Burns =
    [
        (14.4, TimeSpan.FromHours(1), M(5), "sev1"),
        (6, TimeSpan.FromHours(6), M(30), "sev1"),
        (1, TimeSpan.FromDays(3), TimeSpan.FromHours(6), "sev3"),
    ];

    /// <summary>The routing rules: which receivers an alert with these labels reaches, in Alertmanager's order.</summary>
    public static IReadOnlyList<string> Receivers(string ownTerritory, string territory, string severity, string team)
    {
        if (territory != ownTerritory)
        {
            return ["discard"];
        }
        var receivers = new List<string>();
        if (team is "legal" or "compliance" or "security")
        {
            receivers.Add($"{territory}-{team}");
        }
        receivers.Add(severity switch
        {
            "sev1" => $"{territory}-page",
            "sev2" => $"{territory}-oncall",
            _ => $"{territory}-tickets",
        });
        return receivers;
    }
}
