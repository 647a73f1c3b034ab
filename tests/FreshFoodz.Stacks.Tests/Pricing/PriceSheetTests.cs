using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Stacks.Tests.Pricing;

/// <summary>The price sheet file: read back what is written, refuse what is wrong with the file, line and key named.</summary>
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
        var sheet = PriceSheetFile.Parse("t.yaml", "de-prod", Valid);
        Assert.Equal(("de-prod", "EUR", PriceSource.RetailPricesApi, new DateOnly(2026, 12, 1)), (sheet.Stack, sheet.Currency, sheet.Source, sheet.Retrieved!.Value));
        var p = sheet.Prices["vm:germanywestcentral:Standard_D4ds_v5"];
        Assert.Equal(new MeterPrice("vm:germanywestcentral:Standard_D4ds_v5", 0.221m, "1 Hour", "D4ds v5", "0000-1", "D4ds v5", "Virtual Machines Ddsv5 Series", "2024-05-01"), p);
        Assert.Equal("aks-tier:germanywestcentral:Standard", Assert.Single(sheet.Missing).Key);
    }

    [Fact]
    public void RenderedSheetReadsBackEqual()
    {
        var sheet = PriceSheetFile.Parse("t.yaml", "de-prod", Valid);
        var again = PriceSheetFile.Parse("t.yaml", "de-prod", PriceSheetFile.Render(sheet));
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
        PriceSheetFile.Write(path, PriceSheetFile.Parse("t.yaml", "de-prod", Valid));
        Assert.Equal(["x.prices.yaml"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.StartsWith("# Price sheet of stack de-prod", File.ReadAllText(path), StringComparison.Ordinal);
    }

    private const string PriceRange = "a number from 0 to 1000 (sheet currency per unit)";

    [Theory]
    [InlineData("price: 0.221", "price: -1", "t.yaml:7: prices.vm:germanywestcentral:Standard_D4ds_v5.price: must be " + PriceRange + ", got '-1'")]
    [InlineData("price: 0.221", "price: abc", "t.yaml:7: prices.vm:germanywestcentral:Standard_D4ds_v5.price: must be " + PriceRange + ", got 'abc'")]
    // A decimal comma is no number, whatever the culture: '0,221' was once read as 221.
    [InlineData("price: 0.221", "price: 0,221", "t.yaml:7: prices.vm:germanywestcentral:Standard_D4ds_v5.price: must be " + PriceRange + ", got '0,221'")]
    [InlineData("price: 0.221", "price: 1e6", "t.yaml:7: prices.vm:germanywestcentral:Standard_D4ds_v5.price: must be " + PriceRange + ", got '1e6'")]
    [InlineData("price: 0.221", "price: .nan", "t.yaml:7: prices.vm:germanywestcentral:Standard_D4ds_v5.price: must be " + PriceRange + ", got '.nan'")]
    [InlineData("unit: \"1 Hour\"", "unit: \"1 Day\"", "t.yaml:8: prices.vm:germanywestcentral:Standard_D4ds_v5.unit: must be one of 1 Hour, 1 GB/Month, 1/Month, 1 GB, 10K, got '1 Day'")]
    [InlineData("unit: \"1 Hour\"", "unit: \"1 GB/Month\"", "t.yaml:8: prices.vm:germanywestcentral:Standard_D4ds_v5.unit: a vm meter bills per '1 Hour', got '1 GB/Month'")]
    [InlineData("source: retail-prices-api", "source: calculator", "t.yaml:3: source: must be one of retail-prices-api, not-from-api, got 'calculator'")]
    [InlineData("retrieved: 2026-12-01", "retrieved: null", "t.yaml:1: retrieved: missing; a sheet from the Retail Prices API says when it was retrieved (yyyy-MM-dd)")]
    [InlineData("retrieved: 2026-12-01", "retrieved: 01.12.2026", "t.yaml:4: retrieved: must be a date yyyy-MM-dd from 2000-01-01 to 2100-12-31, got '01.12.2026'")]
    [InlineData("retrieved: 2026-12-01", "retrieved: 9999-12-31", "t.yaml:4: retrieved: must be a date yyyy-MM-dd from 2000-01-01 to 2100-12-31, got '9999-12-31'")]
    [InlineData("    meterId: \"0000-1\"\n", "", "t.yaml:6: prices.vm:germanywestcentral:Standard_D4ds_v5.meterId: missing; expected text of at most 100 characters, or empty")]
    [InlineData("    meterId: \"0000-1\"\n", "    meterId: \"\"\n", "t.yaml:6: prices.vm:germanywestcentral:Standard_D4ds_v5.meterId: missing; a price from the Retail Prices API names its meter")]
    [InlineData("    meterId: \"0000-1\"", "    meterld: \"0000-1\"", "t.yaml:10: prices.vm:germanywestcentral:Standard_D4ds_v5.meterld: unknown key (did you mean 'meterId'?); allowed: price, unit, meterName, meterId, skuName, productName, effectiveStartDate\nt.yaml:6: prices.vm:germanywestcentral:Standard_D4ds_v5.meterId: missing; expected text of at most 100 characters, or empty")]
    [InlineData("currency: \"EUR\"", "currency: [EUR]", "t.yaml:2: currency: must be a single value (one of EUR, CHF), not a mapping or list")]
    [InlineData("stack: \"de-prod\"", "stack: \"ch-prod\"", "t.yaml:1: stack: must be 'de-prod', the stack this sheet prices, got 'ch-prod': another stack's sheet is refused")]
    [InlineData("\"vm:germanywestcentral:Standard_D4ds_v5\":", "\"vm-hours:germanywestcentral:Standard_D4ds_v5\":", "t.yaml:6: prices.vm-hours:germanywestcentral:Standard_D4ds_v5: must be a meter key kind:region:name, kind one of vm, postgres-compute, postgres-storage, blob-storage, aks-tier, lb-rules, lb-data, private-endpoint, private-endpoint-ingress, private-endpoint-egress, private-dns-zone, global-peering, intra-region-peering, public-ip-static, log-ingestion, log-retention, keyvault-operations, got 'vm-hours:germanywestcentral:Standard_D4ds_v5'")]
    [InlineData("productName: \"Virtual Machines Ddsv5 Series\"", "productName: \"Virtual\\u001b[31m Machines\"", "t.yaml:12: prices.vm:germanywestcentral:Standard_D4ds_v5.productName: must be printable text, got 'Virtual\\u001B[31m Machines' (U+001B is a control or formatting character)")]
    public void BadSheetIsRefusedWithFileLineAndKeyNamed(string from, string to, string message)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("t.yaml", "de-prod", Valid.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(message.Split('\n'), e.Errors.Select(x => x.ToString()));
    }

    /// <summary>A misspelt top-level key once left everything unpriced in silence: now it is named, and the missing key too.</summary>
    [Fact]
    public void AMisspeltTopLevelKeyIsAnErrorWithASuggestion()
    {
        var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("t.yaml", "de-prod", Valid.Replace("prices:", "prizes:", StringComparison.Ordinal)));
        Assert.Equal(
        [
            "t.yaml:5: prizes: unknown key (did you mean 'prices'?); allowed: stack, currency, source, retrieved, note, prices, missing",
            "t.yaml:1: prices: missing; expected a mapping of names to a mapping of price, unit, meterName, meterId, skuName, productName, effectiveStartDate",
        ], e.Errors.Select(x => x.ToString()));
    }

    [Theory]
    [InlineData("second document", "\n---\nstack: x\n", "a price sheet holds one YAML document")]
    [InlineData("anchor", "\nnote: &n \"x\"\n", "YAML anchors (&name) are not allowed in a price sheet")]
    [InlineData("tagged duplicate", "\n!!str stack: \"de-prod\"\n", "stack: duplicate key (first at line 1)")]
    [InlineData("foreign tag", "\nnote: !!binary YXV0bw==\n", "the YAML tag 'tag:yaml.org,2002:binary' is not allowed")]
    public void TheReaderRefusesWhatItRefusesInStackFiles(string name, string appended, string says)
    {
        var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("t.yaml", "de-prod", Valid + appended));
        Assert.True(e.Message.Contains(says, StringComparison.Ordinal), $"{name}: {e.Message}");
    }

    [Fact]
    public void NestingIsBoundedWithoutRecursion()
    {
        var deep = Valid + "\nnote: " + string.Concat(Enumerable.Repeat("[", 50_000)) + string.Concat(Enumerable.Repeat("]", 50_000)) + "\n";
        var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("t.yaml", "de-prod", deep));
        Assert.Contains("nested more than 32 levels deep; a price sheet needs at most 3", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Text from the API is escaped when written, so a rendered sheet always reads back, or is refused whole.</summary>
    [Fact]
    public void RenderedTextIsEscapedAndControlCharactersAreRefusedOnReadBack()
    {
        var sheet = PriceSheetFile.Parse("t.yaml", "de-prod", Valid);
        var quoted = sheet with { Note = "a \"quoted\" note with \\ and ünïcödé 🥕" };
        Assert.Equal(quoted.Note, PriceSheetFile.Parse("t.yaml", "de-prod", PriceSheetFile.Render(quoted)).Note);
        var hostile = sheet with { Note = "first line\nsecond line\u001b[2J" };
        var rendered = PriceSheetFile.Render(hostile);
        Assert.Contains("note: \"first line\\u000Asecond line\\u001B[2J\"", rendered, StringComparison.Ordinal);
        Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("t.yaml", "de-prod", rendered));
    }

    [Fact]
    public void MalformedYamlNamesTheFile() =>
        Assert.StartsWith("t.yaml:2: (file): malformed YAML:", Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("t.yaml", "de-prod", "stack: [\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void AMissingSheetSaysHowToCreateIt()
    {
        var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Load(Directory.CreateTempSubdirectory().FullName, "de-prod"));
        Assert.Equal("prices/de-prod.prices.yaml: no price sheet for stack 'de-prod'; create it with: freshfoodz prices refresh --stack de-prod", e.Message);
    }

    /// <summary>Every meter a stack's plans bill has a key a sheet accepts, in the unit the sheet requires of its kind.</summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void EveryMeterBilledFitsTheSheetsSchema(string stack)
    {
        var meters = PriceRefresh.MetersOf(Plans.Plans.Settings(stack));
        Assert.True(meters.Count > 10, $"{meters.Count} meters");
        Assert.All(meters, m => Assert.Equal(Meters.UnitOfKind[Meters.KindOf(m.Key)], m.Unit));
        var sheet = new PriceSheet(stack, stack == "ch-prod" ? "CHF" : "EUR", PriceSource.NotFromApi, null, "test",
            meters.ToDictionary(m => m.Key, m => new MeterPrice(m.Key, 0.5m, m.Unit, "", "", "", "", "")), []);
        Assert.Equal(meters.Count, PriceSheetFile.Parse("t.yaml", stack, PriceSheetFile.Render(sheet)).Prices.Count);
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
