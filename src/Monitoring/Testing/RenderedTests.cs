using System.Collections.Immutable;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Monitoring.Rules;
using static FreshFoodz.Monitoring.MetricsContract;

namespace FreshFoodz.Monitoring.Testing;

/// <summary>
/// The promtool unit tests <c>render monitoring</c> writes beside the rules: for every alert a case where it fires
/// with its exact labels and a healthy case where it stays silent, well clear of the threshold (1.5x and 0.5x).
/// They show the rules behave as built; the test project separately proves each threshold against the documented
/// value, just above and just below it.
/// </summary>
public static class RenderedTests
{
    public const string RulesFolder = "rules";
    public const string TestsFolder = "tests";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static ImmutableArray<PromtoolTestFile> Build(MonitoringInputs inputs, RuleFile business, RuleFile slo, RuleFile plan, RuleFile central, RuleFile drills) =>
        [Plan(inputs, plan), Business(inputs, business), Peak(inputs, business), Slo(inputs, slo), Central(central), DrillTests(inputs, drills)];

    private static string RulePath(RuleFile file) => $"../{RulesFolder}/{file.FileName}";

    private static PromtoolTestFile Plan(MonitoringInputs inputs, RuleFile plan)
    {
        var t = inputs.TerritoryCode;
        var season = inputs.Capacity.Season.ConfigName();
        (string, double) Sample(string record, double value) => ($"{record}{{{Labels.Season}=\"{season}\",{Labels.Territory}=\"{t}\"}}", value);
        var checks = new[]
        {
            (Records.PlanApiReplicas, (double)inputs.Capacity.Hpa.MinReplicas),
            (Records.PlanApiReplicasMax, inputs.Capacity.Hpa.MaxReplicas),
            (Records.PlanDatabaseConnections, inputs.Capacity.Database.Sku.UsableConnections),
        }.Select(c => new ExprCheck(Minute, c.Item1, [Sample(c.Item1, c.Item2)]));
        return new("plan", [RulePath(plan)], Minute,
            [new PromtoolTest("plan values are recorded", Minute, [], [], [.. checks])]);
    }

    private static PromtoolTestFile Business(MonitoringInputs inputs, RuleFile business)
    {
        var t = inputs.TerritoryCode;
        var territory = Scenarios.Territory(t);
        var alerts = business.Alerts.ToDictionary(a => a.Alert);
        var tests = new List<PromtoolTest>();

        void Case(string alert, string what, IEnumerable<Series> series, TimeSpan at, bool fires, params (string, string)[] extraLabels)
        {
            var rule = alerts[alert];
            var expected = fires ? ImmutableArray.Create(ExpectedAlert.Of(rule, rule.Labels.AddRange(extraLabels.Select(l => KeyValuePair.Create(l.Item1, l.Item2))))) : [];
            tests.Add(new PromtoolTest($"{alert}: {what}", Minute, [.. series], [new AlertCheck(at, alert, expected)], []));
        }

        void Gauge(string alert, string metric, TimeSpan threshold, TimeSpan @for)
        {
            var at = @for + TimeSpan.FromMinutes(5);
            Case(alert, $"fires at 1.5x {TerritoryRules.Human(threshold)}", [Scenarios.Gauge(metric, territory, threshold.TotalSeconds * 1.5)], at, true);
            Case(alert, $"silent at 0.5x {TerritoryRules.Human(threshold)}", [Scenarios.Gauge(metric, territory, threshold.TotalSeconds * 0.5)], at, false);
        }

        Gauge(Alerts.OrderConfirmationDelayed, Metrics.OrderConfirmationDelay, Thresholds.OrderConfirmationDelay, TerritoryRules.ForWindows.AgeGauge);
        Gauge(Alerts.SampleRequestProcessingDelayed, Metrics.SampleRequestProcessingDelay, Thresholds.SampleRequestDelay, TerritoryRules.ForWindows.AgeGauge);
        Gauge(Alerts.LeadAssignmentLagging, Metrics.LeadAssignmentLag, Thresholds.LeadAssignmentLag, TerritoryRules.ForWindows.LeadAssignment);
        Gauge(Alerts.GdprRequestSlaAtRisk, Metrics.GdprRequestOldestOpen, Thresholds.GdprAtRisk, TerritoryRules.ForWindows.Gdpr);

        Case(Alerts.LeadProtectionRuleViolated, "fires at the first sample with a new violation",
            [Scenarios.Step(Metrics.LeadProtectionViolations, territory, 6, 1)], TimeSpan.FromMinutes(6), true);
        Case(Alerts.LeadProtectionRuleViolated, "silent while the count stays", [Scenarios.Gauge(Metrics.LeadProtectionViolations, territory, 3)], TimeSpan.FromMinutes(10), false);

        var gap = Thresholds.AuditTrailMaxGap.TotalSeconds;
        Case(Alerts.AuditTrailGap, "fires at a 1.5x gap", [Scenarios.Timestamp(Metrics.AuditTrailLastWrite, territory, gap * 1.5)], TimeSpan.FromMinutes(10), true);
        Case(Alerts.AuditTrailGap, "fires when the metric is missing", [Scenarios.Gauge(Metrics.OrderConfirmationDelay, territory, 0)], TimeSpan.FromMinutes(10), true);
        Case(Alerts.AuditTrailGap, "silent with a write a minute ago", [Scenarios.Timestamp(Metrics.AuditTrailLastWrite, territory, 60)], TimeSpan.FromMinutes(10), false);

        var budget = (double)inputs.Settings.AiBudgetMonthlyAmount;
        var currency = $"{territory},{Labels.Currency}=\"{inputs.Currency}\"";
        Case(Alerts.AiBudgetExceeded, "fires at 1.5x the budget", [Scenarios.Gauge(Metrics.AiCostMonthToDate, currency, budget * 1.5)], TimeSpan.FromMinutes(10), true, (Labels.Currency, inputs.Currency));
        Case(Alerts.AiBudgetExceeded, "silent at half the budget", [Scenarios.Gauge(Metrics.AiCostMonthToDate, currency, budget * 0.5)], TimeSpan.FromMinutes(10), false);

        var helpAt = TerritoryRules.ForWindows.HelpSuccess + TimeSpan.FromMinutes(10);
        Case(Alerts.HelpSuccessRateLow, "fires at 50 % resolved", Scenarios.Help(t, 5, 5), helpAt, true);
        Case(Alerts.HelpSuccessRateLow, "fires when none is resolved and the series is missing",
            [Scenarios.Counter(Metrics.HelpRequests, $"{territory},{Labels.Outcome}=\"{Outcomes.Unresolved}\"", 5)], helpAt, true);
        Case(Alerts.HelpSuccessRateLow, "silent at 95 % resolved", Scenarios.Help(t, 19, 1), helpAt, false);
        Case(Alerts.HelpSuccessRateLow, "silent below the minimum volume", Scenarios.Help(t, 0.1, 0.1), helpAt, false);

        var carAt = TerritoryRules.ForWindows.CarConfidence + TimeSpan.FromMinutes(10);
        Case(Alerts.CarConfidenceSlow, "fires when 20 % are slower than the limit", Scenarios.CarConfidence(t, 0.2), carAt, true);
        Case(Alerts.CarConfidenceSlow, "silent when 1 % are", Scenarios.CarConfidence(t, 0.01), carAt, false);

        var servable = inputs.Capacity.ServableRequestsPerSecond;
        var loadAt = TerritoryRules.ForWindows.SeasonalLoad + TimeSpan.FromMinutes(10);
        Case(Alerts.SeasonalLoadAboveProvisioned, "fires at 1.5x the servable rate", [Scenarios.Requests(t, servable * 1.5)], loadAt, true);
        Case(Alerts.SeasonalLoadAboveProvisioned, "silent at half of it", [Scenarios.Requests(t, servable * 0.5)], loadAt, false);

        var poolAt = TerritoryRules.ForWindows.PoolSaturated + TimeSpan.FromMinutes(5);
        var backends = $"{Labels.Database}=\"freshfoodz\",{Labels.Tier}=\"critical\"";
        Case(Alerts.DatabasePoolSaturated, "fires at 1.5x PgBouncer's pool", [Scenarios.Gauge(Infrastructure.PostgresBackends, backends, PgBouncer.ServerConnections * 1.5)], poolAt, true,
            (Labels.Tier, "critical"));
        Case(Alerts.DatabasePoolSaturated, "silent at half of it", [Scenarios.Gauge(Infrastructure.PostgresBackends, backends, PgBouncer.ServerConnections * 0.5)], poolAt, false);

        Case(Alerts.AuditTrailWriteRefused, "fires at the first refused write", [Scenarios.Step(Metrics.AuditWriteRefused, territory, 6, 1)], TimeSpan.FromMinutes(6), true);
        Case(Alerts.AuditTrailWriteRefused, "silent while none is refused", [Scenarios.Gauge(Metrics.AuditWriteRefused, territory, 0)], TimeSpan.FromMinutes(10), false);

        return new("business", [RulePath(business)], Minute, [.. tests]);
    }

    /// <summary>The drill alerts: a measurement over its tier's target fires, under it is silent; a drill older than 35 days, or none, fires.</summary>
    private static PromtoolTestFile DrillTests(MonitoringInputs inputs, RuleFile drills)
    {
        var t = inputs.TerritoryCode;
        var alerts = drills.Alerts.ToDictionary(a => a.Alert);
        var tests = new List<PromtoolTest>();
        var at = TimeSpan.FromMinutes(10);
        string Of(string tier, string kind = "pitr") => $"{Scenarios.Territory(t)},{Labels.Tier}=\"{tier}\",{Labels.Kind}=\"{kind}\"";
        void Case(string alert, string what, IEnumerable<Series> series, params (string Tier, string? Kind)[] firing)
        {
            var rule = alerts[alert];
            var expected = firing.Select(f => ExpectedAlert.Of(rule, rule.Labels.AddRange(
                f.Kind is null ? [KeyValuePair.Create(Labels.Tier, f.Tier)] : [KeyValuePair.Create(Labels.Tier, f.Tier), KeyValuePair.Create(Labels.Kind, f.Kind)])));
            tests.Add(new PromtoolTest($"{alert}: {what}", Minute, [.. series], [new AlertCheck(at, alert, [.. expected])], []));
        }
        var target = DrTier.Critical.Target();
        Case(Alerts.RecoveryDrillRtoMissed, "fires at 1.5x the critical tier's RTO", [Scenarios.Gauge(MetricsContract.Drills.Rto, Of("critical"), target.Rto.TotalSeconds * 1.5)], ("critical", "pitr"));
        Case(Alerts.RecoveryDrillRtoMissed, "silent at half of it", [Scenarios.Gauge(MetricsContract.Drills.Rto, Of("critical"), target.Rto.TotalSeconds * 0.5)]);
        Case(Alerts.RecoveryDrillRpoMissed, "fires at 1.5x the critical tier's RPO", [Scenarios.Gauge(MetricsContract.Drills.Rpo, Of("critical", "failover"), target.Rpo.TotalSeconds * 1.5)], ("critical", "failover"));
        Case(Alerts.RecoveryDrillRpoMissed, "silent at half of it", [Scenarios.Gauge(MetricsContract.Drills.Rpo, Of("critical", "failover"), target.Rpo.TotalSeconds * 0.5)]);
        // Each tier against its own target: the critical tier's miss is well inside the standard tier's.
        Case(Alerts.RecoveryDrillRpoMissed, "silent for a standard geo-restore at 1.5x the critical tier's RPO",
            [Scenarios.Gauge(MetricsContract.Drills.Rpo, Of("standard", "geo"), target.Rpo.TotalSeconds * 1.5)]);
        Case(Alerts.RecoveryDrillRpoMissed, "fires for a standard geo-restore at 1.5x its own RPO",
            [Scenarios.Gauge(MetricsContract.Drills.Rpo, Of("standard", "geo"), DrTier.Standard.Target().Rpo.TotalSeconds * 1.5)], ("standard", "geo"));
        Case(Alerts.RecoveryDrillFailed, "fires when a drill failed", [Scenarios.Gauge(MetricsContract.Drills.Success, Of("high"), 0)], ("high", "pitr"));
        Case(Alerts.RecoveryDrillFailed, "silent when it was verified", [Scenarios.Gauge(MetricsContract.Drills.Success, Of("high"), 1)]);
        var stale = DrillRules.StaleAfter.TotalSeconds;
        IEnumerable<Series> Verified(double criticalAge, bool withCritical = true) =>
            Enum.GetValues<DrTier>().Where(tier => withCritical || tier != DrTier.Critical)
                .Select(tier => Scenarios.Timestamp(MetricsContract.Drills.Verified, Of(tier.Code(), tier == DrTier.Standard ? "geo" : "pitr"),
                    tier == DrTier.Critical ? criticalAge : 3600));
        Case(Alerts.RestoreDrillStale, "fires 1.5x the staleness after the critical tier's last drill", Verified(stale * 1.5), ("critical", null));
        Case(Alerts.RestoreDrillStale, "fires for a tier never drilled", Verified(0, withCritical: false), ("critical", null));
        Case(Alerts.RestoreDrillStale, "silent the day after a drill", Verified(86400));
        var canaryAge = DrillRules.CanaryMaxAge.TotalSeconds;
        IEnumerable<Series> Canary(double highAge) => Enum.GetValues<DrTier>().Select(tier =>
            Scenarios.Timestamp(MetricsContract.Drills.CanaryLastWrite, $"{Scenarios.Territory(t)},{Labels.Tier}=\"{tier.Code()}\"", tier == DrTier.High ? highAge : 30));
        Case(Alerts.RecoveryCanaryStale, "fires when a tier's canary is 1.5x the limit behind", Canary(canaryAge * 1.5), ("high", null));
        Case(Alerts.RecoveryCanaryStale, "silent with a write half a minute ago", Canary(30));
        Case(Alerts.RecoveryCanaryStale, "fires for a tier whose canary never wrote", Canary(30).Where(x => !x.Selector.Contains("\"standard\"", StringComparison.Ordinal)), ("standard", null));
        return new("drills", [RulePath(drills)], Minute, [.. tests]);
    }

    /// <summary>The peak reserve check, over a calendar year when it applies only in the Weihnachten window.</summary>
    private static PromtoolTestFile Peak(MonitoringInputs inputs, RuleFile business)
    {
        var rule = business.Alerts.Single(a => a.Alert == Alerts.PeakCapacityReserveLow);
        var planned = inputs.Peak.Hpa.MinReplicas;
        var api = inputs.ApiDeployments[0];
        var selector = $"namespace=\"{api.Module}\",deployment=\"{api.Name}\"";
        var firing = ImmutableArray.Create(ExpectedAlert.Of(rule, rule.Labels));
        if (inputs.PeakWindow is not { } window)
        {
            var at = TerritoryRules.ForWindows.PeakReserve + TimeSpan.FromMinutes(5);
            return new("peak", [RulePath(business)], Minute,
            [
                new("fires one replica short of the 5x plan", Minute, [Scenarios.Gauge(Infrastructure.DeploymentReplicasAvailable, selector, planned - 1)],
                    [new AlertCheck(at, Alerts.PeakCapacityReserveLow, firing)], []),
                new("silent at the 5x plan", Minute, [Scenarios.Gauge(Infrastructure.DeploymentReplicasAvailable, selector, planned)],
                    [new AlertCheck(at, Alerts.PeakCapacityReserveLow, [])], []),
            ]);
        }
        // promtool's clock starts at 1970-01-01 UTC; one evaluation a day walks the calendar.
        var day = TimeSpan.FromDays(1);
        var start = DayIndex(window.From);
        var end = DayIndex(window.To);
        const int Days = 400;
        return new("peak", [RulePath(business)], day,
        [
            new("one replica short: silent before the window, firing in it, silent after it", day,
                [Scenarios.Gauge(Infrastructure.DeploymentReplicasAvailable, selector, planned - 1, Days)],
                [
                    new AlertCheck(day * (start - 1), Alerts.PeakCapacityReserveLow, []),
                    new AlertCheck(day * (start + 1), Alerts.PeakCapacityReserveLow, firing),
                    new AlertCheck(day * end, Alerts.PeakCapacityReserveLow, firing),
                    new AlertCheck(day * (end + 2), Alerts.PeakCapacityReserveLow, []),
                ], []),
            new("silent at the 5x plan in the window", day,
                [Scenarios.Gauge(Infrastructure.DeploymentReplicasAvailable, selector, planned, Days)],
                [new AlertCheck(day * (start + 1), Alerts.PeakCapacityReserveLow, [])], []),
        ]);
    }

    /// <summary>Days from 1970-01-01 to the day in 1970 (not a leap year).</summary>
    public static int DayIndex(MonthDay day) => new DateOnly(1970, day.Month, day.Day).DayNumber - new DateOnly(1970, 1, 1).DayNumber;

    private static PromtoolTestFile Slo(MonitoringInputs inputs, RuleFile slo)
    {
        var t = inputs.TerritoryCode;
        var rules = slo.Alerts.ToList();
        var tests = new List<PromtoolTest>();
        var at = TimeSpan.FromMinutes(30);
        foreach (var s in inputs.Slos)
        {
            AlertingRule Rule(string severity) => rules.Single(r => r.Labels[Labels.Slo] == s.Name && r.Severity == severity);
            ExpectedAlert Expect(string severity) => ExpectedAlert.Of(Rule(severity), Rule(severity).Labels);
            IEnumerable<Series> At(double budgets) =>
                Scenarios.Slo(t, s.RouteClass, s.Kind, [(60, s.ErrorBudget * budgets)], s.LatencySeconds is { } b ? PromQl.Number(b) : null);
            tests.Add(new($"{s.Name}: 15x burn pages (and tickets)", Minute, [.. At(15)],
                [new AlertCheck(at, Alerts.ErrorBudgetBurn, [Expect(Severities.Sev1), Expect(Severities.Sev3)])], []));
            tests.Add(new($"{s.Name}: 2x burn opens a ticket only", Minute, [.. At(2)],
                [new AlertCheck(at, Alerts.ErrorBudgetBurn, [Expect(Severities.Sev3)])], []));
            tests.Add(new($"{s.Name}: 0.5x burn is silent", Minute, [.. At(0.5)],
                [new AlertCheck(at, Alerts.ErrorBudgetBurn, [])], []));
        }
        // Every 5 minutes is enough for windows of 5 minutes and longer, and keeps 18 cases quick.
        return new("slo", [RulePath(slo)], TimeSpan.FromMinutes(5), [.. tests]);
    }

    private static PromtoolTestFile Central(RuleFile central)
    {
        var at = CentralRules.For + TimeSpan.FromMinutes(10);
        var rules = central.Alerts.ToDictionary(r => r.Labels[Labels.Territory]);
        var tests = new List<PromtoolTest>();
        foreach (var (slower, rule) in rules.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var p95 = rules.Keys.ToDictionary(k => k, k => k == slower ? 1.5 : 1.0);
            tests.Add(new($"{slower} 50 % slower fires for {slower}", Minute, [.. Scenarios.TerritoryP95(p95)],
                [new AlertCheck(at, Alerts.TerritoryLatencyDivergence, [ExpectedAlert.Of(rule, rule.Labels)])], []));
        }
        tests.Add(new("equal latency is silent", Minute, [.. Scenarios.TerritoryP95(rules.Keys.ToDictionary(k => k, _ => 1.0))],
            [new AlertCheck(at, Alerts.TerritoryLatencyDivergence, [])], []));
        return new("central", [RulePath(central)], Minute, [.. tests]);
    }
}
