using FreshFoodz.Components.Plan;

namespace FreshFoodz.Monitoring.Plan;

/// <summary>
/// The Prometheus Pushgateway, where batch jobs leave their outcome for Prometheus to scrape: the recovery canary's
/// last write and the drills' measured RTO and RPO. A CronJob's or Job's pod lives for seconds, too short to be
/// scraped; "the only valid use case for the Pushgateway is for capturing the outcome of a service-level batch job"
/// (prometheus.io, "When to use the Pushgateway"), which these are. Chart prometheus-pushgateway 3.2.0 from
/// prometheus-community/helm-charts (Pushgateway v1.11.1, its Chart.yaml); its ServiceMonitor keeps the pushed job and
/// grouping labels (honorLabels), and the pushed values persist on a volume, so a restarted pod still knows when the
/// last drill ran (values.yaml: persistentVolume, extraArgs --persistence.file).
/// </summary>
public static class Pushgateway
{
    public const string Type = "freshfoodz:monitoring:Pushgateway";

    public const string ReleaseName = "prometheus-pushgateway";

    public const string ChartVersion = "3.2.0";

    /// <summary>The chart's Service (fullname = release name, port 9091) in the monitoring namespace.</summary>
    public const string Url = "http://prometheus-pushgateway.monitoring.svc:9091";

    public const string PersistenceFile = "/data/pushgateway.data";

    public static PlannedResource Add(PlanBuilder builder, MonitoringResources monitoring, string name = "pushgateway")
    {
        var scope = builder.Component(Type, name);
        return scope.Resource("kubernetes:helm.sh/v3:Release", "release", new Props
        {
            ["name"] = ReleaseName,
            ["chart"] = ReleaseName,
            ["version"] = ChartVersion,
            ["namespace"] = MonitoringComponent.Namespace,
            ["repositoryOpts"] = new Props { ["repo"] = MonitoringComponent.ChartRepository },
            ["values"] = new Props
            {
                ["serviceMonitor"] = new Props
                {
                    ["enabled"] = true,
                    ["namespace"] = MonitoringComponent.Namespace,
                    ["honorLabels"] = true,
                    ["additionalLabels"] = new Props { [MonitoringComponent.RuleLabel.Key] = MonitoringComponent.RuleLabel.Value },
                },
                ["persistentVolume"] = new Props { ["enabled"] = true, ["size"] = "2Gi" },
                ["extraArgs"] = PlanValue.List($"--persistence.file={PersistenceFile}", "--persistence.interval=1m"),
                ["resources"] = new Props
                {
                    ["requests"] = new Props { ["cpu"] = "20m", ["memory"] = "32Mi" },
                    ["limits"] = new Props { ["memory"] = "128Mi" },
                },
            },
        },
        // The ServiceMonitor is a CRD that kube-prometheus-stack installs.
        new PlanOptions { DependsOn = [monitoring.Release.Name] });
    }
}
