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

    /// <summary>
    /// The chart's Prometheus inside the cluster, which KEDA's prometheus triggers query: service
    /// <c>&lt;fullname&gt;-prometheus</c> on port 9090 (chart templates/prometheus/service.yaml and values
    /// prometheus.service.port; fullname is the release name, which contains the chart's name), namespace <see cref="Namespace"/>.
    /// </summary>
    public static readonly string PrometheusAddress = $"http://{ReleaseName}-prometheus.{Namespace}.svc.cluster.local:9090";

    /// <summary>The label and value the chart's Grafana sidecar loads dashboards from (chart values, grafana.sidecar.dashboards).</summary>
    public static readonly (string Key, string Value) DashboardLabel = ("grafana_dashboard", "1");

    /// <summary>The chart's Prometheus selects PrometheusRules labelled with its release (ruleSelectorNilUsesHelmValues).</summary>
    public static readonly (string Key, string Value) RuleLabel = ("release", ReleaseName);

    /// <summary>
    /// Adds the monitoring of <paramref name="settings"/>' territory for the season of <paramref name="capacity"/>, and
    /// one PodMonitor for each module namespace in <paramref name="appNamespaces"/> (module → Namespace; none when null).
    /// </summary>
    public static MonitoringResources Add(
        PlanBuilder builder, MonitoringTarget settings, CapacityPlan capacity, AlertingSettings alerting, string name = "monitoring",
        IReadOnlyDictionary<string, PlannedResource>? appNamespaces = null)
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

        // The apps' own metrics (docs/metrics-contract.md): every pod of a module's deployments, on its "metrics" port,
        // every 30 s (the alerts' "two scrapes 30 s apart"). Labelled with the release, which the chart's Prometheus
        // selects PodMonitors by (podMonitorSelectorNilUsesHelmValues).
        foreach (var (module, moduleNamespace) in (appNamespaces ?? new Dictionary<string, PlannedResource>()).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var deployments = capacity.Deployments.Where(d => d.Module == module).Select(d => (PlanValue)d.Name);
            scope.Resource("kubernetes:monitoring.coreos.com/v1:PodMonitor", $"apps-{module}", new Props
            {
                ["apiVersion"] = "monitoring.coreos.com/v1",
                ["kind"] = "PodMonitor",
                ["metadata"] = new Props { ["name"] = "freshfoodz-apps", ["namespace"] = module, ["labels"] = WithLabel(Labels(), RuleLabel) },
                ["spec"] = new Props
                {
                    ["selector"] = new Props
                    {
                        ["matchExpressions"] = PlanValue.List(new Props
                        {
                            ["key"] = "app.kubernetes.io/name",
                            ["operator"] = "In",
                            ["values"] = PlanValue.List(deployments),
                        }),
                    },
                    ["podMetricsEndpoints"] = PlanValue.List(new Props { ["port"] = MetricsPort, ["path"] = "/metrics", ["interval"] = "30s" }),
                },
            }, new PlanOptions { DependsOn = [release.Name, moduleNamespace.Name] });
        }

        return new MonitoringResources(ns, secret, release, rules, dashboard);
    }

    /// <summary>The container port name every app pod serves <c>/metrics</c> on (docs/metrics-contract.md).</summary>
    public const string MetricsPort = "metrics";

    /// <summary>
    /// The chart values: our Alertmanager configuration and its Secret, the territory as external label. AKS runs the
    /// scheduler, controller manager and etcd in its managed control plane, where nothing in the cluster can scrape
    /// them, and Cilium's eBPF dataplane replaces kube-proxy: the chart's scrape jobs and default alerts for them
    /// (KubeSchedulerDown, KubeControllerManagerDown, etcd*, KubeProxyDown) would fire forever, so they are off
    /// (prometheus-community/helm-charts #4106, #3368; Azure/AKS #883; the chart gates those rules on the same flags).
    /// </summary>
    public static PlanMap Values(MonitoringInputs inputs) => new Props
    {
        ["kubeScheduler"] = new Props { ["enabled"] = false },
        ["kubeControllerManager"] = new Props { ["enabled"] = false },
        ["kubeEtcd"] = new Props { ["enabled"] = false },
        ["kubeProxy"] = new Props { ["enabled"] = false },
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
