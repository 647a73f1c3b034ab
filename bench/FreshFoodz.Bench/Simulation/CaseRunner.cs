using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Bench.Simulation;

/// <summary>
/// One bench case: the engine's demand (what the stack declares) and the service times the simulation draws.
/// Sweep cases declare what they draw; stack cases are simulated as declared and, as a variant, with a
/// lognormal of the same mean and p95.
/// </summary>
public sealed record BenchCase(string Id, string Group, AppTierDemand Demand, ServiceSampler Service, int Seed)
{
    public double OfferedLoad => Demand.ArrivalRatePerSecond * Demand.MeanServiceTimeSeconds;

    public double SloOverMean => Demand.SloP95Seconds / Demand.MeanServiceTimeSeconds;
}

/// <summary>Which rule sets the simulated minimum (at server granularity).</summary>
public enum Decider
{
    Utilization,
    Slo,
    Unreachable,
}

/// <summary>What a case measured. Server counts N = pods × concurrency; ratios are to the simulated minimum.</summary>
public sealed record CaseResult(
    BenchCase Case,
    int Requests,
    int UtilizationServers,
    int? EngineServers,
    double? EngineP95,
    string? EngineRefusal,
    int FormulaServers,
    int? MmnServers,
    int? SimulatedServers,
    P95Estimate? SimulatedP95,
    P95Estimate? SimulatedP95OneFewer,
    int SimulationRuns)
{
    /// <summary>The smallest N that simulation does not show to break the SLO (CI low ≤ SLO): fewer servers are
    /// shown to miss it at 95 % confidence. Equals <see cref="SimulatedServers"/> unless the SLO lies in a CI.</summary>
    public int? PlausibleLow { get; init; }

    /// <summary>The smallest N that simulation shows to meet the SLO (CI high ≤ SLO).</summary>
    public int? PlausibleHigh { get; init; }

    /// <summary>
    /// The engine's count is accurate if no smaller count than it is shown sufficient (N ≥ <see cref="PlausibleLow"/>,
    /// never under-provisioned) and it is at most 10 % above a count shown sufficient (N ≤ 1.10 × <see cref="PlausibleHigh"/>).
    /// </summary>
    public bool EngineWithinTarget => EngineServers is { } e && PlausibleLow is { } lo && PlausibleHigh is { } hi
        && e >= lo && e <= 1.10 * hi + 1e-9;

    public Decider DecidedBy => SimulatedServers is not { } n ? Decider.Unreachable
        : n > UtilizationServers ? Decider.Slo : Decider.Utilization;

    public double? EngineRatio => EngineServers is { } e && SimulatedServers is { } s ? (double)e / s : null;

    public double? FormulaRatio => SimulatedServers is { } s ? (double)FormulaServers / s : null;

    /// <summary>What M/M/N alone (the mean service time, no tail correction) would give, as a ratio.</summary>
    public double? MmnRatio => MmnServers is { } m && SimulatedServers is { } s ? (double)m / s : null;

    /// <summary>True if the SLO lies inside the CI of the p95 at the minimum or at one server fewer: the
    /// simulation cannot then tell those two counts apart at 95 % confidence.</summary>
    public bool Ambiguous => SimulatedServers is not null && (
        SimulatedP95 is { } at && at.High >= Case.Demand.SloP95Seconds
        || SimulatedP95OneFewer is { } below && below.Low <= Case.Demand.SloP95Seconds);

    /// <summary>Pods as deployed: max(HA minimum, ⌈N / c⌉).</summary>
    public int Pods(int servers) => Math.Max(Case.Demand.MinimumPods, (servers + Case.Demand.ConcurrencyPerPod - 1) / Case.Demand.ConcurrencyPerPod);
}

public static class CaseRunner
{
    /// <summary>Above this many times the offered load a case counts as unreachable by simulation.</summary>
    private const int SearchCapFactor = 50;

    /// <summary>
    /// Finds the smallest N ≥ ⌈λS / target⌉ whose simulated p95 meets the SLO: starting from the engine's N,
    /// galloping down (or up) to a bracket, then bisecting; with common random numbers the simulated p95 falls
    /// with N, so the bisection is sound.
    /// </summary>
    public static CaseResult Run(BenchCase c, int requests)
    {
        var d = c.Demand;
        var load = c.OfferedLoad;
        var byUtilization = CeilingCount(load / d.TargetUtilization);
        var formula = CeilingCount(d.ArrivalRatePerSecond * d.P95ServiceTimeSeconds / d.TargetUtilization);

        int? engine = null;
        double? engineP95 = null;
        string? refusal = null;
        try
        {
            engine = AppTierSizer.MinimumServers(d);
            engineP95 = AppTierSizer.ServerP95(d, engine.Value);
        }
        catch (CapacityException e)
        {
            refusal = e.Message;
        }
        int? mmn = null;
        try
        {
            mmn = AppTierSizer.MinimumServers(d with { Distribution = Capacity.Queueing.ServiceTimeDistribution.Exponential });
        }
        catch (CapacityException)
        {
            // M/M/N calls the SLO unreachable (it is below mean × ln 20).
        }

        var stream = new SamplePath(d.ArrivalRatePerSecond, c.Service, requests, c.Seed);
        var cache = new Dictionary<int, P95Estimate>();
        P95Estimate Estimate(int n)
        {
            if (!cache.TryGetValue(n, out var e))
            {
                e = QueueSimulator.P95(stream, n);
                cache[n] = e;
            }
            return e;
        }
        bool Meets(int n) => Estimate(n).P95 <= d.SloP95Seconds;

        var cap = Math.Max(byUtilization + 8, (int)(SearchCapFactor * Math.Ceiling(load)));
        if (c.Service.P95 >= d.SloP95Seconds)
        {
            // The service time alone breaks the SLO: show it once with a queue that hardly ever forms.
            var wide = Math.Max(byUtilization, (int)Math.Ceiling(4 * load) + 8);
            var alone = Estimate(wide);
            return new CaseResult(c, requests, byUtilization, engine, engineP95, refusal, formula, mmn, null, alone, null, cache.Count);
        }

        var start = Math.Max(byUtilization, engine ?? byUtilization);
        int pass, fail;
        if (Meets(start))
        {
            pass = start;
            fail = byUtilization - 1; // below the utilization bound counts as failing
            for (var step = 1; pass - step >= byUtilization; step *= 2)
            {
                if (!Meets(pass - step))
                {
                    fail = pass - step;
                    break;
                }
                pass -= step;
            }
        }
        else
        {
            fail = start;
            pass = -1;
            for (var step = 1; start + step <= cap; step *= 2)
            {
                if (Meets(start + step))
                {
                    pass = start + step;
                    break;
                }
                fail = start + step;
            }
            if (pass < 0)
            {
                return new CaseResult(c, requests, byUtilization, engine, engineP95, refusal, formula, mmn, null, Estimate(fail), null, cache.Count);
            }
        }
        while (pass - fail > 1)
        {
            var mid = fail + (pass - fail) / 2;
            if (Meets(mid))
            {
                pass = mid;
            }
            else
            {
                fail = mid;
            }
        }
        P95Estimate? below = pass - 1 >= byUtilization ? Estimate(pass - 1) : null;
        // Where the SLO lies inside a CI, the counts the simulation cannot tell apart from the minimum.
        var low = pass;
        while (low - 1 >= byUtilization && Estimate(low - 1).Low <= d.SloP95Seconds)
        {
            low--;
        }
        var high = pass;
        while (Estimate(high).High > d.SloP95Seconds)
        {
            high++;
        }
        return new CaseResult(c, requests, byUtilization, engine, engineP95, refusal, formula, mmn, pass, Estimate(pass), below, cache.Count)
        {
            PlausibleLow = low,
            PlausibleHigh = high,
        };
    }

    /// <summary>⌈x⌉ that ignores floating-point noise just above a whole number (as the engine rounds).</summary>
    public static int CeilingCount(double x) => (int)Math.Ceiling(x - 1e-9 * Math.Max(1.0, Math.Abs(x)));
}
