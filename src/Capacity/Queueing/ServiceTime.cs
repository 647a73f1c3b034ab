using System.Globalization;
using MathNet.Numerics;

namespace FreshFoodz.Capacity.Queueing;

/// <summary>How a stack's service times are distributed (<c>freshfoodz:workload.api.serviceTimeDistribution</c>).</summary>
public enum ServiceTimeDistribution
{
    /// <summary>Exponential with the declared mean (M/M/N, exact); the declared p95 is not used.</summary>
    Exponential,

    /// <summary>Lognormal fitted to the declared mean and p95 (<see cref="LognormalFit"/>); sized with M/G/N.</summary>
    Lognormal,
}

/// <summary>
/// The lognormal distribution with a given mean m and p95 q: ln S ~ Normal(μ, σ²) with
/// m = e^(μ + σ²/2) and q = e^(μ + z·σ), z = Φ⁻¹(0.95). Subtracting, σ²/2 − z·σ + ln(q/m) = 0, so
/// σ = z − √(z² − 2·ln(q/m)) (the smaller root: the lighter of the two tails that fit), μ = ln m − σ²/2.
/// A fit exists for 1 &lt; q/m &lt; e^(z²/2) ≈ 3.87. Squared coefficient of variation SCV = e^(σ²) − 1.
/// </summary>
public readonly record struct LognormalFit
{
    /// <summary>Φ⁻¹(0.95), the standard normal's 95th percentile.</summary>
    public const double Z95 = 1.6448536269514722;

    /// <summary>The largest p95 / mean a lognormal can have: e^(z²/2), reached at σ = z.</summary>
    public static readonly double MaxP95OverMean = Math.Exp(Z95 * Z95 / 2);

    private LognormalFit(double mu, double sigma)
    {
        Mu = mu;
        Sigma = sigma;
    }

    /// <summary>μ: the mean of ln S.</summary>
    public double Mu { get; }

    /// <summary>σ: the standard deviation of ln S.</summary>
    public double Sigma { get; }

    public double Mean => Math.Exp(Mu + Sigma * Sigma / 2);

    public double P95 => Math.Exp(Mu + Z95 * Sigma);

    /// <summary>Squared coefficient of variation Var(S) / E[S]² = e^(σ²) − 1.</summary>
    public double Scv => Math.Exp(Sigma * Sigma) - 1;

    /// <summary>True if a lognormal with this mean and p95 exists (1 &lt; p95 / mean &lt; e^(z²/2)).</summary>
    public static bool Exists(double mean, double p95) => p95 > mean && p95 / mean < MaxP95OverMean;

    public static LognormalFit FromMeanAndP95(double mean, double p95)
    {
        if (!Exists(mean, p95))
        {
            throw new ArgumentOutOfRangeException(
                nameof(p95), p95, string.Create(CultureInfo.InvariantCulture, $"a lognormal with mean {mean} needs 1 < p95 / mean < {MaxP95OverMean:0.###}"));
        }
        var sigma = Z95 - Math.Sqrt(Z95 * Z95 - 2 * Math.Log(p95 / mean));
        return new LognormalFit(Math.Log(mean) - sigma * sigma / 2, sigma);
    }

    /// <summary>The lognormal with this mean and squared coefficient of variation: σ² = ln(1 + SCV).</summary>
    public static LognormalFit FromMeanAndScv(double mean, double scv)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mean);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scv);
        var variance = Math.Log(1 + scv);
        return new LognormalFit(Math.Log(mean) - variance / 2, Math.Sqrt(variance));
    }

    /// <summary>P(S &gt; t) = ½·erfc((ln t − μ) / (σ√2)).</summary>
    public double Exceedance(double t) =>
        t <= 0 ? 1.0 : 0.5 * SpecialFunctions.Erfc((Math.Log(t) - Mu) / (Sigma * Math.Sqrt(2)));
}
