using System.Globalization;
using System.Text.RegularExpressions;
using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Residency;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Turns a stack's raw config into validated <see cref="StackSettings"/>, reporting every problem at once
/// (with key path and what is allowed) before anything is sized or planned.
/// </summary>
public static partial class StackSettingsReader
{
    /// <summary>ln 20: the p95 of an exponential distribution is its mean × ln 20 ≈ 3.0.</summary>
    private static readonly double ExponentialP95Factor = Math.Log(20);

    public static StackSettings Read(StackConfig config)
    {
        var c = new ConfigCursor(config);
        c.RejectUnknownKeys(ConfigKeys.All);

        var territory = ReadTerritory(c);
        var region = ReadRegion(c, territory);
        var season = ReadSeason(c);
        var leadTime = ReadInteger(c, ConfigKeys.LeadTimeDays);
        var burst = ReadNumber(c, ConfigKeys.BurstHeadroom);
        var workload = ReadWorkload(c);
        var vmSizes = ReadVmSizes(c);
        var pools = ReadNodePools(c, vmSizes);
        var skus = ReadPostgresSkus(c);
        var targets = ReadUtilizationOverrides(c);
        var dailyLoad = DailyLoadSettingsReader.Read(c, config.Source);
        var declaredSkus = config.Values.GetValueOrDefault(ConfigKeys.PostgresSkus.Key) is ConfigMap table ? table.Entries.Select(e => e.Key).ToList() : [];
        var plan = PlanSettingsReader.Read(c, skus, declaredSkus);

        if (c.Errors.Count > 0)
        {
            throw new StackSettingsException(c.Errors);
        }

        var capacity = new CapacityInputs(
            workload!, pools!, vmSizes!, skus!,
            SeasonCatalog.Default.WithTargets(targets!),
            region!.AvailabilityZones, burst!.Value, leadTime!.Value)
        {
            DailyLoad = dailyLoad!,
            Deployments = [.. plan!.Modules.SelectMany(m => m.Deployments.Select(d => new DeploymentShare(m.Name, d.Name, d.Role, d.Share)))],
        };
        return new StackSettings(config.StackName, territory!, region, season!.Value, capacity, plan);
    }

    private static Territory? ReadTerritory(ConfigCursor c)
    {
        var key = ConfigKeys.Territory;
        var node = c.Key(key);
        var text = c.Text(node, key.Key);
        if (text is null)
        {
            return null;
        }
        var territory = Territory.Find(text);
        if (territory is null)
        {
            c.Error(node, key.Key, $"unknown territory {ValueText.Quote(text)}; allowed: {Territory.Allowed}");
        }
        return territory;
    }

    private static AzureRegion? ReadRegion(ConfigCursor c, Territory? territory)
    {
        var key = ConfigKeys.Location;
        var node = c.Key(key);
        var text = c.Text(node, key.Key);
        if (text is null || territory is null)
        {
            return null;
        }
        var region = AzureRegion.Find(text);
        if (region is null || !territory.Owns(region))
        {
            c.Error(node, key.Key,
                $"region {ValueText.Quote(text)} is outside territory {territory.Code} ({territory.Country}); allowed: {string.Join(", ", territory.Regions)}");
            return null;
        }
        if (region.AvailabilityZones == 0)
        {
            c.Error(node, key.Key,
                $"{region} has no availability zones and is {territory.Code}'s DR region; the primary region must be {territory.Primary}");
            return null;
        }
        return region;
    }

    private static SeasonSelection? ReadSeason(ConfigCursor c)
    {
        var key = ConfigKeys.Season;
        var node = c.Key(key);
        var text = c.Text(node, key.Key);
        if (text is null)
        {
            return null;
        }
        if (text == SeasonNames.Auto)
        {
            return SeasonSelection.Auto;
        }
        if (SeasonNames.TryParse(text, out var season))
        {
            return new SeasonSelection(season);
        }
        c.Error(node, key.Key, $"unknown season {ValueText.Quote(text)}{Suggestions.DidYouMean(text, SeasonNames.Allowed.Split('|'))}; allowed: {SeasonNames.Allowed}");
        return null;
    }

    private static int? ReadInteger(ConfigCursor c, ConfigKeySpec key)
    {
        var node = c.Key(key);
        return node is null ? null : c.Integer(node, key.Key);
    }

    private static double? ReadNumber(ConfigCursor c, ConfigKeySpec key)
    {
        var node = c.Key(key);
        return node is null ? null : c.Number(node, key.Key);
    }

    private static WorkloadProfile? ReadWorkload(ConfigCursor c)
    {
        var root = ConfigKeys.Workload.Key;
        var map = c.Map(c.Key(ConfigKeys.Workload), root, ["api", "workers", "database"]);
        var api = ReadApi(c, c.Map(c.Child(map, root, "api", "a mapping"), $"{root}.api", ApiKeys), $"{root}.api");
        var workers = ReadWorkers(c, c.Map(c.Child(map, root, "workers", "a mapping"), $"{root}.workers", WorkerKeys), $"{root}.workers");
        var dbPath = $"{root}.database";
        var db = c.Map(c.Child(map, root, "database", "a mapping"), dbPath, ["meanQueryTimeSeconds"]);
        var query = c.Number(db, dbPath, "meanQueryTimeSeconds");
        return api is null || workers is null || query is null ? null : new WorkloadProfile(api, workers, new DatabaseWorkload(query.Value));
    }

    private static readonly string[] ApiKeys =
    [
        "baselineRequestsPerSecond", "meanServiceTimeSeconds", "p95ServiceTimeSeconds", "serviceTimeDistribution", "concurrencyPerPod", "sloP95Seconds",
        "cpuRequestMillicores", "memoryRequestMiB", "dbQueriesPerRequest", "dbPoolSizePerPod",
    ];

    private static readonly string[] WorkerKeys =
    [
        "baselineJobsPerSecond", "meanJobTimeSeconds", "concurrencyPerWorker", "cpuRequestMillicores", "memoryRequestMiB",
        "dbQueriesPerJob", "dbPoolSizePerWorker",
    ];

    private static ApiWorkload? ReadApi(ConfigCursor c, ConfigMap? m, string path)
    {
        var rate = c.Number(m, path, "baselineRequestsPerSecond");
        var mean = c.Number(m, path, "meanServiceTimeSeconds");
        var p95 = c.Number(m, path, "p95ServiceTimeSeconds");
        var distribution = ReadDistribution(c, m, path, mean, p95);
        var concurrency = c.Integer(m, path, "concurrencyPerPod");
        var slo = ReadSlos(c, m, path, mean, distribution == ServiceTimeDistribution.Lognormal && p95 > mean ? p95 : null);
        var resources = ReadResources(c, m, path);
        var queries = c.Number(m, path, "dbQueriesPerRequest");
        var pool = c.Integer(m, path, "dbPoolSizePerPod");
        if (mean is { } s && p95 is { } q && q <= s)
        {
            c.Error(m?["p95ServiceTimeSeconds"], $"{path}.p95ServiceTimeSeconds",
                $"must be greater than meanServiceTimeSeconds ({Format(s)}), got {Format(q)}");
            p95 = null;
        }
        return rate is null || mean is null || p95 is null || distribution is null || concurrency is null || slo is null || resources is null || queries is null || pool is null
            ? null
            : new ApiWorkload(rate.Value, mean.Value, p95.Value, concurrency.Value, slo, resources, queries.Value, pool.Value)
            {
                ServiceTimeDistribution = distribution.Value,
            };
    }

    private static readonly string[] Distributions = [.. Enum.GetNames<ServiceTimeDistribution>().Select(n => n.ToLowerInvariant())];

    /// <summary>
    /// Optional; exponential (M/M/N, today's numbers) unless the stack says lognormal, which needs a lognormal with
    /// the declared mean and p95: p95 / mean below e^(z²/2) ≈ 3.87 (<see cref="LognormalFit"/>).
    /// </summary>
    private static ServiceTimeDistribution? ReadDistribution(ConfigCursor c, ConfigMap? m, string path, double? mean, double? p95)
    {
        if (m?["serviceTimeDistribution"] is not { } node)
        {
            return ServiceTimeDistribution.Exponential;
        }
        var key = $"{path}.serviceTimeDistribution";
        var text = c.Text(node, key);
        if (text is null)
        {
            return null;
        }
        var index = Array.IndexOf(Distributions, text);
        if (index < 0)
        {
            c.Error(node, key, $"unknown service time distribution {ValueText.Quote(text)}{Suggestions.DidYouMean(text, Distributions)}; allowed: {string.Join("|", Distributions)}");
            return null;
        }
        var distribution = Enum.GetValues<ServiceTimeDistribution>()[index];
        if (distribution == ServiceTimeDistribution.Lognormal && mean is { } s && p95 is { } q && q > s && !LognormalFit.Exists(s, q))
        {
            c.Error(node, key,
                $"no lognormal has mean {Format(s)} s and p95 {Format(q)} s: p95 / mean must be below e^(1.645²/2) = {Format(LognormalFit.MaxP95OverMean)}, got {Format(q / s)}");
            return null;
        }
        return distribution;
    }

    // lognormalP95: the declared p95 service time if the service time is lognormal, else null.
    private static RouteSlos? ReadSlos(ConfigCursor c, ConfigMap? api, string apiPath, double? meanServiceTime, double? lognormalP95)
    {
        var path = $"{apiPath}.sloP95Seconds";
        var m = c.Map(c.Child(api, apiPath, "sloP95Seconds", "a mapping of sample, eventCatering, order"), path, ["sample", "eventCatering", "order"]);
        double? Slo(string route)
        {
            var value = c.Number(m, path, route);
            // T = W + S ≥ S: a lognormal service time's own p95 is the floor.
            if (value is { } l && lognormalP95 is { } floor)
            {
                if (l <= floor)
                {
                    c.Error(m?[route], $"{path}.{route}",
                        $"{Format(l)} s cannot be met: it must exceed the p95 of the service time alone, p95ServiceTimeSeconds = {Format(floor)} s (lognormal)");
                    return null;
                }
                return value;
            }
            // No pod count beats the service time itself: M/M/N's p95 falls towards the service p95 (mean × ln 20).
            if (value is { } v && meanServiceTime is { } s && v <= s * ExponentialP95Factor)
            {
                c.Error(m?[route], $"{path}.{route}",
                    $"{Format(v)} s cannot be met: it must exceed the p95 of the service time alone, mean {Format(s)} s × ln 20 = {Format(s * ExponentialP95Factor)} s");
                return null;
            }
            return value;
        }
        var sample = Slo("sample");
        var catering = Slo("eventCatering");
        var order = Slo("order");
        return sample is null || catering is null || order is null ? null : new RouteSlos(sample.Value, catering.Value, order.Value);
    }

    private static PodResources? ReadResources(ConfigCursor c, ConfigMap? m, string path)
    {
        var cpu = c.Integer(m, path, "cpuRequestMillicores");
        var memory = c.Integer(m, path, "memoryRequestMiB");
        return cpu is null || memory is null ? null : new PodResources(cpu.Value, memory.Value);
    }

    private static WorkerWorkload? ReadWorkers(ConfigCursor c, ConfigMap? m, string path)
    {
        var rate = c.Number(m, path, "baselineJobsPerSecond");
        var time = c.Number(m, path, "meanJobTimeSeconds");
        var concurrency = c.Integer(m, path, "concurrencyPerWorker");
        var resources = ReadResources(c, m, path);
        var queries = c.Number(m, path, "dbQueriesPerJob");
        var pool = c.Integer(m, path, "dbPoolSizePerWorker");
        return rate is null || time is null || concurrency is null || resources is null || queries is null || pool is null
            ? null
            : new WorkerWorkload(rate.Value, time.Value, concurrency.Value, resources, queries.Value, pool.Value);
    }

    private static Dictionary<string, VmSize>? ReadVmSizes(ConfigCursor c)
    {
        var root = ConfigKeys.VmSizes.Key;
        var map = c.Map(c.Key(ConfigKeys.VmSizes), root);
        if (map is null)
        {
            return null;
        }
        if (map.Entries.Count == 0)
        {
            c.Error(map, root, "must list at least one VM size");
        }
        var sizes = new Dictionary<string, VmSize>(StringComparer.Ordinal);
        foreach (var (name, node) in map.Entries)
        {
            var path = $"{root}.{name}";
            CheckSizeName(c, node, path, name, "VM size");
            var entry = c.Map(node, path, ["vCpus", "memoryGiB"]);
            var cpus = c.Integer(entry, path, "vCpus");
            var memory = c.Number(entry, path, "memoryGiB");
            if (cpus is not null && memory is not null)
            {
                sizes[name] = new VmSize(name, cpus.Value, memory.Value);
            }
        }
        return sizes;
    }

    private static NodePoolSettings? ReadNodePools(ConfigCursor c, Dictionary<string, VmSize>? vmSizes)
    {
        var root = ConfigKeys.NodePools.Key;
        var m = c.Map(c.Key(ConfigKeys.NodePools), root, ["appVmSize", "maxPodsPerNode", "daemonSetOverhead", "systemVmSize", "systemNodeCount"]);
        string? VmSizeName(string key)
        {
            var name = c.Word(m, root, key, "a VM size from freshfoodz:vmSizes");
            if (name is not null && vmSizes is not null && !vmSizes.ContainsKey(name))
            {
                c.Error(m?[key], $"{root}.{key}", $"{ValueText.Quote(name)} is not in freshfoodz:vmSizes{Suggestions.DidYouMean(name, vmSizes.Keys)}; known: {string.Join(", ", vmSizes.Keys)}");
                return null;
            }
            return name;
        }
        var app = VmSizeName("appVmSize");
        // AKS allows 10–250 pods per node (Microsoft docs, "Configure maximum pods per node").
        var maxPods = c.Integer(m, root, "maxPodsPerNode");
        var overheadPath = $"{root}.daemonSetOverhead";
        var overhead = c.Map(c.Child(m, root, "daemonSetOverhead", "a mapping of cpuMillicores, memoryMiB"), overheadPath, ["cpuMillicores", "memoryMiB"]);
        var cpu = c.Integer(overhead, overheadPath, "cpuMillicores");
        var memory = c.Integer(overhead, overheadPath, "memoryMiB");
        var system = VmSizeName("systemVmSize");
        // AKS system pools need at least one node; three spreads them over the zones.
        var systemCount = c.Integer(m, root, "systemNodeCount");
        return app is null || maxPods is null || cpu is null || memory is null || system is null || systemCount is null
            ? null
            : new NodePoolSettings(app, maxPods.Value, new PodResources(cpu.Value, memory.Value), system, systemCount.Value);
    }

    private static List<PostgresSku>? ReadPostgresSkus(ConfigCursor c)
    {
        var root = ConfigKeys.PostgresSkus.Key;
        var map = c.Map(c.Key(ConfigKeys.PostgresSkus), root);
        if (map is null)
        {
            return null;
        }
        var tiers = Enum.GetNames<PostgresTier>();
        var skus = new List<PostgresSku>();
        foreach (var (name, node) in map.Entries)
        {
            var path = $"{root}.{name}";
            CheckSizeName(c, node, path, name, "PostgreSQL SKU");
            var entry = c.Map(node, path, ["tier", "vCores", "memoryGiB"]);
            var tierText = c.Word(entry, path, "tier", string.Join("|", tiers));
            PostgresTier? tier = null;
            if (tierText is not null)
            {
                if (Enum.TryParse<PostgresTier>(tierText, ignoreCase: false, out var parsed) && tiers.Contains(tierText))
                {
                    tier = parsed;
                }
                else
                {
                    c.Error(entry?["tier"], $"{path}.tier", $"unknown tier {ValueText.Quote(tierText)}{Suggestions.DidYouMean(tierText, tiers)}; allowed: {string.Join("|", tiers)}");
                }
            }
            var cores = c.Integer(entry, path, "vCores");
            var memory = c.Integer(entry, path, "memoryGiB");
            if (tier is not null && cores is not null && memory is not null)
            {
                skus.Add(new PostgresSku(name, tier.Value, cores.Value, memory.Value));
            }
        }
        if (map.Entries.Count > 0 && skus.Count == map.Entries.Count && !skus.Any(s => DatabaseSizer.ProductionTiers.Contains(s.Tier)))
        {
            c.Error(map, root, "needs at least one GeneralPurpose or MemoryOptimized SKU (Burstable has no HA or read replicas)");
        }
        return skus;
    }

    private static Dictionary<Season, TargetUtilization>? ReadUtilizationOverrides(ConfigCursor c)
    {
        var root = ConfigKeys.Utilization.Key;
        var seasons = SeasonNames.All.Select(s => s.ConfigName()).ToList();
        var map = c.Map(c.Key(ConfigKeys.Utilization), root, seasons);
        if (map is null)
        {
            return null;
        }
        var overrides = new Dictionary<Season, TargetUtilization>();
        foreach (var (name, node) in map.Entries)
        {
            if (!SeasonNames.TryParse(name, out var season))
            {
                continue; // already reported as an unknown key
            }
            var path = $"{root}.{name}";
            var entry = c.Map(node, path, ["app", "workers", "database"]);
            var defaults = SeasonCatalog.Default[season].Targets;
            double? Optional(string tier, double fallback) =>
                entry?[tier] is { } n ? c.Number(n, $"{path}.{tier}") : fallback;
            var app = Optional("app", defaults.App);
            var workers = Optional("workers", defaults.Workers);
            var database = Optional("database", defaults.Database);
            if (app is not null && workers is not null && database is not null)
            {
                overrides[season] = new TargetUtilization(app.Value, workers.Value, database.Value);
            }
        }
        return overrides;
    }

    /// <summary>Azure's size and SKU names (Standard_D4ds_v5): letters, digits, '_' and '-'; they reach the plan as they are.</summary>
    private static void CheckSizeName(ConfigCursor c, ConfigNode node, string path, string name, string what)
    {
        if (!SizeNamePattern().IsMatch(name))
        {
            c.Error(node, path, $"{ValueText.Quote(name)} is not a {what} name: letters, digits, '_' and '-' (at most 64), like Standard_D4ds_v5");
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z")]
    private static partial Regex SizeNamePattern();

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
