using FreshFoodz.Capacity.Queueing;

namespace FreshFoodz.Capacity.Tests;

/// <summary>Erlang C and the M/M/N response-time distribution against values worked by hand.</summary>
public class MmnModelTests
{
    // M/M/2 with λ = 1, S = 1 (A = 1 Erlang), by the textbook sum formula:
    // C = (A^N/N!)·N/(N−A) / (Σ_{k<N} A^k/k! + (A^N/N!)·N/(N−A)) = (1/2·2) / (1 + 1 + 1) = 1/3,
    // Wq = C / (Nμ − λ) = (1/3) / (2 − 1) = 1/3.
    [Fact]
    public void ErlangC_MatchesHandWorkedTwoServerExample()
    {
        var q = new MmnModel(arrivalRate: 1, meanServiceTime: 1, servers: 2);
        Assert.Equal(1.0 / 3, q.ProbabilityOfWaiting, 12);
        Assert.Equal(1.0 / 3, q.MeanWait, 12);
        Assert.Equal(0.5, q.Utilization, 12);
    }

    // M/M/3 with A = 2: Σ_{k<3} 2^k/k! = 1 + 2 + 2 = 5; (2^3/3!)·3/(3−2) = (8/6)·3 = 4; C = 4 / 9.
    [Fact]
    public void ErlangC_MatchesHandWorkedThreeServerExample()
    {
        var q = new MmnModel(arrivalRate: 4, meanServiceTime: 0.5, servers: 3);
        Assert.Equal(4.0 / 9, q.ProbabilityOfWaiting, 12);
        // Wq = C / (Nμ − λ) = (4/9) / (6 − 4) = 2/9.
        Assert.Equal(2.0 / 9, q.MeanWait, 12);
    }

    // M/M/1: the response time is exponential with rate μ − λ, so P(T > t) = e^{−(μ−λ)t} and
    // p95 = ln 20 / (μ − λ). With λ = 0.5, μ = 1: p95 = 2·ln 20 = 5.99146…
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(7.5)]
    public void SingleServerResponseTimeIsExponential(double t)
    {
        var q = new MmnModel(arrivalRate: 0.5, meanServiceTime: 1, servers: 1);
        Assert.Equal(0.5, q.ProbabilityOfWaiting, 12);
        Assert.Equal(Math.Exp(-0.5 * t), q.ResponseTimeExceedance(t), 12);
    }

    [Fact]
    public void SingleServerP95IsLn20OverMuMinusLambda()
    {
        var q = new MmnModel(arrivalRate: 0.5, meanServiceTime: 1, servers: 1);
        Assert.Equal(2 * Math.Log(20), q.ResponseTimeQuantile(0.95), 9);
    }

    // M/M/2 with λ = 0.5, μ = 1: A = 0.5, C = 0.125·(2/1.5) / (1.5 + 0.125·(2/1.5)) = 0.1, a = Nμ − λ = 1.5, so
    // P(T > t) = 0.9·e^{−t} + 0.1·(1.5e^{−t} − e^{−1.5t}) / 0.5 = 1.2e^{−t} − 0.2e^{−1.5t};
    // solving 1.2e^{−t} − 0.2e^{−1.5t} = 0.05 by fixed-point iteration by hand gives t = 3.1427…
    [Fact]
    public void TwoServerP95MatchesHandSolvedEquation()
    {
        var q = new MmnModel(arrivalRate: 0.5, meanServiceTime: 1, servers: 2);
        Assert.Equal(0.1, q.ProbabilityOfWaiting, 12);
        Assert.Equal(1.2 * Math.Exp(-2) - 0.2 * Math.Exp(-3), q.ResponseTimeExceedance(2), 12);
        Assert.Equal(3.1427, q.ResponseTimeQuantile(0.95), 3);
    }

    // When a = Nμ − λ equals μ the general formula divides by zero; the limit is (1 + μt)·e^{−μt} for waiters.
    // N = 2, μ = 1, λ = 1: a = 1 = μ. C = 1/3 (first example).
    [Fact]
    public void ExceedanceUsesTheLimitWhenWaitRateEqualsServiceRate()
    {
        var q = new MmnModel(arrivalRate: 1, meanServiceTime: 1, servers: 2);
        const double t = 2;
        var expected = (2.0 / 3) * Math.Exp(-t) + (1.0 / 3) * (1 + t) * Math.Exp(-t);
        Assert.Equal(expected, q.ResponseTimeExceedance(t), 12);
    }

    [Fact]
    public void UnstableSystemIsRejected()
    {
        var q = new MmnModel(arrivalRate: 3, meanServiceTime: 1, servers: 3);
        Assert.False(q.IsStable);
        Assert.Throws<InvalidOperationException>(() => q.ProbabilityOfWaiting);
    }

    [Fact]
    public void ErlangCStaysFiniteForThousandsOfServers()
    {
        var q = new MmnModel(arrivalRate: 4000, meanServiceTime: 1, servers: 4100);
        var c = q.ProbabilityOfWaiting;
        Assert.InRange(c, 0.0, 1.0);
        Assert.False(double.IsNaN(q.ResponseTimeQuantile(0.95)));
    }
}
