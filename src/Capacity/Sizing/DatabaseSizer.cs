using System.Globalization;
namespace FreshFoodz.Capacity.Sizing;

/// <summary>
/// The primary database's sizing. <see cref="Connections"/> and <see cref="ConnectionsAtMaxReplicas"/> are the apps'
/// client connections to PgBouncer; <see cref="BusyServerConnections"/> the server connections PgBouncer holds at
/// once (in transaction mode one per running query); <see cref="ServerConnections"/> the most it may open.
/// </summary>
public sealed record DatabaseSizing(
    double QueriesPerSecond,
    double VCoresNeeded,
    int Connections,
    int ConnectionsAtMaxReplicas,
    double BusyServerConnections,
    int ServerConnections,
    PostgresSku Sku,
    double CpuUtilization);

/// <summary>
/// The built-in PgBouncer's limits at Azure's defaults, which the plan does not change (Microsoft docs "PgBouncer in
/// Azure Database for PostgreSQL", connectivity/concepts-pgbouncer.md, 2026-03-04, and its parameter table,
/// 2026-04-06): <c>pgbouncer.max_client_conn</c> 5000 client connections, <c>pgbouncer.default_pool_size</c> 50
/// server connections per user/database pair, <c>pgbouncer.pool_mode</c> transaction.
/// </summary>
public static class PgBouncer
{
    public const int MaxClientConnections = 5000;

    public const int DefaultPoolSize = 50;

    /// <summary>User/database pairs per server: the apps connect as one user to one database (freshfoodz).</summary>
    public const int Pools = 1;

    public const int ServerConnections = DefaultPoolSize * Pools;
}

/// <summary>
/// Sizes the primary PostgreSQL server. The apps connect through the built-in PgBouncer in transaction mode, so the
/// connection check is PgBouncer's, not the server's max_connections:
/// <list type="bullet">
/// <item>vCores needed = (λ·queries per request + λ_jobs·queries per job) × mean query time / target utilization;</item>
/// <item>client connections = pods × pool per pod + workers × pool per worker, at the HPAs' maxReplicas (a scale-out
/// opens a pool per new pod exactly when load peaks) ≤ pgbouncer.max_client_conn;</item>
/// <item>busy server connections (Little's Law: queries/s × mean query time, a transaction-mode server connection being
/// held per running query) ≤ pgbouncer.default_pool_size × target utilization, or queries wait in PgBouncer;</item>
/// <item>PgBouncer's server connections (default_pool_size per user/database pair) ≤ the SKU's usable default
/// max_connections, which Azure computes at creation and which the plan never changes.</item>
/// </list>
/// The SKU is the smallest (fewest vCores, then least memory, then name) with the vCores and room for the pool.
/// </summary>
public static class DatabaseSizer
{
    /// <summary>Tiers that support HA, read replicas and PgBouncer; Burstable supports none (Microsoft docs).</summary>
    public static readonly IReadOnlySet<PostgresTier> ProductionTiers =
        new HashSet<PostgresTier> { PostgresTier.GeneralPurpose, PostgresTier.MemoryOptimized };

    private const string Key = "freshfoodz:postgresSkus";

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
        var busy = qps * workload.Database.MeanQueryTimeSeconds;

        if (atMax > PgBouncer.MaxClientConnections)
        {
            throw new CapacityException(
                $"freshfoodz:workload: the {seasonName} load opens {atMax} client connections at max replicas, more than PgBouncer's pgbouncer.max_client_conn ({PgBouncer.MaxClientConnections}); lower dbPoolSizePerPod or dbPoolSizePerWorker");
        }
        if (busy > PgBouncer.DefaultPoolSize * target)
        {
            throw new CapacityException(string.Create(CultureInfo.InvariantCulture,
                $"freshfoodz:workload: the {seasonName} load keeps {busy.ToString("0.##", CultureInfo.InvariantCulture)} server connections busy (queries/s × meanQueryTimeSeconds), more than PgBouncer's pgbouncer.default_pool_size ({PgBouncer.DefaultPoolSize}) × the database target {target.ToString("0.##", CultureInfo.InvariantCulture)}; queries would wait in PgBouncer"));
        }

        var candidates = skus.Where(s => ProductionTiers.Contains(s.Tier))
            .OrderBy(s => s.VCores).ThenBy(s => s.MemoryGiB).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var sku = candidates.FirstOrDefault(s => s.VCores >= vCores && s.UsableConnections >= PgBouncer.ServerConnections);
        return sku is null
            ? throw new CapacityException(NoFitMessage(candidates, vCores, seasonName))
            : new DatabaseSizing(qps, vCores, connections, atMax, busy, PgBouncer.ServerConnections, sku, vCores * target / sku.VCores);
    }

    private static string NoFitMessage(List<PostgresSku> candidates, double vCores, string season)
    {
        if (candidates.Count == 0)
        {
            return $"{Key} has no GeneralPurpose or MemoryOptimized SKU; the primary database needs HA, replicas and PgBouncer";
        }
        var maxCores = candidates.Max(s => s.VCores);
        var maxConnections = candidates.Max(s => s.UsableConnections);
        var failed = new List<string>();
        if (maxCores < vCores)
        {
            failed.Add(string.Create(CultureInfo.InvariantCulture, $"vCores: needs {vCores.ToString("0.##", CultureInfo.InvariantCulture)}, the largest SKU has {maxCores}"));
        }
        if (maxConnections < PgBouncer.ServerConnections)
        {
            failed.Add($"connections: PgBouncer's pool needs {PgBouncer.ServerConnections} server connections, the largest usable max_connections is {maxConnections}");
        }
        if (failed.Count == 0)
        {
            failed.Add(string.Create(CultureInfo.InvariantCulture,
                $"no single SKU has both {vCores.ToString("0.##", CultureInfo.InvariantCulture)} vCores and {PgBouncer.ServerConnections} usable connections for PgBouncer's pool"));
        }
        return $"{Key}: no SKU fits the {season} load ({string.Join("; ", failed)}); add a larger SKU to the table";
    }
}
