using System.Collections.Immutable;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Monitoring.Dashboards;
using FreshFoodz.Monitoring.Routing;
using FreshFoodz.Monitoring.Rules;

namespace FreshFoodz.Monitoring.Plan;

/// <summary>What the monitoring component planned, for callers that depend on it.</summary>
public sealed record MonitoringResources(
    PlannedResource Namespace,
    PlannedResource ReceiverSecret,
    PlannedResource Release,
    ImmutableArray<PlannedResource> Rules,
    PlannedResource Dashboard);

/// <summary>
/// A territory's monitoring in the plan: kube-prometheus-stack as a pinned Helm release (Prometheus, Alertmanager,
/// Grafana, kube-state-metrics), the territory's rules as PrometheusRule resources, the Alertmanager configuration in
/// the release's values with its secrets in a Kubernetes Secret that holds only secret config references, and the
/// war-room dashboard as a ConfigMap for Grafana's sidecar. Needs the stack's kubernetes provider in the builder.
/// </summary>
public static class MonitoringComponent
{
    public const string Type = "freshfoodz:monitoring:Monitoring";
    public const string Namespace = "monitoring";
    public const string Chart = "kube-prometheus-stack";
    public const string ReleaseName = "kube-prometheus-stack";

    /// <summary>
    /// prometheus-community/helm-charts, tag kube-prometheus-stack-88.5.3 (2026-08-21): Prometheus Operator v0.93.1,
    /// Prometheus v3.14.0, Alertmanager v0.34.0 (the chart's Chart.yaml and values.yaml at that tag).
    /// </summary>
    public const string ChartVersion = "88.5.3";

    public const string ChartRepository = "https://prometheus-community.github.io/helm-charts";

    /// <summary>The label and value the chart's Grafana sidecar loads dashboards from (chart values, grafana.sidecar.dashboards).</summary>
    public static readonly (string Key, string Value) DashboardLabel = ("grafana_dashboard", "1");

    /// <summary>The chart's Prometheus selects PrometheusRules labelled with its release (ruleSelectorNilUsesHelmValues).</summary>
    public static readonly (string Key, string Value) RuleLabel = ("release", ReleaseName);

    /// <summary>Adds the monitoring of <paramref name="settings"/>' territory for the season of <paramref name="capacity"/>.</summary>
    public static MonitoringResources Add(PlanBuilder builder, MonitoringTarget settings, CapacityPlan capacity, AlertingSettings alerting, string name = "monitoring")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var inputs = MonitoringInputs.For(settings, capacity, alerting);
        var territory = inputs.TerritoryCode;
        var scope = builder.Component(Type, name);
        Props Labels() => new()
        {
            ["freshfoodz.io/territory"] = territory,
            ["freshfoodz.io/stack"] = settings.StackName,
            ["app.kubernetes.io/managed-by"] = "pulumi",
        };

        var ns = scope.Resource("kubernetes:core/v1:Namespace", "namespace", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new Props { ["name"] = Namespace, ["labels"] = Labels() },
        });
        var inNamespace = new PlanOptions { DependsOn = [ns.Name] };

        var stringData = new Props();
        foreach (var (key, path) in AlertmanagerConfig.SecretFiles(alerting))
        {
            stringData[key] = new PlanSecret(new PlanConfigSecret(path.Path));
        }
        var secret = scope.Resource("kubernetes:core/v1:Secret", "receivers", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new Props { ["name"] = AlertmanagerConfig.SecretName, ["namespace"] = Namespace, ["labels"] = Labels() },
            ["type"] = "Opaque",
            ["stringData"] = stringData,
        }, inNamespace);

        var release = scope.Resource("kubernetes:helm.sh/v3:Release", "stack", new Props
        {
            ["name"] = ReleaseName,
            ["chart"] = Chart,
            ["version"] = ChartVersion,
            ["namespace"] = Namespace,
            ["repositoryOpts"] = new Props { ["repo"] = ChartRepository },
            ["values"] = Values(inputs),
        },
        // The Alertmanager pods mount the receiver Secret, so it exists before they start.
        new PlanOptions { DependsOn = [ns.Name, secret.Name] });

        // PrometheusRule is a CRD the chart installs.
        var afterRelease = new PlanOptions { DependsOn = [release.Name] };
        var rules = TerritoryRules.Build(inputs).Select(file => scope.Resource("kubernetes:monitoring.coreos.com/v1:PrometheusRule", $"rules-{file.Name["freshfoodz-".Length..]}", new Props
        {
            ["apiVersion"] = "monitoring.coreos.com/v1",
            ["kind"] = "PrometheusRule",
            ["metadata"] = new Props
            {
                ["name"] = file.Name,
                ["namespace"] = Namespace,
                ["labels"] = WithLabel(Labels(), RuleLabel),
            },
            ["spec"] = file.ToNode().ToPlanValue(),
        }, afterRelease)).ToImmutableArray();

        var dashboard = scope.Resource("kubernetes:core/v1:ConfigMap", "dashboard-war-room", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new Props
            {
                ["name"] = WarRoomDashboard.Uid(territory),
                ["namespace"] = Namespace,
                ["labels"] = WithLabel(Labels(), DashboardLabel),
            },
            ["data"] = new Props { [WarRoomDashboard.FileName(territory)] = WarRoomDashboard.Json(inputs) },
        }, inNamespace);

        return new MonitoringResources(ns, secret, release, rules, dashboard);
    }

    /// <summary>The chart values: our Alertmanager configuration and its Secret, the territory as external label.</summary>
    public static PlanMap Values(MonitoringInputs inputs) => new Props
    {
        ["alertmanager"] = new Props
        {
            ["config"] = AlertmanagerConfig.Build(inputs.TerritoryCode, inputs.Alerting).ToPlanValue(),
            ["alertmanagerSpec"] = new Props { ["secrets"] = PlanValue.List(AlertmanagerConfig.SecretName) },
        },
        ["prometheus"] = new Props
        {
            ["prometheusSpec"] = new Props
            {
                // Alerts and federated series leave the cluster with their territory (a central Prometheus needs it).
                ["externalLabels"] = new Props { [MetricsContract.Labels.Territory] = inputs.TerritoryCode },
            },
        },
        ["grafana"] = new Props
        {
            ["sidecar"] = new Props
            {
                ["dashboards"] = new Props { ["enabled"] = true, ["label"] = DashboardLabel.Key, ["labelValue"] = DashboardLabel.Value },
            },
        },
    }.Build();

    private static Props WithLabel(Props labels, (string Key, string Value) label)
    {
        labels[label.Key] = label.Value;
        return labels;
    }
}
