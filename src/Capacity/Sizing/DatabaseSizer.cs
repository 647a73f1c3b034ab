using System.Globalization;
namespace FreshFoodz.Capacity.Sizing;

public sealed record DatabaseSizing(
    double QueriesPerSecond,
    double VCoresNeeded,
    int Connections,
    int ConnectionsAtMaxReplicas,
    PostgresSku Sku,
    double CpuUtilization);

/// <summary>
/// Sizes the primary PostgreSQL server.
/// vCores needed = (λ·queries per request + λ_jobs·queries per job) × mean query time / target utilization.
/// Connections = pods × pool per pod + workers × pool per worker. The SKU must cover the connections at the
/// HPAs' maxReplicas, since a scale-out opens a pool per new pod exactly when load peaks.
/// The SKU is the smallest (fewest vCores, then least memory, then name) that has the vCores and whose usable
/// max_connections cover that total.
/// </summary>
public static class DatabaseSizer
{
    /// <summary>Tiers that support HA and read replicas; Burstable supports neither (Microsoft docs).</summary>
    public static readonly IReadOnlySet<PostgresTier> ProductionTiers =
        new HashSet<PostgresTier> { PostgresTier.GeneralPurpose, PostgresTier.MemoryOptimized };

    public static DatabaseSizing Size(
        double requestsPerSecond,
        double jobsPerSecond,
        WorkloadProfile workload,
        int pods,
        int maxReplicas,
        int workers,
        int maxWorkers,
        double target,
        IReadOnlyList<PostgresSku> skus,
        string seasonName)
    {
        var qps = requestsPerSecond * workload.Api.DbQueriesPerRequest + jobsPerSecond * workload.Workers.DbQueriesPerJob;
        var vCores = qps * workload.Database.MeanQueryTimeSeconds / target;
        var connections = pods * workload.Api.DbPoolPerPod + workers * workload.Workers.DbPoolPerWorker;
        var atMax = maxReplicas * workload.Api.DbPoolPerPod + maxWorkers * workload.Workers.DbPoolPerWorker;

        var candidates = skus.Where(s => ProductionTiers.Contains(s.Tier))
            .OrderBy(s => s.VCores).ThenBy(s => s.MemoryGiB).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var sku = candidates.FirstOrDefault(s => s.VCores >= vCores && s.UsableConnections >= atMax);
        if (sku is null)
        {
            throw new CapacityException(NoFitMessage(candidates, vCores, atMax, seasonName));
        }
        return new DatabaseSizing(qps, vCores, connections, atMax, sku, vCores * target / sku.VCores);
    }

    private static string NoFitMessage(List<PostgresSku> candidates, double vCores, int connections, string season)
    {
        const string Key = "freshfoodz:postgresSkus";
        if (candidates.Count == 0)
        {
            return $"{Key} has no GeneralPurpose or MemoryOptimized SKU; the primary database needs HA and replicas";
        }
        var maxCores = candidates.Max(s => s.VCores);
        var maxConnections = candidates.Max(s => s.UsableConnections);
        var failed = new List<string>();
        if (maxCores < vCores)
        {
            failed.Add(string.Create(CultureInfo.InvariantCulture, $"vCores: needs {vCores:0.##}, the largest SKU has {maxCores}"));
        }
        if (maxConnections < connections)
        {
            failed.Add($"connections: needs {connections}, the largest usable max_connections is {maxConnections}");
        }
        if (failed.Count == 0)
        {
            failed.Add(string.Create(CultureInfo.InvariantCulture, $"no single SKU has both {vCores:0.##} vCores and {connections} usable connections"));
        }
        return $"{Key}: no SKU fits the {season} load ({string.Join("; ", failed)}); add a larger SKU to the table";
    }
}
