using FreshFoodz.Capacity.Queueing;

namespace FreshFoodz.Bench.Simulation;

/// <summary>Draws service times: exponential with a mean, or lognormal e^(μ + σZ).</summary>
public sealed record ServiceSampler(ServiceTimeDistribution Distribution, double Mean, LognormalFit? Lognormal)
{
    public static ServiceSampler Exponential(double mean) => new(ServiceTimeDistribution.Exponential, mean, null);

    public static ServiceSampler Of(LognormalFit fit) => new(ServiceTimeDistribution.Lognormal, fit.Mean, fit);

    /// <summary>The exact p95 of the distribution: mean·ln 20, or e^(μ + 1.645σ).</summary>
    public double P95 => Lognormal is { } f ? f.P95 : Mean * Math.Log(20);

    public double Scv => Lognormal is { } f ? f.Scv : 1.0;

    public void Fill(Random random, Span<double> into)
    {
        if (Lognormal is { } f)
        {
            // Marsaglia's polar method gives two independent standard normals per accepted pair.
            for (var i = 0; i < into.Length; i += 2)
            {
                double u, v, s;
                do
                {
                    u = 2 * random.NextDouble() - 1;
                    v = 2 * random.NextDouble() - 1;
                    s = u * u + v * v;
                }
                while (s is >= 1 or 0);
                var scale = Math.Sqrt(-2 * Math.Log(s) / s);
                into[i] = Math.Exp(f.Mu + f.Sigma * u * scale);
                if (i + 1 < into.Length)
                {
                    into[i + 1] = Math.Exp(f.Mu + f.Sigma * v * scale);
                }
            }
        }
        else
        {
            for (var i = 0; i < into.Length; i++)
            {
                into[i] = -Math.Log(1 - random.NextDouble()) * Mean; // 1 − U ∈ (0, 1]: never ln 0
            }
        }
    }
}
