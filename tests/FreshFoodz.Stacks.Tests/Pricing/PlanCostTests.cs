using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Tests.Plans;

namespace FreshFoodz.Stacks.Tests.Pricing;

/// <summary>The one cost model: every planned resource priced from the sheet, nothing unpriced counted as zero.</summary>
public class PlanCostTests
{
    /// <summary>Round test prices, so the expected sums can be worked out by hand.</summary>
    internal static PriceSheet Sheet(string stack = "de-prod", string currency = "EUR", params string[] without)
    {
        (string Key, decimal Price, string Unit)[] rows =
        [
            ("vm:germanywestcentral:Standard_D4ds_v5", 0.25m, Meters.PerHour),
            ("vm:germanywestcentral:Standard_D2ds_v5", 0.125m, Meters.PerHour),
            ("aks-tier:germanywestcentral:Standard", 0.1m, Meters.PerHour),
            ("postgres-compute:germanywestcentral:Standard_D16ds_v5", 2m, Meters.PerHour),
            ("postgres-compute:germanywestcentral:Standard_D2ds_v5", 0.25m, Meters.PerHour),
            ("postgres-compute:germanywestcentral:Standard_B2s", 0.05m, Meters.PerHour),
            ("postgres-compute:germanynorth:Standard_D16ds_v5", 2.5m, Meters.PerHour),
            ("postgres-compute:germanynorth:Standard_D2ds_v5", 0.3m, Meters.PerHour),
            ("postgres-storage:germanywestcentral", 0.146m, Meters.PerGbMonth), // 0.0002 per GB-hour
            ("postgres-storage:germanynorth", 0.219m, Meters.PerGbMonth),       // 0.0003 per GB-hour
        ];
        var prices = rows.Where(r => !without.Contains(r.Key))
            .ToDictionary(r => r.Key, r => new MeterPrice(r.Key, r.Price, r.Unit, "m", "id", "s", "p", "2026-01-01"));
        return new PriceSheet(stack, currency, PriceSource.RetailPricesApi, new DateOnly(2026, 12, 1), "", prices, []);
    }

    private static PlanCost Weihnachten(PriceSheet sheet) =>
        PlanCostModel.Price(Plans.Plans.Of("de-prod", Season.Weihnachten), "germanywestcentral", Plans.Plans.Settings("de-prod").Capacity.PostgresSkus, sheet);

    /// <summary>
    /// de-prod at Weihnachten (golden plan): 6 app nodes D4 at the autoscaler minimum, the off-hours count (1.50/h),
    /// 3 system nodes D2 (0.375), AKS Standard (0.1);
    /// critical D16 with a same-zone HA standby, 512 GB each (2 × 2 + 2 × 512 × 0.0002 = 4.2048) and its DR replica
    /// (2.5 + 512 × 0.0003 = 2.6536); high D2, 256 GB (0.25 + 0.0512) and its replica (0.3 + 0.0768); standard B2s,
    /// 64 GB (0.05 + 0.0128). Sum 9.5742 per hour.
    /// </summary>
    [Fact]
    public void WholePlanIsPricedByHand()
    {
        var cost = Weihnachten(Sheet());
        Assert.Equal(9.5742m, Math.Round(cost.Hourly, 6));
        Assert.Equal(9.5742m * 730m, Math.Round(cost.Monthly, 4));
    }

    [Fact]
    public void HaStandbyDoublesComputeAndStorageOfTheCriticalServerOnly()
    {
        var lines = Weihnachten(Sheet()).Lines;
        Assert.Equal(2, lines.Count(l => l.Demand.Resource == "data-critical-server" && l.Demand.Group.StartsWith("PostgreSQL HA standbys", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Demand.Resource == "data-high-server" && l.Demand.Group.StartsWith("PostgreSQL HA standbys", StringComparison.Ordinal));
        // Mutation: the same plan with HA off loses exactly the standby (2 + 512 × 0.0002 per hour).
        var plan = Plans.Plans.Of("de-prod", Season.Weihnachten)
            .Mutate("data-critical-server", i => i.With("highAvailability", new Props { ["mode"] = "Disabled" }.Build()));
        var withoutHa = PlanCostModel.Price(plan, "germanywestcentral", Plans.Plans.Settings("de-prod").Capacity.PostgresSkus, Sheet());
        Assert.Equal(9.5742m - 2.1024m, Math.Round(withoutHa.Hourly, 6));
    }

    [Fact]
    public void ReplicasArePricedAtTheDrRegionsMeters()
    {
        var replica = Weihnachten(Sheet()).Lines.Where(l => l.Demand.Resource == "data-critical-replica").ToList();
        Assert.Equal(["postgres-compute:germanynorth:Standard_D16ds_v5", "postgres-storage:germanynorth"], replica.Select(l => l.Demand.Meter.Key));
        Assert.All(replica, l => Assert.Equal("PostgreSQL replicas (DR)", l.Demand.Group.Split(':')[0]));
    }

    [Fact]
    public void AMissingPriceIsListedNotCountedAsZero()
    {
        var cost = Weihnachten(Sheet(without: "postgres-storage:germanynorth"));
        Assert.Equal(9.5742m - 0.1536m - 0.0768m, Math.Round(cost.Hourly, 6));
        var missing = cost.Unpriced.Where(u => u.Reason.Contains("postgres-storage:germanynorth", StringComparison.Ordinal)).Select(u => u.Resource).Order(StringComparer.Ordinal);
        Assert.Equal(["data-critical-replica", "data-high-replica"], missing);
    }

    [Fact]
    public void StorageAccountsAreListedWithTheirMeterBecauseTheVolumeIsNotPlanned()
    {
        var unpriced = Weihnachten(Sheet()).Unpriced;
        var accounts = unpriced.Where(u => u.Resource.StartsWith("audit-", StringComparison.Ordinal) && u.Resource.EndsWith("-account", StringComparison.Ordinal)).ToList();
        Assert.Equal(["audit-acct11y-account", "audit-audit7y-account"], accounts.Select(u => u.Resource).Order(StringComparer.Ordinal));
        Assert.All(accounts, u => Assert.Equal("blob-storage:germanywestcentral:Standard_GZRS:Cool", u.Meter?.Key));
        Assert.All(accounts, u => Assert.EndsWith($"set volumes.{u.Resource}.storedGb in prices/de-prod.usage.yaml", u.Reason, StringComparison.Ordinal));
        Assert.All(unpriced, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
    }

    /// <summary>Round network and logs prices, and volumes, so the lines can be worked out by hand.</summary>
    private static PriceSheet WithNetworkAndLogs(UsageEstimates usage)
    {
        var sheet = Sheet();
        var prices = new Dictionary<string, MeterPrice>(sheet.Prices);
        foreach (var (key, price, unit) in new[]
        {
            ("lb-rules:germanywestcentral", 0.05m, Meters.PerHour), ("lb-data:germanywestcentral", 0.05m, Meters.PerGb),
            ("public-ip-static:germanywestcentral", 0.005m, Meters.PerHour),
            ("private-endpoint:Global", 0.01m, Meters.PerHour), ("private-endpoint-ingress:Global", 0.01m, Meters.PerGb),
            ("private-endpoint-egress:Global", 0.01m, Meters.PerGb), ("private-dns-zone", 0.73m, Meters.PerMonth),
            ("log-ingestion:germanywestcentral", 3m, Meters.PerGb), ("log-retention:germanywestcentral", 0.1m, Meters.PerGbMonth),
            ("keyvault-operations:germanywestcentral", 0.03m, Meters.Per10K), ("global-peering:Zone 1", 0.035m, Meters.PerGb),
        })
        {
            prices[key] = new MeterPrice(key, price, unit, "m", "id", "s", "p", "2026-01-01");
        }
        return sheet with { Prices = prices, Usage = usage };
    }

    private static UsageEstimates Usage(params (string Resource, string Quantity, decimal Value)[] volumes) => new("test",
        volumes.GroupBy(v => v.Resource).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(v => v.Quantity, v => v.Value)));

    /// <summary>
    /// de-prod's network at Weihnachten, per hour: the cluster's egress load balancer (its rules) 0.05, its public IP
    /// 0.005, 3 private endpoints 0.03, 3 private DNS zones 3 × 0.73 / 730 = 0.003. Volumes: egress 730 GB a month
    /// through the load balancer × 0.05 / 730 = 0.05; the critical
    /// workspace 2 GB a day × 730/24 days × 3 / 730 = 0.25, kept 35 days = 4 days past 31 → 8 GB-months × 0.1 / 730;
    /// the vault's 7.3 million operations = 730 × 10K × 0.03 / 730 = 0.03; 1 GB a day into the other workspaces each.
    /// </summary>
    [Fact]
    public void NetworkAndLogsArePricedByHand()
    {
        var usage = Usage(("platform-cluster", "processedGbPerMonth", 730), ("logs-workspace-critical", "ingestionGbPerDay", 2),
            ("logs-workspace-high", "ingestionGbPerDay", 1), ("logs-workspace-standard", "ingestionGbPerDay", 1),
            ("secrets-vault", "operationsPerMonth", 7_300_000));
        var cost = Weihnachten(WithNetworkAndLogs(usage));
        decimal Group(string g) => Math.Round(cost.Lines.Where(l => l.Demand.Group == g).Sum(l => l.Hourly), 6);
        Assert.Equal(0.05m, Group("network: egress load balancer"));
        Assert.Equal(0.005m, Group("network: public IP"));
        Assert.Equal(0.03m, Group("network: private endpoints"));
        Assert.Equal(0.003m, Group("network: private DNS zones"));
        Assert.Equal(0.05m, Group("network: egress data processed"));
        Assert.Equal(0.25m + 0.125m + 0.125m, Group("logs: ingestion"));
        Assert.Equal(Math.Round(8 * 0.1m / 730, 6), Group("logs: retention beyond 31 days")); // high and standard keep 30 days
        Assert.Equal(0.03m, Group("secrets: vault operations"));
        Assert.Equal(9.5742m + 0.088m + 0.05m + 0.5m + Math.Round(8 * 0.1m / 730, 6) + 0.03m, Math.Round(cost.Hourly, 6));
        // What still has no estimate is listed with the key to set; peering has no meter at all.
        Assert.Contains(cost.Unpriced, u => u.Resource == "secrets-vault-endpoint" && u.Reason.EndsWith("set volumes.secrets-vault-endpoint.ingressGbPerMonth in prices/de-prod.usage.yaml", StringComparison.Ordinal));
        Assert.Contains(cost.Unpriced, u => u.Resource == "network-peering-primary-to-dr" && u.UsageKey == "volumes.network-peering-primary-to-dr.sentGbPerMonth");
        Assert.DoesNotContain(cost.Unpriced, u => u.Resource.StartsWith("logs-workspace", StringComparison.Ordinal) || u.Resource == "network-egress-ip");
    }

    /// <summary>
    /// Primary (germanywestcentral) to DR (germanynorth) is global peering, both in Zone 1: 730 GB sent a month is
    /// billed out and in, 2 × 730 × 0.035 / 730 = 0.07 per hour.
    /// </summary>
    [Fact]
    public void PeeringIsBilledOutOfOneRegionAndIntoTheOther()
    {
        var cost = Weihnachten(WithNetworkAndLogs(Usage(("network-peering-primary-to-dr", "sentGbPerMonth", 730))));
        var line = Assert.Single(cost.Lines, l => l.Demand.Group == "network: peering");
        Assert.Equal(("network-peering-primary-to-dr", "global-peering:Zone 1", 1460m, 0.07m), (line.Demand.Resource, line.Demand.Meter.Key, line.Demand.Quantity, line.Hourly));
        // The same peering with both networks in one region bills the intra-region meter instead.
        var plan = Plans.Plans.Of("de-prod", Season.Weihnachten).Mutate("network-vnet-dr", i => i.With("location", new PlanString("germanywestcentral")));
        var intra = PlanCostModel.Demands(plan, "germanywestcentral", Plans.Plans.Settings("de-prod").Capacity.PostgresSkus, Usage(("network-peering-primary-to-dr", "sentGbPerMonth", 1)));
        Assert.Equal("intra-region-peering:Global", Assert.Single(intra.Demands, d => d.Group == "network: peering").Meter.Key);
    }

    [Fact]
    public void WithoutVolumesOnlyTheFixedNetworkChargesArePriced()
    {
        var cost = Weihnachten(WithNetworkAndLogs(UsageEstimates.None));
        Assert.Equal(9.5742m + 0.088m, Math.Round(cost.Hourly, 6));
        var volume = cost.Unpriced.Where(u => u.Reason.Contains("billed by volume", StringComparison.Ordinal)).ToList();
        Assert.Contains(volume, u => u.Resource == "logs-workspace-critical" && u.Meter?.Key == "log-ingestion:germanywestcentral");
        Assert.Contains(volume, u => u.Resource == "logs-workspace-critical" && u.Meter?.Key == "log-retention:germanywestcentral");
        Assert.Contains(volume, u => u.Resource == "platform-cluster" && u.Meter?.Key == "lb-data:germanywestcentral");
        Assert.Contains(volume, u => u.Resource == "secrets-vault" && u.Meter?.Key == "keyvault-operations:germanywestcentral");
    }

    [Fact]
    public void AUsageFileNamingNoPlannedResourceOrTheWrongVolumeIsRefused()
    {
        var settings = Plans.Plans.Settings("de-prod");
        var typo = Assert.Throws<PriceSheetException>(() => new StackCost(settings, Sheet() with { Usage = Usage(("logs-workspace-critcal", "ingestionGbPerDay", 1)) }));
        Assert.StartsWith("prices/de-prod.usage.yaml: volumes.logs-workspace-critcal names no planned resource; resources billed by volume: audit-acct11y-account, ", typo.Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<PriceSheetException>(() => new StackCost(settings, Sheet() with { Usage = Usage(("secrets-vault", "storedGb", 1)) }));
        Assert.Equal("prices/de-prod.usage.yaml: volumes.secrets-vault.storedGb: azure-native:keyvault:Vault is not billed by storedGb; allowed: operationsPerMonth", wrong.Message);
    }

    [Fact]
    public void AResourceTypeWithoutARuleIsListedUnpriced()
    {
        var plan = Plans.Plans.Of("de-prod", Season.Baseline);
        plan = plan with
        {
            Resources = plan.Resources.Add(new PlannedResource("azure-native:network:ApplicationGateway", "ingress-gateway", PlanMap.Empty, new PlanOptions())),
        };
        var cost = PlanCostModel.Price(plan, "germanywestcentral", Plans.Plans.Settings("de-prod").Capacity.PostgresSkus, Sheet());
        var u = Assert.Single(cost.Unpriced, u => u.Resource == "ingress-gateway");
        Assert.Equal("azure-native:network:ApplicationGateway", u.Type);
        Assert.StartsWith("no cost rule", u.Reason, StringComparison.Ordinal);
    }

    /// <summary>A resource type added to the plans gets a cost rule or a place in NoCharge, or this fails naming it.</summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void EveryPlannedTypeHasACostRule(string stack)
    {
        foreach (var season in SeasonNames.All)
        {
            var (_, unpriced) = PlanCostModel.Demands(Plans.Plans.Of(stack, season), Plans.Plans.Settings(stack).Region.Name, Plans.Plans.Settings(stack).Capacity.PostgresSkus);
            Assert.Empty(unpriced.Where(u => u.Reason.StartsWith("no cost rule", StringComparison.Ordinal)).Select(u => $"{season}: {u.Resource} {u.Type}"));
        }
    }

    [Fact]
    public void ANodePoolWithoutACountIsListedNotZero()
    {
        var plan = Plans.Plans.Of("de-prod", Season.Baseline)
            .Mutate("platform-app-pool", i => new PlanMap(i.Entries.Remove("minCount").Remove("count")));
        var cost = PlanCostModel.Price(plan, "germanywestcentral", Plans.Plans.Settings("de-prod").Capacity.PostgresSkus, Sheet());
        Assert.DoesNotContain(cost.Lines, l => l.Demand.Group == "app nodes");
        Assert.Contains(cost.Unpriced, u => u.Resource == "platform-app-pool" && u.Reason == "app nodes: the plan gives no node count");
    }

    /// <summary>
    /// The app pool is priced at its autoscaler minimum, the schedule's off-hours count; the business window adds the
    /// season's other nodes for the hours they run (seasonal only: all day).
    /// </summary>
    [Fact]
    public void AppNodesFollowTheSeasonsSizingAndTheDailySchedule()
    {
        var settings = Plans.Plans.Settings("de-prod");
        var cost = new StackCost(settings, Sheet());
        foreach (var season in SeasonNames.All)
        {
            var nodes = CapacityEngine.Size(settings.Capacity, season).Nodes;
            var schedule = cost.ScheduleFor(season);
            Assert.Equal(nodes.AutoscalerMin, schedule.BusinessNodes);
            var pool = cost.Plan(season).Lines.Single(l => l.Demand.Group == "app nodes");
            Assert.Equal(schedule.OffHoursNodes, pool.Demand.Quantity);
            Assert.Equal(nodes.AutoscalerMin * 0.25m, cost.SeasonalOnly(season).Lines.Where(l => l.Demand.Group.StartsWith("app nodes", StringComparison.Ordinal)).Sum(l => l.Hourly));
        }
    }

    /// <summary>2026 under auto: spargel 105 days, oktoberfest 44, weihnachten 75, baseline 141 (lead time 14 days).</summary>
    [Fact]
    public void YearCountsEachSeasonsDaysAtItsPlansHourlyCost()
    {
        var cost = new StackCost(Plans.Plans.Settings("de-prod"), Sheet());
        var year = cost.ProjectYear(2026);
        var days = year.Months.SelectMany(m => m.DaysBySeason).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        Assert.Equal((105, 44, 75, 141), (days[Season.Spargel], days[Season.Oktoberfest], days[Season.Weihnachten], days[Season.Baseline]));
        var expected = 24m * (105 * cost.ForSeason(Season.Spargel).Hourly + 44 * cost.ForSeason(Season.Oktoberfest).Hourly
            + 75 * cost.ForSeason(Season.Weihnachten).Hourly + 141 * cost.ForSeason(Season.Baseline).Hourly);
        Assert.Equal(Math.Round(expected, 6), Math.Round(year.Yearly, 6));
        // The static peak: Weihnachten's plan (9.5742/h) with its 2 business-window nodes all day (0.50/h).
        Assert.Equal(Math.Round(365 * 24 * 10.0742m, 6), Math.Round(year.YearlyStaticPeak, 6));
        Assert.True(year.Saving > 0);
    }

    /// <summary>
    /// de-prod's Weihnachten day under its daily schedule (docs/capacity-model.md, Daily floor): order-api's floor
    /// survivor carries 20 req/s, so the window is 06:00–19:00 on the default curve, its minimum from 05:50 and its
    /// 8 nodes until 19:15: 13.4167 h. The other 10.5833 h run 6 nodes (8 api floor pods + 13 workers, 5 packed +
    /// surge): 2 nodes × 0.25 × 10.5833 h = 5.2917 less than 24 h of the plan (10.0742/h).
    /// Baseline: the floors carry the busy hour (22.5 req/s on order-api against 28), so all day 5 nodes instead of 6
    /// (8 api + 6 worker floor pods: {3 api, 1 w}, {3 api, 1 w}, {2 api, 3 w}, {1 w} + surge).
    /// </summary>
    [Fact]
    public void DailyFloorRunsFewerAppNodesOutsideTheWindowAndNothingElseChanges()
    {
        var cost = new StackCost(Plans.Plans.Settings("de-prod"), Sheet());
        Assert.Equal(24m * 10.0742m - 2m * 0.25m * (24m - 48300m / 3600m), 24m * cost.ForSeason(Season.Weihnachten).Hourly, 6);
        Assert.Equal(24m * cost.SeasonalOnly(Season.Baseline).Hourly - 1m * 0.25m * 24m, 24m * cost.ForSeason(Season.Baseline).Hourly, 6);

        var year = cost.ProjectYear(2026);
        var seasonal = cost.ProjectYear(2026, dailyFloor: false);
        Assert.Equal(seasonal.YearlyStaticPeak, year.YearlyStaticPeak);
        var expected = 24m * (105 * cost.SeasonalOnly(Season.Spargel).Hourly + 44 * cost.SeasonalOnly(Season.Oktoberfest).Hourly
            + 75 * cost.SeasonalOnly(Season.Weihnachten).Hourly + 141 * cost.SeasonalOnly(Season.Baseline).Hourly);
        Assert.Equal(Math.Round(expected, 6), Math.Round(seasonal.Yearly, 6));
        Assert.True(year.Yearly < seasonal.Yearly);
    }

    [Fact]
    public void ASheetInAnotherCurrencyIsRefused()
    {
        var e = Assert.Throws<PriceSheetException>(() => new StackCost(Plans.Plans.Settings("ch-prod"), Sheet("ch-prod", "EUR")));
        Assert.Equal("prices/ch-prod.prices.yaml: currency must be CHF (territory ch), got 'EUR'", e.Message);
    }
}
