using System.Text.Json.Nodes;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Monitoring.Plan;
using FreshFoodz.Monitoring.Routing;
using FreshFoodz.SchemaConformance;

namespace FreshFoodz.Monitoring.Tests;

public class MonitoringComponentTests
{
    private static readonly SchemaChecker Checker = SchemaChecker.FromEmbeddedSchemas(new SchemaCheckOptions
    {
        CustomResourceAllowList = new HashSet<string>(StringComparer.Ordinal) { "kubernetes:monitoring.coreos.com/v1:PrometheusRule" },
    });

    private static StackPlan Plan(string stack, Season? season = null)
    {
        var settings = Repo.Settings(stack);
        var builder = new PlanBuilder(settings.StackName, settings.Territory.Code, (season ?? settings.EffectiveSeason(Repo.Today)).ConfigName());
        builder.AddProvider(new PlannedProvider("kubernetes", $"kubernetes-{settings.Territory.Code}", PlanMap.Empty));
        var capacity = CapacityEngine.Size(settings.Capacity, season ?? settings.EffectiveSeason(Repo.Today));
        MonitoringComponent.Add(builder, settings.Monitored(), capacity, settings.Plan.Alerting);
        return builder.Build();
    }

    [Fact]
    public void NeedsTheKubernetesProvider()
    {
        var settings = Repo.Settings("de-prod");
        var builder = new PlanBuilder("de-prod", "de", "weihnachten");
        var e = Assert.Throws<InvalidOperationException>(() =>
            MonitoringComponent.Add(builder, settings.Monitored(), CapacityEngine.Size(settings.Capacity, Season.Weihnachten), settings.Plan.Alerting));
        Assert.Contains("no explicit kubernetes provider", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void PlansThePinnedChartRulesAlertmanagerAndDashboard(string stack)
    {
        var plan = Plan(stack);
        var component = Assert.Single(plan.Components);
        Assert.Equal(("freshfoodz:monitoring:Monitoring", "monitoring"), (component.Type, component.Name));
        Assert.All(plan.Resources, r => Assert.Equal(("monitoring", plan.Providers[0].Name), (r.Options.Parent, r.Options.Provider)));

        var release = plan.Resource("monitoring-stack");
        Assert.Equal("kubernetes:helm.sh/v3:Release", release.Type);
        Assert.Equal("kube-prometheus-stack", Text(release.Inputs, "chart"));
        Assert.Equal("88.5.3", Text(release.Inputs, "version"));
        Assert.Equal("https://prometheus-community.github.io/helm-charts", Text(release.Inputs, "repositoryOpts.repo"));
        Assert.Equal(plan.Territory, Text(release.Inputs, "values.prometheus.prometheusSpec.externalLabels.territory"));
        Assert.Equal(PlanValue.List(AlertmanagerConfig.SecretName), release.Inputs.At("values.alertmanager.alertmanagerSpec.secrets"));
        Assert.Equal(["monitoring-namespace", "monitoring-receivers"], release.Options.DependsOn.ToArray());

        var rules = plan.OfType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").ToList();
        Assert.Equal(["monitoring-rules-business", "monitoring-rules-drills", "monitoring-rules-plan", "monitoring-rules-slo"], rules.Select(r => r.Name));
        Assert.All(rules, r =>
        {
            Assert.Equal("monitoring.coreos.com/v1", Text(r.Inputs, "apiVersion"));
            Assert.Equal("PrometheusRule", Text(r.Inputs, "kind"));
            Assert.Equal("kube-prometheus-stack", Text(r.Inputs, "metadata.labels.release"));
            Assert.Contains(release.Name, r.Options.DependsOn);
            Assert.IsType<PlanList>(r.Inputs.At("spec.groups"));
        });

        var dashboard = plan.Resource("monitoring-dashboard-war-room");
        Assert.Equal("1", Text(dashboard.Inputs, "metadata.labels.grafana_dashboard"));
        // The data key has dots, so it is looked up directly, not as a dotted path.
        var json = Assert.IsType<PlanString>(Assert.IsType<PlanMap>(dashboard.Inputs["data"])[$"freshfoodz-war-room-{plan.Territory}.json"]).Value;
        Assert.Equal($"freshfoodz-war-room-{plan.Territory}", (string?)JsonNode.Parse(json)!["uid"]);
    }

    /// <summary>The Secret holds only references to secret stack config; no value reaches the plan.</summary>
    [Fact]
    public void ReceiverSecretsAreSecretConfigReferencesOnly()
    {
        var plan = Plan("de-prod");
        var secret = plan.Resource("monitoring-receivers");
        var data = Assert.IsType<PlanMap>(secret.Inputs["stringData"]);
        Assert.Equal(
            [
                ("compliance-token", "freshfoodz:alerting.teams.compliance.token"), ("legal-token", "freshfoodz:alerting.teams.legal.token"),
                ("oncall-webhook-url", "freshfoodz:alerting.onCall.webhookUrl"), ("page-routing-key", "freshfoodz:alerting.pageRoutingKey"),
                ("security-token", "freshfoodz:alerting.teams.security.token"), ("tickets-token", "freshfoodz:alerting.tickets.token"),
            ],
            data.Entries.Select(e => (e.Key, Assert.IsType<PlanConfigSecret>(Assert.IsType<PlanSecret>(e.Value).Value).Key)));
        var json = PlanJson.Serialize(plan);
        Assert.DoesNotContain("secure", json, StringComparison.OrdinalIgnoreCase);
        // Nothing else in the plan is a secret or names one by value.
        Assert.Equal(6, plan.Resources.SelectMany(r => r.Inputs.Descendants()).OfType<PlanSecret>().Count());
    }

    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void EveryResourceConformsToThePinnedKubernetesSchema(string stack)
    {
        var violations = Plan(stack).Resources
            .SelectMany(r => Checker.CheckResource(r.Type, (JsonObject)PlanJson.Value(r.Inputs)!).Select(v => $"{r.Name}: {v}"))
            .ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>
    /// A season switch keeps every resource and changes only the rules' values: ConfigMaps and Secrets (replaced by
    /// the kubernetes provider when their data changes) and the release stay the same.
    /// </summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    public void ASeasonSwitchChangesOnlyTheRules(string stack)
    {
        var plans = SeasonNames.All.Select(s => Plan(stack, s)).ToList();
        var names = plans.Select(p => string.Join(",", p.Resources.Select(r => $"{r.Type}/{r.Name}"))).Distinct();
        Assert.Single(names);
        foreach (var name in new[] { "monitoring-namespace", "monitoring-receivers", "monitoring-stack", "monitoring-dashboard-war-room" })
        {
            Assert.Single(plans.Select(p => PlanJson.Value(p.Resource(name).Inputs)!.ToJsonString()).Distinct());
        }
        Assert.Equal(SeasonNames.All.Count, plans.Select(p => PlanJson.Value(p.Resource("monitoring-rules-business").Inputs)!.ToJsonString()).Distinct().Count());
    }

    [Fact]
    public void TheReleaseCarriesTheRenderedAlertmanagerConfiguration()
    {
        var settings = Repo.Settings("ch-prod");
        var plan = Plan("ch-prod");
        Assert.Equal(AlertmanagerConfig.Build("ch", settings.Plan.Alerting).ToPlanValue(), plan.Resource("monitoring-stack").Inputs.At("values.alertmanager.config"));
        Assert.Equal(
            TerritoryRulesSpec(plan, "monitoring-rules-slo"),
            Rules.TerritoryRules.SloRules(MonitoringInputs.For(settings.Monitored(), settings.EffectiveSeason(Repo.Today))).ToNode().ToPlanValue());
    }

    private static PlanValue? TerritoryRulesSpec(StackPlan plan, string name) => plan.Resource(name).Inputs["spec"];

    private static string? Text(PlanMap map, string path) => map.At(path) is PlanString s ? s.Value : null;
}
