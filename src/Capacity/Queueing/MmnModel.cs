using System.Globalization;
namespace FreshFoodz.Capacity.Queueing;

/// <summary>
/// The M/M/N queue: Poisson arrivals at rate λ, exponential service with mean S (rate μ = 1/S), N servers,
/// first come first served. Formulas (Erlang C, waiting-time distribution) as in Gross &amp; Harris,
/// "Fundamentals of Queueing Theory", §2.3 (M/M/c).
/// </summary>
public readonly record struct MmnModel
{
    public MmnModel(double arrivalRate, double meanServiceTime, int servers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(arrivalRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(meanServiceTime);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(servers);
        ArrivalRate = arrivalRate;
        MeanServiceTime = meanServiceTime;
        Servers = servers;
    }

    public double ArrivalRate { get; }

    public double MeanServiceTime { get; }

    public int Servers { get; }

    /// <summary>Offered load A = λ·S in Erlangs; by Little's Law the mean number of requests in service.</summary>
    public double OfferedLoad => ArrivalRate * MeanServiceTime;

    /// <summary>Server utilization ρ = A / N.</summary>
    public double Utilization => OfferedLoad / Servers;

    public bool IsStable => Utilization < 1.0;

    /// <summary>
    /// Erlang C: the probability that an arrival waits, C(N, A) = N·B / (N − A·(1 − B)), with the Erlang B
    /// value B from the stable recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)).
    /// </summary>
    public double ProbabilityOfWaiting
    {
        get
        {
            RequireStable();
            var a = OfferedLoad;
            var b = 1.0;
            for (var k = 1; k <= Servers; k++)
            {
                b = a * b / (k + a * b);
            }
            return Servers * b / (Servers - a * (1 - b));
        }
    }

    /// <summary>Mean wait in queue Wq = C / (N·μ − λ).</summary>
    public double MeanWait => ProbabilityOfWaiting / (Servers / MeanServiceTime - ArrivalRate);

    /// <summary>Mean response time W = Wq + S.</summary>
    public double MeanResponseTime => MeanWait + MeanServiceTime;

    /// <summary>
    /// P(T &gt; t) for the response time T = Wq + S. Wq is 0 with probability 1 − C and otherwise
    /// exponential with rate a = N·μ − λ, independent of the exponential service time S, so
    /// P(T &gt; t) = (1 − C)·e^(−μt) + C·(a·e^(−μt) − μ·e^(−at)) / (a − μ), and for a = μ the limit
    /// (1 − C)·e^(−μt) + C·(1 + μt)·e^(−μt).
    /// </summary>
    public double ResponseTimeExceedance(double t) => ResponseTimeExceedance(t, ProbabilityOfWaiting);

    private double ResponseTimeExceedance(double t, double c)
    {
        if (t <= 0)
        {
            return 1.0;
        }
        var mu = 1.0 / MeanServiceTime;
        var a = Servers * mu - ArrivalRate;
        var service = Math.Exp(-mu * t);
        var waitThenService = Math.Abs(a - mu) < 1e-9 * mu
            ? (1 + mu * t) * service
            : (a * service - mu * Math.Exp(-a * t)) / (a - mu);
        return (1 - c) * service + c * waitThenService;
    }

    /// <summary>The p-quantile of the response time (p = 0.95 for p95), by bisection on the exceedance.</summary>
    public double ResponseTimeQuantile(double p)
    {
        var self = this;
        var c = ProbabilityOfWaiting; // O(N): computed once, not per bisection step
        return Quantiles.Invert(t => self.ResponseTimeExceedance(t, c), p, MeanServiceTime);
    }

    private void RequireStable()
    {
        if (!IsStable)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"M/M/{Servers} with offered load {OfferedLoad:0.###} is unstable (utilization {Utilization:0.###} ≥ 1)"));
        }
    }
}
