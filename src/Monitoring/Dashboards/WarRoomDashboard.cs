using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FreshFoodz.Monitoring.Rules;
using static FreshFoodz.Monitoring.MetricsContract;

namespace FreshFoodz.Monitoring.Dashboards;

/// <summary>A panel query: PromQL and its legend.</summary>
public sealed record PanelQuery(string Expr, string Legend);

/// <summary>A time-series panel: what it shows, its unit (Grafana unit id) and its queries.</summary>
public sealed record Panel(string Title, string Unit, IReadOnlyList<PanelQuery> Queries);

/// <summary>
/// The war-room dashboard of one territory: load against provisioned capacity, p95 per route class against its SLO,
/// error-budget burn, order/sample/lead delays, database connections and nodes against their limits, AI spend against
/// budget, and the compliance signals. Limits are drawn from the recorded plan values (freshfoodz:plan_*), so the
/// dashboard is the same in every season and a season switch never changes its ConfigMap.
/// </summary>
public static class WarRoomDashboard
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Uid(string territory) => TerritoryRules.WarRoomUid(territory);

    public static string FileName(string territory) => $"{Uid(territory)}.json";

    public static IReadOnlyList<Panel> Panels(MonitoringInputs inputs)
    {
        var territory = inputs.TerritoryCode;
        string Sel(string metric, params (string, string, string)[] more) => PromQl.Selector(metric, [(Labels.Territory, "=", territory), .. more]);
        var pageBurn = Slos.BurnWindows[0];
        var api = TerritoryRules.ApiReplicasSelector(inputs);
        return
        [
            new("Load against provisioned capacity", "reqps",
            [
                new($"sum(rate({Sel(Metrics.HttpRequests)}[5m]))", "requests/s"),
                new($"max({Sel(Records.PlanServableRequests)})", "servable at target utilization (season plan)"),
            ]),
            new("p95 latency per route class against SLO", "s",
            [
                new(Sel(Records.RouteClassP95), "p95 {{route_class}}"),
                new(Sel(Records.PlanSloLatency), "SLO {{route_class}}"),
            ]),
            new("Error-budget burn rate (1h)", "none",
            [
                new($"{Sel(Records.SloErrorRatio("1h"))}\n  / on ({Labels.Territory}, {Labels.Slo}) group_left () (1 - {Sel(Records.PlanSloObjective)})", "{{slo}}"),
                new($"vector({PromQl.Number(pageBurn.Factor)})", "page threshold (SRE workbook)"),
            ]),
            new("Order, sample and lead delays", "s",
            [
                new($"max({Sel(Metrics.OrderConfirmationDelay)})", "order confirmation"),
                new($"max({Sel(Metrics.SampleRequestProcessingDelay)})", "sample request"),
                new($"max({Sel(Metrics.LeadAssignmentLag)})", "lead assignment"),
                new($"vector({PromQl.Number(Thresholds.OrderConfirmationDelay.TotalSeconds)})", "order limit"),
                new($"vector({PromQl.Number(Thresholds.SampleRequestDelay.TotalSeconds)})", "sample limit"),
                new($"vector({PromQl.Number(Thresholds.LeadAssignmentLag.TotalSeconds)})", "lead limit"),
            ]),
            new("Database connections against their limit", "short",
            [
                // postgres_exporter per tier's primary (Plan/PostgresExporters): every backend of the server, PgBouncer's pool included.
                new($"sum by ({Labels.Tier}) ({Infrastructure.PostgresBackends})", "server connections {{tier}}"),
                new($"max({Sel(Records.PlanDatabaseConnections)})", "usable max_connections (sized SKU)"),
                // The line DatabasePoolSaturated compares with: PgBouncer's pool full means queries wait in PgBouncer.
                new($"max({Sel(Records.PlanPoolServerConnections)})", "PgBouncer pool (default_pool_size)"),
            ]),
            new("Nodes and api replicas against the autoscaler maximum", "short",
            [
                new($"count({Infrastructure.NodeInfo})", "nodes"),
                new($"max({Sel(Records.PlanNodesMax)})", "nodes at autoscaler maximum"),
                new($"sum({api})", "api replicas"),
                new($"max({Sel(Records.PlanApiReplicas)})", "api replicas planned"),
                new($"max({Sel(Records.PlanApiReplicasMax)})", "api replicas HPA maximum"),
            ]),
            new("AI spend against budget", "none",
            [
                new($"max by ({Labels.Currency}) ({Sel(Metrics.AiCostMonthToDate)})", "spend {{currency}}"),
                new($"max by ({Labels.Currency}) ({Sel(Records.PlanAiBudget)})", "budget {{currency}}"),
            ]),
            new("Help success and compliance", "none",
            [
                new($"sum(rate({Sel(Metrics.HelpRequests, (Labels.Outcome, "=", Outcomes.Resolved))}[1h])) / sum(rate({Sel(Metrics.HelpRequests)}[1h]))", "help resolved share"),
                new($"max({Sel(Metrics.GdprRequestOldestOpen)}) / 86400", "oldest open data-subject request (days)"),
                new($"(time() - max({Sel(Metrics.AuditTrailLastWrite)})) / 60", "minutes since last audit write"),
                new($"sum(increase({Sel(Metrics.LeadProtectionViolations)}[1h]))", "lead-protection violations (1h)"),
            ]),
        ];
    }

    public static string Json(MonitoringInputs inputs)
    {
        var territory = inputs.TerritoryCode;
        var panels = Panels(inputs);
        var json = new JsonObject
        {
            ["uid"] = Uid(territory),
            ["title"] = $"FreshFoodz war room ({territory.ToUpperInvariant()})",
            ["description"] = "generated by freshfoodz render monitoring — do not edit",
            ["tags"] = new JsonArray("freshfoodz", "war-room", territory),
            ["timezone"] = "utc",
            ["editable"] = false,
            ["schemaVersion"] = 39,
            ["refresh"] = "30s",
            ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
            ["templating"] = new JsonObject { ["list"] = new JsonArray() },
            ["panels"] = new JsonArray([.. panels.Select((p, i) => (JsonNode)PanelJson(p, i))]),
        };
        return json.ToJsonString(Options) + "\n";
    }

    /// <summary>Every PromQL expression of the dashboard (for the parse check).</summary>
    public static IEnumerable<string> Expressions(MonitoringInputs inputs) => Panels(inputs).SelectMany(p => p.Queries).Select(q => q.Expr);

    private static JsonObject PanelJson(Panel panel, int index)
    {
        // kube-prometheus-stack's Grafana provisions its Prometheus data source with uid "prometheus".
        var datasource = new JsonObject { ["type"] = "prometheus", ["uid"] = "prometheus" };
        return new JsonObject
        {
            ["id"] = index + 1,
            ["type"] = "timeseries",
            ["title"] = panel.Title,
            ["datasource"] = datasource.DeepClone(),
            ["gridPos"] = new JsonObject { ["h"] = 8, ["w"] = 12, ["x"] = index % 2 * 12, ["y"] = index / 2 * 8 },
            ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = panel.Unit }, ["overrides"] = new JsonArray() },
            ["targets"] = new JsonArray([.. panel.Queries.Select((q, i) => (JsonNode)new JsonObject
            {
                ["refId"] = ((char)('A' + i)).ToString(),
                ["datasource"] = datasource.DeepClone(),
                ["expr"] = q.Expr,
                ["legendFormat"] = q.Legend,
            })]),
        };
    }
}
