using System.Collections.Immutable;
using System.Globalization;
using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Monitoring.Rules;
using FreshFoodz.Monitoring.Testing;

namespace FreshFoodz.Monitoring.Tests;

/// <summary>
/// Proves every alert of the rendered rules with the real promtool: metrics just above the documented threshold fire
/// with the documented labels after the documented <c>for</c>, just below they stay silent. Expected values come from
/// <see cref="Documented"/> (and, for the load alert, from the capacity engine the docs name as its source).
/// </summary>
public class ThresholdProofTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static TheoryData<string> Stacks() => ["de-prod", "ch-prod", "peak-weihnachten"];

    public static TheoryData<string, string?> StacksAndSeasons() => new()
    {
        { "de-prod", null }, { "ch-prod", null }, { "peak-weihnachten", null }, { "de-prod", "spargel" }, { "ch-prod", "baseline" },
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void BusinessAlertsFireJustAboveTheDocumentedThresholdAndNotBelow(string stack)
    {
        var inputs = Repo.Inputs(stack);
        var t = inputs.TerritoryCode;
        var p = new Proof(inputs);
        var territory = $"territory=\"{t}\"";

        void GaugeAlert(string alert, string metric, TimeSpan threshold)
        {
            var @for = Documented.Alerts[alert].For;
            var s = threshold.TotalSeconds;
            p.Case(alert, "1 s above", [Scenarios.Gauge(metric, territory, s + 1)], (@for - Minute, false), (@for, true));
            p.Case(alert, "1 s below", [Scenarios.Gauge(metric, territory, s - 1)], (@for + M(10), false));
        }

        GaugeAlert("OrderConfirmationDelayed", MetricsContract.Metrics.OrderConfirmationDelay, Documented.OrderConfirmation);
        GaugeAlert("SampleRequestProcessingDelayed", MetricsContract.Metrics.SampleRequestProcessingDelay, Documented.SampleRequest);
        GaugeAlert("LeadAssignmentLagging", MetricsContract.Metrics.LeadAssignmentLag, Documented.LeadAssignment);
        GaugeAlert("GdprRequestSlaAtRisk", MetricsContract.Metrics.GdprRequestOldestOpen, Documented.GdprAtRisk);

        // Immediately: silent the minute before, firing at the first sample that counts a new violation.
        p.Case("LeadProtectionRuleViolated", "one new violation", [Scenarios.Step(MetricsContract.Metrics.LeadProtectionViolations, territory, 6, 1)],
            (M(5), false), (M(6), true));
        p.Case("LeadProtectionRuleViolated", "no new violation", [Scenarios.Gauge(MetricsContract.Metrics.LeadProtectionViolations, territory, 7)], (M(10), false));

        var gap = Documented.AuditGap.TotalSeconds;
        p.Case("AuditTrailGap", "1 s over the gap", [Scenarios.Timestamp(MetricsContract.Metrics.AuditTrailLastWrite, territory, gap + 1)], (M(0), false), (M(1), true));
        p.Case("AuditTrailGap", "1 s under the gap", [Scenarios.Timestamp(MetricsContract.Metrics.AuditTrailLastWrite, territory, gap - 1)], (M(10), false));

        var (budget, currency) = Documented.AiBudget(t);
        var spend = $"{territory},currency=\"{currency}\"";
        p.Case("AiBudgetExceeded", $"{currency} 1 over budget", [Scenarios.Gauge(MetricsContract.Metrics.AiCostMonthToDate, spend, budget + 1)],
            [("currency", currency)], (M(4), false), (M(5), true));
        p.Case("AiBudgetExceeded", $"{currency} 1 under budget", [Scenarios.Gauge(MetricsContract.Metrics.AiCostMonthToDate, spend, budget - 1)], (M(15), false));

        // Rates need two samples: the condition holds from minute 1, so it fires at for + 1 minute.
        var helpFor = Documented.Alerts["HelpSuccessRateLow"].For;
        var below = Documented.HelpResolvedMin - 0.01;
        var above = Documented.HelpResolvedMin + 0.01;
        p.Case("HelpSuccessRateLow", "1 point under the share", Scenarios.Help(t, 100 * below, 100 * (1 - below)), (helpFor, false), (helpFor + Minute, true));
        p.Case("HelpSuccessRateLow", "1 point over the share", Scenarios.Help(t, 100 * above, 100 * (1 - above)), (M(30), false));
        // Volume: 21 unresolved requests an hour count, 18 do not (checked once a full hour is in the window).
        var unresolved = $"{territory},outcome=\"unresolved\"";
        p.Case("HelpSuccessRateLow", "21 requests an hour, none resolved", [Scenarios.Counter(MetricsContract.Metrics.HelpRequests, unresolved, 21.0 / 60, 120)], (M(90), true));
        p.Case("HelpSuccessRateLow", "18 requests an hour", [Scenarios.Counter(MetricsContract.Metrics.HelpRequests, unresolved, 18.0 / 60, 120)], (M(90), false));

        // 6 % slower than 300 ms puts the p95 at 0.333 s, 4 % at 0.299 s.
        var carFor = Documented.Alerts["CarConfidenceSlow"].For;
        p.Case("CarConfidenceSlow", "p95 just above 300 ms", Scenarios.CarConfidence(t, 0.06), (carFor, false), (carFor + Minute, true));
        p.Case("CarConfidenceSlow", "p95 just below 300 ms", Scenarios.CarConfidence(t, 0.04), (M(30), false));

        p.Run("business", TerritoryRules.BusinessFile);
    }

    /// <summary>The load threshold is the season plan's servable rate (docs: CapacityPlan.ServableRequestsPerSecond).</summary>
    [Theory]
    [MemberData(nameof(StacksAndSeasons))]
    public void LoadAlertFiresAboveWhatTheSeasonServes(string stack, string? season)
    {
        var inputs = Repo.Inputs(stack, season);
        var servable = inputs.Capacity.ServableRequestsPerSecond;
        var @for = Documented.Alerts["SeasonalLoadAboveProvisioned"].For;
        var p = new Proof(inputs);
        // rate() over 5 minutes reads the full rate once 4 minutes of samples are in (Prometheus extrapolates to
        // the window's start from there): silent 2 minutes later than that plus for would still be pending.
        p.Case("SeasonalLoadAboveProvisioned", "1 % over", [Scenarios.Requests(inputs.TerritoryCode, servable * 1.01)], (@for + M(2), false), (@for + M(5), true));
        p.Case("SeasonalLoadAboveProvisioned", "1 % under", [Scenarios.Requests(inputs.TerritoryCode, servable * 0.99)], (@for + M(10), false));
        p.Run("load", TerritoryRules.BusinessFile);
    }

    [Fact]
    public void TheLoadThresholdIsTheEnginesServableRateOfTheEffectiveSeason()
    {
        // de-prod on 2026-11-22 is in Weihnachten; the rule records that plan's servable rate, rounded to 3 decimals.
        var inputs = Repo.Inputs("de-prod");
        Assert.Equal(Capacity.Seasons.Season.Weihnachten, inputs.Capacity.Season);
        var rule = TerritoryRules.Business(inputs).Groups.SelectMany(g => g.Rules).OfType<RecordingRule>()
            .Single(r => r.Record == MetricsContract.Records.PlanServableRequests);
        Assert.Equal($"vector({inputs.Capacity.ServableRequestsPerSecond.ToString("0.###", CultureInfo.InvariantCulture)})", rule.Expr);
        Assert.Equal("weihnachten", rule.Labels["season"]);
    }

    /// <summary>
    /// One replica short of the documented 5x plan fires; the plan itself is silent. Auto stacks are checked only from
    /// Oct 18 to Dec 31 (promtool's clock starts on 1970-01-01, one evaluation a day); the rehearsal, pinned to
    /// Weihnachten, all year.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public void PeakReserveFiresBelowTheFiveTimesPlanDuringWeihnachten(string stack)
    {
        var inputs = Repo.Inputs(stack);
        var planned = Documented.PeakApiReplicas(inputs.TerritoryCode);
        var always = stack == "peak-weihnachten";
        var day = TimeSpan.FromDays(1);
        TimeSpan On(int month, int dayOfMonth) => day * (new DateOnly(1970, month, dayOfMonth).DayNumber - new DateOnly(1970, 1, 1).DayNumber);
        var from = On(Documented.PeakFrom.Month, Documented.PeakFrom.Day);
        var to = On(Documented.PeakTo.Month, Documented.PeakTo.Day);
        var replicas = "namespace=\"sales\",deployment=\"order-api\"";
        var p = new Proof(inputs, day);
        p.Case("PeakCapacityReserveLow", "one replica short", [Scenarios.Gauge(MetricsContract.Infrastructure.DeploymentReplicasAvailable, replicas, planned - 1, 400)],
            (On(6, 1), always), (from - day, always), (from + day, true), (to, true), (to + day * 2, always));
        p.Case("PeakCapacityReserveLow", "at the plan", [Scenarios.Gauge(MetricsContract.Infrastructure.DeploymentReplicasAvailable, replicas, planned, 400)],
            (from + day, false));
        p.Run("peak", TerritoryRules.BusinessFile);
    }

    /// <summary>
    /// Each burn factor of SRE workbook table 5-8, bracketed just above and below it, in phases that isolate the
    /// windows: 70 minutes of burn after two quiet hours reaches the 1h/5m pair but keeps the 6h window under 6x;
    /// a constant burn reaches 6h/30m and 3d/6h. Rules are evaluated every 5 minutes (inputs every minute).
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public void BurnRateAlertsFollowTheSreWorkbook(string stack)
    {
        var inputs = Repo.Inputs(stack);
        var t = inputs.TerritoryCode;
        var p = new Proof(inputs, evaluation: M(5));
        foreach (var slo in Documented.Slos)
        {
            var budget = 1 - slo.Objective;
            var le = slo.Seconds?.ToString(CultureInfo.InvariantCulture);
            IEnumerable<Series> Phases(string? leText, params (int, double)[] phases) =>
                Scenarios.Slo(t, slo.RouteClass, slo.Latency ? SloKind.Latency : SloKind.Availability, phases, leText);
            (string, string)[] Labels(string severity) => [("severity", severity), ("team", "platform"), ("territory", t), ("route_class", slo.RouteClass), ("slo", slo.Name)];

            var (fast, _, _, _) = Documented.Burns[0];
            var (medium, _, _, _) = Documented.Burns[1];
            var (slow, _, _, _) = Documented.Burns[2];
            var late = M(190);
            var early = M(40);
            p.Burn(slo.Name, $"{fast * 1.007}x for the last 70 minutes", Phases(le, (120, 0), (70, fast * 1.007 * budget)), late, Labels("sev1"), Labels("sev3"));
            p.Burn(slo.Name, $"{fast * 0.993}x for the last 70 minutes", Phases(le, (120, 0), (70, fast * 0.993 * budget)), late, Labels("sev3"));
            p.Burn(slo.Name, $"{medium * 1.02}x throughout", Phases(le, (40, medium * 1.02 * budget)), early, Labels("sev1"), Labels("sev3"));
            p.Burn(slo.Name, $"{medium * 0.98}x throughout", Phases(le, (40, medium * 0.98 * budget)), early, Labels("sev3"));
            p.Burn(slo.Name, $"{slow * 1.1}x throughout", Phases(le, (40, slow * 1.1 * budget)), early, Labels("sev3"));
            p.Burn(slo.Name, $"{slow * 0.9}x throughout", Phases(le, (40, slow * 0.9 * budget)), early);
            if (slo.Seconds is { } bound && double.IsInteger(bound))
            {
                // Java and Python clients (and Prometheus 3) spell the bucket "2.0".
                var java = bound.ToString("0.0", CultureInfo.InvariantCulture);
                p.Burn(slo.Name, $"{slow * 1.1}x with le=\"{java}\"", Phases(java, (40, slow * 1.1 * budget)), early, Labels("sev3"));
            }
        }
        p.Run("slo", TerritoryRules.SloFile);
    }

    [Fact]
    public void DivergenceFiresForTheTerritoryMoreThanTwentyPercentSlower()
    {
        var p = new Proof(Repo.Inputs("de-prod"));
        var @for = Documented.Alerts["TerritoryLatencyDivergence"].For;
        var over = 1 + Documented.LatencyDivergence + 0.01;
        var under = 1 + Documented.LatencyDivergence - 0.01;
        p.Central("ch 21 % slower", new Dictionary<string, double> { ["de"] = 1.0, ["ch"] = over }, (@for, null), (@for + Minute, "ch"));
        p.Central("de 21 % slower", new Dictionary<string, double> { ["de"] = over, ["ch"] = 1.0 }, (@for + M(5), "de"));
        p.Central("ch 19 % slower", new Dictionary<string, double> { ["de"] = 1.0, ["ch"] = under }, (@for + M(5), null));
        p.Run("central", CentralRules.File);
    }

    /// <summary>
    /// The drill alerts: a measured RTO or RPO one second at or over its tier's target fires at once, one under is silent;
    /// a restore drill verified 35 days and a second ago fires, a fresh one stays silent, a tier never drilled fires.
    /// </summary>
    [Theory]
    [MemberData(nameof(Stacks))]
    public void DrillAlertsFireAtTheTiersTargetsAndWhenNoDrillRanFor35Days(string stack)
    {
        var inputs = Repo.Inputs(stack);
        var t = inputs.TerritoryCode;
        var p = new Proof(inputs);
        string Of(string tier, string kind) => $"territory=\"{t}\",tier=\"{tier}\",kind=\"{kind}\"";
        foreach (var (tier, (rto, rpo)) in Documented.DrTargets)
        {
            (string, string)[] labels = [("kind", "pitr"), ("tier", tier)];
            p.Case("RecoveryDrillRtoMissed", $"{tier}: RTO at the target", [Scenarios.Gauge(MetricsContract.Drills.Rto, Of(tier, "pitr"), rto)], labels, (M(0), true));
            p.Case("RecoveryDrillRtoMissed", $"{tier}: RTO 1 s under it", [Scenarios.Gauge(MetricsContract.Drills.Rto, Of(tier, "pitr"), rto - 1)], (M(10), false));
            p.Case("RecoveryDrillRpoMissed", $"{tier}: RPO 1 s over the target", [Scenarios.Gauge(MetricsContract.Drills.Rpo, Of(tier, "pitr"), rpo + 1)], labels, (M(0), true));
            p.Case("RecoveryDrillRpoMissed", $"{tier}: RPO 1 s under it", [Scenarios.Gauge(MetricsContract.Drills.Rpo, Of(tier, "pitr"), rpo - 1)], (M(10), false));
        }
        var staleFor = Documented.Alerts["RestoreDrillStale"].For;
        IEnumerable<Series> Verified(double criticalAge) => Documented.DrTargets.Keys.Select(tier =>
            Scenarios.Timestamp(MetricsContract.Drills.Verified, Of(tier, "pitr"), tier == "critical" ? criticalAge : 3600));
        var stale = Documented.DrillStale.TotalSeconds;
        p.Case("RestoreDrillStale", "critical drilled 35 days and 1 s ago", Verified(stale + 1), [("tier", "critical")], (staleFor - Minute, false), (staleFor, true));
        p.Case("RestoreDrillStale", "critical drilled 35 days less 1 s ago", Verified(stale - 1), (staleFor + M(10), false));
        p.Case("RestoreDrillStale", "high never drilled",
            Documented.DrTargets.Keys.Where(k => k != "high").Select(tier => Scenarios.Timestamp(MetricsContract.Drills.Verified, Of(tier, "geo"), 60)), [("tier", "high")], (staleFor, true));
        // A failover drill is no restore drill: it does not keep a tier fresh.
        p.Case("RestoreDrillStale", "standard only failed over",
            Documented.DrTargets.Keys.Select(tier => Scenarios.Timestamp(MetricsContract.Drills.Verified, Of(tier, tier == "standard" ? "failover" : "pitr"), 60)), [("tier", "standard")], (staleFor, true));
        var canaryFor = Documented.Alerts["RecoveryCanaryStale"].For;
        IEnumerable<Series> Canary(double criticalAge) => Documented.DrTargets.Keys.Select(tier =>
            Scenarios.Timestamp(MetricsContract.Drills.CanaryLastWrite, $"territory=\"{t}\",tier=\"{tier}\"", tier == "critical" ? criticalAge : 30));
        p.Case("RecoveryCanaryStale", "critical 1 s over 5 min behind", Canary(Documented.CanaryStale.TotalSeconds + 1), [("tier", "critical")], (canaryFor - Minute, false), (canaryFor, true));
        p.Case("RecoveryCanaryStale", "critical 1 s under it", Canary(Documented.CanaryStale.TotalSeconds - 1), (canaryFor + M(10), false));
        p.Run("drills", Rules.DrillRules.File);

        // PgBouncer's pool: 50 server connections held for the documented time fires, 49 stays silent.
        var pool = new Proof(inputs);
        var poolFor = Documented.Alerts["DatabasePoolSaturated"].For;
        var backends = "datname=\"freshfoodz\",tier=\"critical\"";
        pool.Case("DatabasePoolSaturated", "the pool full", [Scenarios.Gauge(MetricsContract.Infrastructure.PostgresBackends, backends, Documented.PoolSize)], [("tier", "critical")],
            (poolFor - Minute, false), (poolFor, true));
        pool.Case("DatabasePoolSaturated", "one connection short", [Scenarios.Gauge(MetricsContract.Infrastructure.PostgresBackends, backends, Documented.PoolSize - 1)], (poolFor + M(10), false));
        pool.Case("AuditTrailWriteRefused", "one refused write", [Scenarios.Step(MetricsContract.Metrics.AuditWriteRefused, $"territory=\"{t}\"", 6, 1)], (M(5), false), (M(6), true));
        pool.Run("pool-and-audit", TerritoryRules.BusinessFile);
    }

    private static TimeSpan M(int minutes) => TimeSpan.FromMinutes(minutes);

    /// <summary>Collects promtool tests for one stack's rendered rules and runs them.</summary>
    private sealed class Proof(MonitoringInputs inputs, TimeSpan? interval = null, TimeSpan? evaluation = null)
    {
        private readonly TimeSpan _interval = interval ?? Minute;
        private readonly TimeSpan _evaluation = evaluation ?? interval ?? Minute;
        private readonly List<PromtoolTest> _tests = [];
        private readonly List<AlertingRule> _rules = [.. TerritoryRules.Build(inputs).Append(CentralRules.Build()).SelectMany(f => f.Alerts)];

        public void Case(string alert, string what, IEnumerable<Series> series, params (TimeSpan At, bool Fires)[] checks) =>
            Case(alert, what, series, [], checks);

        public void Case(string alert, string what, IEnumerable<Series> series, (string, string)[] extraLabels, params (TimeSpan At, bool Fires)[] checks)
        {
            var owner = Documented.Alerts[alert];
            var labels = LabelSet.Of([("severity", owner.Severity), ("team", owner.Team), ("territory", inputs.TerritoryCode), .. extraLabels]);
            var expected = ExpectedAlert.Of(Rule(alert, owner.Severity), labels);
            _tests.Add(new PromtoolTest($"{alert}: {what}", _interval, [.. series],
                [.. checks.Select(c => new AlertCheck(c.At, alert, c.Fires ? [expected] : []))], []));
        }

        public void Burn(string slo, string what, IEnumerable<Series> series, TimeSpan at, params (string, string)[][] firing) =>
            _tests.Add(new PromtoolTest($"{slo}: {what}", Minute, [.. series],
                [new AlertCheck(at, Documented.BurnAlert, [.. firing.Select(l => ExpectedAlert.Of(BurnRule(slo, l), LabelSet.Of(l)))])], []));

        public void Central(string what, Dictionary<string, double> p95, params (TimeSpan At, string? Territory)[] checks)
        {
            const string Alert = "TerritoryLatencyDivergence";
            var owner = Documented.Alerts[Alert];
            _tests.Add(new PromtoolTest(what, Minute, [.. Scenarios.TerritoryP95(p95)],
                [.. checks.Select(c => new AlertCheck(c.At, Alert, c.Territory is null ? [] :
                    [ExpectedAlert.Of(_rules.Single(r => r.Alert == Alert && r.Labels["territory"] == c.Territory),
                        LabelSet.Of(("severity", owner.Severity), ("team", owner.Team), ("territory", c.Territory)))]))], []));
        }

        public void Run(string name, string ruleFile)
        {
            var evaluationInterval = _evaluation;
            var promtool = Tools.Promtool;
            var dir = Repo.Render(inputs);
            var proofs = Directory.CreateDirectory(Path.Combine(dir, "proofs")).FullName;
            var file = new PromtoolTestFile(name, [$"../rules/{ruleFile}.rules.yaml"], evaluationInterval, [.. _tests]);
            File.WriteAllText(Path.Combine(proofs, file.FileName), YamlText.Write(file.ToNode()));
            Tools.Succeed(promtool, proofs, "test", "rules", file.FileName);
        }

        /// <summary>The annotations promtool also compares come from the rule (they are text, not thresholds).</summary>
        private AlertingRule Rule(string alert, string severity) =>
            _rules.First(r => r.Alert == alert && r.Severity == severity && (!r.Labels.TryGetValue("territory", out var t) || t == inputs.TerritoryCode));

        private AlertingRule BurnRule(string slo, (string, string)[] labels) =>
            _rules.Single(r => r.Alert == Documented.BurnAlert && r.Labels.GetValueOrDefault("slo") == slo && r.Severity == labels.Single(l => l.Item1 == "severity").Item2);
    }
}
