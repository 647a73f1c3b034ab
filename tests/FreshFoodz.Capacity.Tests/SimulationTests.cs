using FreshFoodz.Bench;
using FreshFoodz.Bench.Simulation;
using FreshFoodz.Capacity.Queueing;

namespace FreshFoodz.Capacity.Tests;

/// <summary>The bench's simulator against closed forms, and the engine against the simulator.</summary>
public class SimulationTests
{
    private const int Requests = 1_000_000; // as the bench runs

    // M/M/1, λ = 5, S = 0.1 (ρ = 0.5): T ~ Exp(μ − λ = 5), p95 = ln 20 / 5 = 0.59915 s.
    // M/M/4, λ = 30, S = 0.1 (ρ = 0.75) and M/M/20, λ = 150, S = 0.1: MmnModel's exact p95 (hand-checked cases in MmnModelTests).
    [Theory]
    [InlineData(5.0, 1, 11)]
    [InlineData(30.0, 4, 12)]
    [InlineData(150.0, 20, 13)]
    public void SimulatedP95OfExponentialServiceCoversTheExactMmnP95(double rate, int servers, int seed)
    {
        var exact = new MmnModel(rate, 0.1, servers).ResponseTimeQuantile(0.95);
        var path = new SamplePath(rate, ServiceSampler.Exponential(0.1), Requests, seed);
        var sim = QueueSimulator.P95(path, servers);
        Assert.InRange(exact, sim.Low, sim.High);
        Assert.True(sim.RelativeHalfWidth < 0.02, $"CI ±{sim.RelativeHalfWidth:P2} is not narrow");
    }

    [Fact]
    public void SingleServerP95IsLn20OverMuMinusLambda()
    {
        var path = new SamplePath(5, ServiceSampler.Exponential(0.1), Requests, 11);
        Assert.InRange(Math.Log(20) / 5, QueueSimulator.P95(path, 1).Low, QueueSimulator.P95(path, 1).High);
    }

    [Fact]
    public void DrawnServiceTimesHaveTheFittedMeanAndP95()
    {
        var fit = LognormalFit.FromMeanAndP95(0.2, 0.6);
        var path = new SamplePath(10, ServiceSampler.Of(fit), Requests, 5);
        Assert.Equal(0.2, path.Services.Average(), 2);
        var p95 = QueueSimulator.Quantile(path.Services.ToArray(), 0.95);
        Assert.Equal(0.6, p95, 2);
    }

    [Fact]
    public void AServerPerRequestMeansNoWaiting()
    {
        var path = new SamplePath(10, ServiceSampler.Exponential(0.1), 1000, 3);
        var responses = QueueSimulator.ResponseTimes(path, 1000);
        // (arrival + service) − arrival: equal up to the rounding of the arrival time.
        Assert.All(responses.Zip(path.Services), x => Assert.Equal(x.Second, x.First, 9));
    }

    [Fact]
    public void QuantileIsTheCeilingOrderStatistic()
    {
        double[] values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
        Assert.Equal(10, QueueSimulator.Quantile(values.ToArray(), 0.95)); // ⌈9.5⌉ = 10th smallest
        Assert.Equal(9, QueueSimulator.Quantile(values.ToArray(), 0.9));
        Assert.Equal(1, QueueSimulator.Quantile(values.ToArray(), 0.05));
    }

    /// <summary>
    /// A handful of the bench's sweep cases, each decided by the p95 SLO, across the service-time tails: the engine's
    /// server count is between 1.00 and 1.10 × the simulated minimum (README, Performance, has them all).
    /// </summary>
    [Theory]
    [InlineData("exp1-slo3.5-A4")]
    [InlineData("logn1-slo4-A4")]
    [InlineData("logn2-slo4.5-A4")]
    [InlineData("logn4-slo4-A2")]
    [InlineData("logn6-slo4.5-A4")]
    [InlineData("logn6-slo6-A2")]
    public void EngineIsWithinTenPercentOfTheSimulatedMinimum(string id)
    {
        var c = Cases.Sweep().Single(x => x.Id == id);
        var r = CaseRunner.Run(c, Requests);
        Assert.Equal(Decider.Slo, r.DecidedBy);
        Assert.InRange(r.EngineRatio!.Value, 1.0, 1.10);
        Assert.True(r.EngineWithinTarget);
    }

    [Fact]
    public void UncorrectedMmnUnderProvisionsAHeavyTail()
    {
        // Why the correction exists: with SCV 6 the mean alone sizes too few servers.
        var r = CaseRunner.Run(Cases.Sweep().Single(x => x.Id == "logn6-slo4.5-A4"), Requests);
        Assert.True(r.MmnRatio < 1.0, $"M/M/N ratio {r.MmnRatio}");
    }
}
