using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Capacity.Tests;

/// <summary>Each sizing rule against numbers worked out by hand from its documented formula.</summary>
public class SizingTests
{
    [Fact]
    public void AppTier_WeihnachtenIsSizedByUtilization()
    {
        // λ = 50 × 5 = 250/s, S = 0.2 s: L = 50 busy. 50 / (8 × 0.5) = 12.5 → 13 pods; ρ = 50 / 104.
        // Seasonal-plan formula: 250 × 0.6 / 0.5 / 8 = 37.5 → 38 pods.
        var s = AppTierSizer.Size(new AppTierDemand(250, 0.2, 0.6, 8, 0.5, 1.5, 3));
        Assert.Equal(13, s.LittlesLawPods);
        Assert.Equal(13, s.Pods);
        Assert.Equal(50.0 / 104, s.Utilization, 12);
        Assert.Equal(38, s.SeedFormulaPods);
        Assert.Equal(SizingLimit.Utilization, s.DecidedBy);
        Assert.True(s.PredictedP95Seconds <= 1.5);
    }

    [Fact]
    public void AppTier_BaselineFallsBackToOnePodPerZone()
    {
        // 50 × 0.2 / (8 × 0.7) = 1.79 → 2 pods, below the HA minimum of 3.
        var s = AppTierSizer.Size(new AppTierDemand(50, 0.2, 0.6, 8, 0.7, 1.5, 3));
        Assert.Equal(3, s.Pods);
        Assert.Equal(SizingLimit.HighAvailabilityMinimum, s.DecidedBy);
    }

    [Fact]
    public void AppTier_TightSloAddsPodsBeyondLittlesLaw()
    {
        // λ = 0.5, S = 1, c = 1, ρ ≤ 0.9: Little's Law needs 1 server. Its p95 is 2·ln 20 = 5.99 s > 4 s;
        // two servers give 3.1427 s (worked by hand in MmnModelTests), so the SLO decides: 2 pods.
        var s = AppTierSizer.Size(new AppTierDemand(0.5, 1, 3, 1, 0.9, 4.0, 1));
        Assert.Equal(1, s.LittlesLawPods);
        Assert.Equal(2, s.Pods);
        Assert.Equal(3.1427, s.PredictedP95Seconds, 3);
        Assert.Equal(SizingLimit.LatencySlo, s.DecidedBy);
    }

    [Fact]
    public void AppTier_ExactRatiosDoNotRoundUpOnFloatingPointNoise()
    {
        // 30 × 0.1 / (1 × 0.5) is 6 exactly, but 30 × 0.1 is 3.0000000000000004 in binary floating point.
        var s = AppTierSizer.Size(new AppTierDemand(30, 0.1, 0.3, 1, 0.5, 100, 1));
        Assert.Equal(6, s.LittlesLawPods);
    }

    [Fact]
    public void AppTier_UnreachableSloIsAClearError()
    {
        // The p95 of the service time alone is S·ln 20 ≈ 0.6 s; an SLO of 0.5 s can never be met.
        var e = Assert.Throws<CapacityException>(() => AppTierSizer.Size(new AppTierDemand(10, 0.2, 0.6, 1, 0.5, 0.5, 1)));
        Assert.Contains("p95 SLO of 0.5 s cannot be met", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workers_SizedByUtilizationAboveTheMinimum()
    {
        // 10 jobs/s × 1.5 s = 15 busy; 15 / (2 × 0.65) = 11.54 → 12 workers.
        var w = WorkerSizer.Size(10, TestInputs.Workload.Workers, 0.65, 3);
        Assert.Equal(12, w.Count);
        Assert.Equal(SizingLimit.Utilization, w.DecidedBy);
        // 2 jobs/s: 3 / (2 × 0.85) = 1.76 → 2 < 3.
        Assert.Equal(3, WorkerSizer.Size(2, TestInputs.Workload.Workers, 0.85, 3).Count);
    }

    [Fact]
    public void Database_PicksTheSmallestSkuWithTheVCoresAndRoomForPgBouncersPool()
    {
        // (250 × 6 + 10 × 40) queries/s × 0.003 s / 0.6 = 9.5 vCores → 16 vCores (8 is too few).
        // Client connections: 13 × 10 + 12 × 4 = 178; at 20 api and 18 worker max replicas 20 × 10 + 18 × 4 = 272.
        // Busy server connections: 1,900 queries/s × 0.003 s = 5.7, of PgBouncer's pool of 50.
        var d = DatabaseSizer.Size(250, 10, TestInputs.Workload, 13, 20, 12, 18, 0.6, TestInputs.Skus, "weihnachten");
        Assert.Equal(9.5, d.VCoresNeeded, 9);
        Assert.Equal(178, d.Connections);
        Assert.Equal(272, d.ConnectionsAtMaxReplicas);
        Assert.Equal(5.7, d.BusyServerConnections, 9);
        Assert.Equal(50, d.ServerConnections);
        Assert.Equal("Standard_D16ds_v5", d.Sku.Name);
    }

    [Fact]
    public void Database_NeverChoosesBurstable()
    {
        // 1 request/s needs almost nothing; B2s would fit, but Burstable has no HA, replicas or PgBouncer.
        var d = DatabaseSizer.Size(1, 0.1, TestInputs.Workload, 3, 5, 3, 5, 0.8, TestInputs.Skus, "baseline");
        Assert.Equal("Standard_D2ds_v5", d.Sku.Name);
    }

    [Fact]
    public void Database_NoFitNamesTheVCoreLimit()
    {
        var small = TestInputs.Skus.Where(s => s.VCores <= 8).ToList();
        var e = Assert.Throws<CapacityException>(() =>
            DatabaseSizer.Size(250, 10, TestInputs.Workload, 13, 20, 12, 18, 0.6, small, "weihnachten"));
        Assert.Equal(
            "freshfoodz:postgresSkus: no SKU fits the weihnachten load (vCores: needs 9.5, the largest SKU has 8); add a larger SKU to the table",
            e.Message);
    }

    [Fact]
    public void Database_ClientConnectionsBeyondTheSkuDefaultAreFineThroughPgBouncer()
    {
        // 272 client connections at max replicas on a 4 GiB SKU (429 − 15 = 414 usable) would have fit before; 500 api
        // pods × 10 = 5,000 + 18 × 4 = 5,072 would not — yet they go to PgBouncer, which holds only its pool of 50 open.
        PostgresSku[] small = [new("D4", PostgresTier.GeneralPurpose, 16, 4)];
        var d = DatabaseSizer.Size(250, 10, TestInputs.Workload, 13, 20, 12, 18, 0.6, small, "weihnachten");
        Assert.True(d.ConnectionsAtMaxReplicas < PgBouncer.MaxClientConnections);
        var many = DatabaseSizer.Size(250, 10, TestInputs.Workload, 400, 490, 12, 18, 0.6, small, "weihnachten");
        Assert.Equal(4972, many.ConnectionsAtMaxReplicas);
        Assert.True(many.ConnectionsAtMaxReplicas > small[0].UsableConnections);
        Assert.Equal("D4", many.Sku.Name);
    }

    [Fact]
    public void Database_NoFitNamesPgBouncersClientLimit()
    {
        // 500 × 10 + 18 × 4 = 5,072 client connections > pgbouncer.max_client_conn 5,000.
        var e = Assert.Throws<CapacityException>(() =>
            DatabaseSizer.Size(250, 10, TestInputs.Workload, 400, 500, 12, 18, 0.6, TestInputs.Skus, "weihnachten"));
        Assert.StartsWith("freshfoodz:workload: the weihnachten load opens 5072 client connections at max replicas, more than PgBouncer's pgbouncer.max_client_conn (5000)",
            e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Database_NoFitNamesPgBouncersPoolWhenQueriesWouldWait()
    {
        // 6,000 requests/s × 6 + 10 × 40 = 36,400 queries/s × 0.003 s = 109.2 busy > 50 × 0.6 = 30.
        var e = Assert.Throws<CapacityException>(() =>
            DatabaseSizer.Size(6000, 10, TestInputs.Workload, 13, 20, 12, 18, 0.6, TestInputs.Skus, "weihnachten"));
        Assert.Contains("keeps 109.2 server connections busy", e.Message, StringComparison.Ordinal);
        Assert.Contains("pgbouncer.default_pool_size (50)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Database_NoFitNamesTheConnectionLimitForPgBouncersPool()
    {
        // 2 GiB: max_connections 50, 35 usable after Azure's 15 reserved: too few for PgBouncer's pool of 50.
        PostgresSku[] tiny = [new("Tiny", PostgresTier.GeneralPurpose, 64, 2)];
        var e = Assert.Throws<CapacityException>(() =>
            DatabaseSizer.Size(250, 10, TestInputs.Workload, 13, 20, 12, 18, 0.6, tiny, "weihnachten"));
        Assert.Contains("connections: PgBouncer's pool needs 50 server connections, the largest usable max_connections is 35", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 50)]
    [InlineData(4, 429)]
    [InlineData(8, 859)]
    [InlineData(16, 1718)]
    [InlineData(32, 3437)]
    [InlineData(48, 5000)]
    [InlineData(128, 5000)]
    public void Database_MaxConnectionsFollowAzuresMemoryTable(int memoryGiB, int expected) =>
        Assert.Equal(expected, new PostgresSku("x", PostgresTier.GeneralPurpose, 2, memoryGiB).MaxConnections);

    [Fact]
    public void Nodes_AllocatableFollowsTheAksReservationExamples()
    {
        // Microsoft's example: 8 GB and 30 max pods → 20 MB × 30 + 50 MB = 650 MB reserved, + 100 Mi eviction.
        var eight = NodeSizer.Allocatable(new VmSize("v", 2, 8), 30, new PodResources(0, 0));
        Assert.Equal(8192 - 650 - 100, eight.MemoryMiB);
        Assert.Equal(2000 - 100, eight.CpuMillicores);
        // 4 GB and 70 pods: 20 × 70 + 50 = 1450 MB > 25 % of 4 GB = 1024 MB, so 1024 is reserved.
        var four = NodeSizer.Allocatable(new VmSize("v", 4, 4), 70, new PodResources(0, 0));
        Assert.Equal(4096 - 1024 - 100, four.MemoryMiB);
        Assert.Equal(4000 - 140, four.CpuMillicores);
    }

    [Fact]
    public void Nodes_PackFirstFitDecreasingPlusOneSurge()
    {
        // D4ds_v5 with 300m/600 Mi daemon sets: 3560m CPU allocatable. Three 1000m api pods per node leave 560m,
        // room for one 500m worker. 13 api → 5 nodes (3,3,3,3,1); 4 workers fill the full ones, 5 fit beside
        // the single api pod, 3 need a 6th node. 6 packed + 1 surge = 7.
        var plan = CapacityEngine.Size(TestInputs.De(), Season.Weihnachten);
        Assert.Equal(13, plan.App.Pods);
        Assert.Equal(12, plan.Workers.Count);
        Assert.Equal(6, plan.Nodes.PackedNodes);
        Assert.Equal(7, plan.Nodes.Count);
        // At maxReplicas (20 api, ⌈12 × 1.5⌉ = 18 workers): 7 api nodes; 6 workers beside full ones, 3 beside
        // the last; the other 9 at 7 per empty node (3560m / 500m) need 2 more: 9 + 1 surge = 10.
        Assert.Equal(10, plan.Nodes.AutoscalerMax);
    }

    [Fact]
    public void Deployments_SplitBySharesWithAnHaMinimumEach()
    {
        // 13 api pods: 0.5 → ⌈6.5⌉ = 7, 0.3 → ⌈3.9⌉ = 4, 0.2 → ⌈2.6⌉ = 3; 12 workers all on one deployment.
        var inputs = TestInputs.De() with
        {
            Deployments =
            [
                new("sales", "order-api", WorkloadRole.Api, 0.5),
                new("sales", "sample-api", WorkloadRole.Api, 0.3),
                new("crm", "crm-api", WorkloadRole.Api, 0.2),
                new("sales", "jobs", WorkloadRole.Worker, 1.0),
            ],
        };
        var plan = CapacityEngine.Size(inputs, Season.Weihnachten);
        Assert.Equal([7, 4, 3, 12], plan.Deployments.Select(d => d.MinReplicas));
        Assert.Equal([11, 6, 5, 18], plan.Deployments.Select(d => d.MaxReplicas)); // ⌈min × 1.5⌉
        Assert.Equal(14, plan.Hpa.MinReplicas);
        Assert.Equal(22, plan.Hpa.MaxReplicas);
        // Baseline: 3 pods × 0.2 = 0.6 → the HA minimum of 3 for every deployment.
        Assert.All(CapacityEngine.Size(inputs, Season.Baseline).Deployments, d => Assert.True(d.MinReplicas >= 3));
    }

    [Fact]
    public void Nodes_NeverFewerThanZones()
    {
        var plan = CapacityEngine.Size(TestInputs.De(), Season.Baseline);
        Assert.Equal(3, plan.Nodes.Count);
    }

    [Fact]
    public void Nodes_APodLargerThanANodeIsAClearError()
    {
        var huge = new PodGroup("api", 1, new PodResources(8000, 1024));
        var node = new NodeAllocatable(3560, 14634, 50);
        var e = Assert.Throws<CapacityException>(() => NodeSizer.Pack(node, [huge], "Standard_D4ds_v5"));
        Assert.Contains("does not fit one Standard_D4ds_v5 node", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hpa_MaxIsPodsTimesHeadroomRoundedUp()
    {
        var plan = CapacityEngine.Size(TestInputs.De(), Season.Weihnachten);
        Assert.Equal(13, plan.Hpa.MinReplicas);
        Assert.Equal(20, plan.Hpa.MaxReplicas); // ⌈13 × 1.5⌉ = ⌈19.5⌉
    }
}
