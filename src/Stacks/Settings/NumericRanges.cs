using System.Globalization;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// The allowed range of a numeric key. <see cref="Key"/> is its path; <c>*</c> stands for a name the stack chooses
/// (a VM size, a SKU, a module, a deployment, a season, a route class).
/// </summary>
public sealed record NumericRange(string Key, double Min, double Max, string Unit, bool Whole = false, bool MinExclusive = false)
{
    /// <summary>What is allowed, as errors and docs/configuration.md state it.</summary>
    public string Text => Whole
        ? $"a whole number from {F(Min)} to {F(Max)}"
        : MinExclusive ? $"a number > {F(Min)} and ≤ {F(Max)} ({Unit})" : $"a number from {F(Min)} to {F(Max)} ({Unit})";

    public bool Accepts(double value) => (MinExclusive ? value > Min : value >= Min) && value <= Max;

    /// <summary>
    /// A number as every file the tool reads writes it, whatever the culture: digits, one '.', an optional exponent
    /// (<c>0.5</c>, <c>5e-1</c>). <c>0,24</c> (a decimal comma, or a thousands separator) is no number; nor are
    /// <c>.nan</c>, <c>.inf</c> or an overflow to infinity.
    /// </summary>
    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Whether <paramref name="path"/> is this key; a name in place of <c>*</c> may itself hold dots.</summary>
    public bool Matches(string path)
    {
        var star = Key.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return path == Key;
        }
        var prefix = Key[..star];
        var suffix = Key[(star + 1)..];
        return path.Length >= prefix.Length + suffix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(suffix, StringComparison.Ordinal);
    }

    private static string F(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}

/// <summary>
/// Every numeric key a stack reads, with its allowed range, checked at load with the key named. The ranges are wide
/// enough for any real stack and narrow enough that sizing and cost arithmetic cannot overflow: a rate of 1e12, a
/// utilization of 1e-300 or a price near decimal's maximum is refused, not computed. docs/configuration.md lists them
/// (a test keeps both in step).
/// </summary>
public static class NumericRanges
{
    private const string Api = "freshfoodz:workload.api";
    private const string Workers = "freshfoodz:workload.workers";

    public static IReadOnlyList<NumericRange> All { get; } =
    [
        // AKS lead time: the playbooks plan T-30 at most; 60 days covers two months of pre-provisioning.
        new("freshfoodz:leadTimeDays", 0, 60, "days", Whole: true),
        // HPA maxReplicas = ceil(pods × this): 10× the season's forecast is no headroom any more, it is another forecast.
        new("freshfoodz:burstHeadroom", 1, 10, "factor"),
        // 100,000 requests/s is 20× Weihnachten's 5× peak of a 1,000 req/s territory; beyond it one cluster is the wrong design.
        new($"{Api}.baselineRequestsPerSecond", 0.001, 100_000, "requests per second"),
        new($"{Api}.meanServiceTimeSeconds", 0.0001, 60, "seconds"),
        new($"{Api}.p95ServiceTimeSeconds", 0.0001, 600, "seconds"),
        new($"{Api}.sloP95Seconds.*", 0.001, 600, "seconds"),
        new($"{Api}.concurrencyPerPod", 1, 1000, "requests", Whole: true),
        // A pod's requests must fit the largest VM (64 vCPUs, 512 GiB).
        new($"{Api}.cpuRequestMillicores", 1, 64_000, "millicores", Whole: true),
        new($"{Api}.memoryRequestMiB", 1, 512 * 1024, "MiB", Whole: true),
        new($"{Api}.dbQueriesPerRequest", 0, 1000, "queries"),
        new($"{Api}.dbPoolSizePerPod", 1, 1000, "connections", Whole: true),
        new($"{Workers}.baselineJobsPerSecond", 0.001, 100_000, "jobs per second"),
        new($"{Workers}.meanJobTimeSeconds", 0.001, 3600, "seconds"),
        new($"{Workers}.concurrencyPerWorker", 1, 1000, "jobs", Whole: true),
        new($"{Workers}.cpuRequestMillicores", 1, 64_000, "millicores", Whole: true),
        new($"{Workers}.memoryRequestMiB", 1, 512 * 1024, "MiB", Whole: true),
        new($"{Workers}.dbQueriesPerJob", 0, 1000, "queries"),
        new($"{Workers}.dbPoolSizePerWorker", 1, 1000, "connections", Whole: true),
        new("freshfoodz:workload.database.meanQueryTimeSeconds", 0.00001, 60, "seconds"),
        // AKS allows 10–250 pods per node (Microsoft docs, "Configure maximum pods per node").
        new("freshfoodz:nodePools.maxPodsPerNode", 10, 250, "pods", Whole: true),
        new("freshfoodz:nodePools.daemonSetOverhead.cpuMillicores", 0, 64_000, "millicores", Whole: true),
        new("freshfoodz:nodePools.daemonSetOverhead.memoryMiB", 0, 512 * 1024, "MiB", Whole: true),
        // AKS system pools need at least one node; three spreads them over the zones.
        new("freshfoodz:nodePools.systemNodeCount", 1, 100, "nodes", Whole: true),
        new("freshfoodz:vmSizes.*.vCpus", 1, 64, "vCPUs", Whole: true),
        new("freshfoodz:vmSizes.*.memoryGiB", 0.5, 4096, "GiB"),
        new("freshfoodz:postgresSkus.*.vCores", 1, 128, "vCores", Whole: true),
        new("freshfoodz:postgresSkus.*.memoryGiB", 1, 4096, "GiB", Whole: true),
        // Below 5 % a tier is sized 20× its load; above 95 % queues grow without bound at the smallest burst.
        new("freshfoodz:utilization.*.app", 0.05, 0.95, "target utilization"),
        new("freshfoodz:utilization.*.workers", 0.05, 0.95, "target utilization"),
        new("freshfoodz:utilization.*.database", 0.05, 0.95, "target utilization"),
        // PostgreSQL flexible server storage (GiB); the reader also requires one of the offered sizes.
        new("freshfoodz:databases.*.storageSizeGB", 32, 32767, "GiB", Whole: true),
        new("freshfoodz:modules.*.share", 0, 1, "fraction of the role's pods", MinExclusive: true),
        new("freshfoodz:aiBudget.monthlyAmount", 0.01, 1_000_000, "territory currency per month"),
        // DailyLoadCurve: relative to the busiest hour; below 1 % an hour would count as empty.
        new("freshfoodz:dailyLoad[*]", 0.01, 1, "fraction of the busiest hour's rate"),
    ];

    /// <summary>The range of the key at <paramref name="path"/>; a key without one is a bug (every number has a range).</summary>
    public static NumericRange For(string path) =>
        All.FirstOrDefault(r => r.Matches(path)) ?? throw new InvalidOperationException($"no range for {path}: add one to NumericRanges.All");
}
