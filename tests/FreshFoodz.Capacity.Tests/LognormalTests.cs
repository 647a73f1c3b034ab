using FreshFoodz.Capacity.Queueing;

namespace FreshFoodz.Capacity.Tests;

/// <summary>The lognormal fit to a mean and a p95, and the M/G/N model built on it.</summary>
public class LognormalTests
{
    // Mean 0.2 s, p95 0.6 s (the stacks' numbers): σ = 1.644854 − √(1.644854² − 2·ln 3) = 1.644854 − √0.508319
    // = 1.644854 − 0.712966 = 0.931888, μ = ln 0.2 − σ²/2 = −1.609438 − 0.434208 = −2.043646,
    // SCV = e^(σ²) − 1 = e^0.868416 − 1 = 1.3831.
    [Fact]
    public void FitToTheStacksMeanAndP95MatchesTheHandWorkedValues()
    {
        var f = LognormalFit.FromMeanAndP95(0.2, 0.6);
        Assert.Equal(0.931888, f.Sigma, 5);
        Assert.Equal(-2.043646, f.Mu, 5);
        Assert.Equal(1.3831, f.Scv, 4);
    }

    [Theory]
    [InlineData(0.2, 0.25)]
    [InlineData(0.2, 0.6)]
    [InlineData(1.0, 3.0)]
    [InlineData(0.05, 0.19)]
    [InlineData(3.0, 11.5)]
    public void FitReproducesTheMeanAndTheP95(double mean, double p95)
    {
        var f = LognormalFit.FromMeanAndP95(mean, p95);
        Assert.Equal(mean, f.Mean, 12);
        Assert.Equal(p95, f.P95, 12);
        Assert.Equal(0.05, f.Exceedance(p95), 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(6.0)]
    public void FitByScvHasThatScv(double scv) => Assert.Equal(scv, LognormalFit.FromMeanAndScv(0.1, scv).Scv, 12);

    [Fact]
    public void NoLognormalHasAP95AboveEToTheHalfZSquaredTimesItsMean()
    {
        // max over σ of e^(zσ − σ²/2) is at σ = z: e^(z²/2) = e^(1.35277) = 3.8681.
        Assert.Equal(3.8681, LognormalFit.MaxP95OverMean, 4);
        Assert.True(LognormalFit.Exists(0.2, 0.77));
        Assert.False(LognormalFit.Exists(0.2, 0.8));
        Assert.False(LognormalFit.Exists(0.2, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LognormalFit.FromMeanAndP95(0.2, 0.8));
    }

    // M/G/1: P(wait) = ρ and the Allen–Cunneen mean wait is Pollaczek–Khinchine's, ρ·S·(1 + c_s²) / (2(1 − ρ)).
    // λ = 2, S = 0.25 (ρ = 0.5), c_s² = 4: Wq = 0.5 · 0.25 · 5 / (2 · 0.5) = 0.625.
    [Fact]
    public void SingleServerMeanWaitIsPollaczekKhinchine()
    {
        var q = new MgnModel(2, LognormalFit.FromMeanAndScv(0.25, 4), 1);
        Assert.Equal(0.5, q.ProbabilityOfWaiting, 12);
        Assert.Equal(0.625, q.MeanWait, 12);
    }

    [Fact]
    public void ManyServersLeaveTheServiceTimesOwnP95()
    {
        // With N far above the load nobody waits: the response time's p95 is the service time's.
        var fit = LognormalFit.FromMeanAndP95(0.2, 0.7);
        Assert.Equal(0.7, new MgnModel(10, fit, 60).ResponseTimeQuantile(0.95), 6);
    }

    [Fact]
    public void P95FallsAsServersAreAddedAndRisesWithTheTail()
    {
        var fit = LognormalFit.FromMeanAndScv(0.1, 4);
        var p95 = Enumerable.Range(6, 10).Select(n => new MgnModel(50, fit, n).ResponseTimeQuantile(0.95)).ToList();
        Assert.True(p95.Zip(p95.Skip(1)).All(x => x.Second < x.First), string.Join(", ", p95));
        var lighter = new MgnModel(50, LognormalFit.FromMeanAndScv(0.1, 2), 8).ResponseTimeQuantile(0.95);
        Assert.True(lighter < new MgnModel(50, fit, 8).ResponseTimeQuantile(0.95));
    }
}
