using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Sizing;
using FsCheck;
using FsCheck.Fluent;

namespace FreshFoodz.Capacity.Tests;

/// <summary>Properties of the app-tier rule over random demands (FsCheck), for both service-time models.</summary>
public class SizingProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    /// <summary>Demands with the SLO just above the service time's own p95, so a size exists and the SLO often
    /// decides: exponential (p95 = S·ln 20 ≈ 3.0·S, SLO 3.05 to 8 × S) or lognormal (p95 2.8 to 3.8 × S, i.e.
    /// SCV about 1 to 9, SLO 1.02 to 2.7 × that p95).</summary>
    private static Arbitrary<AppTierDemand> Demands() =>
        (from rate in Gen.Choose(-100, 270).Select(i => Math.Pow(10, i / 100.0)) // 0.1 to 500/s, log-uniform
         from service in Gen.Choose(5, 2_000).Select(i => i / 1000.0)
         from concurrency in Gen.Choose(1, 8)
         from target in Gen.Choose(30, 90).Select(i => i / 100.0)
         from sloFactor in Gen.Choose(305, 800).Select(i => i / 100.0) // tight: often the SLO, not ρ, decides
         from minimum in Gen.Choose(1, 3)
         from lognormal in Gen.Elements(false, true)
         from p95Factor in Gen.Choose(280, 380).Select(i => i / 100.0)
         from sloOverP95 in Gen.Choose(102, 270).Select(i => i / 100.0)
         select lognormal
             ? new AppTierDemand(rate, service, service * p95Factor, concurrency, target, service * p95Factor * sloOverP95, minimum)
             {
                 Distribution = ServiceTimeDistribution.Lognormal,
             }
             : new AppTierDemand(rate, service, service * 3, concurrency, target, service * sloFactor, minimum))
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
            // The model of the demand's distribution: M/M/N (MmnModel) or the Allen–Cunneen M/G/N (MgnModel).
            var p95 = d.Distribution == ServiceTimeDistribution.Lognormal
                ? new MgnModel(d.ArrivalRatePerSecond, LognormalFit.FromMeanAndP95(d.MeanServiceTimeSeconds, d.P95ServiceTimeSeconds), s.Pods * d.ConcurrencyPerPod).ResponseTimeQuantile(0.95)
                : new MmnModel(d.ArrivalRatePerSecond, d.MeanServiceTimeSeconds, s.Pods * d.ConcurrencyPerPod).ResponseTimeQuantile(0.95);
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
                || AppTierSizer.ServerP95(d, fewer * d.ConcurrencyPerPod) > d.SloP95Seconds;
            return utilizationBroken || latencyBroken;
        }));

    /// <summary>Why the bench compares server counts: pods are the whole-pod rounding of the server minimum (both
    /// rules are monotone in N), so an accurate N gives the right pods and pod rounding adds the same to both.</summary>
    [Fact]
    public void PodsAreTheServerMinimumRoundedUpToWholePods() =>
        Check.One(Runs, Prop.ForAll(Demands(), d =>
        {
            var servers = AppTierSizer.MinimumServers(d);
            return AppTierSizer.Size(d).Pods == Math.Max(d.MinimumPods, (servers + d.ConcurrencyPerPod - 1) / d.ConcurrencyPerPod);
        }));

    [Fact]
    public void ExponentialDemandsAreSizedExactlyByMmn() =>
        Check.One(Runs, Prop.ForAll(Demands(), d =>
        {
            var exponential = d with { Distribution = ServiceTimeDistribution.Exponential, SloP95Seconds = Math.Max(d.SloP95Seconds, d.MeanServiceTimeSeconds * 3.05) };
            var s = AppTierSizer.Size(exponential);
            var mmn = new MmnModel(d.ArrivalRatePerSecond, d.MeanServiceTimeSeconds, s.Pods * d.ConcurrencyPerPod).ResponseTimeQuantile(0.95);
            return s.PredictedP95Seconds == mmn;
        }));
}
