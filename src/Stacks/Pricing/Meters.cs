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
public sealed record MeterQuery(string Key, string Region, string Unit, string Description, string Filter, Func<RetailPriceItem, (decimal Price, int Rank)?> Match);

/// <summary>
/// The meters of the resources this project plans. Names are the API's own (Azure Retail Prices overview,
/// learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices): priceType Consumption,
/// region by armRegionName, values case-sensitive. Keys are <c>kind:region:name</c>.
/// </summary>
public static class Meters
{
    public const string PerHour = "1 Hour";
    public const string PerGbMonth = "1 GB/Month";

    public static string VmKey(string region, string vmSize) => $"vm:{region}:{vmSize}";

    public static string PostgresComputeKey(string region, string sku) => $"postgres-compute:{region}:{sku}";

    public static string PostgresStorageKey(string region) => $"postgres-storage:{region}";

    public static string BlobStorageKey(string region, string sku, string accessTier) => $"blob-storage:{region}:{sku}:{accessTier}";

    public static string AksTierKey(string region, string tier) => $"aks-tier:{region}:{tier}";

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
        var m = Regex.Match(sku.Name, @"^Standard_([A-Z])\d+([a-z]*)_(v\d+)$");
        var series = m.Success ? $"{m.Groups[1].Value}{m.Groups[2].Value}{m.Groups[3].Value}" : sku.Name;
        var tier = sku.Tier == PostgresTier.MemoryOptimized ? "Memory Optimized" : "General Purpose";
        return $"{prefix} {tier} {series} Series Compute";
    }

    private static string Base(string service, string region) =>
        $"serviceName eq '{Q(service)}' and armRegionName eq '{Q(region)}' and priceType eq 'Consumption'";

    /// <summary>OData string literal: a quote is doubled.</summary>
    private static string Q(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
