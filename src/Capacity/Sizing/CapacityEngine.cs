using FreshFoodz.Capacity.Seasons;

namespace FreshFoodz.Capacity.Sizing;

/// <summary>The api tier's HorizontalPodAutoscaler bounds, summed over its deployments.</summary>
public sealed record HpaSizing(int MinReplicas, int MaxReplicas, double BurstHeadroom);

/// <summary>The complete sizing of one stack for one season.</summary>
public sealed record CapacityPlan(
    Season Season,
    double LoadMultiplier,
    TargetUtilization Targets,
    AppTierSizing App,
    HpaSizing Hpa,
    WorkerSizing Workers,
    DatabaseSizing Database,
    NodeSizing Nodes,
    IReadOnlyList<DeploymentSizing> Deployments)
{
    /// <summary>
    /// Requests per second the pre-provisioned api pods serve at the season's target utilization. One deployment
    /// serves min·c·ρ / S of its share of the traffic, so the whole api serves min over deployments of
    /// (min·c·ρ / S) / share: the first deployment to reach its target limits the total.
    /// </summary>
    public double ServableRequestsPerSecond =>
        Deployments.Where(d => d.Role == WorkloadRole.Api)
            .Min(d => d.MinReplicas * App.Demand.ConcurrencyPerPod * App.Demand.TargetUtilization / App.Demand.MeanServiceTimeSeconds / d.Share);
}

/// <summary>Which rule sets the api pods: the engine's, or the seasonal plan's formula (to price the comparison).</summary>
public enum AppTierRule
{
    /// <summary>Utilization target and p95 SLO (<see cref="AppTierSizer"/>).</summary>
    Engine,

    /// <summary>max(HA minimum, ⌈λ × p95 service time / target / c⌉), everything else sized as usual.</summary>
    SeasonalPlanFormula,
}

/// <summary>
/// The capacity engine: sizes app pods, HPA, workers, database and nodes for a season.
/// Cost is not sized here: the plan built from this sizing is priced as a whole (FreshFoodz.Stacks.Pricing).
/// Sizing rules and their formulas are documented on each sizer.
/// </summary>
public static class CapacityEngine
{
    public static CapacityPlan Size(CapacityInputs inputs, Season season, AppTierRule rule = AppTierRule.Engine)
    {
        var definition = inputs.Seasons[season];
        var targets = definition.Targets;
        var w = inputs.Workload;
        var minimum = inputs.ZoneCount; // HA: one replica per availability zone

        var requests = w.Api.BaselineRequestsPerSecond * definition.LoadMultiplier;
        var app = AppTierSizer.Size(new AppTierDemand(
            requests,
            w.Api.MeanServiceTimeSeconds,
            w.Api.P95ServiceTimeSeconds,
            w.Api.ConcurrencyPerPod,
            targets.App,
            w.Api.Slo.Strictest,
            minimum)
        {
            Distribution = w.Api.ServiceTimeDistribution,
        });
        if (rule == AppTierRule.SeasonalPlanFormula)
        {
            var pods = Math.Max(minimum, app.SeedFormulaPods);
            app = app with
            {
                Pods = pods,
                Utilization = requests * w.Api.MeanServiceTimeSeconds / (pods * w.Api.ConcurrencyPerPod),
                PredictedP95Seconds = AppTierSizer.P95(app.Demand, pods),
            };
        }

        var jobs = w.Workers.BaselineJobsPerSecond * definition.LoadMultiplier;
        var workers = WorkerSizer.Size(jobs, w.Workers, targets.Workers, minimum);

        // Each deployment: ⌈total × share⌉ replicas, at least one per zone; maxReplicas = ⌈min × burst headroom⌉.
        var deployments = DeploymentSplit.Split(inputs.Deployments, app.Pods, workers.Count, minimum, inputs.BurstHeadroom);
        int Sum(WorkloadRole role, Func<DeploymentSizing, int> f) => deployments.Where(d => d.Role == role).Sum(f);
        var hpa = new HpaSizing(Sum(WorkloadRole.Api, d => d.MinReplicas), Sum(WorkloadRole.Api, d => d.MaxReplicas), inputs.BurstHeadroom);
        var workerPods = Sum(WorkloadRole.Worker, d => d.MinReplicas);
        var workerMax = Sum(WorkloadRole.Worker, d => d.MaxReplicas);

        var database = DatabaseSizer.Size(
            requests, jobs, w, hpa.MinReplicas, hpa.MaxReplicas, workerPods, workerMax, targets.Database, inputs.PostgresSkus, season.ConfigName());

        var vm = inputs.VmSizes[inputs.NodePools.AppVmSize];
        var nodes = NodeSizer.Size(
            vm,
            inputs.NodePools,
            [new PodGroup("api", hpa.MinReplicas, w.Api.Resources), new PodGroup("worker", workerPods, w.Workers.Resources)],
            [new PodGroup("api", hpa.MaxReplicas, w.Api.Resources), new PodGroup("worker", workerMax, w.Workers.Resources)],
            inputs.ZoneCount);

        return new CapacityPlan(season, definition.LoadMultiplier, targets, app, hpa, workers, database, nodes, deployments);
    }
}
