using System.Globalization;
using FreshFoodz.Components.Residency;
using static FreshFoodz.Monitoring.MetricsContract;

namespace FreshFoodz.Monitoring.Rules;

/// <summary>
/// The rule group for a central Prometheus that sees both territories (federated or remote-written, with their
/// <c>territory</c> label): p95 latency per territory and the divergence alert. Not part of a territory stack.
/// </summary>
public static class CentralRules
{
    public const string File = "freshfoodz-central";

    /// <summary>For 30 minutes: a divergence is a trend to look into (sev4), not an incident.</summary>
    public static readonly TimeSpan For = TimeSpan.FromMinutes(30);

    public static RuleFile Build()
    {
        var rules = new List<Rule>
        {
            new RecordingRule(Records.TerritoryP95,
                $"histogram_quantile(0.95, sum by ({Labels.Territory}, {Labels.Le}) (rate({Metrics.Bucket(Metrics.HttpRequestDuration)}[5m])))",
                LabelSet.Empty),
        };
        var factor = PromQl.Number(1 + Thresholds.TerritoryLatencyDivergenceMax);
        var percent = (Thresholds.TerritoryLatencyDivergenceMax * 100).ToString("0.##", CultureInfo.InvariantCulture);
        foreach (var slower in Territory.All)
        {
            // One rule per slower territory, so its label and text are static.
            var others = Territory.All.Where(t => t != slower).ToList();
            var expr = string.Join("\nor\n", others.Select(faster =>
                $"{P95(slower)}\n  > on () ({factor} * {P95(faster)})"));
            rules.Add(new AlertingRule(Alerts.TerritoryLatencyDivergence, expr, For,
                LabelSet.Of((Labels.Severity, Severities.Sev4), (Labels.Team, Teams.Platform), (Labels.Territory, slower.Code)),
                LabelSet.Of(
                    ("summary", $"p95 latency in {slower.Code} is more than {percent} % above {string.Join(", ", others.Select(o => o.Code))}"),
                    ("description", $"The p95 over 5 minutes of all requests in {slower.Code} exceeds the other territory's by more than {percent} % for {PromQl.Duration(For)}."))));
        }
        return new RuleFile(File, [new RuleGroup(Groups.CentralTerritories, [.. rules])]);
    }

    private static string P95(Territory t) => PromQl.Selector(Records.TerritoryP95, (Labels.Territory, "=", t.Code));
}
