namespace FreshFoodz.Capacity.Queueing;

/// <summary>
/// An approximate M/G/N queue for lognormal service times: Poisson arrivals at rate λ, N servers, FCFS.
/// <list type="bullet">
/// <item>P(wait) = Erlang C of the M/M/N queue with the same mean (the probability that all servers are busy
/// depends little on the service distribution; exact for N = 1, where it is ρ).</item>
/// <item>Mean wait by Allen–Cunneen: Wq ≈ Wq(M/M/N)·(c_a² + c_s²)/2 with c_a² = 1 for Poisson arrivals
/// (A. O. Allen, "Probability, Statistics, and Queueing Theory", 2nd ed., 1990; exact for M/G/1 by Pollaczek–Khinchine).</item>
/// <item>A waiting request's wait is exponential with that conditional mean, so with
/// r = (N/S − λ)·2/(1 + c_s²): P(T &gt; t) = P(S &gt; t) + C·∫₀ᵗ f_S(s)·e^(−r(t−s)) ds (T = W + S, W and S
/// independent), integrated numerically (adaptive Simpson in z = (ln s − μ)/σ).</item>
/// </list>
/// With exponential service (c_s² = 1) this is M/M/N; the engine uses <see cref="MmnModel"/> there, so the
/// exponential case stays exact. The bench (bench/FreshFoodz.Bench) checks this model against simulation.
/// </summary>
public readonly record struct MgnModel
{
    public MgnModel(double arrivalRate, LognormalFit service, int servers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(arrivalRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(servers);
        ArrivalRate = arrivalRate;
        Service = service;
        Servers = servers;
    }

    public double ArrivalRate { get; }

    public LognormalFit Service { get; }

    public int Servers { get; }

    public double Utilization => ArrivalRate * Service.Mean / Servers;

    /// <summary>(1 + c_s²)/2: the Allen–Cunneen factor on the M/M/N wait.</summary>
    public double WaitFactor => (1 + Service.Scv) / 2;

    /// <summary>Erlang C of the M/M/N queue with the same λ, mean and N.</summary>
    public double ProbabilityOfWaiting => Exponential.ProbabilityOfWaiting;

    /// <summary>Wq ≈ C / (N/S − λ) · (1 + c_s²)/2.</summary>
    public double MeanWait => Exponential.MeanWait * WaitFactor;

    private MmnModel Exponential => new(ArrivalRate, Service.Mean, Servers);

    /// <summary>Rate of a waiting request's exponential wait: r = (N/S − λ) / ((1 + c_s²)/2).</summary>
    private double WaitRate => (Servers / Service.Mean - ArrivalRate) / WaitFactor;

    public double ResponseTimeExceedance(double t) => ResponseTimeExceedance(t, ProbabilityOfWaiting, WaitRate);

    private double ResponseTimeExceedance(double t, double c, double rate) =>
        t <= 0 ? 1.0 : Service.Exceedance(t) + c * WaitedTail(t, rate);

    /// <summary>The p-quantile of the response time, by bisection on the exceedance.</summary>
    public double ResponseTimeQuantile(double p)
    {
        var self = this;
        var c = ProbabilityOfWaiting; // O(N): once, not per bisection step
        var rate = WaitRate;
        return Quantiles.Invert(t => self.ResponseTimeExceedance(t, c, rate), p, Service.Mean);
    }

    /// <summary>
    /// ∫₀ᵗ f_S(s)·e^(−r(t−s)) ds = P(W + S &gt; t) − P(S &gt; t) for W ~ Exp(r). With s = e^(μ+σz) this is
    /// ∫ φ(z)·exp(−r(t − e^(μ+σz))) dz over z ≤ (ln t − μ)/σ; below z = −10 the integrand is under φ(−10) ≈ 8e-23.
    /// </summary>
    private double WaitedTail(double t, double rate)
    {
        var mu = Service.Mu;
        var sigma = Service.Sigma;
        var top = (Math.Log(t) - mu) / sigma;
        const double Bottom = -10;
        if (top <= Bottom)
        {
            return 0;
        }
        double F(double z) => Math.Exp(-0.5 * z * z - rate * (t - Math.Exp(mu + sigma * z))) / Math.Sqrt(2 * Math.PI);
        // The integrand rises towards the top over a width of about 1/(r·t·σ) in z: split there so the
        // adaptive rule sees the peak.
        var width = Math.Min(1.0, 20.0 / Math.Max(rate * t * sigma, 1e-9));
        var split = Math.Max(Bottom, top - width);
        return Integration.AdaptiveSimpson(F, Bottom, split, 1e-11) + Integration.AdaptiveSimpson(F, split, top, 1e-11);
    }
}

/// <summary>Numerical integration for the queueing models.</summary>
internal static class Integration
{
    /// <summary>Adaptive Simpson's rule to an absolute tolerance (Lyness' error estimate |S₂ − S₁| / 15).</summary>
    public static double AdaptiveSimpson(Func<double, double> f, double a, double b, double tolerance)
    {
        if (b <= a)
        {
            return 0;
        }
        var fa = f(a);
        var fb = f(b);
        var m = (a + b) / 2;
        var fm = f(m);
        return Step(f, a, b, fa, fm, fb, (b - a) / 6 * (fa + 4 * fm + fb), tolerance, 40);
    }

    private static double Step(Func<double, double> f, double a, double b, double fa, double fm, double fb, double whole, double tolerance, int depth)
    {
        var m = (a + b) / 2;
        var lm = (a + m) / 2;
        var rm = (m + b) / 2;
        var flm = f(lm);
        var frm = f(rm);
        var left = (m - a) / 6 * (fa + 4 * flm + fm);
        var right = (b - m) / 6 * (fm + 4 * frm + fb);
        var delta = left + right - whole;
        if (depth <= 0 || Math.Abs(delta) <= 15 * tolerance)
        {
            return left + right + delta / 15;
        }
        return Step(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1) + Step(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1);
    }
}
