using System.Globalization;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>What a planned resource bills: <see cref="Quantity"/> of <see cref="Meter"/> (per hour, or GB per month).</summary>
public sealed record CostDemand(string Resource, string Group, MeterQuery Meter, decimal Quantity);

/// <summary>A priced demand: its hourly cost in the sheet's currency.</summary>
public sealed record CostLine(CostDemand Demand, MeterPrice Price)
{
    /// <summary>
    /// Per hour: quantity × price for hourly meters; every other unit bills per month (GB kept, zones, GB or
    /// operations a month), so quantity × price / 730 h (Azure's month).
    /// </summary>
    public decimal Hourly => Price.Unit == Meters.PerHour
        ? Demand.Quantity * Price.Price
        : Demand.Quantity * Price.Price / PlanCost.HoursPerMonth;
}

/// <summary>Why a part has no cost: what would price it.</summary>
public enum UnpricedKind
{
    /// <summary>No rule, or a plan that lacks what the rule reads: the reason says which.</summary>
    Other,

    /// <summary>Its meter has no price in the sheet: a price refresh fetches it.</summary>
    NoPrice,

    /// <summary>Billed by a volume with no estimate in the usage file: the reason names the key.</summary>
    NoVolume,
}

/// <summary>A planned resource (or part of one) the cost does not include, and why.</summary>
public sealed record Unpriced(string Resource, string Type, string Reason)
{
    /// <summary>The meter it would bill, when one is known (so a price refresh still fetches it).</summary>
    public MeterQuery? Meter { get; init; }

    public UnpricedKind Kind { get; init; }

    /// <summary>For <see cref="UnpricedKind.NoVolume"/>: the usage file's key, volumes.&lt;resource&gt;.&lt;quantity&gt;.</summary>
    public string? UsageKey { get; init; }
}

/// <summary>
/// The cost of one plan: every planned resource priced from the stack's price sheet, by one model. Resources with no
/// price are listed in <see cref="Unpriced"/>, never counted as zero.
/// </summary>
public sealed record PlanCost(string Currency, IReadOnlyList<CostLine> Lines, IReadOnlyList<Unpriced> Unpriced)
{
    /// <summary>Azure bills and quotes "per month" as 730 hours (8,760 h / 12).</summary>
    public const decimal HoursPerMonth = 730m;

    public decimal Hourly => Lines.Sum(l => l.Hourly);

    public decimal Monthly => Hourly * HoursPerMonth;

    /// <summary>Monthly cost per group (app nodes, PostgreSQL HA standby, …), in first-seen order.</summary>
    public IReadOnlyList<(string Group, decimal Monthly)> ByGroup =>
        [.. Lines.GroupBy(l => l.Demand.Group).Select(g => (g.Key, g.Sum(l => l.Hourly) * HoursPerMonth))];
}

/// <summary>
/// Walks a plan's resources and says what each bills. Rules (Azure pricing pages as of 2026):
/// - AKS node pools bill their VMs: the app pool at its autoscaler minimum (the daily schedule's off-hours count; StackCost adds the window's nodes; bursts
///   above it are not priced here), the cluster's system pool at its count. The control plane bills per cluster-hour
///   on the Standard tier, nothing on Free.
/// - PostgreSQL flexible server bills compute per hour and provisioned storage per GB-month. High availability adds a
///   standby billed like the primary, compute and storage ("High availability in Azure Database for PostgreSQL
///   flexible server", Pricing). A read replica in the DR region is a server of its own, at that region's prices.
/// - Network (Azure pricing pages "Virtual Network", "Load Balancer", "Azure Private Link", "Azure DNS", "IP Addresses"):
///   a cluster with outbound type loadBalancer bills the Standard Load Balancer AKS creates for it (its rules per hour,
///   the first five at one rate, plus per GB processed); a Standard static public IP per hour; a private endpoint per hour
///   plus per GB in and out; a private DNS zone per month; peering per GB sent, once out and once in (global peering
///   at the regions' bandwidth zone rate, in one region at the intra-region rate).
/// - Logs (Azure Monitor pricing, Log Analytics): a PerGB2018 workspace bills per GB ingested, retention included for
///   31 days, each further day per GB-month. Key Vault Standard bills per 10,000 operations, no fixed fee.
/// - Volumes (GB stored, ingested, processed; operations) are not in the plan: they come from the stack's usage file
///   (<see cref="UsageEstimates"/>); without an estimate the part is listed unpriced with its meter.
/// - Resources with no charge of their own are named in <see cref="NoCharge"/>; any other type is listed unpriced.
/// </summary>
public static class PlanCostModel
{
    /// <summary>The cost group of the app node pool, the part of a plan the daily schedule changes.</summary>
    public const string AppNodesGroup = "app nodes";

    /// <summary>Types that bill nothing themselves (containers, settings, Kubernetes objects on priced nodes, passwords).</summary>
    public static readonly IReadOnlySet<string> NoCharge = new HashSet<string>(StringComparer.Ordinal)
    {
        "azure-native:resources:ResourceGroup",
        "azure-native:authorization:PolicyAssignment",
        "azure-native:authorization:PolicyDefinition",
        "azure-native:consumption:Budget",
        "azure-native:dbforpostgresql:Configuration",
        "azure-native:dbforpostgresql:Administrator",
        "azure-native:dbforpostgresql:Database",
        "azure-native:dbforpostgresql:VirtualEndpoint",
        "azure-native:storage:BlobContainer",
        "azure-native:storage:BlobServiceProperties",
        // Identity and access, and the network's structure, bill nothing themselves (Azure pricing pages: Virtual
        // Network "no charge for virtual networks, subnets and NSGs"; managed identities and role assignments free);
        // secrets bill per operation on their vault, diagnostic settings per GB ingested into their workspace.
        "azure-native:managedidentity:UserAssignedIdentity",
        "azure-native:managedidentity:FederatedIdentityCredential",
        "azure-native:authorization:RoleAssignment",
        "azure-native:authorization:ManagementLockByScope", // locks are free (Azure Resource Manager)
        "azure-native:network:VirtualNetwork",
        "azure-native:network:Subnet",
        "azure-native:network:NetworkSecurityGroup",
        "azure-native:network:PrivateDnsZoneGroup",
        "azure-native:privatedns:VirtualNetworkLink", // Azure DNS pricing bills zones and queries, not links
        "azure-native:keyvault:Secret",
        "azure-native:monitor:DiagnosticSetting",
    };

    /// <summary>The volumes each resource type is billed by (the quantity names a usage file may give it).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> VolumeQuantities = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["azure-native:storage:StorageAccount"] = [UsageEstimates.StoredGb],
        ["azure-native:containerservice:ManagedCluster"] = [UsageEstimates.ProcessedGbPerMonth],
        ["azure-native:network:PrivateEndpoint"] = [UsageEstimates.IngressGbPerMonth, UsageEstimates.EgressGbPerMonth],
        ["azure-native:operationalinsights:Workspace"] = [UsageEstimates.IngestionGbPerDay],
        ["azure-native:keyvault:Vault"] = [UsageEstimates.OperationsPerMonth],
        ["azure-native:network:VirtualNetworkPeering"] = [UsageEstimates.SentGbPerMonth],
    };

    /// <summary>Refuses a usage file that names a resource no season plans, or a volume its type is not billed by.</summary>
    public static void CheckUsage(UsageEstimates usage, IEnumerable<StackPlan> plans, string stack)
    {
        var types = plans.SelectMany(p => p.Resources).GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        foreach (var (resource, quantities) in usage.Volumes.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var where = $"{UsageEstimates.RelativePath(stack)}: volumes.{resource}";
            if (!types.TryGetValue(resource, out var type))
            {
                throw new PriceSheetException($"{where} names no planned resource; resources billed by volume: {string.Join(", ", types.Where(t => VolumeQuantities.ContainsKey(t.Value)).Select(t => t.Key).Order(StringComparer.Ordinal))}");
            }
            var allowed = VolumeQuantities.GetValueOrDefault(type) ?? [];
            foreach (var q in quantities.Keys.Where(q => !allowed.Contains(q)))
            {
                throw new PriceSheetException($"{where}.{q}: {type} is not billed by {q}; allowed: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))}");
            }
        }
    }

    /// <summary>Prices a plan with the sheet; <paramref name="skus"/> gives a PostgreSQL SKU's tier and vCores.</summary>
    public static PlanCost Price(StackPlan plan, string primaryRegion, IReadOnlyList<PostgresSku> skus, PriceSheet sheet)
    {
        var (demands, unpriced) = Demands(plan, primaryRegion, skus, sheet.Usage);
        var lines = new List<CostLine>();
        var missing = new List<Unpriced>();
        foreach (var d in demands)
        {
            if (sheet.Prices.TryGetValue(d.Meter.Key, out var price) && price.Unit == d.Meter.Unit)
            {
                lines.Add(new CostLine(d, price));
            }
            else
            {
                missing.Add(new Unpriced(d.Resource, d.Group,
                    $"no price for meter {d.Meter.Key} ({d.Meter.Description}) in {PriceSheet.RelativePath(sheet.Stack)}")
                { Meter = d.Meter, Kind = UnpricedKind.NoPrice });
            }
        }
        return new PlanCost(sheet.Currency, lines, [.. missing, .. unpriced]);
    }

    /// <summary>The meters a plan bills, and the resources no rule prices.</summary>
    public static (IReadOnlyList<CostDemand> Demands, IReadOnlyList<Unpriced> Unpriced) Demands(
        StackPlan plan, string primaryRegion, IReadOnlyList<PostgresSku> skus, UsageEstimates? usage = null)
    {
        usage ??= UsageEstimates.None;
        var demands = new List<CostDemand>();
        var unpriced = new List<Unpriced>();
        // A volume-billed part: its estimate × factor (e.g. GB a day → GB a month), or unpriced naming the key to set.
        void Volume(PlannedResource r, string group, MeterQuery meter, string quantity, decimal factor = 1)
        {
            if (usage.Of(r.Name, quantity) is { } v)
            {
                demands.Add(new CostDemand(r.Name, group, meter, v * factor));
            }
            else
            {
                var key = $"volumes.{r.Name}.{quantity}";
                unpriced.Add(new Unpriced(r.Name, r.Type,
                    $"{group}: billed by volume ({meter.Description}); set {key} in {UsageEstimates.RelativePath(plan.Stack)}")
                { Meter = meter, Kind = UnpricedKind.NoVolume, UsageKey = key });
            }
        }
        void Add(string resource, string type, string group, MeterQuery meter, decimal? quantity, string what)
        {
            if (quantity is { } q)
            {
                demands.Add(new CostDemand(resource, group, meter, q));
            }
            else
            {
                unpriced.Add(new Unpriced(resource, type, $"{group}: the plan gives no {what}"));
            }
        }
        foreach (var r in plan.Resources)
        {
            var region = Text(r.Inputs["location"]) ?? primaryRegion;
            switch (r.Type)
            {
                case "azure-native:containerservice:AgentPool":
                    Add(r.Name, r.Type, AppNodesGroup, Meters.Vm(region, Text(r.Inputs["vmSize"]) ?? "?"), Number(r.Inputs["minCount"] ?? r.Inputs["count"]), "node count");
                    break;
                case "azure-native:containerservice:ManagedCluster":
                    foreach (var pool in (r.Inputs["agentPoolProfiles"] as PlanList)?.Items.OfType<PlanMap>() ?? [])
                    {
                        var group = Text(pool["mode"]) == "System" ? "system nodes" : $"node pool {Text(pool["name"])}";
                        Add(r.Name, r.Type, group, Meters.Vm(region, Text(pool["vmSize"]) ?? "?"), Number(pool["minCount"] ?? pool["count"]), "node count");
                    }
                    if (Text(r.Inputs.At("sku.tier")) is { } tier && tier != "Free")
                    {
                        demands.Add(new CostDemand(r.Name, "AKS control plane", Meters.AksTier(region, tier), 1));
                    }
                    if (Text(r.Inputs.At("networkProfile.outboundType")) == "loadBalancer")
                    {
                        // AKS creates the Standard Load Balancer (in its node resource group): not planned, billed all the same.
                        demands.Add(new CostDemand(r.Name, "network: egress load balancer", Meters.LoadBalancerRules(region), 1));
                        Volume(r, "network: egress data processed", Meters.LoadBalancerData(region), UsageEstimates.ProcessedGbPerMonth);
                    }
                    break;
                case "azure-native:dbforpostgresql:Server":
                    // A restored server (a drill's) runs with its source's compute and storage (Microsoft docs, concepts-backup-restore).
                    var mode = Text(r.Inputs["createMode"]);
                    var restored = mode is "PointInTimeRestore" or "GeoRestore";
                    var sizing = restored && r.Inputs["sourceServerResourceId"] is PlanRef source
                        ? plan.Resources.FirstOrDefault(x => x.Name == source.Resource) ?? r
                        : r;
                    var skuName = Text(sizing.Inputs.At("sku.name"));
                    var sku = skus.FirstOrDefault(s => s.Name == skuName);
                    if (sku is null)
                    {
                        unpriced.Add(new Unpriced(r.Name, r.Type, $"PostgreSQL SKU '{skuName}' is not in freshfoodz:postgresSkus"));
                        break;
                    }
                    var role = mode == "Replica" ? "PostgreSQL replicas (DR)" : restored ? "PostgreSQL restore drills" : "PostgreSQL primaries";
                    var gb = Number(sizing.Inputs.At("storage.storageSizeGB"));
                    demands.Add(new CostDemand(r.Name, $"{role}: compute", Meters.PostgresCompute(region, sku), 1));
                    Add(r.Name, r.Type, $"{role}: storage", Meters.PostgresStorage(region), gb, "storage.storageSizeGB");
                    var ha = Text(r.Inputs.At("highAvailability.mode"));
                    if (ha is not null and not "Disabled")
                    {
                        demands.Add(new CostDemand(r.Name, "PostgreSQL HA standbys: compute", Meters.PostgresCompute(region, sku), 1));
                        Add(r.Name, r.Type, "PostgreSQL HA standbys: storage", Meters.PostgresStorage(region), gb, "storage.storageSizeGB");
                    }
                    break;
                case "azure-native:storage:StorageAccount":
                    Volume(r, "storage: data stored", Meters.BlobStorage(region, Text(r.Inputs.At("sku.name")) ?? "?", Text(r.Inputs["accessTier"]) ?? "Hot"),
                        UsageEstimates.StoredGb);
                    break;
                case "azure-native:network:PublicIPAddress" when Text(r.Inputs.At("sku.name")) == "Standard" && Text(r.Inputs["publicIPAllocationMethod"]) == "Static":
                    demands.Add(new CostDemand(r.Name, "network: public IP", Meters.PublicIpStatic(region), 1));
                    break;
                case "azure-native:network:PrivateEndpoint":
                    demands.Add(new CostDemand(r.Name, "network: private endpoints", Meters.PrivateEndpoint(), 1));
                    Volume(r, "network: private endpoint data in", Meters.PrivateEndpointIngress(), UsageEstimates.IngressGbPerMonth);
                    Volume(r, "network: private endpoint data out", Meters.PrivateEndpointEgress(), UsageEstimates.EgressGbPerMonth);
                    break;
                case "azure-native:privatedns:PrivateZone":
                    demands.Add(new CostDemand(r.Name, "network: private DNS zones", Meters.PrivateDnsZone(), 1));
                    break;
                case "azure-native:network:VirtualNetworkPeering":
                    // Out of the local network's region and into the remote's: each GB sent is billed twice.
                    var local = RegionOf(plan, r.Inputs["virtualNetworkName"]);
                    var remote = RegionOf(plan, r.Inputs.At("remoteVirtualNetwork.id"));
                    if (local is null || remote is null)
                    {
                        unpriced.Add(new Unpriced(r.Name, r.Type, "network: peering: the plan names no region for one of its networks"));
                    }
                    else if (local == remote)
                    {
                        Volume(r, "network: peering", Meters.IntraRegionPeering(), UsageEstimates.SentGbPerMonth, 2);
                    }
                    else if (Meters.BandwidthZone(local) is { } zone && Meters.BandwidthZone(remote) == zone)
                    {
                        Volume(r, "network: peering", Meters.GlobalPeering(zone), UsageEstimates.SentGbPerMonth, 2);
                    }
                    else
                    {
                        unpriced.Add(new Unpriced(r.Name, r.Type, $"network: peering {local} -> {remote}: no bandwidth zone known for both regions (Meters.BandwidthZone)"));
                    }
                    break;
                case "azure-native:operationalinsights:Workspace" when Text(r.Inputs.At("sku.name")) == "PerGB2018":
                    // GB a day × 730/24 days a month; kept past 31 days: GB a day × extra days = GB-months held.
                    Volume(r, "logs: ingestion", Meters.LogIngestion(region), UsageEstimates.IngestionGbPerDay, PlanCost.HoursPerMonth / 24m);
                    if (Number(r.Inputs["retentionInDays"]) is { } days && days > IncludedLogRetentionDays)
                    {
                        Volume(r, "logs: retention beyond 31 days", Meters.LogRetention(region), UsageEstimates.IngestionGbPerDay, days - IncludedLogRetentionDays);
                    }
                    break;
                case "azure-native:keyvault:Vault" when Text(r.Inputs.At("properties.sku.name")) == "standard":
                    Volume(r, "secrets: vault operations", Meters.KeyVaultOperations(region), UsageEstimates.OperationsPerMonth, 1 / 10_000m);
                    break;
                default:
                    if (!NoCharge.Contains(r.Type) && r.Package is not ("kubernetes" or "random"))
                    {
                        unpriced.Add(new Unpriced(r.Name, r.Type, "no cost rule for this resource type (src/Stacks/Pricing/PlanCost.cs)"));
                    }
                    break;
            }
        }
        return (demands, unpriced);
    }

    /// <summary>Days of Log Analytics retention included with ingestion (Azure Monitor pricing, Analytics Logs).</summary>
    public const int IncludedLogRetentionDays = 31;

    /// <summary>The location of the resource a reference (or a wrapped one) points at.</summary>
    private static string? RegionOf(StackPlan plan, PlanValue? reference) => reference switch
    {
        PlanRef r => plan.Resources.FirstOrDefault(x => x.Name == r.Resource) is { } target ? Text(target.Inputs["location"]) : null,
        _ => null,
    };

    private static string? Text(PlanValue? value) => value is PlanString s ? s.Value : null;

    private static decimal? Number(PlanValue? value) => value switch
    {
        PlanInt i => i.Value,
        PlanDouble d => (decimal)d.Value,
        PlanString s when decimal.TryParse(s.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}

/// <summary>Unpriced parts said in a few lines, grouped by what would price them (for every report that lists them).</summary>
public static class UnpricedSummary
{
    public static IReadOnlyList<string> Lines(IEnumerable<Unpriced> unpriced, string stack)
    {
        var all = unpriced.ToList();
        var lines = new List<string>();
        var noPrice = all.Where(u => u.Kind == UnpricedKind.NoPrice).GroupBy(u => u.Meter!.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(u => u.Resource).Distinct())})").ToList();
        if (noPrice.Count > 0)
        {
            lines.Add($"no price in {PriceSheet.RelativePath(stack)} (freshfoodz prices refresh --stack {stack}): {string.Join("; ", noPrice)}");
        }
        var noVolume = all.Where(u => u.Kind == UnpricedKind.NoVolume).Select(u => u.UsageKey).Distinct().ToList();
        if (noVolume.Count > 0)
        {
            lines.Add($"no volume estimate in {UsageEstimates.RelativePath(stack)}: {string.Join(", ", noVolume)}");
        }
        lines.AddRange(all.Where(u => u.Kind == UnpricedKind.Other).Select(u => $"{u.Resource} ({u.Type}): {u.Reason}").Distinct());
        return lines;
    }
}
