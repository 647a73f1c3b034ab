using System.Collections.Immutable;
using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using static FreshFoodz.Monitoring.MetricsContract;

namespace FreshFoodz.Monitoring.Rules;

/// <summary>
/// The rule files of one territory's Prometheus: plan values (for the dashboards), the business-KPI and capacity
/// alerts, and the SLO recordings and burn-rate alerts. Every expression selects the territory, so the same files also
/// work on a Prometheus that sees both.
/// </summary>
public static class TerritoryRules
{
    public const string PlanFile = "freshfoodz-plan";
    public const string BusinessFile = "freshfoodz-business";
    public const string SloFile = "freshfoodz-slo";

    /// <summary>The <c>for</c> of each alert; docs/metrics-contract.md says why each is what it is.</summary>
    public static class ForWindows
    {
        /// <summary>The gauge is already an age: only two scrapes (30 s apart) must agree.</summary>
        public static readonly TimeSpan AgeGauge = TimeSpan.FromMinutes(1);

        /// <summary>Short lead bursts above 30 s are normal; a ticket needs a sustained lag.</summary>
        public static readonly TimeSpan LeadAssignment = TimeSpan.FromMinutes(5);

        /// <summary>Legal: every violation, at once.</summary>
        public static readonly TimeSpan LeadProtection = TimeSpan.Zero;

        /// <summary>The deadline is days away; a data glitch must not wake compliance.</summary>
        public static readonly TimeSpan Gdpr = TimeSpan.FromMinutes(30);

        public static readonly TimeSpan AiBudget = TimeSpan.FromMinutes(5);

        /// <summary>The share is over an hour already; 15 minutes more makes it a trend, not a bad batch.</summary>
        public static readonly TimeSpan HelpSuccess = TimeSpan.FromMinutes(15);

        public static readonly TimeSpan CarConfidence = TimeSpan.FromMinutes(15);

        /// <summary>Longer than the HPA needs to add pods, so it fires only when the burst headroom is not enough.</summary>
        public static readonly TimeSpan SeasonalLoad = TimeSpan.FromMinutes(10);

        /// <summary>Rolling updates and node drains take pods away for minutes.</summary>
        public static readonly TimeSpan PeakReserve = TimeSpan.FromMinutes(15);

        /// <summary>The short window already confirms the burn (SRE workbook); 2 m rides out one bad scrape.</summary>
        public static readonly TimeSpan BurnPage = TimeSpan.FromMinutes(2);

        public static readonly TimeSpan BurnTicket = TimeSpan.FromMinutes(15);

        /// <summary>Security: every refused write or delete of the audit trail, at once.</summary>
        public static readonly TimeSpan AuditRefused = TimeSpan.Zero;

        /// <summary>
        /// Longer than PgBouncer's pgbouncer.server_idle_timeout (600 s, Azure's default): the pool a burst opened and
        /// left idle is closed by then, so a pool still full is in use.
        /// </summary>
        public static readonly TimeSpan PoolSaturated = TimeSpan.FromMinutes(10);
    }

    public static ImmutableArray<RuleFile> Build(MonitoringInputs inputs) => [Plan(inputs), Business(inputs), SloRules(inputs), DrillRules.Build(inputs)];

    /// <summary>Plan values the dashboards draw against: recorded, so the dashboards carry no season's numbers.</summary>
    public static RuleFile Plan(MonitoringInputs inputs)
    {
        var t = inputs.TerritoryCode;
        var c = inputs.Capacity;
        var season = c.Season.ConfigName();
        var rules = new List<Rule>
        {
            Constant(Records.PlanApiReplicas, c.Hpa.MinReplicas, t, season),
            Constant(Records.PlanApiReplicasMax, c.Hpa.MaxReplicas, t, season),
            // All nodes: the app pool's autoscaler maximum plus the fixed system pool.
            Constant(Records.PlanNodesMax, c.Nodes.AutoscalerMax + inputs.Settings.Capacity.NodePools.SystemNodeCount, t, season),
            Constant(Records.PlanDatabaseConnections, c.Database.Sku.UsableConnections, t, season),
        };
        foreach (var slo in inputs.Slos)
        {
            if (slo.LatencySeconds is { } seconds)
            {
                rules.Add(new RecordingRule(Records.PlanSloLatency, $"vector({PromQl.Number(seconds)})",
                    LabelSet.Of((Labels.Territory, t), (Labels.RouteClass, slo.RouteClass))));
            }
            rules.Add(new RecordingRule(Records.PlanSloObjective, $"vector({PromQl.Number(slo.Objective)})",
                LabelSet.Of((Labels.Territory, t), (Labels.RouteClass, slo.RouteClass), (Labels.Slo, slo.Name))));
        }
        rules.Add(new RecordingRule(Records.RouteClassP95,
            $"histogram_quantile(0.95, sum by ({Labels.Territory}, {Labels.RouteClass}, {Labels.Le}) (rate({PromQl.Selector(Metrics.Bucket(Metrics.HttpRequestDuration), (Labels.Territory, "=", t))}[5m])))",
            LabelSet.Empty));
        return new RuleFile(PlanFile, [new RuleGroup(Groups.Plan, [.. rules])]);
    }

    public static RuleFile Business(MonitoringInputs inputs) =>
        new(BusinessFile, [BusinessKpis(inputs), CapacityGroup(inputs)]);

    private static RuleGroup BusinessKpis(MonitoringInputs inputs)
    {
        var t = inputs.TerritoryCode;
        string Sel(string metric, params (string, string, string)[] more) => PromQl.Selector(metric, [(Labels.Territory, "=", t), .. more]);
        string MaxGauge(string metric) => $"max by ({Labels.Territory}) ({Sel(metric)})";
        var budget = (double)inputs.Settings.AiBudgetMonthlyAmount;
        var budgetText = $"{inputs.Currency} {budget.ToString("#,0.##", CultureInfo.InvariantCulture)}";
        var help = Metrics.HelpRequests;
        var resolvedShare =
            $"(sum by ({Labels.Territory}) (rate({Sel(help, (Labels.Outcome, "=", Outcomes.Resolved))}[1h]))\n" +
            $"  or 0 * sum by ({Labels.Territory}) (rate({Sel(help)}[1h])))\n" +
            $"/ sum by ({Labels.Territory}) (rate({Sel(help)}[1h]))";
        var car = $"histogram_quantile(0.95, sum by ({Labels.Territory}, {Labels.Le}) (rate({Sel(Metrics.Bucket(Metrics.CarConfidenceDuration))}[5m])))";
        var audit = Sel(Metrics.AuditTrailLastWrite);

        return new RuleGroup(Groups.BusinessKpis,
        [
            new RecordingRule(Records.PlanAiBudget, $"vector({PromQl.Number(budget)})",
                LabelSet.Of((Labels.Territory, t), (Labels.Currency, inputs.Currency))),
            Alert(inputs, Alerts.OrderConfirmationDelayed, Severities.Sev1, Teams.SalesOps, ForWindows.AgeGauge,
                $"{MaxGauge(Metrics.OrderConfirmationDelay)} > {Seconds(Thresholds.OrderConfirmationDelay)}",
                $"Orders in {t} wait more than {Human(Thresholds.OrderConfirmationDelay)} for confirmation",
                $"The oldest unconfirmed order is older than {Human(Thresholds.OrderConfirmationDelay)}."),
            Alert(inputs, Alerts.SampleRequestProcessingDelayed, Severities.Sev2, Teams.SalesOps, ForWindows.AgeGauge,
                $"{MaxGauge(Metrics.SampleRequestProcessingDelay)} > {Seconds(Thresholds.SampleRequestDelay)}",
                $"Sample requests in {t} wait more than {Human(Thresholds.SampleRequestDelay)}",
                $"The oldest unprocessed sample request is older than {Human(Thresholds.SampleRequestDelay)}."),
            Alert(inputs, Alerts.LeadAssignmentLagging, Severities.Sev3, Teams.SalesOps, ForWindows.LeadAssignment,
                $"{MaxGauge(Metrics.LeadAssignmentLag)} > {Seconds(Thresholds.LeadAssignmentLag)}",
                $"Leads in {t} wait more than {Human(Thresholds.LeadAssignmentLag)} for assignment",
                $"The oldest unassigned lead has waited more than {Human(Thresholds.LeadAssignmentLag)} for {Human(ForWindows.LeadAssignment)}."),
            Alert(inputs, Alerts.LeadProtectionRuleViolated, Severities.Sev1, Teams.Legal, ForWindows.LeadProtection,
                $"sum by ({Labels.Territory}) (increase({Sel(Metrics.LeadProtectionViolations)}[5m])) > 0",
                $"Lead-protection rule violated in {t}",
                "A new lead-protection violation was detected in the last 5 minutes; legal reviews every one."),
            Alert(inputs, Alerts.GdprRequestSlaAtRisk, Severities.Sev2, Teams.Compliance, ForWindows.Gdpr,
                $"{MaxGauge(Metrics.GdprRequestOldestOpen)} > {Seconds(Thresholds.GdprAtRisk)}",
                $"A data-subject request in {t} is open for more than {Human(Thresholds.GdprAtRisk)}",
                $"GDPR Art. 12(3) gives one month (counted as {Human(Thresholds.GdprAnswerDeadline)}) to answer or to extend with notice; {Human(Thresholds.GdprWarningAhead)} are left."),
            Alert(inputs, Alerts.AuditTrailGap, Severities.Sev1, Teams.Security, ForWindows.AgeGauge,
                $"time() - max by ({Labels.Territory}) ({audit}) > {Seconds(Thresholds.AuditTrailMaxGap)}\nor\nabsent({audit})",
                $"No audit-trail write in {t} for more than {Human(Thresholds.AuditTrailMaxGap)}",
                $"The audit trail writes at least a heartbeat every {Human(Thresholds.AuditHeartbeat)}; none arrived for {Human(Thresholds.AuditTrailMaxGap)}, or the metric is missing."),
            Alert(inputs, Alerts.AuditTrailWriteRefused, Severities.Sev1, Teams.Security, ForWindows.AuditRefused,
                $"sum by ({Labels.Territory}) (increase({Sel(Metrics.AuditWriteRefused)}[5m])) > 0",
                $"The audit archive in {t} refused a write or delete",
                "Someone or something tried to overwrite or delete an immutable audit-trail version in the last 5 minutes and the archive refused it: find who in the storage account's logs."),
            Alert(inputs, Alerts.AiBudgetExceeded, Severities.Sev3, Teams.Platform, ForWindows.AiBudget,
                $"max by ({Labels.Territory}, {Labels.Currency}) ({Sel(Metrics.AiCostMonthToDate)})\n" +
                $"  > on ({Labels.Territory}, {Labels.Currency}) {PromQl.Selector(Records.PlanAiBudget, (Labels.Territory, "=", t))}",
                $"AI spend in {t} is above this month's budget of {budgetText}",
                $"Month-to-date AI spend exceeds freshfoodz:aiBudget.monthlyAmount ({budgetText})."),
            Alert(inputs, Alerts.HelpSuccessRateLow, Severities.Sev3, Teams.HelpTeam, ForWindows.HelpSuccess,
                $"(\n{Indent(resolvedShare)}\n) < {PromQl.Number(Thresholds.HelpResolvedShareMin)}\n" +
                $"and on ({Labels.Territory}) sum by ({Labels.Territory}) (increase({Sel(help)}[1h])) >= {Thresholds.HelpMinRequestsPerHour}",
                $"Fewer than {Percent(Thresholds.HelpResolvedShareMin)} of help requests in {t} are resolved",
                $"Over the last hour, the resolved share of help requests is below {Percent(Thresholds.HelpResolvedShareMin)} (at least {Thresholds.HelpMinRequestsPerHour} requests)."),
            Alert(inputs, Alerts.CarConfidenceSlow, Severities.Sev4, Teams.Platform, ForWindows.CarConfidence,
                $"{car} > {PromQl.Number(Thresholds.CarConfidenceP95Max.TotalSeconds)}",
                $"Confidence calculation in {t} is slow (p95 above {Thresholds.CarConfidenceP95Max.TotalMilliseconds} ms)",
                $"The p95 of freshfoodz_car_confidence_duration_seconds over 5 minutes is above {Thresholds.CarConfidenceP95Max.TotalMilliseconds} ms."),
        ]);
    }

    private static RuleGroup CapacityGroup(MonitoringInputs inputs)
    {
        var t = inputs.TerritoryCode;
        var c = inputs.Capacity;
        var season = c.Season.ConfigName();
        var servable = c.ServableRequestsPerSecond;
        var peakReplicas = inputs.Peak.Hpa.MinReplicas;
        var available = ApiReplicasSelector(inputs);
        var window = inputs.PeakWindow;
        var peakExpr = $"(sum({available}) or vector(0))\n  < on () {PromQl.Selector(Records.PlanPeakApiReplicas, (Labels.Territory, "=", t))}"
            + (window is { } w ? $"\nand on () {PromQl.DateWindow(w.From, w.To)}" : "");
        var peakWhen = window is { } ww ? $"from {Month(ww.From)} (Weihnachten minus the lead time) to {Month(ww.To)}" : "all year (the stack is pinned to Weihnachten)";

        return new RuleGroup(Groups.Capacity,
        [
            new RecordingRule(Records.PlanServableRequests, $"vector({PromQl.Rounded(servable)})", LabelSet.Of((Labels.Territory, t), (Labels.Season, season))),
            new RecordingRule(Records.PlanPeakApiReplicas, $"vector({peakReplicas})",
                LabelSet.Of((Labels.Territory, t), (Labels.Season, MonitoringInputs.PeakSeason.ConfigName()))),
            Alert(inputs, Alerts.SeasonalLoadAboveProvisioned, Severities.Sev2, Teams.Platform, ForWindows.SeasonalLoad,
                $"sum by ({Labels.Territory}) (rate({PromQl.Selector(Metrics.HttpRequests, (Labels.Territory, "=", t))}[5m]))\n" +
                $"  > on ({Labels.Territory}) {PromQl.Selector(Records.PlanServableRequests, (Labels.Territory, "=", t))}",
                $"Requests in {t} exceed what the {season} capacity serves ({PromQl.Rounded(servable)}/s)",
                $"The {season} plan's pre-provisioned api pods serve {PromQl.Rounded(servable)} requests/s at the target utilization of {PromQl.Number(c.Targets.App)}; the HPA's burst headroom is all that is left."),
            Alert(inputs, Alerts.PeakCapacityReserveLow, Severities.Sev2, Teams.Platform, ForWindows.PeakReserve, peakExpr,
                $"Fewer api replicas in {t} than the Weihnachten (5x) plan's {peakReplicas}",
                $"Available api replicas are below the {peakReplicas} the 5x plan pre-provisions; checked {peakWhen}."),
            new RecordingRule(Records.PlanPoolServerConnections, $"vector({PgBouncer.ServerConnections})", LabelSet.Of((Labels.Territory, t))),
            // postgres_exporter's series carry the tier, not the territory: each territory's Prometheus scrapes only its own.
            Alert(inputs, Alerts.DatabasePoolSaturated, Severities.Sev2, Teams.Platform, ForWindows.PoolSaturated,
                $"sum by ({Labels.Tier}) ({PromQl.Selector(Infrastructure.PostgresBackends, (Labels.Database, "=", "freshfoodz"))})\n" +
                $"  >= on () group_left {PromQl.Selector(Records.PlanPoolServerConnections, (Labels.Territory, "=", t))}",
                $"PgBouncer's pool of a tier in {t} is full",
                $"The tier's database holds at least the {PgBouncer.ServerConnections} server connections PgBouncer opens for the apps (pgbouncer.default_pool_size) for {Human(ForWindows.PoolSaturated)}: queries wait in PgBouncer, and after pgbouncer.query_wait_timeout (120 s) fail."),
        ]);
    }

    public static RuleFile SloRules(MonitoringInputs inputs)
    {
        var t = inputs.TerritoryCode;
        var recordings = new List<Rule>();
        var alerts = new List<Rule>();
        foreach (var slo in inputs.Slos)
        {
            var sloLabels = LabelSet.Of((Labels.Territory, t), (Labels.RouteClass, slo.RouteClass), (Labels.Slo, slo.Name));
            recordings.AddRange(Slos.Windows.Select(w => new RecordingRule(Records.SloErrorRatio(PromQl.Duration(w)), ErrorRatio(t, slo, w), sloLabels)));
            foreach (var group in Slos.BurnWindows.GroupBy(b => b.Severity))
            {
                var page = group.Key == Severities.Sev1;
                string Over(TimeSpan w, double factor) =>
                    $"{PromQl.Selector(Records.SloErrorRatio(PromQl.Duration(w)), (Labels.Slo, "=", slo.Name), (Labels.Territory, "=", t))} > ({PromQl.Number(factor)} * {slo.ErrorBudgetText})";
                var expr = string.Join("\nor\n", group.Select(b => $"(\n  {Over(b.LongWindow, b.Factor)}\nand\n  {Over(b.ShortWindow, b.Factor)}\n)"));
                var burns = string.Join(" or ", group.Select(b => $"{PromQl.Number(b.Factor)}x over {PromQl.Duration(b.LongWindow)} and {PromQl.Duration(b.ShortWindow)}"));
                alerts.Add(new AlertingRule(Alerts.ErrorBudgetBurn, expr, page ? ForWindows.BurnPage : ForWindows.BurnTicket,
                    LabelSet.Of((Labels.Severity, group.Key), (Labels.Team, Teams.Platform), (Labels.Territory, t), (Labels.RouteClass, slo.RouteClass), (Labels.Slo, slo.Name)),
                    LabelSet.Of(
                        ("summary", $"{slo.Name} in {t} burns its error budget {(page ? "fast" : "steadily")}"),
                        ("description", $"{Describe(slo)}; burning {burns} (SRE workbook table 5-8)."),
                        ("dashboard", WarRoomUid(t)))));
            }
        }
        return new RuleFile(SloFile, [new RuleGroup(Groups.SloSli, [.. recordings]), new RuleGroup(Groups.SloAlerts, [.. alerts])]);
    }

    /// <summary>kube-state-metrics' available replicas of the api deployments (namespace = module).</summary>
    public static string ApiReplicasSelector(MonitoringInputs inputs)
    {
        var api = inputs.ApiDeployments;
        return PromQl.Selector(Infrastructure.DeploymentReplicasAvailable,
            ("namespace", "=~", string.Join("|", api.Select(d => d.Module).Distinct())),
            ("deployment", "=~", string.Join("|", api.Select(d => d.Name))));
    }

    /// <summary>The share of bad requests over a window; 0 (not nothing) when all were good.</summary>
    public static string ErrorRatio(string territory, Slo slo, TimeSpan window)
    {
        var w = PromQl.Duration(window);
        var by = $"sum by ({Labels.Territory}, {Labels.RouteClass})";
        (string, string, string) Territory() => (Labels.Territory, "=", territory);
        (string, string, string) Route() => (Labels.RouteClass, "=", slo.RouteClass);
        if (slo.Kind == SloKind.Availability)
        {
            var all = $"{by} (rate({PromQl.Selector(Metrics.HttpRequests, Territory(), Route())}[{w}]))";
            var errors = $"{by} (rate({PromQl.Selector(Metrics.HttpRequests, Territory(), Route(), (Labels.Code, "=~", "5.."))}[{w}]))";
            return $"(\n  {errors}\n  or 0 * {all}\n)\n/\n{all}";
        }
        var count = $"{by} (rate({PromQl.Selector(Metrics.Count(Metrics.HttpRequestDuration), Territory(), Route())}[{w}]))";
        var fast = $"{by} (rate({PromQl.Selector(Metrics.Bucket(Metrics.HttpRequestDuration), Territory(), Route(), (Labels.Le, "=~", PromQl.LeRegex(slo.LatencySeconds!.Value)))}[{w}]))";
        return $"1 - (\n  {fast}\n  /\n  {count}\n)";
    }

    private static string Describe(Slo slo) => slo.Kind == SloKind.Availability
        ? $"{Percent(slo.Objective)} of {slo.RouteClass} requests must not fail (5xx) over 30 days"
        : $"{Percent(slo.Objective)} of {slo.RouteClass} requests must finish within {PromQl.Number(slo.LatencySeconds!.Value)} s over 30 days";

    private static AlertingRule Alert(
        MonitoringInputs inputs, string name, string severity, string team, TimeSpan @for, string expr, string summary, string description) =>
        new(name, expr, @for,
            LabelSet.Of((Labels.Severity, severity), (Labels.Team, team), (Labels.Territory, inputs.TerritoryCode)),
            LabelSet.Of(("summary", summary), ("description", description), ("dashboard", WarRoomUid(inputs.TerritoryCode))));

    /// <summary>The war-room dashboard's Grafana uid, so an alert links to it.</summary>
    public static string WarRoomUid(string territory) => $"freshfoodz-war-room-{territory}";

    private static RecordingRule Constant(string record, int value, string territory, string season) =>
        new(record, $"vector({value})", LabelSet.Of((Labels.Territory, territory), (Labels.Season, season)));

    private static string Seconds(TimeSpan span) => PromQl.Number(span.TotalSeconds);

    /// <summary>5m, 30s, 21d: how the docs and the issue state durations.</summary>
    public static string Human(TimeSpan span) => PromQl.Duration(span);

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Month(MonthDay d) => new DateOnly(2001, d.Month, d.Day).ToString("MMM d", CultureInfo.InvariantCulture);

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "  " + l));
}
