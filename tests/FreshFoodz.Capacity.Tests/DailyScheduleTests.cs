using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Capacity.Tests;

/// <summary>The daily schedule against numbers worked out by hand from its documented rules.</summary>
public class DailyScheduleTests
{
    /// <summary>Night 0.05, a morning peak 08–11, a lunch dip at 12, an afternoon at half the peak 13–16.</summary>
    private static readonly DailyLoadCurve Curve = new(
        [.. Enumerable.Range(0, 24).Select(h => h switch { >= 8 and <= 11 => 1.0, >= 13 and <= 16 => 0.5, _ => 0.05 })], "test");

    private static DailySchedule Schedule(CapacityInputs inputs, Season season, DailyLoadCurve? curve = null) =>
        DailyScheduler.Schedule(inputs, CapacityEngine.Size(inputs, season), curve ?? Curve, ScalingLags.Default);

    [Fact]
    public void Lead_IsTheRampRoundedUpToFiveMinutes()
    {
        // KEDA 30 + HPA 15 + node 300 + pod 60 = 405 s → 600 s; the tail is 300 + 600 s.
        Assert.Equal(405, ScalingLags.Default.ScheduledRamp);
        Assert.Equal(600, ScalingLags.Default.LeadSeconds);
        Assert.Equal(900, ScalingLags.Default.NodeTail);
        Assert.Equal(900, (ScalingLags.Default with { NodeProvisioning = 600 }).LeadSeconds); // 705 s → 900 s
    }

    [Fact]
    public void Weihnachten_WindowCoversEveryHourTheZoneFloorCannotCarry()
    {
        // One api deployment (share 1), floor 2 pods; a zone loss leaves 2 − ⌈2/3⌉ = 1 pod = 8 servers, which carry
        // 8 × 0.5 / 0.2 = 20 req/s at Weihnachten's target. Hours: 250 × 0.05 = 12.5 (carried), 250 and 125 (not).
        // Window 08:00–17:00 (the lunch dip inside it), minimum from 07:50; nodes at business level until 17:15.
        var s = Schedule(TestInputs.De(), Season.Weihnachten);
        Assert.Equal(8, s.RiseHour);
        Assert.Equal(17, s.FallHour);
        Assert.Equal(8 * 3600 - 600, s.StartSecond);
        Assert.Equal(17 * 3600, s.EndSecond);
        Assert.Equal((17 * 3600 + 900 - (8 * 3600 - 600)) / 3600.0, s.BusinessNodeHours, 9); // 9.4167 h
        Assert.True(s.InWindow(8 * 3600 - 600));
        Assert.False(s.InWindow(8 * 3600 - 601));
        Assert.False(s.InWindow(17 * 3600));

        var api = Assert.Single(s.Deployments, d => d.Role == WorkloadRole.Api);
        Assert.Equal(13, api.BusinessMinReplicas); // the season's sizing, unchanged
        Assert.Equal(2, api.OffHoursMinReplicas);
        Assert.Equal(20, api.MaxReplicas);
    }

    [Fact]
    public void Weihnachten_WorkersKeepTheirLoadAndNodesFollowTheFloors()
    {
        // Jobs 10/s × 1.5 s = 15 busy; survivors × 2 × 0.65 ≥ 15 needs 12 survivors, p = 18 (18 − 6), capped at the
        // season's 12. Off hours: 2 api pods (1000m) + 12 workers (500m) on 3560m nodes (4000 − 140 reserved − 300
        // daemon sets): {api, api, 3 workers}, {7 workers}, {2 workers} = 3 packed + 1 surge = 4 nodes.
        var s = Schedule(TestInputs.De(), Season.Weihnachten);
        var worker = Assert.Single(s.Deployments, d => d.Role == WorkloadRole.Worker);
        Assert.Equal(12, worker.BusinessMinReplicas);
        Assert.Equal(12, worker.OffHoursMinReplicas);
        Assert.Equal(4, s.OffHoursNodes);
        Assert.Equal(CapacityEngine.Size(TestInputs.De(), Season.Weihnachten).Nodes.AutoscalerMin, s.BusinessNodes);
        Assert.Equal(s.BusinessNodes * s.BusinessNodeHours + 4 * (24 - s.BusinessNodeHours), s.AppNodeHoursPerDay, 9);
    }

    [Fact]
    public void Baseline_AfternoonAtHalfTheBusyHourIsCarriedByTheFloor()
    {
        // The survivor carries 8 × 0.7 / 0.2 = 28 req/s at baseline's target: 50 (08–11) is not carried, 25 (13–16) is
        // (M/M/8 at λ = 25: p95 well under 1.5 s). Window 08:00–12:00. Workers: 3 busy, survivors × 1.7 ≥ 3 needs 2,
        // p = 3 (3 − 1), the season's 3.
        var s = Schedule(TestInputs.De(), Season.Baseline);
        Assert.Equal(8, s.RiseHour);
        Assert.Equal(12, s.FallHour);
        Assert.Equal(3, Assert.Single(s.Deployments, d => d.Role == WorkloadRole.Worker).OffHoursMinReplicas);
    }

    [Fact]
    public void SharedLoad_TheLargestShareDecidesTheWindow()
    {
        // de-prod's deployments at Weihnachten on the default curve: order-api (0.45) is the largest share; its survivor
        // carries 20 req/s, so hours above 20 / (250 × 0.45) = 0.178 need the window: 06 (0.35) to 18 (0.20); 05 (0.15)
        // and 19 (0.15) are carried. Worker floors: lead protection 7.5 busy → 6 survivors → 9, capped at 6;
        // reporting 4.5 → 4 → 6, capped at 4; help 3 → 3 → 5, capped at 3.
        var inputs = TestInputs.De() with
        {
            Deployments =
            [
                new("sales", "order-api", WorkloadRole.Api, 0.45),
                new("sales", "sample-api", WorkloadRole.Api, 0.3),
                new("sales", "event-catering-api", WorkloadRole.Api, 0.15),
                new("crm", "crm-api", WorkloadRole.Api, 0.1),
                new("sales", "lead-protection-worker", WorkloadRole.Worker, 0.5),
                new("crm", "reporting-worker", WorkloadRole.Worker, 0.3),
                new("help", "help-worker", WorkloadRole.Worker, 0.2),
            ],
        };
        var s = Schedule(inputs, Season.Weihnachten, DailyLoadCurve.B2BFoodOrdering);
        Assert.Equal(6, s.RiseHour);
        Assert.Equal(19, s.FallHour);
        Assert.All(s.Deployments.Where(d => d.Role == WorkloadRole.Api), d => Assert.Equal(2, d.OffHoursMinReplicas));
        Assert.Equal([6, 4, 3], s.Deployments.Where(d => d.Role == WorkloadRole.Worker).Select(d => d.OffHoursMinReplicas));
        // 8 api pods and 13 workers: {3 api, 1 w}, {3 api, 1 w}, {2 api, 3 w}, {7 w}, {1 w} = 5 packed + 1 surge.
        Assert.Equal(6, s.OffHoursNodes);
        Assert.Equal(8, s.BusinessNodes);
    }

    [Fact]
    public void NoWindow_WhenTheFloorCarriesTheBusyHour()
    {
        // 20 req/s at the busy hour: the survivor carries 28 at baseline's target, so the floor runs all day.
        var inputs = TestInputs.De() with
        {
            Workload = TestInputs.Workload with { Api = TestInputs.Workload.Api with { BaselineRequestsPerSecond = 20 } },
        };
        var s = Schedule(inputs, Season.Baseline);
        Assert.False(s.HasWindow);
        Assert.Equal(0, s.BusinessNodeHours);
        Assert.Equal(s.OffHoursNodes * 24.0, s.AppNodeHoursPerDay);
    }

    [Theory]
    [InlineData(23, "24 hourly factors")]
    [InlineData(24, "relative to the busy hour")]
    public void Curve_RejectsWrongShapes(int count, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new DailyLoadCurve([.. Enumerable.Repeat(0.5, count)], "x"));
        Assert.Contains(message, ex.Message);
        Assert.Throws<ArgumentException>(() => new DailyLoadCurve([.. Enumerable.Repeat(1.0, 23), 0.001], "x"));
    }

    [Fact]
    public void DefaultCurve_BusiestHourIsOneAndNightsAreLow()
    {
        var c = DailyLoadCurve.B2BFoodOrdering;
        Assert.Equal(1.0, c.HourlyFactors.Max());
        Assert.Equal(9, c.HourlyFactors.ToList().IndexOf(1.0));
        Assert.Equal(0.4183, c.DailyMean, 4); // 10.04 / 24
    }
}
