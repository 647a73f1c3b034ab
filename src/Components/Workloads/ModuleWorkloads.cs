using System.Globalization;
using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Components.Workloads;

public sealed record ModuleWorkloadsArgs
{
    public required TerritoryContext Context { get; init; }
    public required IReadOnlyList<BusinessModule> Modules { get; init; }
    public required CapacityPlan Capacity { get; init; }
    public required WorkloadProfile Workload { get; init; }

    /// <summary>The season's daily schedule: business-window minimum, off-hours floor (docs/capacity-model.md, Daily floor).</summary>
    public required DailySchedule Schedule { get; init; }

    /// <summary>Where KEDA reads the load the pods were sized for: the in-cluster Prometheus and the contract's counters.</summary>
    public required ScalingMetrics Metrics { get; init; }
}

/// <summary>
/// The series the ScaledObjects scale on (docs/metrics-contract.md): requests per api pod from <paramref name="Requests"/>
/// (a counter every api pod exports, selected by namespace and the Deployment's pod names) and finished jobs per worker
/// from <paramref name="Jobs"/> (a counter with the worker deployment in label <paramref name="DeploymentLabel"/>),
/// queried at <paramref name="PrometheusAddress"/> over <paramref name="RateWindowSeconds"/>.
/// </summary>
public sealed record ScalingMetrics(string PrometheusAddress, string Requests, string Jobs, string DeploymentLabel, int RateWindowSeconds);

/// <summary>
/// What the platform team owns on the cluster around the app teams' deployments: a namespace per business module
/// with a ResourceQuota, a KEDA ScaledObject (the daily schedule and scaling on the load per pod; KEDA owns the
/// deployment's HPA) and a PodDisruptionBudget per named deployment, PriorityClasses so event-catering
/// traffic preempts standard and batch work, and a season ConfigMap the apps read.
/// <para>No ScaledObject has a cpu or memory trigger: KEDA's admission webhook refuses one whose target Deployment does
/// not exist yet, and the app teams create their Deployments after the first <c>pulumi up</c> (deployment rule
/// KedaTriggersNeedNoTarget). The prometheus trigger scales on what the capacity engine sizes instead: requests (or
/// jobs) per second per pod against the rate one pod serves at the season's target utilization.</para>
/// </summary>
public static class ModuleWorkloads
{
    public const string Type = "freshfoodz:workloads:ModuleWorkloads";
    public const string ModuleType = "freshfoodz:workloads:BusinessModule";

    /// <summary>PriorityClass names and values: higher preempts lower; batch never preempts.</summary>
    public static string PriorityClassName(WorkloadPriority p) => p switch
    {
        WorkloadPriority.EventCatering => "freshfoodz-event-catering",
        WorkloadPriority.Standard => "freshfoodz-standard",
        _ => "freshfoodz-batch",
    };

    private static int PriorityValue(WorkloadPriority p) => p switch
    {
        WorkloadPriority.EventCatering => 100_000,
        WorkloadPriority.Standard => 10_000,
        _ => 1_000,
    };

    /// <summary>Adds the modules' namespaces and objects; returns each module's namespace by module name.</summary>
    public static IReadOnlyDictionary<string, PlannedResource> Add(PlanBuilder plan, string name, ModuleWorkloadsArgs args)
    {
        var scope = plan.Component(Type, name);
        var namespaces = new Dictionary<string, PlannedResource>(StringComparer.Ordinal);
        foreach (var priority in Enum.GetValues<WorkloadPriority>())
        {
            var className = PriorityClassName(priority);
            scope.Resource("kubernetes:scheduling.k8s.io/v1:PriorityClass", $"priority-{className["freshfoodz-".Length..]}", new Props
            {
                ["apiVersion"] = "scheduling.k8s.io/v1",
                ["kind"] = "PriorityClass",
                ["metadata"] = new Props { ["name"] = className, ["labels"] = args.Context.Tags.Labels() },
                ["value"] = PriorityValue(priority),
                ["globalDefault"] = false,
                ["preemptionPolicy"] = priority == WorkloadPriority.Batch ? "Never" : "PreemptLowerPriority",
                ["description"] = $"FreshFoodz {priority} workloads",
            });
        }
        foreach (var module in args.Modules)
        {
            namespaces[module.Name] = AddModule(scope.Child(ModuleType, module.Name), module, args);
        }
        return namespaces;
    }

    private static PlannedResource AddModule(ComponentScope scope, BusinessModule module, ModuleWorkloadsArgs args)
    {
        var capacity = args.Capacity;
        var labels = args.Context.Tags.Labels();
        labels["freshfoodz.io/module"] = module.Name;
        labels["freshfoodz.io/dr-tier"] = module.Tier.ToString().ToLowerInvariant();
        var ns = scope.Resource("kubernetes:core/v1:Namespace", "namespace", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new Props { ["name"] = module.Name, ["labels"] = labels },
        });
        var inNamespace = new PlanOptions { DependsOn = [ns.Name] };

        var sized = module.Deployments.Select(d => (Deployment: d, Sizing: capacity.Deployments.Single(s => s.Name == d.Name))).ToList();
        PodResources Requests(WorkloadRole role) => role == WorkloadRole.Api ? args.Workload.Api.Resources : args.Workload.Workers.Resources;

        // Quota: every deployment at maxReplicas plus one rolling-update surge pod.
        var pods = sized.Sum(x => x.Sizing.MaxReplicas + 1);
        var cpu = sized.Sum(x => (x.Sizing.MaxReplicas + 1) * Requests(x.Deployment.Role).CpuMillicores);
        var memory = sized.Sum(x => (x.Sizing.MaxReplicas + 1) * Requests(x.Deployment.Role).MemoryMiB);
        scope.Resource("kubernetes:core/v1:ResourceQuota", "quota", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ResourceQuota",
            ["metadata"] = new Props { ["name"] = "capacity", ["namespace"] = module.Name, ["labels"] = labels },
            ["spec"] = new Props
            {
                ["hard"] = new Props
                {
                    ["pods"] = Text(pods),
                    ["requests.cpu"] = $"{Text(cpu)}m",
                    ["requests.memory"] = $"{Text(memory)}Mi",
                },
            },
        }, inNamespace);

        foreach (var (deployment, sizing) in sized)
        {
            var scheduled = args.Schedule.Deployments.Single(d => d.Name == deployment.Name);
            var triggers = new List<PlanValue>();
            if (args.Schedule.HasWindow && scheduled.BusinessMinReplicas > scheduled.OffHoursMinReplicas)
            {
                // The season's minimum in the business window, in the customers' local time (KEDA cron scaler; start and
                // end are Linux cron, minute hour dom month dow). The window starts the ramp lead before load rises.
                triggers.Add(new Props
                {
                    ["type"] = "cron",
                    ["metadata"] = new Props
                    {
                        ["timezone"] = args.Context.Territory.TimeZone,
                        ["start"] = Cron(args.Schedule.StartSecond),
                        ["end"] = Cron(args.Schedule.EndSecond),
                        ["desiredReplicas"] = Text(scheduled.BusinessMinReplicas),
                    },
                });
            }
            triggers.Add(LoadTrigger(module, deployment, capacity, args.Metrics));
            scope.Resource("kubernetes:keda.sh/v1alpha1:ScaledObject", $"{deployment.Name}-scaler", new Props
            {
                ["apiVersion"] = "keda.sh/v1alpha1",
                ["kind"] = "ScaledObject",
                ["metadata"] = new Props { ["name"] = deployment.Name, ["namespace"] = module.Name, ["labels"] = labels },
                ["spec"] = new Props
                {
                    ["scaleTargetRef"] = new Props { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = deployment.Name },
                    ["pollingInterval"] = (int)args.Schedule.Lags.KedaPolling,
                    // Outside the window the zone floor (two pods in two zones); the cron trigger raises it to the season's.
                    ["minReplicaCount"] = scheduled.OffHoursMinReplicas,
                    ["maxReplicaCount"] = scheduled.MaxReplicas,
                    ["advanced"] = new Props
                    {
                        ["horizontalPodAutoscalerConfig"] = new Props
                        {
                            // The HPA KEDA creates keeps the deployment's name (kubectl get hpa, kube-state-metrics labels).
                            ["name"] = deployment.Name,
                            ["behavior"] = new Props
                            {
                                ["scaleDown"] = new Props { ["stabilizationWindowSeconds"] = (int)args.Schedule.Lags.ScaleDownStabilization },
                            },
                        },
                    },
                    ["triggers"] = PlanValue.List([.. triggers]),
                },
            }, inNamespace);
            scope.Resource("kubernetes:policy/v1:PodDisruptionBudget", $"{deployment.Name}-pdb", new Props
            {
                ["apiVersion"] = "policy/v1",
                ["kind"] = "PodDisruptionBudget",
                ["metadata"] = new Props { ["name"] = deployment.Name, ["namespace"] = module.Name, ["labels"] = labels },
                // One pod at a time: a node drain takes at most one pod (at the two-pod floor, one keeps serving).
                ["spec"] = new Props
                {
                    ["maxUnavailable"] = 1,
                    ["selector"] = new Props { ["matchLabels"] = new Props { ["app.kubernetes.io/name"] = deployment.Name } },
                },
            }, inNamespace);
        }

        var data = new Props
        {
            ["season"] = capacity.Season.ConfigName(),
            ["loadMultiplier"] = capacity.LoadMultiplier.ToString("0.0##", CultureInfo.InvariantCulture),
            // What the pre-provisioned api pods serve at the season's target utilization (CapacityPlan), whole requests.
            ["rateLimitRequestsPerSecond"] = Text((int)Math.Floor(capacity.ServableRequestsPerSecond + 1e-9)),
            ["sampleSlaHours"] = SeasonPolicy.SampleSlaHours(capacity.Season) is { } hours ? Text(hours) : "",
        };
        foreach (var (flag, on) in SeasonPolicy.DegradationFlags(capacity.Season))
        {
            data[$"degradation.{flag}"] = on ? "true" : "false";
        }
        foreach (var deployment in module.Deployments)
        {
            data[$"priorityClass.{deployment.Name}"] = PriorityClassName(deployment.Priority);
        }
        scope.Resource("kubernetes:core/v1:ConfigMap", "season", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new Props { ["name"] = "freshfoodz-season", ["namespace"] = module.Name, ["labels"] = labels },
            ["data"] = data,
        }, inNamespace);
        return ns;
    }

    /// <summary>
    /// Scale out when the load per pod passes what one pod serves at the season's target utilization, the rate the pods
    /// were sized for (c·ρ / S: <see cref="AppTierDemand.RequestsPerPodAtTarget"/>, <see cref="WorkerSizing.JobsPerWorkerAtTarget"/>).
    /// The query sums the deployment's rate; with metricType AverageValue the HPA divides it by the pods (KEDA docs,
    /// "Prometheus" scaler; kedacore/keda v2.19.0 pkg/scalers/prometheus_scaler.go: serverAddress, query, threshold).
    /// Neither needs the target Deployment at admission, unlike cpu and memory.
    /// </summary>
    private static PlanMap LoadTrigger(BusinessModule module, ModuleDeployment deployment, CapacityPlan capacity, ScalingMetrics m)
    {
        var window = $"{m.RateWindowSeconds / 60}m";
        var (query, perPod) = deployment.Role == WorkloadRole.Api
            // A Deployment's pods are named <deployment>-<pod-template-hash>-<suffix>: this matches its pods and no other's.
            ? ($"sum(rate({m.Requests}{{namespace=\"{module.Name}\",pod=~\"{deployment.Name}-[a-z0-9]+-[a-z0-9]+\"}}[{window}]))",
                capacity.App.Demand.RequestsPerPodAtTarget)
            : ($"sum(rate({m.Jobs}{{namespace=\"{module.Name}\",{m.DeploymentLabel}=\"{deployment.Name}\"}}[{window}]))",
                capacity.Workers.JobsPerWorkerAtTarget);
        return new Props
        {
            ["type"] = "prometheus",
            ["metricType"] = "AverageValue",
            ["metadata"] = new Props
            {
                ["serverAddress"] = m.PrometheusAddress,
                ["query"] = query,
                ["threshold"] = perPod.ToString("0.###", CultureInfo.InvariantCulture),
            },
        }.Build();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A daily cron expression at <paramref name="second"/> after local midnight (minute hour * * *).</summary>
    private static string Cron(int second) => $"{second % 3600 / 60} {second / 3600 % 24} * * *";
}
