using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Stacks.Tests.Pricing;

/// <summary>Which Retail Prices rows are a meter, and at what price per unit.</summary>
public class MetersTests
{
    private static RetailPriceItem Row(string product, string sku, string armSku, string meter, decimal price) =>
        new("EUR", price, "germanywestcentral", "Azure Database for PostgreSQL", product, sku, armSku, meter, "id", "1 Hour", "Consumption", 0, DateTimeOffset.UnixEpoch);

    private static readonly PostgresSku D4 = new("Standard_D4ds_v5", PostgresTier.GeneralPurpose, 4, 16);

    [Fact]
    public void GeneralPurposeProductNamesTheSeries()
    {
        Assert.Equal("Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute", Meters.PostgresProduct(D4));
        Assert.Equal("Azure Database for PostgreSQL Flexible Server Memory Optimized Edsv5 Series Compute",
            Meters.PostgresProduct(new PostgresSku("Standard_E8ds_v5", PostgresTier.MemoryOptimized, 8, 64)));
        Assert.Equal("Azure Database for PostgreSQL Flexible Server Burstable BS Series Compute",
            Meters.PostgresProduct(new PostgresSku("Standard_B2s", PostgresTier.Burstable, 2, 4)));
    }

    [Fact]
    public void APerVCoreRowIsMultipliedAndAPerSkuRowIsPreferred()
    {
        var q = Meters.PostgresCompute("germanywestcentral", D4);
        var product = Meters.PostgresProduct(D4);
        Assert.Equal((0.4m, 1), q.Match(Row(product, "vCore", "", "vCore", 0.1m)));
        Assert.Equal((0.41m, 0), q.Match(Row(product, "4 vCore", "", "vCore", 0.41m)));
        Assert.Equal((0.42m, 0), q.Match(Row(product, "", "Standard_D4ds_v5", "vCore", 0.42m)));
        Assert.Null(q.Match(Row(product, "8 vCore", "Standard_D8ds_v5", "vCore", 0.8m)));
        Assert.Null(q.Match(Row("Azure Database for PostgreSQL Flexible Server General Purpose Dsv3 Series Compute", "vCore", "", "vCore", 0.1m)));
        Assert.Contains("productName eq 'Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute'", q.Filter, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterValuesAreQuotedForOData()
    {
        var q = Meters.Vm("germanywestcentral", "Standard_D4ds_v5");
        Assert.Equal("serviceName eq 'Virtual Machines' and armRegionName eq 'germanywestcentral' and priceType eq 'Consumption' and armSkuName eq 'Standard_D4ds_v5'", q.Filter);
        Assert.EndsWith("armSkuName eq 'O''Brien'", Meters.Vm("x", "O'Brien").Filter, StringComparison.Ordinal);
    }
}
