using System.Globalization;
using System.Text.RegularExpressions;
using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>One row of the Azure Retail Prices API (the fields this project reads).</summary>
public sealed record RetailPriceItem(
    string CurrencyCode,
    decimal RetailPrice,
    string ArmRegionName,
    string ServiceName,
    string ProductName,
    string SkuName,
    string ArmSkuName,
    string MeterName,
    string MeterId,
    string UnitOfMeasure,
    string Type,
    decimal TierMinimumUnits,
    DateTimeOffset EffectiveStartDate);

/// <summary>
/// A price the cost model needs, and how to find its meter in the Azure Retail Prices API: the OData filter sent, and
/// which returned rows are this meter. <see cref="Match"/> gives a row's price per <see cref="Unit"/> (a per-vCore
/// row times the SKU's vCores) and a rank (lower is more exact), or null when the row is not this meter.
/// </summary>
public sealed record MeterQuery(string Key, string Region, string Unit, string Description, string Filter, Func<RetailPriceItem, (decimal Price, int Rank)?> Match)
{
    /// <summary>
    /// The price tier to take (the API's tierMinimumUnits): 0, except where the first tier is a free allowance shared
    /// by the whole billing account (Log Analytics' first 5 GB a month), which a stack's cost must not count on.
    /// </summary>
    public decimal TierMinimumUnits { get; init; }

    /// <summary>Where to look when the region has no matching row: the same meter published under another region
    /// (the load balancer's rows appear under "Global" rather than the resource's region). Priced under <see cref="Key"/>.</summary>
    public MeterQuery? Fallback { get; init; }
}

/// <summary>
/// The meters of the resources this project plans. Names are the API's own (Azure Retail Prices overview,
/// learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices): priceType Consumption,
/// region by armRegionName, values case-sensitive. Keys are <c>kind:region:name</c>.
/// </summary>
public static class Meters
{
    public const string PerHour = "1 Hour";
    public const string PerGbMonth = "1 GB/Month";
    public const string PerMonth = "1/Month";
    public const string PerGb = "1 GB";
    public const string Per10K = "10K";

    /// <summary>Every unit a sheet may hold; all but <see cref="PerHour"/> bill per month (CostLine.Hourly).</summary>
    public static IReadOnlyList<string> Units { get; } = [PerHour, PerGbMonth, PerMonth, PerGb, Per10K];

    /// <summary>
    /// The API's region for meters priced once for all regions: Private Link rows carry
    /// armRegionName "Global"; Azure DNS rows an empty one (Azure Retail Prices API responses).
    /// </summary>
    public const string Global = "Global";

    /// <summary>
    /// The unit each kind of meter bills by, the kind being a key's first part (<c>vm</c> of
    /// <c>vm:germanywestcentral:Standard_D4ds_v5</c>). A sheet's price is refused in any other unit (a VM price per
    /// GB-month would be multiplied by the wrong quantity); a key of another kind is no meter the cost model reads.
    /// </summary>
    public static IReadOnlyDictionary<string, string> UnitOfKind { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vm"] = PerHour,
        ["postgres-compute"] = PerHour,
        ["postgres-storage"] = PerGbMonth,
        ["blob-storage"] = PerGbMonth,
        ["aks-tier"] = PerHour,
        ["lb-rules"] = PerHour,
        ["lb-data"] = PerGb,
        ["private-endpoint"] = PerHour,
        ["private-endpoint-ingress"] = PerGb,
        ["private-endpoint-egress"] = PerGb,
        ["private-dns-zone"] = PerMonth,
        ["global-peering"] = PerGb,
        ["intra-region-peering"] = PerGb,
        ["public-ip-static"] = PerHour,
        ["log-ingestion"] = PerGb,
        ["log-retention"] = PerGbMonth,
        ["keyvault-operations"] = Per10K,
    };

    /// <summary>A key's kind: its part before the first ':'.</summary>
    public static string KindOf(string key) => key.Split(':')[0];

    public static string VmKey(string region, string vmSize) => $"vm:{region}:{vmSize}";

    public static string PostgresComputeKey(string region, string sku) => $"postgres-compute:{region}:{sku}";

    public static string PostgresStorageKey(string region) => $"postgres-storage:{region}";

    public static string BlobStorageKey(string region, string sku, string accessTier) => $"blob-storage:{region}:{sku}:{accessTier}";

    public static string AksTierKey(string region, string tier) => $"aks-tier:{region}:{tier}";

    public static string LoadBalancerRulesKey(string region) => $"lb-rules:{region}";

    public static string LoadBalancerDataKey(string region) => $"lb-data:{region}";

    public const string PrivateEndpointKey = "private-endpoint:Global";
    public const string PrivateEndpointIngressKey = "private-endpoint-ingress:Global";
    public const string PrivateEndpointEgressKey = "private-endpoint-egress:Global";
    public const string PrivateDnsZoneKey = "private-dns-zone";

    public static string GlobalPeeringKey(string zone) => $"global-peering:{zone}";

    public const string IntraRegionPeeringKey = "intra-region-peering:Global";

    public static string PublicIpKey(string region) => $"public-ip-static:{region}";

    public static string LogIngestionKey(string region) => $"log-ingestion:{region}";

    public static string LogRetentionKey(string region) => $"log-retention:{region}";

    public static string KeyVaultOperationsKey(string region) => $"keyvault-operations:{region}";

    /// <summary>Linux pay-as-you-go VM hours: the armSkuName's rows, not Windows, Spot or Low Priority.</summary>
    public static MeterQuery Vm(string region, string vmSize) => new(
        VmKey(region, vmSize), region, PerHour, $"Virtual Machines {vmSize} (Linux, pay as you go)",
        Base("Virtual Machines", region) + $" and armSkuName eq '{Q(vmSize)}'",
        i => i.ArmSkuName == vmSize && !i.ProductName.Contains("Windows", StringComparison.Ordinal)
            && !i.SkuName.Contains("Spot", StringComparison.Ordinal) && !i.SkuName.Contains("Low Priority", StringComparison.Ordinal)
            ? (i.RetailPrice, 0) : null);

    /// <summary>
    /// PostgreSQL flexible server compute per server-hour. General Purpose and Memory Optimized bill a "vCore" meter
    /// in the series' product ("… General Purpose Ddsv5 Series Compute"); the API lists it per SKU (armSkuName, or
    /// skuName "N vCore") or per vCore (skuName "vCore": times the SKU's vCores). Burstable bills one meter per SKU.
    /// </summary>
    public static MeterQuery PostgresCompute(string region, PostgresSku sku)
    {
        var product = PostgresProduct(sku);
        var shortName = sku.Name.StartsWith("Standard_", StringComparison.Ordinal) ? sku.Name["Standard_".Length..] : sku.Name;
        var vCores = sku.VCores.ToString(CultureInfo.InvariantCulture);
        return new(
            PostgresComputeKey(region, sku.Name), region, PerHour, $"{product}, {sku.Name}",
            Base("Azure Database for PostgreSQL", region) + $" and productName eq '{Q(product)}'",
            i =>
            {
                if (i.ProductName != product)
                {
                    return null;
                }
                if (sku.Tier == PostgresTier.Burstable)
                {
                    return i.ArmSkuName == sku.Name || string.Equals(i.MeterName, shortName, StringComparison.OrdinalIgnoreCase) ? (i.RetailPrice, 0) : null;
                }
                if (i.MeterName != "vCore")
                {
                    return null;
                }
                if (i.ArmSkuName == sku.Name || i.SkuName == $"{vCores} vCore")
                {
                    return (i.RetailPrice, 0);
                }
                return i.SkuName == "vCore" ? (i.RetailPrice * sku.VCores, 1) : null;
            });
    }

    /// <summary>PostgreSQL flexible server provisioned storage, per GB-month (HA standby and replicas pay their own).</summary>
    public static MeterQuery PostgresStorage(string region) => new(
        PostgresStorageKey(region), region, PerGbMonth, "Az DB for PostgreSQL Flexible Server Storage, Storage Data Stored",
        Base("Azure Database for PostgreSQL", region) + " and productName eq 'Az DB for PostgreSQL Flexible Server Storage'",
        i => i.MeterName == "Storage Data Stored" ? (i.RetailPrice, 0) : null);

    /// <summary>Block blob data stored in a StorageV2 account, per GB-month: e.g. sku Standard_GZRS, tier Cool → "Cool GZRS".</summary>
    public static MeterQuery BlobStorage(string region, string sku, string accessTier)
    {
        var redundancy = sku.StartsWith("Standard_", StringComparison.Ordinal) ? sku["Standard_".Length..] : sku;
        var skuName = $"{accessTier} {redundancy}";
        return new(
            BlobStorageKey(region, sku, accessTier), region, PerGbMonth, $"General Block Blob v2, {skuName} Data Stored",
            Base("Storage", region) + $" and productName eq 'General Block Blob v2' and skuName eq '{Q(skuName)}'",
            i => i.MeterName == $"{skuName} Data Stored" ? (i.RetailPrice, 0) : null);
    }

    /// <summary>The AKS control plane's pricing tier per cluster-hour (Free has no meter; Standard bills "Standard Uptime SLA").</summary>
    public static MeterQuery AksTier(string region, string tier) => new(
        AksTierKey(region, tier), region, PerHour, $"Azure Kubernetes Service, {tier} Uptime SLA",
        Base("Azure Kubernetes Service", region) + $" and skuName eq '{Q(tier)}'",
        i => i.MeterName == $"{tier} Uptime SLA" ? (i.RetailPrice, 0) : null);

    /// <summary>
    /// A Standard Load Balancer's rules per hour: the first five rules (load-balancing and outbound) bill one rate
    /// ("Load Balancer", sku "Standard", meter "Standard Included LB Rules and Outbound Rules"; Azure pricing page
    /// "Load Balancer"). AKS's cluster load balancer carries the cluster's one outbound rule.
    /// </summary>
    public static MeterQuery LoadBalancerRules(string region) =>
        LoadBalancer(LoadBalancerRulesKey(region), region, PerHour, "Standard Included LB Rules and Outbound Rules", " (first 5 rules)");

    /// <summary>Data processed by a Standard Load Balancer, per GB, inbound and outbound ("Standard Data Processed").</summary>
    public static MeterQuery LoadBalancerData(string region) =>
        LoadBalancer(LoadBalancerDataKey(region), region, PerGb, "Standard Data Processed", "");

    /// <summary>
    /// A Standard Load Balancer meter in the region, else under "Global": public price lists and cost tools built on the
    /// Retail Prices API find the Standard Load Balancer rows under armRegionName "Global" rather than the resource's
    /// region, so a regional query alone may come back empty.
    /// </summary>
    private static MeterQuery LoadBalancer(string key, string region, string unit, string meterName, string note)
    {
        MeterQuery In(string r) => new(key, r, unit, $"Load Balancer, {meterName}{note}{(r == Global ? " (under Global)" : "")}",
            Base("Load Balancer", r) + " and skuName eq 'Standard'", i => i.MeterName == meterName ? (i.RetailPrice, 0) : null);
        return In(region) with { Fallback = In(Global) };
    }

    /// <summary>A Standard static public IPv4 address per hour ("Virtual Network", product "IP Addresses").</summary>
    public static MeterQuery PublicIpStatic(string region) => new(
        PublicIpKey(region), region, PerHour, "IP Addresses, Standard IPv4 Static Public IP",
        Base("Virtual Network", region) + " and productName eq 'IP Addresses'",
        i => i.MeterName == "Standard IPv4 Static Public IP" ? (i.RetailPrice, 0) : null);

    /// <summary>A private endpoint per hour ("Virtual Network Private Link", "Standard Private Endpoint", one global price).</summary>
    public static MeterQuery PrivateEndpoint() => PrivateLink(PrivateEndpointKey, PerHour, "Standard Private Endpoint");

    /// <summary>Data processed by private endpoints, per GB into the service ("Standard Data Processed - Ingress").</summary>
    public static MeterQuery PrivateEndpointIngress() => PrivateLink(PrivateEndpointIngressKey, PerGb, "Standard Data Processed - Ingress");

    /// <summary>Data processed by private endpoints, per GB out of the service ("Standard Data Processed - Egress").</summary>
    public static MeterQuery PrivateEndpointEgress() => PrivateLink(PrivateEndpointEgressKey, PerGb, "Standard Data Processed - Egress");

    /// <summary>
    /// Azure's bandwidth billing zone of a region ("Virtual Network pricing", global VNet peering: Zone 1 is North
    /// America, Europe, UK and Australia Government…). Only the regions this project may use are listed; null: unknown.
    /// </summary>
    public static string? BandwidthZone(string region) =>
        region.StartsWith("germany", StringComparison.Ordinal) || region.StartsWith("switzerland", StringComparison.Ordinal) ? "Zone 1" : null;

    /// <summary>
    /// Global VNet peering, per GB, the same rate inbound and outbound in a zone: service "VPN Gateway", product "VPN
    /// Gateway Bandwidth", meter "Inter-Virtual Network Data Transfer Out", region the zone.
    /// </summary>
    public static MeterQuery GlobalPeering(string zone) => new(
        GlobalPeeringKey(zone), zone, PerGb, $"VPN Gateway Bandwidth, Inter-Virtual Network Data Transfer Out ({zone}; global peering, in and out)",
        Base("VPN Gateway", zone) + " and productName eq 'VPN Gateway Bandwidth'",
        i => i.MeterName == "Inter-Virtual Network Data Transfer Out" ? (i.RetailPrice, 0) : null);

    /// <summary>Peering inside one region, per GB ("Virtual Network", meter "Intra-Region Ingress"; egress bills the same rate).</summary>
    public static MeterQuery IntraRegionPeering() => new(
        IntraRegionPeeringKey, Global, PerGb, "Virtual Network, Intra-Region Ingress/Egress (peering in one region)",
        Base("Virtual Network", Global), i => i.MeterName == "Intra-Region Ingress" ? (i.RetailPrice, 0) : null);

    /// <summary>A private DNS zone per month ("Azure DNS", sku "Private", meter "Private Zone"; first 25 zones' tier).</summary>
    public static MeterQuery PrivateDnsZone() => new(
        PrivateDnsZoneKey, "", PerMonth, "Azure DNS, Private Zone (per zone and month)",
        "serviceName eq 'Azure DNS' and priceType eq 'Consumption' and meterName eq 'Private Zone'",
        i => i.SkuName == "Private" ? (i.RetailPrice, 0) : null);

    /// <summary>
    /// Log Analytics ingestion per GB on the pay-as-you-go plan (PerGB2018): "Analytics Logs Data Ingestion", at the
    /// paid tier (the first 5 GB a month are free once per billing account, not per workspace).
    /// </summary>
    public static MeterQuery LogIngestion(string region) => new(
        LogIngestionKey(region), region, PerGb, "Log Analytics, Analytics Logs Data Ingestion (paid tier)",
        Base("Log Analytics", region), i => i.MeterName == "Analytics Logs Data Ingestion" ? (i.RetailPrice, 0) : null)
    { TierMinimumUnits = 5 };

    /// <summary>Log Analytics retention beyond the 31 days included with ingestion, per GB-month.</summary>
    public static MeterQuery LogRetention(string region) => new(
        LogRetentionKey(region), region, PerGbMonth, "Log Analytics, Analytics Logs Data Retention (beyond 31 days)",
        Base("Log Analytics", region), i => i.MeterName == "Analytics Logs Data Retention" ? (i.RetailPrice, 0) : null);

    /// <summary>Key Vault (Standard) operations per 10,000 ("Key Vault", meter "Operations"); a Standard vault has no fixed fee.</summary>
    public static MeterQuery KeyVaultOperations(string region) => new(
        KeyVaultOperationsKey(region), region, Per10K, "Key Vault, Standard Operations (per 10,000)",
        Base("Key Vault", region) + " and skuName eq 'Standard'", i => i.MeterName == "Operations" ? (i.RetailPrice, 0) : null);

    /// <summary>
    /// "Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute" for Standard_D4ds_v5:
    /// the series is the SKU's family letter, its feature letters and its version (D + ds + v5).
    /// </summary>
    public static string PostgresProduct(PostgresSku sku)
    {
        const string prefix = "Azure Database for PostgreSQL Flexible Server";
        if (sku.Tier == PostgresTier.Burstable)
        {
            return $"{prefix} Burstable BS Series Compute";
        }
        var m = Regex.Match(sku.Name, @"\AStandard_([A-Z])\d+([a-z]*)_(v\d+)\z");
        var series = m.Success ? $"{m.Groups[1].Value}{m.Groups[2].Value}{m.Groups[3].Value}" : sku.Name;
        var tier = sku.Tier == PostgresTier.MemoryOptimized ? "Memory Optimized" : "General Purpose";
        return $"{prefix} {tier} {series} Series Compute";
    }

    private static MeterQuery PrivateLink(string key, string unit, string meterName) => new(
        key, Global, unit, $"Virtual Network Private Link, {meterName}",
        Base("Virtual Network", Global) + " and productName eq 'Virtual Network Private Link'",
        i => i.MeterName == meterName ? (i.RetailPrice, 0) : null);

    private static string Base(string service, string region) =>
        $"serviceName eq '{Q(service)}' and armRegionName eq '{Q(region)}' and priceType eq 'Consumption'";

    /// <summary>OData string literal: a quote is doubled.</summary>
    private static string Q(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
