using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Seasons;

namespace FreshFoodz.Capacity.Sizing;

/// <summary>CPU and memory a pod requests (Kubernetes resource requests).</summary>
public sealed record PodResources(int CpuMillicores, int MemoryMiB);

/// <summary>p95 latency SLOs per route class of the API (seconds).</summary>
public sealed record RouteSlos(double Sample, double EventCatering, double Order)
{
    /// <summary>All route classes share the API's queue, so the tightest SLO sizes it.</summary>
    public double Strictest => Math.Min(Sample, Math.Min(EventCatering, Order));
}

/// <summary>The API (app tier) workload at baseline (multiplier 1).</summary>
public sealed record ApiWorkload(
    double BaselineRequestsPerSecond,
    double MeanServiceTimeSeconds,
    double P95ServiceTimeSeconds,
    int ConcurrencyPerPod,
    RouteSlos Slo,
    PodResources Resources,
    double DbQueriesPerRequest,
    int DbPoolPerPod)
{
    /// <summary>How service times are distributed; exponential (M/M/N) unless the stack declares lognormal.</summary>
    public ServiceTimeDistribution ServiceTimeDistribution { get; init; } = ServiceTimeDistribution.Exponential;
}

/// <summary>The background worker workload at baseline.</summary>
public sealed record WorkerWorkload(
    double BaselineJobsPerSecond,
    double MeanJobTimeSeconds,
    int ConcurrencyPerWorker,
    PodResources Resources,
    double DbQueriesPerJob,
    int DbPoolPerWorker);

public sealed record DatabaseWorkload(double MeanQueryTimeSeconds);

/// <summary>What a stack's users send at baseline; seasons multiply the rates.</summary>
public sealed record WorkloadProfile(ApiWorkload Api, WorkerWorkload Workers, DatabaseWorkload Database);

/// <summary>An Azure VM size as the node pools use it.</summary>
public sealed record VmSize(string Name, int VCpus, double MemoryGiB);

/// <summary>Node pool choices that do not change with the season (changing a pool's VM size replaces it).</summary>
public sealed record NodePoolSettings(
    string AppVmSize,
    int MaxPodsPerNode,
    PodResources DaemonSetOverheadPerNode,
    string SystemVmSize,
    int SystemNodeCount);

public enum PostgresTier
{
    Burstable,
    GeneralPurpose,
    MemoryOptimized,
}

/// <summary>An Azure Database for PostgreSQL flexible server compute SKU.</summary>
public sealed record PostgresSku(string Name, PostgresTier Tier, int VCores, int MemoryGiB)
{
    /// <summary>
    /// Default max_connections by memory (Microsoft docs, PostgreSQL flexible server, concepts-limits.md):
    /// 2 GiB 50, 4 GiB 429, 8 GiB 859, 16 GiB 1,718, 32 GiB 3,437, 48 GiB and more 5,000. Memory between
    /// two rows takes the lower row. The value is fixed at server creation.
    /// </summary>
    public int MaxConnections => MemoryGiB switch
    {
        >= 48 => 5000,
        >= 32 => 3437,
        >= 16 => 1718,
        >= 8 => 859,
        >= 4 => 429,
        _ => 50,
    };

    /// <summary>Connections reserved by Azure for replication and monitoring (same source).</summary>
    public const int ReservedConnections = 15;

    public int UsableConnections => MaxConnections - ReservedConnections;
}

/// <summary>Everything the capacity engine sizes from; built from validated stack settings.</summary>
public sealed record CapacityInputs(
    WorkloadProfile Workload,
    NodePoolSettings NodePools,
    IReadOnlyDictionary<string, VmSize> VmSizes,
    IReadOnlyList<PostgresSku> PostgresSkus,
    SeasonCatalog Seasons,
    int ZoneCount,
    double BurstHeadroom,
    int LeadTimeDays)
{
    /// <summary>The app teams' deployments and their shares; empty means one api and one worker deployment.</summary>
    public IReadOnlyList<DeploymentShare> Deployments { get; init; } = [];

    /// <summary>How the day's traffic spreads over the hours (the daily schedule's input; not used by season sizing).</summary>
    public DailyLoadCurve DailyLoad { get; init; } = DailyLoadCurve.B2BFoodOrdering;
}

/// <summary>A sizing that cannot be met with the stack's tables; the message says which limit failed.</summary>
public sealed class CapacityException(string message) : Exception(message);
