using System.Text.Json.Nodes;

namespace FreshFoodz.Cli.Tests;

public class CapacityCommandTests
{
    private static JsonNode Json(params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(["capacity", .. args, "--format", "json"]);
        Assert.True(exit == 0, error);
        return JsonNode.Parse(output)!;
    }

    /// <summary>The fields the issue promises scripts, for every stack.</summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void JsonCarriesTheDocumentedFields(string stack)
    {
        var json = Json("--stack", stack);
        string[] paths =
        [
            "stack", "territory", "season", "loadMultiplier",
            "app.arrivalRatePerSecond", "app.meanServiceTimeSeconds", "app.concurrencyPerPod", "app.targetUtilization",
            "app.sloP95Seconds", "app.littlesLawPods", "app.pods", "app.predictedP95Seconds", "app.seedFormulaPods",
            "app.hpa.minReplicas", "app.hpa.maxReplicas", "workers.count", "database.sku", "database.connections",
            "nodes.count", "cost.currency", "cost.monthly", "cost.yearly", "cost.yearlyStaticPeak",
        ];
        foreach (var path in paths)
        {
            var node = path.Split('.').Aggregate((JsonNode?)json, (n, key) => n?[key]);
            Assert.True(node is not null, $"{stack}: {path} missing");
        }
        Assert.Equal(stack, (string?)json["stack"]);
    }

    [Fact]
    public void GermanWeihnachtenOnTheDefaultDate()
    {
        // 2026-11-22 is inside Weihnachten's window (from Oct 18). λ = 50 × 5 = 250/s; 250 × 0.2 / (8 × 0.5) = 12.5 → 13 pods.
        var json = Json("--stack", "de-prod");
        Assert.Equal("weihnachten", (string?)json["season"]);
        Assert.Equal(5.0, (double)json["loadMultiplier"]!);
        Assert.Equal(250.0, (double)json["app"]!["arrivalRatePerSecond"]!);
        Assert.Equal(13, (int)json["app"]!["pods"]!);
        Assert.Equal("EUR", (string?)json["cost"]!["currency"]);
    }

    [Theory]
    [InlineData("baseline", 1.0, 50.0)]
    [InlineData("spargel", 3.0, 150.0)]
    [InlineData("oktoberfest", 4.0, 200.0)]
    [InlineData("weihnachten", 5.0, 250.0)]
    public void SeasonOptionOverridesTheStack(string season, double multiplier, double rate)
    {
        var json = Json("--stack", "de-prod", "--season", season);
        Assert.Equal(season, (string?)json["season"]);
        Assert.Equal(multiplier, (double)json["loadMultiplier"]!);
        Assert.Equal(rate, (double)json["app"]!["arrivalRatePerSecond"]!);
    }

    [Fact]
    public void DateOptionResolvesAuto()
    {
        Assert.Equal("baseline", (string?)Json("--stack", "de-prod", "--date", "2026-03-17")["season"]);
        Assert.Equal("spargel", (string?)Json("--stack", "de-prod", "--date", "2026-03-18")["season"]);
    }

    [Fact]
    public void SwissStackPricesInFrancs() => Assert.Equal("CHF", (string?)Json("--stack", "ch-prod")["cost"]!["currency"]);

    [Fact]
    public void JsonIsStable()
    {
        var a = CliRunner.Run("capacity", "--stack", "ch-prod", "--format", "json").Out;
        var b = CliRunner.Run("capacity", "--stack", "ch-prod", "--format", "json").Out;
        Assert.Equal(a, b);
    }

    [Fact]
    public void TableShowsEveryTierAndTheFormula()
    {
        var (exit, output, _) = CliRunner.Run("capacity", "--stack", "de-prod");
        Assert.Equal(0, exit);
        Assert.Contains("de-prod (de, germanywestcentral): season weihnachten (auto on 2026-11-22), load x5", output, StringComparison.Ordinal);
        foreach (var tier in new[] { "api", "hpa", "workers", "database", "nodes", "cost" })
        {
            Assert.Contains($"│ {tier}", output, StringComparison.Ordinal);
        }
        Assert.Contains("L = λ·S = 50 in service", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownStackIsOneActionableLineAndExitTwo()
    {
        var (exit, output, error) = CliRunner.Run("capacity", "--stack", "fr-prod");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("no stack file Pulumi.fr-prod.yaml", error, StringComparison.Ordinal);
        Assert.Contains("stacks here: ch-prod, de-prod, peak-weihnachten", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedDateIsAUsageError()
    {
        var (exit, _, error) = CliRunner.Run("capacity", "--stack", "de-prod", "--date", "22.11.2026");
        Assert.Equal(1, exit);
        Assert.Equal("error: --date: expected yyyy-MM-dd, got '22.11.2026'", error.Trim());
    }

    [Fact]
    public void UnknownSeasonIsRejectedByTheParser()
    {
        var (exit, _, error) = CliRunner.Run("capacity", "--stack", "de-prod", "--season", "fasching");
        Assert.Equal(1, exit);
        Assert.Contains("fasching", error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSettingsListEveryProblem()
    {
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, "Pulumi.de-prod.yaml"))
            .Replace("freshfoodz:territory: de", "freshfoodz:territory: fr", StringComparison.Ordinal)
            .Replace("concurrencyPerPod: 8", "concurrencyPerPod: 0", StringComparison.Ordinal);
        var dir = CliRunner.ProjectWith("bad", yaml);
        var stderr = new StringWriter();
        var exit = CliApp.Run(["capacity", "--stack", "bad", "--project-dir", dir], new StringWriter(), stderr, TimeProvider.System);
        Assert.Equal(2, exit);
        var lines = stderr.ToString().Trim().Split('\n');
        Assert.Equal("error: 2 problems in the stack settings:", lines[0].Trim());
        Assert.Contains(lines, l => l.Contains("Pulumi.bad.yaml:8: freshfoodz:territory: unknown territory 'fr'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("freshfoodz:workload.api.concurrencyPerPod: must be a whole number from 1 to 1000, got '0'", StringComparison.Ordinal));
    }

    [Fact]
    public void ATableWithoutABigEnoughDatabaseSaysWhichLimitFailed()
    {
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, "Pulumi.ch-prod.yaml"))
            .Replace("    Standard_D8ds_v5: {tier: GeneralPurpose, vCores: 8, memoryGiB: 32}\n", "", StringComparison.Ordinal)
            .Replace("    Standard_D16ds_v5: {tier: GeneralPurpose, vCores: 16, memoryGiB: 64}\n", "", StringComparison.Ordinal)
            .Replace("baselineRequestsPerSecond: 15", "baselineRequestsPerSecond: 150", StringComparison.Ordinal);
        var dir = CliRunner.ProjectWith("big", yaml);
        var stderr = new StringWriter();
        var exit = CliApp.Run(["capacity", "--stack", "big", "--season", "weihnachten", "--project-dir", dir], new StringWriter(), stderr, TimeProvider.System);
        Assert.Equal(3, exit);
        Assert.StartsWith("error: freshfoodz:postgresSkus: no SKU fits the weihnachten load (vCores: needs", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// de-prod at Weihnachten with the committed sheet (VM 0.24 / 0.12 per hour, PostgreSQL per month / 730): app nodes
    /// = the pool's autoscaler minimum × 0.24 × 730, system nodes = 3 × 0.12 × 730 = 262.80, and the critical server's
    /// HA standby (Standard_D16ds_v5, 1,200 per month) a cost item of its own.
    /// </summary>
    [Fact]
    public void CostIsBrokenDownAndSaysWhereThePricesComeFrom()
    {
        var json = Json("--stack", "de-prod", "--season", "weihnachten");
        var groups = json["cost"]!["monthlyByGroup"]!.AsObject();
        // Daily floor: the pool's 6 off-hours nodes all month, the season's other 2 for 05:50–19:15 (13.4167 h a day).
        Assert.Equal(8, (int)json["nodes"]!["autoscalerMin"]!);
        var daily = json["dailySchedule"]!;
        Assert.Equal(("Europe/Berlin", "05:50", "19:00", 8, 6), ((string)daily["timeZone"]!, (string)daily["windowStart"]!, (string)daily["windowEnd"]!, (int)daily["businessNodes"]!, (int)daily["offHoursNodes"]!));
        Assert.Equal(2, (int)daily["offHoursMinReplicas"]!["order-api"]!);
        Assert.Equal("default: B2B food ordering (docs/capacity-model.md, Daily floor)", (string?)daily["loadCurve"]); // no freshfoodz:dailyLoad in de-prod
        Assert.Equal(6 * 0.24m * 730m, (decimal)groups["app nodes"]!);
        Assert.Equal(195.88m, (decimal)groups["app nodes, business window"]!); // 2 × 13.4167 / 24 × 0.24 × 730
        Assert.Equal(262.80m, (decimal)groups["system nodes"]!);
        Assert.Equal(1200.00m, (decimal)groups["PostgreSQL HA standbys: compute"]!);
        Assert.Equal((decimal)json["cost"]!["monthly"]!, groups.Sum(g => (decimal)g.Value!));
        Assert.Equal("not-from-api", (string?)json["cost"]!["prices"]);
        Assert.Contains(json["cost"]!["unpriced"]!.AsArray(), u => (string?)u!["resource"] == "data-critical-replica");

        var (_, table, _) = CliRunner.Run("capacity", "--stack", "de-prod", "--season", "weihnachten");
        Assert.Contains("PostgreSQL HA standbys: compute", table, StringComparison.Ordinal);
        Assert.Contains("Prices: NOT from the Azure Retail Prices API", table, StringComparison.Ordinal);
        Assert.Contains("Not priced in this season's plan", table, StringComparison.Ordinal);
        // Grouped by what prices them: a refresh (meters named with their resources), a volume estimate (key named).
        Assert.Contains("no price in prices/de-prod.prices.yaml (freshfoodz prices refresh --stack de-prod):", table, StringComparison.Ordinal);
        Assert.Contains("no volume estimate in prices/de-prod.usage.yaml:", table, StringComparison.Ordinal);
        Assert.Contains("volumes.secrets-vault.operationsPerMonth", table, StringComparison.Ordinal);
        Assert.Contains("volumes.network-peering-primary-to-dr.sentGbPerMonth", table, StringComparison.Ordinal);
    }
}
