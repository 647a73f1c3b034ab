using System.Globalization;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>What a planned resource bills: <see cref="Quantity"/> of <see cref="Meter"/> (per hour, or GB per month).</summary>
public sealed record CostDemand(string Resource, string Group, MeterQuery Meter, decimal Quantity);

/// <summary>A priced demand: its hourly cost in the sheet's currency.</summary>
public sealed record CostLine(CostDemand Demand, MeterPrice Price)
{
    /// <summary>Per hour: quantity × price, or GB × price per GB-month / 730 h (Azure's month).</summary>
    public decimal Hourly => Price.Unit == Meters.PerGbMonth
        ? Demand.Quantity * Price.Price / PlanCost.HoursPerMonth
        : Demand.Quantity * Price.Price;
}

/// <summary>A planned resource (or part of one) the cost does not include, and why.</summary>
public sealed record Unpriced(string Resource, string Type, string Reason);

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
/// - Storage accounts bill data stored per GB-month; the plan does not know the volume, so they are listed unpriced
///   with their meter's rate.
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
        "azure-native:consumption:Budget",
        "azure-native:dbforpostgresql:Configuration",
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
        "azure-native:network:VirtualNetwork",
        "azure-native:network:Subnet",
        "azure-native:network:NetworkSecurityGroup",
        "azure-native:network:PrivateDnsZoneGroup",
        "azure-native:keyvault:Secret",
        "azure-native:monitor:DiagnosticSetting",
    };

    /// <summary>Prices a plan with the sheet; <paramref name="skus"/> gives a PostgreSQL SKU's tier and vCores.</summary>
    public static PlanCost Price(StackPlan plan, string primaryRegion, IReadOnlyList<PostgresSku> skus, PriceSheet sheet)
    {
        var (demands, unpriced) = Demands(plan, primaryRegion, skus);
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
                    $"no price for meter {d.Meter.Key} ({d.Meter.Description}) in {PriceSheet.RelativePath(sheet.Stack)}"));
            }
        }
        return new PlanCost(sheet.Currency, lines, [.. missing, .. unpriced]);
    }

    /// <summary>The meters a plan bills, and the resources no rule prices.</summary>
    public static (IReadOnlyList<CostDemand> Demands, IReadOnlyList<Unpriced> Unpriced) Demands(
        StackPlan plan, string primaryRegion, IReadOnlyList<PostgresSku> skus)
    {
        var demands = new List<CostDemand>();
        var unpriced = new List<Unpriced>();
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
                    break;
                case "azure-native:dbforpostgresql:Server":
                    var skuName = Text(r.Inputs.At("sku.name"));
                    var sku = skus.FirstOrDefault(s => s.Name == skuName);
                    if (sku is null)
                    {
                        unpriced.Add(new Unpriced(r.Name, r.Type, $"PostgreSQL SKU '{skuName}' is not in freshfoodz:postgresSkus"));
                        break;
                    }
                    var replica = Text(r.Inputs["createMode"]) == "Replica";
                    var role = replica ? "PostgreSQL replicas (DR)" : "PostgreSQL primaries";
                    var gb = Number(r.Inputs.At("storage.storageSizeGB"));
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
                    var meter = Meters.BlobStorage(region, Text(r.Inputs.At("sku.name")) ?? "?", Text(r.Inputs["accessTier"]) ?? "Hot");
                    unpriced.Add(new Unpriced(r.Name, r.Type,
                        $"billed per GB stored ({meter.Description}, meter {meter.Key}); the plan does not know the volume"));
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

    private static string? Text(PlanValue? value) => value is PlanString s ? s.Value : null;

    private static decimal? Number(PlanValue? value) => value switch
    {
        PlanInt i => i.Value,
        PlanDouble d => (decimal)d.Value,
        PlanString s when decimal.TryParse(s.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
