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
}

/// <summary>
/// What the platform team owns on the cluster around the app teams' deployments: a namespace per business module
/// with a ResourceQuota, a KEDA ScaledObject (the daily schedule and CPU scaling; KEDA owns the deployment's HPA) and a
/// PodDisruptionBudget per named deployment, PriorityClasses so event-catering
/// traffic preempts standard and batch work, and a season ConfigMap the apps read.
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
            var target = deployment.Role == WorkloadRole.Api ? capacity.Targets.App : capacity.Targets.Workers;
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
            // Scale out when CPU passes the season's target utilization, the same target pods were sized for.
            triggers.Add(new Props
            {
                ["type"] = "cpu",
                ["metricType"] = "Utilization",
                ["metadata"] = new Props { ["value"] = Text((int)Math.Round(target * 100)) },
            });
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

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A daily cron expression at <paramref name="second"/> after local midnight (minute hour * * *).</summary>
    private static string Cron(int second) => $"{second % 3600 / 60} {second / 3600 % 24} * * *";
}
