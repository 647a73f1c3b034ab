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
        Assert.All(accounts, u => Assert.Contains("blob-storage:germanywestcentral:Standard_GZRS:Cool", u.Reason, StringComparison.Ordinal));
        // The network and logs layer's metered parts have no rule yet: listed, each with its reason, never zero.
        var layer = unpriced.Select(u => u.Resource).Where(r => r.StartsWith("network-", StringComparison.Ordinal) || r.StartsWith("logs-", StringComparison.Ordinal)
            || r.StartsWith("secrets-", StringComparison.Ordinal)).ToList();
        Assert.Contains("network-egress", layer);
        Assert.Contains("secrets-vault", layer);
        Assert.Contains("logs-workspace-critical", layer);
        Assert.All(unpriced, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
    }

    [Fact]
    public void AResourceTypeWithoutARuleIsListedUnpriced()
    {
        var plan = Plans.Plans.Of("de-prod", Season.Baseline);
        plan = plan with
        {
            Resources = plan.Resources.Add(new PlannedResource("azure-native:network:PublicIPAddress", "ingress-ip", PlanMap.Empty, new PlanOptions())),
        };
        var cost = PlanCostModel.Price(plan, "germanywestcentral", Plans.Plans.Settings("de-prod").Capacity.PostgresSkus, Sheet());
        var u = Assert.Single(cost.Unpriced, u => u.Resource == "ingress-ip");
        Assert.Equal("azure-native:network:PublicIPAddress", u.Type);
        Assert.StartsWith("no cost rule", u.Reason, StringComparison.Ordinal);
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
