using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Stacks.Tests.Pricing;

/// <summary>The price sheet file: read back what is written, refuse what is wrong with the key named.</summary>
public class PriceSheetTests
{
    private const string Valid = """
        stack: "de-prod"
        currency: "EUR"
        source: retail-prices-api
        retrieved: 2026-12-01
        prices:
          "vm:germanywestcentral:Standard_D4ds_v5":
            price: 0.221
            unit: "1 Hour"
            meterName: "D4ds v5"
            meterId: "0000-1"
            skuName: "D4ds v5"
            productName: "Virtual Machines Ddsv5 Series"
            effectiveStartDate: "2024-05-01"
        missing:
          - key: "aks-tier:germanywestcentral:Standard"
            description: "Azure Kubernetes Service, Standard Uptime SLA"
            filter: "serviceName eq 'Azure Kubernetes Service'"
        """;

    [Fact]
    public void ReadsEveryField()
    {
        var sheet = PriceSheetFile.Parse("t.yaml", Valid);
        Assert.Equal(("de-prod", "EUR", PriceSource.RetailPricesApi, new DateOnly(2026, 12, 1)), (sheet.Stack, sheet.Currency, sheet.Source, sheet.Retrieved!.Value));
        var p = sheet.Prices["vm:germanywestcentral:Standard_D4ds_v5"];
        Assert.Equal(new MeterPrice("vm:germanywestcentral:Standard_D4ds_v5", 0.221m, "1 Hour", "D4ds v5", "0000-1", "D4ds v5", "Virtual Machines Ddsv5 Series", "2024-05-01"), p);
        Assert.Equal("aks-tier:germanywestcentral:Standard", Assert.Single(sheet.Missing).Key);
    }

    [Fact]
    public void RenderedSheetReadsBackEqual()
    {
        var sheet = PriceSheetFile.Parse("t.yaml", Valid);
        var again = PriceSheetFile.Parse("t.yaml", PriceSheetFile.Render(sheet));
        Assert.Equal(sheet.Prices.Values, again.Prices.Values);
        Assert.Equal(sheet.Missing, again.Missing);
        Assert.Equal((sheet.Stack, sheet.Currency, sheet.Source, sheet.Retrieved), (again.Stack, again.Currency, again.Source, again.Retrieved));
    }

    [Fact]
    public void WriteGoesThroughATemporarySiblingAndLeavesNoneBehind()
    {
        var dir = Directory.CreateTempSubdirectory("prices-").FullName;
        var path = Path.Combine(dir, "x.prices.yaml");
        File.WriteAllText(path, "old");
        PriceSheetFile.Write(path, PriceSheetFile.Parse("t.yaml", Valid));
        Assert.Equal(["x.prices.yaml"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.StartsWith("# Price sheet of stack de-prod", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("price: 0.221", "price: -1", "t.yaml: prices.vm:germanywestcentral:Standard_D4ds_v5.price must be a number ≥ 0, got '-1'")]
    [InlineData("price: 0.221", "price: abc", "t.yaml: prices.vm:germanywestcentral:Standard_D4ds_v5.price must be a number ≥ 0, got 'abc'")]
    [InlineData("unit: \"1 Hour\"", "unit: \"1 Day\"", "t.yaml: prices.vm:germanywestcentral:Standard_D4ds_v5.unit must be one of '1 Hour', '1 GB/Month', '1/Month', '1 GB', '10K', got '1 Day'")]
    [InlineData("source: retail-prices-api", "source: calculator", "t.yaml: source must be one of retail-prices-api, not-from-api, got 'calculator'")]
    [InlineData("retrieved: 2026-12-01", "retrieved: null", "t.yaml: retrieved is missing (a text value is required)")]
    [InlineData("retrieved: 2026-12-01", "retrieved: 01.12.2026", "t.yaml: retrieved must be a date yyyy-MM-dd, got '01.12.2026'")]
    [InlineData("    meterId: \"0000-1\"\n", "", "t.yaml: prices.vm:germanywestcentral:Standard_D4ds_v5.meterId is missing (a text value is required)")]
    [InlineData("currency: \"EUR\"", "currency: [EUR]", "t.yaml: currency is missing (a text value is required)")]
    public void BadSheetIsRefusedWithTheKeyNamed(string from, string to, string message)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("t.yaml", Valid.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void MalformedYamlNamesTheFile() =>
        Assert.StartsWith("t.yaml: malformed YAML:", Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("t.yaml", "stack: [\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void AMissingSheetSaysHowToCreateIt()
    {
        var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Load(Directory.CreateTempSubdirectory().FullName, "de-prod"));
        Assert.Equal("prices/de-prod.prices.yaml: no price sheet for stack 'de-prod'; create it with: freshfoodz prices refresh --stack de-prod", e.Message);
    }

    /// <summary>
    /// Honesty: the committed sheets were not fetched from the API (this machine cannot reach it). They must say so,
    /// and the reports then say so; a refreshed sheet must name every price's meter.
    /// </summary>
    [Theory]
    [InlineData("de-prod", "EUR")]
    [InlineData("ch-prod", "CHF")]
    [InlineData("peak-weihnachten", "EUR")]
    public void CommittedSheetsSayWhereTheirPricesComeFrom(string stack, string currency)
    {
        var sheet = PriceSheetFile.Load(ProjectFiles.Root, stack);
        Assert.Equal((stack, currency), (sheet.Stack, sheet.Currency));
        if (sheet.Source == PriceSource.NotFromApi)
        {
            Assert.Null(sheet.Retrieved);
            Assert.Contains("never checked against the API", sheet.Note, StringComparison.Ordinal);
            Assert.StartsWith("NOT from the Azure Retail Prices API", sheet.Provenance, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotNull(sheet.Retrieved);
            Assert.All(sheet.Prices.Values, p => Assert.NotEqual("", p.MeterId));
        }
    }
}
