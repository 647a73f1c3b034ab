using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Sizing;
using FsCheck;
using FsCheck.Fluent;

namespace FreshFoodz.Capacity.Tests;

/// <summary>Properties of the app-tier rule over random demands (FsCheck).</summary>
public class SizingProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    /// <summary>Demands with the SLO just above the service time's own p95 (S·ln 20 ≈ 3.0·S), so a size exists
    /// and the SLO often decides.</summary>
    private static Arbitrary<AppTierDemand> Demands() =>
        (from rate in Gen.Choose(-100, 270).Select(i => Math.Pow(10, i / 100.0)) // 0.1 to 500/s, log-uniform
         from service in Gen.Choose(5, 2_000).Select(i => i / 1000.0)
         from concurrency in Gen.Choose(1, 8)
         from target in Gen.Choose(30, 90).Select(i => i / 100.0)
         from sloFactor in Gen.Choose(305, 800).Select(i => i / 100.0) // tight: often the SLO, not ρ, decides
         from minimum in Gen.Choose(1, 3)
         select new AppTierDemand(rate, service, service * 3, concurrency, target, service * sloFactor, minimum))
        .ToArbitrary();

    [Fact]
    public void MoreLoadNeverGivesFewerPods() =>
        Check.One(Runs, Prop.ForAll(Demands(), Gen.Choose(100, 300).ToArbitrary(), (d, percent) =>
        {
            var more = d with { ArrivalRatePerSecond = d.ArrivalRatePerSecond * percent / 100.0 };
            return AppTierSizer.Size(more).Pods >= AppTierSizer.Size(d).Pods;
        }));

    [Fact]
    public void ChosenCountMeetsUtilizationAndP95() =>
        Check.One(Runs, Prop.ForAll(Demands(), d =>
        {
            var s = AppTierSizer.Size(d);
            var utilization = d.ArrivalRatePerSecond * d.MeanServiceTimeSeconds / (s.Pods * d.ConcurrencyPerPod);
            var p95 = new MmnModel(d.ArrivalRatePerSecond, d.MeanServiceTimeSeconds, s.Pods * d.ConcurrencyPerPod).ResponseTimeQuantile(0.95);
            return s.Pods >= d.MinimumPods && utilization <= d.TargetUtilization + 1e-9 && p95 <= d.SloP95Seconds;
        }));

    [Fact]
    public void OnePodFewerBreaksARule() =>
        Check.One(Runs, Prop.ForAll(Demands(), d =>
        {
            var s = AppTierSizer.Size(d);
            if (s.Pods == d.MinimumPods)
            {
                return true; // the HA minimum decided; one fewer breaks that rule
            }
            var fewer = s.Pods - 1;
            var load = d.ArrivalRatePerSecond * d.MeanServiceTimeSeconds;
            var utilizationBroken = load / (fewer * d.ConcurrencyPerPod) > d.TargetUtilization + 1e-9;
            var latencyBroken = load >= fewer * d.ConcurrencyPerPod
                || new MmnModel(d.ArrivalRatePerSecond, d.MeanServiceTimeSeconds, fewer * d.ConcurrencyPerPod).ResponseTimeQuantile(0.95) > d.SloP95Seconds;
            return utilizationBroken || latencyBroken;
        }));
}
