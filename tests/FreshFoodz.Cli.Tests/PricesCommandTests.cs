using System.Text.Json.Nodes;
using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Cli.Tests;

/// <summary><c>prices refresh</c> against a local fake of the Retail Prices API: paging, missing meters, errors, timeouts.</summary>
public class PricesCommandTests
{
    private const string Vm = "Virtual Machines";
    private const string Pg = "Azure Database for PostgreSQL";
    private const string GpCompute = "Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute";
    private const string BurstCompute = "Azure Database for PostgreSQL Flexible Server Burstable BS Series Compute";
    private const string PgStorage = "Az DB for PostgreSQL Flexible Server Storage";

    /// <summary>
    /// Recorded-shape answers: VM rows (a Windows and a Spot row first, the Linux row on a second page), PostgreSQL
    /// General Purpose per vCore, Burstable per SKU, storage per GB-month; network meters per region (public IP),
    /// under the region "Global" (Load Balancer, Private Link) or none (Azure DNS); Log Analytics ingestion with its free first tier; no AKS rows
    /// (a meter the API lacks).
    /// </summary>
    private static FakeReply Catalog(FakeRetailPrices server, string filter, string currency, int page)
    {
        var region = FakeRetailPrices.Clause(filter, "armRegionName") ?? "";
        var north = region.EndsWith("north", StringComparison.Ordinal);
        var items = new List<JsonObject>();
        string? next = null;
        switch (FakeRetailPrices.Clause(filter, "serviceName"))
        {
            case Vm:
                var size = FakeRetailPrices.Clause(filter, "armSkuName")!;
                var vcpus = int.Parse(size.Split('_')[1][1..^2], System.Globalization.CultureInfo.InvariantCulture);
                var shortName = size["Standard_".Length..].Replace('_', ' ');
                if (page == 0)
                {
                    items.Add(FakeRetailPrices.Item(currency, 9m, region, Vm, "Virtual Machines Ddsv5 Series Windows", shortName, size, shortName, "1 Hour", $"0-win-{size}"));
                    items.Add(FakeRetailPrices.Item(currency, 0.01m, region, Vm, "Virtual Machines Ddsv5 Series", $"{shortName} Spot", size, $"{shortName} Spot", "1 Hour", $"1-spot-{size}"));
                    next = $"{server.Url}?currencyCode='{currency}'&$filter={Uri.EscapeDataString(filter)}&page=1";
                }
                else
                {
                    items.Add(FakeRetailPrices.Item(currency, 0.055m * vcpus, region, Vm, "Virtual Machines Ddsv5 Series", shortName, size, shortName, "1 Hour", $"2-linux-{size}"));
                }
                break;
            case Pg:
                switch (FakeRetailPrices.Clause(filter, "productName"))
                {
                    case GpCompute:
                        items.Add(FakeRetailPrices.Item(currency, north ? 0.12m : 0.1m, region, Pg, GpCompute, "vCore", "", "vCore", "1 Hour", $"pg-gp-{region}"));
                        break;
                    case BurstCompute:
                        items.Add(FakeRetailPrices.Item(currency, 0.02m, region, Pg, BurstCompute, "B1ms", "Standard_B1ms", "B1ms", "1 Hour", "pg-b1ms"));
                        items.Add(FakeRetailPrices.Item(currency, 0.07m, region, Pg, BurstCompute, "B2s", "Standard_B2s", "B2s", "1 Hour", "pg-b2s"));
                        break;
                    case PgStorage:
                        items.Add(FakeRetailPrices.Item(currency, 0.13m, region, Pg, PgStorage, "Storage", "", "Storage Data Stored", "1 GB/Month", $"pg-storage-{region}"));
                        items.Add(FakeRetailPrices.Item(currency, 0.05m, region, Pg, PgStorage, "Storage", "", "Storage Data Stored", "1 GB/Month", "pg-storage-reserved", type: "Reservation"));
                        break;
                }
                break;
            case "Load Balancer" when region == "Global":
                items.Add(FakeRetailPrices.Item(currency, 0.025m, region, "Load Balancer", "Load Balancer", "Standard", "", "Standard Included LB Rules and Outbound Rules", "1 Hour", $"lb-rules-{region}"));
                items.Add(FakeRetailPrices.Item(currency, 0.01m, region, "Load Balancer", "Load Balancer", "Standard", "", "Standard Overage LB Rules and Outbound Rules", "1 Hour", $"lb-overage-{region}"));
                items.Add(FakeRetailPrices.Item(currency, 0.005m, region, "Load Balancer", "Load Balancer", "Standard", "", "Standard Data Processed", "1 GB", $"lb-data-{region}"));
                break;
            case "Virtual Network":
                const string link = "Virtual Network Private Link";
                items.Add(FakeRetailPrices.Item(currency, 0.0093m, region, "Virtual Network", link, "Standard", "", "Standard Private Endpoint", "1 Hour", "pe-hour"));
                items.Add(FakeRetailPrices.Item(currency, 0.0094m, region, "Virtual Network", link, "Standard", "", "Standard Data Processed - Ingress", "1 GB", "pe-in"));
                items.Add(FakeRetailPrices.Item(currency, 0.0095m, region, "Virtual Network", link, "Standard", "", "Standard Data Processed - Egress", "1 GB", "pe-out"));
                items.Add(FakeRetailPrices.Item(currency, 0.0046m, region, "Virtual Network", "IP Addresses", "Standard", "", "Standard IPv4 Static Public IP", "1 Hour", $"ip-{region}"));
                break;
            case "VPN Gateway":
                items.Add(FakeRetailPrices.Item(currency, 0.033m, region, "VPN Gateway", "VPN Gateway Bandwidth", "Inter-Virtual Network", "", "Inter-Virtual Network Data Transfer Out", "1 GB", $"peering-{region}"));
                break;
            case "Azure DNS":
                items.Add(FakeRetailPrices.Item(currency, 0.46m, "", "Azure DNS", "Azure DNS", "Private", "", "Private Zone", "1/Month", "dns-zone"));
                break;
            case "Log Analytics":
                items.Add(FakeRetailPrices.Item(currency, 0m, region, "Log Analytics", "Log Analytics", "Analytics Logs", "", "Analytics Logs Data Ingestion", "1 GB", "la-free"));
                items.Add(FakeRetailPrices.Item(currency, 2.76m, region, "Log Analytics", "Log Analytics", "Analytics Logs", "", "Analytics Logs Data Ingestion", "1 GB", "la-paid", tierMinimum: 5));
                items.Add(FakeRetailPrices.Item(currency, 0.12m, region, "Log Analytics", "Log Analytics", "Analytics Logs", "", "Analytics Logs Data Retention", "1 GB/Month", "la-retention"));
                break;
            case "Key Vault":
                items.Add(FakeRetailPrices.Item(currency, 0.029m, region, "Key Vault", "Key Vault", "Standard", "", "Operations", "10K", "kv-ops"));
                break;
        }
        return new FakeReply(200, FakeRetailPrices.Page(currency, items, next));
    }

    private static string Project(string stack = "de-prod") =>
        CliRunner.ProjectWith(stack, File.ReadAllText(Path.Combine(CliRunner.Root, $"Pulumi.{stack}.yaml")));

    private static (int Exit, string Out, string Err) Refresh(string dir, string api, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(["prices", "refresh", "--stack", "de-prod", "--api", api, "--project-dir", dir, .. extra], stdout, stderr,
            new FixedTime(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void RefreshWritesEveryMeterItFindsAndListsTheOnesItDoesNot()
    {
        FakeRetailPrices? server = null;
        using var s = server = new FakeRetailPrices((f, c, p) => Catalog(server!, f, c!, p));
        var dir = Project();

        var (exit, stdout, stderr) = Refresh(dir, server.Url);

        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        var sheet = PriceSheetFile.Load(dir, "de-prod");
        Assert.Equal((PriceSource.RetailPricesApi, new DateOnly(2026, 11, 22), "EUR"), (sheet.Source, sheet.Retrieved!.Value, sheet.Currency));
        // Linux pay-as-you-go from the second page: 4 vCPUs × 0.055, not the Windows (9) or Spot (0.01) rows of page one.
        var d4 = sheet.Prices["vm:germanywestcentral:Standard_D4ds_v5"];
        Assert.Equal((0.22m, "2-linux-Standard_D4ds_v5", "D4ds v5", "Virtual Machines Ddsv5 Series", "2025-04-01"), (d4.Price, d4.MeterId, d4.MeterName, d4.ProductName, d4.EffectiveStartDate));
        // General Purpose is listed per vCore: 16 × 0.10 in the primary region, 16 × 0.12 in the DR region.
        Assert.Equal(1.6m, sheet.Prices["postgres-compute:germanywestcentral:Standard_D16ds_v5"].Price);
        Assert.Equal(1.92m, sheet.Prices["postgres-compute:germanynorth:Standard_D16ds_v5"].Price);
        Assert.Equal((0.07m, "pg-b2s"), (sheet.Prices["postgres-compute:germanywestcentral:Standard_B2s"].Price, sheet.Prices["postgres-compute:germanywestcentral:Standard_B2s"].MeterId));
        // Consumption only: the reservation row of the storage meter is not taken.
        Assert.Equal((0.13m, "1 GB/Month"), (sheet.Prices["postgres-storage:germanynorth"].Price, sheet.Prices["postgres-storage:germanynorth"].Unit));
        // The egress load balancer: its first five rules' rate, not the overage row; Private Link meters are priced once
        // for all regions; Log Analytics at its paid tier, not the free first 5 GB.
        // The load balancer's rows are published under "Global": asked in the region first, then there.
        Assert.Equal((0.025m, "lb-rules-Global"), (sheet.Prices["lb-rules:germanywestcentral"].Price, sheet.Prices["lb-rules:germanywestcentral"].MeterId));
        Assert.Equal((0.005m, "1 GB"), (sheet.Prices["lb-data:germanywestcentral"].Price, sheet.Prices["lb-data:germanywestcentral"].Unit));
        Assert.Equal(["germanywestcentral", "Global"], server.Requests
            .Where(r => FakeRetailPrices.Clause(r.Filter, "serviceName") == "Load Balancer")
            .Select(r => FakeRetailPrices.Clause(r.Filter, "armRegionName")).Distinct());
        Assert.Equal((0.0095m, "1 GB"), (sheet.Prices["private-endpoint-egress:Global"].Price, sheet.Prices["private-endpoint-egress:Global"].Unit));
        Assert.Equal((0.46m, "1/Month"), (sheet.Prices["private-dns-zone"].Price, sheet.Prices["private-dns-zone"].Unit));
        Assert.Equal((2.76m, "la-paid"), (sheet.Prices["log-ingestion:germanywestcentral"].Price, sheet.Prices["log-ingestion:germanywestcentral"].MeterId));
        Assert.Equal(0.029m, sheet.Prices["keyvault-operations:germanywestcentral"].Price);
        Assert.Equal((0.033m, "peering-Zone 1"), (sheet.Prices["global-peering:Zone 1"].Price, sheet.Prices["global-peering:Zone 1"].MeterId));
        Assert.Equal(["aks-tier:germanywestcentral:Standard", "blob-storage:germanywestcentral:Standard_GZRS:Cool"], sheet.Missing.Select(m => m.Key));
        Assert.Contains("not found: aks-tier:germanywestcentral:Standard", stdout, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal("EUR", r.Currency));
        Assert.All(server.Requests, r => Assert.Contains("priceType eq 'Consumption'", r.Filter, StringComparison.Ordinal));
        // esc/ holds the environment definitions the stack file imports, there before the refresh.
        Assert.Equal(["esc", "prices"], Directory.GetDirectories(dir).Select(Path.GetFileName).Order());
        Assert.Equal(["de-prod.prices.yaml"], Directory.GetFiles(Path.Combine(dir, "prices")).Select(Path.GetFileName));

        // capacity now reads the refreshed sheet and says where its prices come from; the AKS tier is listed unpriced.
        var cap = new StringWriter();
        Assert.Equal(0, CliApp.Run(["capacity", "--stack", "de-prod", "--season", "weihnachten", "--project-dir", dir], cap, new StringWriter(), TimeProvider.System));
        Assert.Contains("Prices: Azure Retail Prices API, retrieved 2026-11-22", cap.ToString(), StringComparison.Ordinal);
        Assert.Contains("aks-tier:germanywestcentral:Standard (platform-cluster)", cap.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SwissStackAsksInFrancs()
    {
        FakeRetailPrices? server = null;
        using var s = server = new FakeRetailPrices((f, c, p) => Catalog(server!, f, c!, p));
        var dir = Project("ch-prod");
        var exit = CliApp.Run(["prices", "refresh", "--stack", "ch-prod", "--api", server.Url, "--project-dir", dir], new StringWriter(), new StringWriter(), TimeProvider.System);
        Assert.Equal(0, exit);
        Assert.All(server.Requests, r => Assert.Equal("CHF", r.Currency));
        Assert.Contains(server.Requests, r => r.Filter.Contains("armRegionName eq 'switzerlandwest'", StringComparison.Ordinal));
        Assert.Equal("CHF", PriceSheetFile.Load(dir, "ch-prod").Currency);
    }

    [Fact]
    public void TooManyRequestsIsRetriedAfterTheServersDelay()
    {
        FakeRetailPrices? server = null;
        var refused = 0;
        using var s = server = new FakeRetailPrices((f, c, p) =>
            Interlocked.Increment(ref refused) <= 2 ? new FakeReply(429, "{}", RetryAfter: "0") : Catalog(server!, f, c!, p));
        var dir = Project();
        var (exit, _, stderr) = Refresh(dir, server.Url);
        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        Assert.True(PriceSheetFile.Load(dir, "de-prod").Prices.Count > 10);
    }

    [Fact]
    public void AServerErrorThatPersistsFailsWithExitFourAndLeavesTheSheetAlone()
    {
        using var server = new FakeRetailPrices((_, _, _) => new FakeReply(500, "{\"error\":\"boom\"}", RetryAfter: "0"));
        var dir = Project();
        Directory.CreateDirectory(Path.Combine(dir, "prices"));
        File.WriteAllText(Path.Combine(dir, "prices", "de-prod.prices.yaml"), "keep me");
        var (exit, _, stderr) = Refresh(dir, server.Url);
        Assert.Equal(4, exit);
        Assert.StartsWith("error: the Retail Prices API answered HTTP 500 for http://127.0.0.1:", stderr, StringComparison.Ordinal);
        Assert.Contains("after 3 attempts; try again later", stderr, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(dir, "prices", "de-prod.prices.yaml")));
    }

    [Fact]
    public void AClientErrorIsNotRetried()
    {
        using var server = new FakeRetailPrices((_, _, _) => new FakeReply(400, "{\"Error\":{\"Message\":\"Invalid OData filter\"}}"));
        var (exit, _, stderr) = Refresh(Project(), server.Url);
        Assert.Equal(4, exit);
        Assert.Contains("answered HTTP 400", stderr, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void ASlowServerTimesOut()
    {
        using var server = new FakeRetailPrices((_, c, _) => new FakeReply(200, FakeRetailPrices.Page(c!, []), Delay: TimeSpan.FromSeconds(4)));
        var (exit, _, stderr) = Refresh(Project(), server.Url, "--timeout", "1");
        Assert.Equal(4, exit);
        Assert.StartsWith($"error: the Retail Prices API at {server.Url} did not answer within 1 s", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"Items\": [", "malformed JSON")]
    [InlineData("<html>maintenance</html>", "malformed JSON")]
    [InlineData("{\"items\": []}", "without an Items list")]
    [InlineData("{\"Items\": [{\"currencyCode\": \"EUR\"}]}", "malformed JSON")]
    [InlineData("{\"Items\": [{\"currencyCode\": \"USD\", \"retailPrice\": 1, \"effectiveStartDate\": \"2025-01-01T00:00:00Z\"}]}", "answered in 'USD', not EUR")]
    public void AMalformedAnswerFailsWithExitFour(string body, string message)
    {
        using var server = new FakeRetailPrices((_, _, _) => new FakeReply(200, body));
        var (exit, _, stderr) = Refresh(Project(), server.Url);
        Assert.Equal(4, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void AnUnreachableApiFailsWithExitFour()
    {
        string url;
        using (var server = new FakeRetailPrices((_, _, _) => new FakeReply(200, "{}")))
        {
            url = server.Url;
        }
        var (exit, _, stderr) = Refresh(Project(), url);
        Assert.Equal(4, exit);
        Assert.StartsWith("error: cannot reach the Retail Prices API at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example/prices", "--api: expected an http(s) URL without credentials, got 'ftp://example/prices'")]
    [InlineData("not a url", "--api: expected an http(s) URL without credentials, got 'not a url'")]
    public void ABadApiUrlIsAUsageError(string api, string message)
    {
        var (exit, _, stderr) = Refresh(Project(), api);
        Assert.Equal(1, exit);
        Assert.Equal($"error: {message}", stderr.TrimEnd());
    }

    [Fact]
    public void CapacityWithoutAPriceSheetSaysHowToMakeOne()
    {
        var stderr = new StringWriter();
        var exit = CliApp.Run(["capacity", "--stack", "de-prod", "--project-dir", Project()], new StringWriter(), stderr, TimeProvider.System);
        Assert.Equal(2, exit);
        Assert.Equal("error: prices/de-prod.prices.yaml: no price sheet for stack 'de-prod'; create it with: freshfoodz prices refresh --stack de-prod", stderr.ToString().TrimEnd());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
