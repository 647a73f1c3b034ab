using FreshFoodz.Components.Chaos;
using FreshFoodz.Components.Drills;
using FreshFoodz.Monitoring;
using FreshFoodz.Operations.LoadTests;

namespace FreshFoodz.Operations.Drills;

/// <summary>One business chaos scenario: what it does, how to start it, what must happen, and the alert that must fire.</summary>
public sealed record ChaosScenario(string Name, string What, string Start, string Expected, string Alert);

/// <summary>
/// The seasonal plan's business chaos, each with its expected outcome and the alert that must fire. They run on the
/// rehearsal stack only (the stacks with <c>freshfoodz:chaosExperiments: true</c>), during the peak test's hold: the two
/// floods from <c>render k6</c>, the others as suspended CronJobs the plan holds (<see cref="ChaosScenarios"/>). A
/// territory's access failing over is the failover drill (<see cref="FailoverDrill"/>).
/// </summary>
public static class BusinessChaos
{
    /// <summary>Starts a suspended scenario CronJob once (the CronJob itself stays suspended).</summary>
    public static string StartJob(string cronJob) => $"kubectl -n {DrillPods.Namespace} create job {cronJob}-$(date -u +%s) --from=cronjob/{cronJob}";

    public static IReadOnlyList<ChaosScenario> For(string stack) =>
    [
        new("sample-request flood",
            $"{FloodScripts.SampleFloodVus} sample requests in flight at once for {FloodScripts.SampleFloodMinutes} min",
            $"k6 run -e BASE_URL=<api URL of {stack}> -e TOKEN=<load-test token> k6/{FloodScripts.SampleFloodFile(stack)}",
            $"the api HPAs scale out to their maximum, load sheds without errors, and the k6 threshold sample_success > {PeakTestProfile.SampleSuccessRate.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} (Sample-Success-Rate) holds",
            MetricsContract.Alerts.SeasonalLoadAboveProvisioned),
        new("GDPR-request flood",
            $"{FloodScripts.GdprRequests} synthetic data-subject requests in {FloodScripts.GdprMinutes} min, one in {FloodScripts.GdprBackdatedEvery} received {FloodScripts.GdprBackdatedDays} days ago",
            $"k6 run -e BASE_URL=<api URL of {stack}> -e TOKEN=<load-test token> k6/{FloodScripts.GdprFloodFile(stack)}",
            "every request is accepted (gdpr_accepted > 0.99); the backdated ones put the oldest open request past 21 days, the alert reaches compliance within 30 min, and closing them resolves it",
            MetricsContract.Alerts.GdprRequestSlaAtRisk),
        new("connection-pool exhaustion",
            $"{ChaosScenarios.PoolConnections} connections through the critical tier's PgBouncer, each holding a server connection for {ChaosScenarios.PoolHoldSeconds / 60} min (the pool has 50)",
            StartJob(ChaosScenarios.PoolExhaustion),
            "the war room's connections panel shows the critical tier at PgBouncer's pool line; the apps' queries wait in PgBouncer and fail after 120 s (query_wait_timeout), so the apps answer 503 fast instead of hanging, and recover by themselves when the job ends",
            MetricsContract.Alerts.DatabasePoolSaturated),
        new("lead-protection data corrupted",
            $"every active protection in {ChaosScenarios.LeadProtectionTable} expired at once, after its checksum and the moment before are logged in freshfoodz_drills.chaos_log",
            StartJob(ChaosScenarios.LeadProtectionCorruption),
            "legal is paged; then a restore drill of the critical tier to the logged moment (freshfoodz:restoreDrill with pointInTime) gives the table back with the logged checksum, its RPO under 15 min, and the table is copied back from the drill server (docs/recovery-drills.md)",
            MetricsContract.Alerts.LeadProtectionRuleViolated),
        new("audit-trail overwrite attempt",
            "a probe written to the lead-protection audit trail, then its version deleted, as a workload identity allowed to write that container",
            StartJob(ChaosScenarios.AuditOverwrite),
            "the archive refuses the delete (409 BlobImmutableDueToPolicy: the version-level immutability holds), the refusal is counted and reaches security; a delete that went through fails the job with IMMUTABILITY BROKEN",
            MetricsContract.Alerts.AuditTrailWriteRefused),
    ];
}
