using FreshFoodz.Bench.Simulation;
using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Bench;

/// <summary>The bench's cases: every stack × season, and a sweep that stresses the p95 tail.</summary>
public static class Cases
{
    /// <summary>Every stack × season as the engine sizes it (exponential, as the stacks declare), and the same
    /// demand with lognormal service times fitted to the stack's mean and p95 (what a real tail would need).</summary>
    public static IEnumerable<BenchCase> Stacks(string projectDir)
    {
        var seed = 1;
        foreach (var stack in StackFileLoader.KnownStacks(projectDir))
        {
            var settings = StackSettingsReader.Read(StackFileLoader.Load(projectDir, stack));
            foreach (var season in SeasonNames.All)
            {
                var d = CapacityEngine.Size(settings.Capacity, season).App.Demand;
                var declared = d.Distribution == ServiceTimeDistribution.Lognormal
                    ? ServiceSampler.Of(LognormalFit.FromMeanAndP95(d.MeanServiceTimeSeconds, d.P95ServiceTimeSeconds))
                    : ServiceSampler.Exponential(d.MeanServiceTimeSeconds);
                yield return new BenchCase($"{stack}/{season.ConfigName()}", "stack", d, declared, seed++);
                if (d.Distribution == ServiceTimeDistribution.Exponential && LognormalFit.Exists(d.MeanServiceTimeSeconds, d.P95ServiceTimeSeconds))
                {
                    var fit = LognormalFit.FromMeanAndP95(d.MeanServiceTimeSeconds, d.P95ServiceTimeSeconds);
                    yield return new BenchCase(
                        $"{stack}/{season.ConfigName()}/lognormal", "stack",
                        d with { Distribution = ServiceTimeDistribution.Lognormal }, ServiceSampler.Of(fit), seed++);
                }
            }
        }
    }

    /// <summary>
    /// The tail sweep. Only the offered load A = λ·S, SLO / S, the service time's SCV and the target shape the answer, so
    /// the rows cross: SCV 1 (exponential, and lognormal), 2, 4, 6 × SLO 3.5 to 10 × the mean service time × offered
    /// loads 0.5 to 64 (arrival rates 10 to 500/s with mean service times 0.016 to 0.32 s), with concurrency 1 to 8 and
    /// target utilization 0.5 to 0.8 cycled through the rows. SLOs within 8 % of the service time's own p95 are left
    /// out (the simulation could not resolve them); SLO 2 × the mean, which no server count meets (the service time's
    /// own p95 is 2.8 to 3.75 × its mean), is one row per distribution. Lognormal rows declare p95 = the fitted p95,
    /// so the engine sees exactly what the simulation draws.
    /// </summary>
    public static IEnumerable<BenchCase> Sweep()
    {
        (string Name, double Scv)[] shapes = [("exp", 1), ("logn", 1), ("logn", 2), ("logn", 4), ("logn", 6)];
        (double Rate, double Mean)[] loads = [(10, 0.05), (50, 0.02), (10, 0.2), (200, 0.02), (500, 0.016), (100, 0.16), (500, 0.064), (200, 0.32)];
        double[] targets = [0.5, 0.6, 0.7, 0.8];
        double[] slos = [3.5, 4, 4.5, 5, 6, 8, 10];
        var row = 0;
        var seed = 1001;
        foreach (var (name, scv) in shapes)
        {
            ServiceSampler Sampler(double mean) =>
                name == "exp" ? ServiceSampler.Exponential(mean) : ServiceSampler.Of(LognormalFit.FromMeanAndScv(mean, scv));
            foreach (var k in slos)
            {
                foreach (var (rate, mean) in loads)
                {
                    var sampler = Sampler(mean);
                    // Keep SLOs the simulation can resolve: at least 8 % above the service time's own p95.
                    if (k * mean < 1.08 * sampler.P95)
                    {
                        continue;
                    }
                    var id = $"{name}{scv:0}-slo{k:0.#}-A{rate * mean:0.#}";
                    // Concurrency and target rotate with the row and shift per SLO block, so neither is tied to a load.
                    yield return Make(id, sampler, rate, (5 * row + row / 8) % 8 + 1, targets[(row + row / 8) % targets.Length], k * mean, seed++);
                    row++;
                }
            }
            yield return Make($"{name}{scv:0}-slo2-A5", Sampler(0.1), 50, 4, 0.6, 0.2, seed++);
        }
    }

    private static BenchCase Make(string id, ServiceSampler s, double rate, int concurrency, double target, double slo, int seed) =>
        new(id, "sweep", new AppTierDemand(rate, s.Mean, s.P95, concurrency, target, slo, 1) { Distribution = s.Distribution }, s, seed);
}
