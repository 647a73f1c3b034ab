using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Workloads;

namespace FreshFoodz.Components.Chaos;

public sealed record ChaosExperimentsArgs
{
    public required TerritoryContext Context { get; init; }

    /// <summary>The modules whose api deployments the pod kill and the database delay select.</summary>
    public required IReadOnlyList<BusinessModule> Modules { get; init; }

    /// <summary>The critical database's host name (the server's <c>fullyQualifiedDomainName</c> output).</summary>
    public required PlanValue DatabaseHost { get; init; }

    /// <summary>Host names in the DR region the cluster can reach (replica FQDNs); empty when the stack keeps none.</summary>
    public required IReadOnlyList<PlanValue> DisasterRecoveryHosts { get; init; }

    /// <summary>The app pool's VM size: the CPU stress runs one worker per vCPU of a node.</summary>
    public required VmSize AppNode { get; init; }
}

/// <summary>One planned experiment: its Chaos Mesh kind, object name and what it checks.</summary>
public sealed record ChaosExperiment(string Role, string Kind, string Name, string Checks);

/// <summary>
/// Chaos Mesh (chart from charts.chaos-mesh.org) and four experiments for the rehearsal's 5x load tests: kill an api
/// pod, delay app → database traffic, stress a node's CPU, and cut the territory's link to its DR region. Every
/// experiment is created paused (Chaos Mesh's pause annotation), because a created experiment starts at once; the
/// playbook resumes each during the 5x hold and deletes them after it, so the next run creates them paused again
/// (docs/seasonal-operations.md).
/// </summary>
public static class ChaosExperiments
{
    public const string Type = "freshfoodz:chaos:ChaosExperiments";

    /// <summary>Chaos Mesh 2.8.2: the release the chaos-mesh.org installation guide documents (Helm chart chaos-mesh,
    /// repository https://charts.chaos-mesh.org, chart version = app version).</summary>
    public const string ChartVersion = "2.8.2";

    public const string ChartRepository = "https://charts.chaos-mesh.org";

    /// <summary>Where Chaos Mesh runs and the experiment objects live.</summary>
    public const string Namespace = "chaos-mesh";

    /// <summary>Chaos Mesh pauses an experiment while this annotation is "true" and resumes it when it is removed.</summary>
    public const string PauseAnnotation = "experiment.chaos-mesh.org/pause";

    /// <summary>The pause annotation as a Pulumi property path: a key holding dots needs bracket notation
    /// (Pulumi docs "Property Paths"; pulumi/pulumi sdk/go/common/resource/properties_path.go, ParsePropertyPath).</summary>
    public static readonly string PauseIgnoreChanges = $"metadata.annotations[\"{PauseAnnotation}\"]";

    /// <summary>How long each timed experiment runs once resumed: inside the k6 script's 5x hold (PeakTestProfile).</summary>
    public const string Duration = "10m";

    /// <summary>Added to every packet the app sends the database: our choice, about the round trip to a database in
    /// another region, to see whether the SLOs survive it (per request: × dbQueriesPerRequest).</summary>
    public const int DatabaseDelayMilliseconds = 50;

    /// <summary>Share of each vCPU the stress workers take (stress-ng --cpu-load).</summary>
    public const int CpuLoadPercent = 80;

    public static IReadOnlyList<ChaosExperiment> Experiments { get; } =
    [
        new("api-pod-kill", "PodChaos", "api-pod-kill", "one api pod killed at 5x: HPA, PDB and the remaining pods keep the SLOs"),
        new("database-delay", "NetworkChaos", "database-delay", $"+{DatabaseDelayMilliseconds} ms on every app → critical database packet"),
        new("node-cpu-stress", "StressChaos", "node-cpu-stress", $"{CpuLoadPercent} % CPU on every vCPU of one app node"),
        new("territory-isolation", "NetworkChaos", "territory-isolation", "the app loses its link to the DR region"),
    ];

    public static IReadOnlyList<PlannedResource> Add(PlanBuilder plan, string name, ChaosExperimentsArgs args)
    {
        var scope = plan.Component(Type, name);
        var labels = args.Context.Tags.Labels();
        var mesh = scope.Resource("kubernetes:helm.sh/v3:Release", "mesh", new Props
        {
            ["name"] = "chaos-mesh",
            ["chart"] = "chaos-mesh",
            ["version"] = ChartVersion,
            ["repositoryOpts"] = new Props { ["repo"] = ChartRepository },
            ["namespace"] = Namespace,
            ["createNamespace"] = true,
            ["values"] = new Props
            {
                // AKS nodes run containerd (the chart's default is docker).
                ["chaosDaemon"] = new Props { ["runtime"] = "containerd", ["socketPath"] = "/run/containerd/containerd.sock" },
                // Experiments are objects in the plan, so no dashboard is exposed to create others.
                ["dashboard"] = new Props { ["create"] = false },
            },
        });
        // The chart installs the CRDs the experiments need. Creation sets the pause annotation; after that it is the
        // people's (resumed during the hold): every up refreshes first and would otherwise pause a resumed experiment again.
        var experimentOptions = new PlanOptions { DependsOn = [mesh.Name], IgnoreChanges = [PauseIgnoreChanges] };

        var apiModules = args.Modules.Where(m => m.Deployments.Any(d => d.Role == WorkloadRole.Api)).ToList();
        var apiDeployments = apiModules.SelectMany(m => m.Deployments).Where(d => d.Role == WorkloadRole.Api).Select(d => (PlanValue)d.Name);
        // The PDB's selector (ModuleWorkloads): app.kubernetes.io/name = the deployment's name.
        Props ApiPods() => new()
        {
            ["namespaces"] = PlanValue.List(apiModules.Select(m => (PlanValue)m.Name)),
            ["expressionSelectors"] = PlanValue.List(new Props
            {
                ["key"] = "app.kubernetes.io/name",
                ["operator"] = "In",
                ["values"] = PlanValue.List(apiDeployments),
            }),
        };
        Props Metadata(string objectName) => new()
        {
            ["name"] = objectName,
            ["namespace"] = Namespace,
            ["labels"] = labels,
            ["annotations"] = new Props { [PauseAnnotation] = "true" },
        };
        PlannedResource Experiment(ChaosExperiment e, Props spec) =>
            scope.Resource($"kubernetes:chaos-mesh.org/v1alpha1:{e.Kind}", e.Role, new Props
            {
                ["apiVersion"] = "chaos-mesh.org/v1alpha1",
                ["kind"] = e.Kind,
                ["metadata"] = Metadata(e.Name),
                ["spec"] = spec,
            }, experimentOptions);

        var byRole = Experiments.ToDictionary(e => e.Role);
        var resources = new List<PlannedResource> { mesh };
        resources.Add(Experiment(byRole["api-pod-kill"], new Props
        {
            ["action"] = "pod-kill",
            ["mode"] = "one",
            ["gracePeriod"] = 0,
            ["selector"] = ApiPods(),
        }));
        resources.Add(Experiment(byRole["database-delay"], new Props
        {
            ["action"] = "delay",
            ["mode"] = "all",
            ["selector"] = ApiPods(),
            ["direction"] = "to",
            ["externalTargets"] = PlanValue.List(args.DatabaseHost),
            ["delay"] = new Props { ["latency"] = $"{DatabaseDelayMilliseconds}ms", ["jitter"] = "10ms", ["correlation"] = "25" },
            ["duration"] = Duration,
        }));
        // StressChaos runs stress-ng inside a selected container's cgroup, so a pod with a CPU limit caps the stress at
        // that limit. The chaos-daemon DaemonSet pod is on every app node and the chart gives it no limit: selecting it
        // on one app node (the pool's label) stresses that node's CPU, whatever app pods happen to run there.
        resources.Add(Experiment(byRole["node-cpu-stress"], new Props
        {
            ["mode"] = "one",
            ["selector"] = new Props
            {
                ["namespaces"] = PlanValue.List(Namespace),
                ["labelSelectors"] = new Props { ["app.kubernetes.io/component"] = "chaos-daemon" },
                ["nodeSelectors"] = new Props { ["freshfoodz.io/pool"] = "apps" },
            },
            ["stressors"] = new Props { ["cpu"] = new Props { ["workers"] = args.AppNode.VCpus, ["load"] = CpuLoadPercent } },
            ["duration"] = Duration,
        }));
        // With replicas, the DR hosts the cluster can reach are the replicas: cut them, and the primary must not notice.
        // Without (a rehearsal may drop them) nothing in the DR region is reachable, and a partition to a host that does
        // not exist would pass without testing anything; the drill then cuts the critical primary instead, the region
        // outage such a stack recovers from by geo-restore, so the alerting and escalation half of that runbook runs.
        var isolated = args.DisasterRecoveryHosts.Count > 0 ? args.DisasterRecoveryHosts : [args.DatabaseHost];
        resources.Add(Experiment(byRole["territory-isolation"], new Props
        {
            ["action"] = "partition",
            ["mode"] = "all",
            ["selector"] = new Props { ["namespaces"] = PlanValue.List(args.Modules.Select(m => (PlanValue)m.Name)) },
            ["direction"] = "to",
            ["externalTargets"] = PlanValue.List(isolated),
            ["duration"] = Duration,
        }));
        return resources;
    }
}
