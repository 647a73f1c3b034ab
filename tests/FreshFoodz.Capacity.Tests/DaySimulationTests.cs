using FreshFoodz.Bench.Simulation;
using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Capacity.Tests;

/// <summary>The bench's whole-day simulator: arrivals follow the curve, pods follow the schedule, the request-rate trigger and the HPA's lags.</summary>
public class DaySimulationTests
{
    private static readonly AppTierDemand Demand = new(25, 0.2, 0.6, 4, 0.5, 1.5, 1);

    private static DailyLoadCurve Curve(Func<int, double> factor, string name = "test") =>
        new([.. Enumerable.Range(0, 24).Select(factor)], name);

    private static DailySchedule Schedule(DailyLoadCurve curve, int? rise, int? fall, int business, int off, int max) =>
        new(Season.Baseline, 25, curve, ScalingLags.Default, rise, fall,
            [new ScheduledDeployment("m", "api", WorkloadRole.Api, 1.0, business, off, max)], business, off);

    [Fact]
    public void SteadyDay_MatchesMmnInEveryWindow()
    {
        // Flat curve, 2 pods × 4 = 8 servers all day (min = max): M/M/8 with λ = 25, S = 0.2 (ρ = 0.625).
        var s = Schedule(Curve(_ => 1.0), null, null, 2, 2, 2);
        var day = DaySimulator.Run(s, s.Deployments[0], Demand, ServiceSampler.Exponential(0.2), 7);
        var exact = new MmnModel(25, 0.2, 8).ResponseTimeQuantile(0.95);
        Assert.Equal(288, day.Windows.Count);
        Assert.InRange(day.Windows.Sum(w => (long)w.Requests), 25 * 86_400 * 0.995, 25 * 86_400 * 1.005);
        var p95s = day.Windows.Select(w => w.P95).Order().ToList();
        Assert.InRange(p95s[p95s.Count / 2], exact * 0.95, exact * 1.05); // the median window
        Assert.All(day.Windows, w => Assert.Equal(8, w.MeanServers, 9));
        Assert.All(day.Windows, w => Assert.InRange(w.Utilization, 0.5, 0.75));
        Assert.Equal(0, day.ReactiveScaleUps);
        Assert.Equal(48, day.PodHours, 6);
    }

    [Fact]
    public void Thinning_GivesEachHourItsFactorOfTheBusyRate()
    {
        // 23 hours at 0.2 and hour 9 at 1: 25 × 3600 × (23 × 0.2 + 1) = 504,000 requests.
        var s = Schedule(Curve(h => h == 9 ? 1.0 : 0.2), null, null, 4, 4, 4);
        var day = DaySimulator.Run(s, s.Deployments[0], Demand, ServiceSampler.Exponential(0.2), 8);
        Assert.InRange(day.Windows.Sum(w => (long)w.Requests), 504_000 * 0.99, 504_000 * 1.01);
        var nine = day.Windows.Where(w => w.Start / 3600 == 9).Sum(w => w.Requests);
        Assert.InRange(nine, 90_000 * 0.98, 90_000 * 1.02);
    }

    [Fact]
    public void ScheduledMinimum_IsReadyBeforeTheLoadRises()
    {
        // Night 0.05 (1.25 req/s), 08–16 at 25 req/s. The window's 4 pods (16 servers, ρ 0.31) are asked for at 07:50 and
        // Ready 30 + 300 + 60 s later at the latest; from 08:00 every window has them, and no pod starts reactively.
        var s = Schedule(Curve(h => h is >= 8 and < 17 ? 1.0 : 0.05), 8, 17, 4, 1, 6);
        var day = DaySimulator.Run(s, s.Deployments[0], Demand, ServiceSampler.Exponential(0.2), 9);
        Assert.All(day.Windows.Where(w => w.Start >= 8 * 3600 && w.Start < 17 * 3600), w => Assert.Equal(16, w.MeanServers, 9));
        Assert.All(day.Windows.Where(w => w.Start < 7 * 3600), w => Assert.Equal(4, w.MeanServers, 9));
        Assert.All(day.Windows, w => Assert.True(w.P95 <= 1.5, $"window {w.Start}: p95 {w.P95}"));
        Assert.Equal(0, day.ReactiveScaleUps);
        // After 17:00 the pods stay the HPA's 300 s stabilisation (plus up to a sync period), then the floor returns.
        Assert.Equal(16, day.Windows.Single(w => w.Start == 17 * 3600).MeanServers, 9);
        Assert.Equal(4, day.Windows.Single(w => w.Start == 17 * 3600 + 600).MeanServers, 9);
    }

    [Fact]
    public void WithoutTheSchedule_TheFloorIsOverrunUntilTheHpasPodsArrive()
    {
        // Same day, no window: at 08:00 one pod (4 servers) meets 25 req/s × 0.2 s = 5 busy: over capacity until the
        // request rate of the last scrapes passes the per-pod threshold (c·ρ / S) and the HPA's pods have waited for a node
        // and started (≥ 6 minutes).
        var s = Schedule(Curve(h => h is >= 8 and < 17 ? 1.0 : 0.05), null, null, 4, 1, 6);
        var day = DaySimulator.Run(s, s.Deployments[0], Demand, ServiceSampler.Exponential(0.2), 9);
        var eight = day.Windows.Single(w => w.Start == 8 * 3600);
        Assert.True(eight.Utilization >= 1, $"08:00 at {eight.Utilization:P0}");
        Assert.True(eight.P95 > 1.5);
        Assert.True(day.ReactiveScaleUps > 0);
        Assert.True(day.PeakReadyPods >= 3);
    }
}
