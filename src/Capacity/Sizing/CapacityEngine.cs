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
    IReadOnlyList<DeploymentSizing> Deployments,
    string Currency,
    decimal HourlyCost)
{
    public decimal MonthlyCost => HourlyCost * PriceTable.HoursPerMonth;

    /// <summary>
    /// Requests per second the pre-provisioned api pods serve at the season's target utilization. One deployment
    /// serves min·c·ρ / S of its share of the traffic, so the whole api serves min over deployments of
    /// (min·c·ρ / S) / share: the first deployment to reach its target limits the total.
    /// </summary>
    public double ServableRequestsPerSecond =>
        Deployments.Where(d => d.Role == WorkloadRole.Api)
            .Min(d => d.MinReplicas * App.Demand.ConcurrencyPerPod * App.Demand.TargetUtilization / App.Demand.MeanServiceTimeSeconds / d.Share);
}

/// <summary>The cost of one calendar month under the <c>auto</c> season rule.</summary>
public sealed record MonthCost(int Month, decimal Cost, decimal StaticPeakCost, IReadOnlyDictionary<Season, int> DaysBySeason);

/// <summary>A year's cost under <c>auto</c> against provisioning the Weihnachten peak all year.</summary>
public sealed record CostProjection(string Currency, int Year, IReadOnlyList<MonthCost> Months)
{
    public decimal Yearly => Months.Sum(m => m.Cost);

    public decimal YearlyStaticPeak => Months.Sum(m => m.StaticPeakCost);

    public decimal Saving => YearlyStaticPeak - Yearly;
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
/// The capacity engine: sizes app pods, HPA, workers, database and nodes for a season, and prices them.
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

        return new CapacityPlan(
            season, definition.LoadMultiplier, targets, app, hpa, workers, database, nodes, deployments,
            inputs.Prices.Currency, HourlyCost(inputs, nodes, database));
    }

    /// <summary>
    /// Cost per hour of what a season pre-provisions: app nodes at their autoscaler minimum and the system pool
    /// at the VM's hourly price, plus the database SKU's monthly price / 730 h. Autoscaled bursts, storage,
    /// HA standbys and DR copies are not included here (the plan prices DR).
    /// </summary>
    public static decimal HourlyCost(CapacityInputs inputs, NodeSizing nodes, DatabaseSizing database)
    {
        var prices = inputs.Prices;
        return nodes.Count * prices.VmPerHour[nodes.VmSize]
            + inputs.NodePools.SystemNodeCount * prices.VmPerHour[inputs.NodePools.SystemVmSize]
            + prices.PostgresPerMonth[database.Sku.Name] / PriceTable.HoursPerMonth;
    }

    /// <summary>
    /// The year under <c>auto</c>: each day costs 24 h × the hourly cost of the season in effect that day;
    /// the static peak costs 24 h × Weihnachten's hourly cost on every day.
    /// </summary>
    public static CostProjection ProjectYear(CapacityInputs inputs, int year, AppTierRule rule = AppTierRule.Engine) =>
        ProjectYear(inputs, year, date => inputs.Seasons.Resolve(date, inputs.LeadTimeDays), rule);

    /// <summary>The year with each day's season given by <paramref name="seasonOn"/> (a pinned stack's season).</summary>
    public static CostProjection ProjectYear(CapacityInputs inputs, int year, Func<DateOnly, Season> seasonOn, AppTierRule rule = AppTierRule.Engine)
    {
        var hourly = SeasonNames.All.ToDictionary(s => s, s => Size(inputs, s, rule).HourlyCost);
        var peak = hourly[Season.Weihnachten];
        var months = Enumerable.Range(1, 12).Select(month =>
        {
            var days = Enumerable.Range(1, DateTime.DaysInMonth(year, month))
                .Select(day => seasonOn(new DateOnly(year, month, day)))
                .ToList();
            var bySeason = days.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
            return new MonthCost(
                month,
                days.Sum(s => hourly[s] * 24m),
                days.Count * peak * 24m,
                bySeason);
        }).ToList();
        return new CostProjection(inputs.Prices.Currency, year, months);
    }
}
