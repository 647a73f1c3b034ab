using System.Globalization;
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
}

/// <summary>
/// What the platform team owns on the cluster around the app teams' deployments: a namespace per business module
/// with a ResourceQuota, an HPA and a PodDisruptionBudget per named deployment, PriorityClasses so event-catering
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
            scope.Resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", $"{deployment.Name}-hpa", new Props
            {
                ["apiVersion"] = "autoscaling/v2",
                ["kind"] = "HorizontalPodAutoscaler",
                ["metadata"] = new Props { ["name"] = deployment.Name, ["namespace"] = module.Name, ["labels"] = labels },
                ["spec"] = new Props
                {
                    ["scaleTargetRef"] = new Props { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = deployment.Name },
                    // Pre-provisioned for the season; the HPA only adds on top.
                    ["minReplicas"] = sizing.MinReplicas,
                    ["maxReplicas"] = sizing.MaxReplicas,
                    // Scale out when CPU passes the season's target utilization, the same target pods were sized for.
                    ["metrics"] = PlanValue.List(new Props
                    {
                        ["type"] = "Resource",
                        ["resource"] = new Props
                        {
                            ["name"] = "cpu",
                            ["target"] = new Props { ["type"] = "Utilization", ["averageUtilization"] = (int)Math.Round(target * 100) },
                        },
                    }),
                },
            }, inNamespace);
            scope.Resource("kubernetes:policy/v1:PodDisruptionBudget", $"{deployment.Name}-pdb", new Props
            {
                ["apiVersion"] = "policy/v1",
                ["kind"] = "PodDisruptionBudget",
                ["metadata"] = new Props { ["name"] = deployment.Name, ["namespace"] = module.Name, ["labels"] = labels },
                // One pod at a time: node drains never take a deployment below two zones.
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
}
