using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Resilience;
using static FreshFoodz.Monitoring.MetricsContract;

namespace FreshFoodz.Monitoring.Rules;

/// <summary>
/// Recovery measured, not assumed: each tier's RTO and RPO targets recorded, and alerts when a drill's measured RTO or
/// RPO misses its tier's target, when a drill failed, when no restore drill verified a tier for
/// <see cref="StaleAfter"/>, and when a tier's canary stopped writing (docs/recovery-drills.md).
/// </summary>
public static class DrillRules
{
    public const string File = "freshfoodz-drills";

    /// <summary>
    /// 35 days: the critical tier keeps 35 days of backups (the most Azure allows, TieredDatabase.RetentionDays). A drill
    /// older than that restored backups that no longer exist, so no backup Azure holds for any tier has been proven
    /// restorable. The playbooks' drills (T-30 and each review) leave longer gaps, so the ticket is also the reminder.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(35);

    /// <summary>Five missed one-minute writes: the apps' path to the tier's database is down, or the canary is.</summary>
    public static readonly TimeSpan CanaryMaxAge = TimeSpan.FromMinutes(5);

    /// <summary>A drill's measurement is final: waiting makes it no truer.</summary>
    public static readonly TimeSpan MeasuredFor = TimeSpan.Zero;

    /// <summary>Two evaluations, so a Prometheus that just restarted and has not scraped the Pushgateway yet stays quiet.</summary>
    public static readonly TimeSpan StaleFor = TimeSpan.FromMinutes(5);

    /// <summary>Two canary runs agree.</summary>
    public static readonly TimeSpan CanaryFor = TimeSpan.FromMinutes(2);

    /// <summary>The restore drills' kinds (a failover drill does not restore backups).</summary>
    public static readonly string RestoreKinds = $"{RestoreDrillPlan.Code(RestoreKind.PointInTime)}|{RestoreDrillPlan.Code(RestoreKind.Geo)}";

    public static RuleFile Build(MonitoringInputs inputs)
    {
        var t = inputs.TerritoryCode;
        (string, string, string) Territory() => (Labels.Territory, "=", t);
        var rules = new List<Rule>();
        foreach (var tier in Enum.GetValues<DrTier>())
        {
            var target = tier.Target();
            rules.Add(new RecordingRule(Records.PlanRtoTarget, $"vector({PromQl.Number(target.Rto.TotalSeconds)})", LabelSet.Of((Labels.Territory, t), (Labels.Tier, tier.Code()))));
            rules.Add(new RecordingRule(Records.PlanRpoTarget, $"vector({PromQl.Number(target.Rpo.TotalSeconds)})", LabelSet.Of((Labels.Territory, t), (Labels.Tier, tier.Code()))));
        }
        string Missed(string measured, string target) =>
            $"max by ({Labels.Territory}, {Labels.Tier}, {Labels.Kind}) ({PromQl.Selector(measured, Territory())})\n" +
            $"  >= on ({Labels.Territory}, {Labels.Tier}) group_left {PromQl.Selector(target, Territory())}";
        rules.Add(Alert(t, Alerts.RecoveryDrillRtoMissed, Severities.Sev3, MeasuredFor, Missed(Drills.Rto, Records.PlanRtoTarget),
            $"A recovery drill in {t} took longer than its tier's RTO target",
            "The last drill of the tier and kind measured an RTO (start to verified) at or above the tier's target (critical 1 h, high 4 h, standard 24 h): the DR plan is not proven for it."));
        rules.Add(Alert(t, Alerts.RecoveryDrillRpoMissed, Severities.Sev3, MeasuredFor, Missed(Drills.Rpo, Records.PlanRpoTarget),
            $"A recovery drill in {t} lost more than its tier's RPO target",
            "The last drill of the tier and kind measured an RPO (restore point or failure less the newest canary row it kept) at or above the tier's target (critical 15 min, high 1 h, standard 4 h)."));
        rules.Add(Alert(t, Alerts.RecoveryDrillFailed, Severities.Sev2, MeasuredFor,
            $"min by ({Labels.Territory}, {Labels.Tier}, {Labels.Kind}) ({PromQl.Selector(Drills.Success, Territory())}) == 0",
            $"A recovery drill in {t} failed",
            "The drill's copy could not be verified (no connection, no schema, no canary row): read the verification Job's log in namespace recovery-drills."));
        var verified = PromQl.Selector(Drills.Verified, Territory(), (Labels.Kind, "=~", RestoreKinds));
        var stale = $"time() - max by ({Labels.Territory}, {Labels.Tier}) ({verified}) > {PromQl.Number(StaleAfter.TotalSeconds)}";
        var never = Enum.GetValues<DrTier>().Select(tier =>
            $"absent({PromQl.Selector(Drills.Verified, Territory(), (Labels.Tier, "=", tier.Code()), (Labels.Kind, "=~", RestoreKinds))})");
        rules.Add(Alert(t, Alerts.RestoreDrillStale, Severities.Sev3, StaleFor, string.Join("\nor\n", [stale, .. never]),
            $"No restore drill verified a tier in {t} for {TerritoryRules.Human(StaleAfter)}",
            $"No restore drill of the tier was verified in the last {TerritoryRules.Human(StaleAfter)} (the critical tier's backup retention), or none ever: schedule one with freshfoodz:restoreDrill."));
        var canary = PromQl.Selector(Drills.CanaryLastWrite, Territory());
        var silent = Enum.GetValues<DrTier>().Select(tier => $"absent({PromQl.Selector(Drills.CanaryLastWrite, Territory(), (Labels.Tier, "=", tier.Code()))})");
        rules.Add(Alert(t, Alerts.RecoveryCanaryStale, Severities.Sev2, CanaryFor,
            string.Join("\nor\n", [$"time() - max by ({Labels.Territory}, {Labels.Tier}) ({canary}) > {PromQl.Number(CanaryMaxAge.TotalSeconds)}", .. silent]),
            $"The recovery canary of a tier in {t} has not written for {TerritoryRules.Human(CanaryMaxAge)}",
            "The canary writes through the apps' path (writer endpoint, PgBouncer) every minute; none succeeded for 5 minutes, so the tier's database does not take writes or the canary does not run."));
        return new RuleFile(File, [new RuleGroup(Groups.RecoveryDrills, [.. rules])]);
    }

    private static AlertingRule Alert(string territory, string name, string severity, TimeSpan @for, string expr, string summary, string description) =>
        new(name, expr, @for,
            LabelSet.Of((Labels.Severity, severity), (Labels.Team, Teams.Platform), (Labels.Territory, territory)),
            LabelSet.Of(("summary", summary), ("description", description), ("dashboard", TerritoryRules.WarRoomUid(territory))));
}
