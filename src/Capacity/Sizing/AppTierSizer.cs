using FreshFoodz.Capacity.Queueing;

namespace FreshFoodz.Capacity.Sizing;

/// <summary>Which rule decided a count: the HA minimum, the utilization target or the latency SLO.</summary>
public enum SizingLimit
{
    HighAvailabilityMinimum,
    Utilization,
    LatencySlo,
}

public sealed record AppTierDemand(
    double ArrivalRatePerSecond,
    double MeanServiceTimeSeconds,
    double P95ServiceTimeSeconds,
    int ConcurrencyPerPod,
    double TargetUtilization,
    double SloP95Seconds,
    int MinimumPods)
{
    /// <summary>Exponential (M/M/N, exact; the p95 service time is not used) or lognormal fitted to the mean
    /// and p95 service time (M/G/N by Allen–Cunneen, <see cref="MgnModel"/>).</summary>
    public ServiceTimeDistribution Distribution { get; init; } = ServiceTimeDistribution.Exponential;

    /// <summary>
    /// Requests per second one pod serves at the target utilization: c·ρ / S, rule (a) of <see cref="AppTierSizer"/>
    /// solved for λ per pod. The KEDA prometheus trigger scales the api deployments on it (docs/capacity-model.md).
    /// </summary>
    public double RequestsPerPodAtTarget => ConcurrencyPerPod * TargetUtilization / MeanServiceTimeSeconds;
}

public sealed record AppTierSizing(
    AppTierDemand Demand,
    int LittlesLawPods,
    int Pods,
    double Utilization,
    double PredictedP95Seconds,
    int SeedFormulaPods,
    SizingLimit DecidedBy);

/// <summary>
/// Sizes the app tier. With arrival rate λ, mean service time S and c concurrent requests per pod,
/// Little's Law gives the mean number in service L = λ·S. Pods = the smallest p ≥ the HA minimum with
/// (a) utilization λ·S / (p·c) ≤ the target and (b) the p95 response time with N = p·c servers ≤ the SLO:
/// M/M/N for exponential service times, the Allen–Cunneen M/G/N approximation for lognormal ones.
/// Both rules are monotone in N, so pods = max(HA minimum, ⌈<see cref="MinimumServers"/> / c⌉).
/// </summary>
public static class AppTierSizer
{
    /// <summary>Beyond this the SLO is treated as unreachable rather than searched further.</summary>
    private const int MaxPods = 100_000;

    public static AppTierSizing Size(AppTierDemand d)
    {
        if (d.Distribution == ServiceTimeDistribution.Lognormal && d.SloP95Seconds <= d.P95ServiceTimeSeconds)
        {
            // T = W + S ≥ S, so no server count brings the p95 below the service time's own p95.
            throw new CapacityException(
                $"the p95 SLO of {d.SloP95Seconds} s cannot be met: the lognormal service time's own p95 is " +
                $"{d.P95ServiceTimeSeconds} s; raise the SLO or lower the service time");
        }
        var busy = d.ArrivalRatePerSecond * d.MeanServiceTimeSeconds; // L = λ·S
        var byUtilization = Rounding.CeilingCount(busy / (d.ConcurrencyPerPod * d.TargetUtilization));
        var littles = Math.Max(d.MinimumPods, byUtilization);

        var pods = P95(d, littles) <= d.SloP95Seconds ? littles : SmallestMeetingSlo(d, littles);
        var p95 = P95(d, pods);

        var decidedBy = pods > littles ? SizingLimit.LatencySlo
            : byUtilization >= d.MinimumPods ? SizingLimit.Utilization
            : SizingLimit.HighAvailabilityMinimum;

        return new AppTierSizing(
            d,
            littles,
            pods,
            busy / (pods * d.ConcurrencyPerPod),
            p95,
            SeedFormulaPods(d),
            decidedBy);
    }

    /// <summary>
    /// The smallest pod count above <paramref name="failing"/> whose p95 meets the SLO. The p95 falls as servers
    /// are added, so double until it passes, then bisect.
    /// </summary>
    private static int SmallestMeetingSlo(AppTierDemand d, int failing)
    {
        var low = failing;
        var high = failing;
        do
        {
            low = high;
            high = (int)Math.Min(MaxPods + 1L, 2L * high);
            if (high > MaxPods)
            {
                throw new CapacityException(
                    $"the p95 SLO of {d.SloP95Seconds} s cannot be met with up to {MaxPods} pods " +
                    $"(mean service time {d.MeanServiceTimeSeconds} s); raise the SLO or lower the service time");
            }
        }
        while (P95(d, high) > d.SloP95Seconds);
        while (high - low > 1)
        {
            var mid = low + (high - low) / 2;
            if (P95(d, mid) <= d.SloP95Seconds)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }
        return high;
    }

    /// <summary>The p95 response time that <paramref name="pods"/> pods give (N = pods·c servers).</summary>
    public static double P95(AppTierDemand d, int pods) => ServerP95(d, pods * d.ConcurrencyPerPod);

    /// <summary>The p95 response time with <paramref name="servers"/> servers: M/M/N (exponential) or M/G/N.</summary>
    public static double ServerP95(AppTierDemand d, int servers) => d.Distribution switch
    {
        ServiceTimeDistribution.Lognormal => new MgnModel(
            d.ArrivalRatePerSecond, LognormalFit.FromMeanAndP95(d.MeanServiceTimeSeconds, d.P95ServiceTimeSeconds), servers)
            .ResponseTimeQuantile(0.95),
        _ => new MmnModel(d.ArrivalRatePerSecond, d.MeanServiceTimeSeconds, servers).ResponseTimeQuantile(0.95),
    };

    /// <summary>
    /// The smallest server count N (not rounded to pods, no HA minimum) with utilization ≤ the target and
    /// p95 ≤ the SLO: the rule at server granularity, which the bench compares with simulation.
    /// </summary>
    public static int MinimumServers(AppTierDemand d) => Size(d with { ConcurrencyPerPod = 1, MinimumPods = 1 }).Pods;

    /// <summary>
    /// The seasonal plan's own formula, reported for comparison only: concurrency = λ × p95 latency
    /// (the measured p95 service time), instances = concurrency / target utilization, pods = ⌈instances / c⌉.
    /// </summary>
    public static int SeedFormulaPods(AppTierDemand d) =>
        Rounding.CeilingCount(d.ArrivalRatePerSecond * d.P95ServiceTimeSeconds / d.TargetUtilization / d.ConcurrencyPerPod);
}
