using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Capacity.Daily;

/// <summary>One deployment's scheduled minimum: the season's in the business window, the zone floor outside it.</summary>
public sealed record ScheduledDeployment(
    string Module, string Name, WorkloadRole Role, double Share, int BusinessMinReplicas, int OffHoursMinReplicas, int MaxReplicas);

/// <summary>
/// A season's day: from <see cref="StartSecond"/> to <see cref="EndSecond"/> (seconds after local midnight) the scheduled
/// minimum is the season's sizing; outside it each deployment runs at its off-hours floor, with the HPA scaling above
/// it. No window (<see cref="RiseHour"/> null) means the floors carry every hour.
/// </summary>
public sealed record DailySchedule(
    Season Season,
    double BusyHourRequestsPerSecond,
    DailyLoadCurve Curve,
    ScalingLags Lags,
    int? RiseHour,
    int? FallHour,
    IReadOnlyList<ScheduledDeployment> Deployments,
    int BusinessNodes,
    int OffHoursNodes)
{
    public const int SecondsPerDay = 86_400;

    public bool HasWindow => RiseHour is not null;

    /// <summary>When the scheduled minimum starts: the rise hour less the ramp lead (never before midnight).</summary>
    public int StartSecond => RiseHour is { } h ? Math.Max(0, h * 3600 - Lags.LeadSeconds) : 0;

    /// <summary>When the scheduled minimum ends: the end of the last hour the floors cannot carry.</summary>
    public int EndSecond => FallHour is { } h ? h * 3600 : 0;

    /// <summary>
    /// Hours a day the app pool runs at the business node count: from the window's start (nodes are billed from their
    /// creation) to its end plus the HPA's scale-down stabilisation and the autoscaler's unneeded time.
    /// </summary>
    public double BusinessNodeHours => HasWindow
        ? Math.Min(SecondsPerDay, EndSecond + Lags.NodeTail - StartSecond) / 3600.0
        : 0;

    /// <summary>Node-hours of the app pool per day.</summary>
    public double AppNodeHoursPerDay => BusinessNodes * BusinessNodeHours + OffHoursNodes * (24 - BusinessNodeHours);

    /// <summary>Whether the scheduled minimum is in force at <paramref name="second"/> after local midnight.</summary>
    public bool InWindow(double second) => HasWindow && second >= StartSecond && second < EndSecond;
}

/// <summary>
/// Derives a season's daily schedule from its busy-hour sizing and the daily load curve.
/// - Zone floor off hours: <see cref="AvailabilityFloor"/> pods, spread over two zones (topology spread, one per zone), so
///   a zone loss leaves a serving pod; never above the season's minimum.
///   Workers do not follow the curve (jobs queue, batch runs at night): their floor is the smallest p ≥ 2 whose
///   survivors of a zone loss (p − ⌈p/zones⌉) carry the season's job rate at the workers' target, capped at the season.
/// - Business window: every hour in which some api deployment's load (season rate × factor × share) is more than the
///   survivors of a zone loss at its floor carry — utilization above the season's app target, or the p95 above the
///   strictest SLO. The window runs from the first such hour to the end of the last (lunch dips included), and its
///   minimum starts <see cref="ScalingLags.LeadSeconds"/> earlier, so pods and nodes are Ready before the load rises.
///   Outside the window, the floor carries the load even with a zone lost: the HPA is a reserve, not the plan.
/// - Nodes: in the window the season's autoscaler minimum; outside it the floors packed (<see cref="NodeSizer"/>) plus the
///   surge node, never fewer than the zones.
/// </summary>
public static class DailyScheduler
{
    /// <summary>Two pods in two zones: the fewest that survive a zone loss.</summary>
    public const int AvailabilityFloor = 2;

    public static DailySchedule Schedule(CapacityInputs inputs, CapacityPlan plan, DailyLoadCurve curve, ScalingLags lags)
    {
        var zones = inputs.ZoneCount;
        var w = inputs.Workload;
        var busyRate = plan.App.Demand.ArrivalRatePerSecond;
        int Survivors(int pods) => pods - (int)Math.Ceiling(pods / (double)zones);

        var deployments = plan.Deployments.Select(d =>
        {
            var floor = Math.Min(d.MinReplicas, AvailabilityFloor);
            if (d.Role == WorkloadRole.Worker)
            {
                var busy = plan.Workers.JobsPerSecond * d.Share * plan.Workers.MeanJobTimeSeconds;
                while (floor < d.MinReplicas && busy > Survivors(floor) * plan.Workers.ConcurrencyPerWorker * plan.Workers.TargetUtilization)
                {
                    floor++;
                }
            }
            return new ScheduledDeployment(d.Module, d.Name, d.Role, d.Share, d.MinReplicas, floor, d.MaxReplicas);
        }).ToList();

        bool FloorCarries(int hour) => deployments.Where(d => d.Role == WorkloadRole.Api).All(d =>
        {
            var servers = Math.Max(1, Survivors(d.OffHoursMinReplicas)) * plan.App.Demand.ConcurrencyPerPod;
            var demand = plan.App.Demand with { ArrivalRatePerSecond = busyRate * curve[hour] * d.Share };
            var busy = demand.ArrivalRatePerSecond * demand.MeanServiceTimeSeconds;
            return busy <= servers * demand.TargetUtilization && AppTierSizer.ServerP95(demand, servers) <= demand.SloP95Seconds;
        });
        var heavy = Enumerable.Range(0, DailyLoadCurve.Hours).Where(h => !FloorCarries(h)).ToList();

        var vm = inputs.VmSizes[inputs.NodePools.AppVmSize];
        var perNode = NodeSizer.Allocatable(vm, inputs.NodePools.MaxPodsPerNode, inputs.NodePools.DaemonSetOverheadPerNode);
        int Pods(WorkloadRole role) => deployments.Where(d => d.Role == role).Sum(d => d.OffHoursMinReplicas);
        var packed = NodeSizer.Pack(perNode,
            [new PodGroup("api", Pods(WorkloadRole.Api), w.Api.Resources), new PodGroup("worker", Pods(WorkloadRole.Worker), w.Workers.Resources)],
            vm.Name);
        var offNodes = Math.Min(plan.Nodes.AutoscalerMin, Math.Max(zones, packed + NodeSizer.SurgeNodes));

        return new DailySchedule(
            plan.Season, busyRate, curve, lags,
            heavy.Count == 0 ? null : heavy[0],
            heavy.Count == 0 ? null : heavy[^1] + 1,
            deployments, plan.Nodes.AutoscalerMin, offNodes);
    }
}
