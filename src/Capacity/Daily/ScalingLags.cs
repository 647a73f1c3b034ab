namespace FreshFoodz.Capacity.Daily;

/// <summary>
/// How long the cluster takes to follow a change of load or schedule, in seconds. Defaults and their sources:
/// - <see cref="KedaPolling"/> 30: KEDA ScaledObject <c>pollingInterval</c> default (KEDA docs, "Scaling Deployments":
///   "pollingInterval … Default: 30").
/// - <see cref="HpaSync"/> 15: the HPA controller's period, <c>--horizontal-pod-autoscaler-sync-period</c> default 15 s
///   (Kubernetes docs, "Horizontal Pod Autoscaling").
/// - <see cref="ScaleDownStabilization"/> 300: <c>--horizontal-pod-autoscaler-downscale-stabilization</c> default 5 min
///   (same page): the HPA scales down to the highest recommendation of the last 5 minutes.
/// - <see cref="ScrapeInterval"/> 30: the apps' PodMonitors scrape every 30 s (docs/metrics-contract.md), so the newest sample
///   Prometheus holds is up to 30 s old.
/// - <see cref="RateWindow"/> 120: the ScaledObjects' prometheus triggers scale on <c>rate(…[2m])</c>, the mean rate of the
///   last 2 minutes of samples: four scrapes, so one missed scrape still leaves a rate (Prometheus docs, "rate()": it
///   needs at least two samples in the range).
/// - <see cref="NodeProvisioning"/> 300: a new AKS node from the cluster autoscaler's decision to Ready. Our assumption
///   (VM create + node bootstrap are minutes on AKS); measure it on the rehearsal stack.
/// - <see cref="PodStartup"/> 60: a pod from scheduled to Ready (image cached on the node, readiness probe passed). Our
///   assumption; measure it with the deployments' readiness probes.
/// - <see cref="NodeScaleDown"/> 600: the cluster autoscaler removes a node unneeded for <c>scale-down-unneeded-time</c>,
///   default 10 min (AKS docs, "Cluster autoscaler profile").
/// </summary>
public sealed record ScalingLags(
    double KedaPolling = 30,
    double HpaSync = 15,
    double ScaleDownStabilization = 300,
    double ScrapeInterval = 30,
    double RateWindow = 120,
    double NodeProvisioning = 300,
    double PodStartup = 60,
    double NodeScaleDown = 600)
{
    public static ScalingLags Default { get; } = new();

    /// <summary>The schedule's trigger to new pods serving when they need a new node: KEDA sees the cron window, the HPA
    /// acts, the autoscaler adds nodes, the pods start.</summary>
    public double ScheduledRamp => KedaPolling + HpaSync + NodeProvisioning + PodStartup;

    /// <summary>The scheduled minimum starts this long before load rises: the ramp rounded up to 5 minutes.</summary>
    public int LeadSeconds => (int)(Math.Ceiling(ScheduledRamp / 300) * 300);

    /// <summary>After the window ends, pods leave after the HPA's stabilisation, nodes after the autoscaler's wait.</summary>
    public double NodeTail => ScaleDownStabilization + NodeScaleDown;
}
