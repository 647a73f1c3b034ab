using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FreshFoodz.Bench.Simulation;
using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Queueing;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Bench;

/// <summary>One stack's simulated day in one season under its daily schedule.</summary>
internal sealed record DayResult(string Stack, Season Season, DailySchedule Schedule, double Slo, IReadOnlyList<DeploymentDay> Deployments)
{
    public IEnumerable<(DeploymentDay Day, DayWindow Window)> All => Deployments.SelectMany(d => d.Windows.Select(w => (d, w)));

    public (DeploymentDay Day, DayWindow Window) WorstP95 => All.MaxBy(x => x.Window.P95);

    public (DeploymentDay Day, DayWindow Window) Busiest => All.MaxBy(x => x.Window.Utilization);

    public int WindowsOverSlo => All.Count(x => x.Window.P95 > Slo);

    public int WindowsOverCapacity => All.Count(x => x.Window.Utilization >= 1);

    public int Windows => All.Count();

    public long Requests => All.Sum(x => (long)x.Window.Requests);

    public double ApiPodHours => Deployments.Sum(d => d.PodHours);

    /// <summary>The season's api pods all day, as the seasonal plan pre-provisions them.</summary>
    public double SeasonalApiPodHours => Schedule.Deployments.Where(d => d.Role == WorkloadRole.Api).Sum(d => d.BusinessMinReplicas) * 24.0;
}

/// <summary>Per stack: the year with seasonal sizing only, with seasonal + daily sizing, and the static peak, in one run.</summary>
internal sealed record DailyCostRow(string Stack, string Currency, string YearBasis, decimal SeasonalYear, decimal DailyYear, decimal StaticPeakYear);

/// <summary>The daily floor's proof (whole-day simulations of the peak day and a baseline day) and its money.</summary>
internal static class DailyFloor
{
    public static readonly Season[] Days = [Season.Weihnachten, Season.Baseline];

    public static IReadOnlyList<DayResult> Simulate(string projectDir)
    {
        var jobs = new List<(string Stack, Season Season, DailySchedule Schedule, AppTierDemand Demand, ServiceSampler Service, ScheduledDeployment Deployment, int Seed)>();
        var seed = 5001;
        foreach (var stack in StackFileLoader.KnownStacks(projectDir))
        {
            var settings = StackSettingsReader.Read(StackFileLoader.Load(projectDir, stack));
            foreach (var season in Days)
            {
                var plan = CapacityEngine.Size(settings.Capacity, season);
                var schedule = DailyScheduler.Schedule(settings.Capacity, plan, settings.Capacity.DailyLoad, ScalingLags.Default);
                var d = plan.App.Demand;
                var service = d.Distribution == ServiceTimeDistribution.Lognormal
                    ? ServiceSampler.Of(LognormalFit.FromMeanAndP95(d.MeanServiceTimeSeconds, d.P95ServiceTimeSeconds))
                    : ServiceSampler.Exponential(d.MeanServiceTimeSeconds);
                foreach (var deployment in schedule.Deployments.Where(x => x.Role == WorkloadRole.Api))
                {
                    jobs.Add((stack, season, schedule, d, service, deployment, seed++));
                }
            }
        }
        var days = new DeploymentDay[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => days[i] = DaySimulator.Run(jobs[i].Schedule, jobs[i].Deployment, jobs[i].Demand, jobs[i].Service, jobs[i].Seed));
        return [.. jobs.Select((j, i) => (j, Day: days[i]))
            .GroupBy(x => (x.j.Stack, x.j.Season))
            .Select(g => new DayResult(g.Key.Stack, g.Key.Season, g.First().j.Schedule, g.First().j.Demand.SloP95Seconds, [.. g.Select(x => x.Day)]))];
    }

    public static IReadOnlyList<DailyCostRow> Cost(string projectDir)
    {
        const int Year = 2026;
        var rows = new List<DailyCostRow>();
        foreach (var stack in StackFileLoader.KnownStacks(projectDir))
        {
            var settings = StackSettingsReader.Read(StackFileLoader.Load(projectDir, stack));
            var cost = new StackCost(settings, PriceSheetFile.Load(projectDir, stack));
            var seasonal = cost.ProjectYear(Year, dailyFloor: false);
            var daily = cost.ProjectYear(Year);
            var basis = settings.Season.Pinned is { } p ? $"pinned to {p.ConfigName()}, {Year}" : $"auto, {Year}";
            rows.Add(new DailyCostRow(stack, cost.Currency, basis, seasonal.Yearly, daily.Yearly, seasonal.YearlyStaticPeak));
        }
        return rows;
    }

    private static string Clock(int second) => $"{second / 3600:00}:{second % 3600 / 60:00}";

    private static string F(double x, int decimals) => x.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Window(DailySchedule s) => s.HasWindow ? $"{Clock(s.StartSecond)}–{Clock(s.EndSecond)}" : "none (floors all day)";

    public static IEnumerable<string> Lines(IReadOnlyList<DayResult> days, IReadOnlyList<DailyCostRow> costs)
    {
        foreach (var d in days)
        {
            var (wd, w) = d.WorstP95;
            var (bd, b) = d.Busiest;
            yield return $"{d.Stack} {d.Season.ConfigName()} day: window {Window(d.Schedule)}, worst 5-min p95 {F(w.P95, 3)} s ({wd.Deployment.Name} {Clock(w.Start)}) vs SLO {F(d.Slo, 2)} s, " +
                $"{d.WindowsOverSlo} of {d.Windows} windows over the SLO, busiest window at {F(b.Utilization * 100, 1)} % of capacity ({bd.Deployment.Name} {Clock(b.Start)}), {d.WindowsOverCapacity} over capacity";
        }
        foreach (var c in costs)
        {
            yield return $"{c.Stack} ({c.YearBasis}): seasonal only {c.Currency} {c.SeasonalYear:N0} ({c.SeasonalYear / c.StaticPeakYear * 100:0.0} % of the static peak), " +
                $"seasonal + daily {c.DailyYear:N0} ({c.DailyYear / c.StaticPeakYear * 100:0.0} %), static peak {c.StaticPeakYear:N0}";
        }
    }

    public static string Markdown(IReadOnlyList<DayResult> days, IReadOnlyList<DailyCostRow> costs)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("## Daily floor: seasonal + daily sizing");
        sb.AppendLine();
        sb.AppendLine("Yearly cost, each from the same price sheet and plans (docs/capacity-model.md, Daily floor):");
        sb.AppendLine();
        sb.AppendLine("| stack | year | seasonal only | seasonal + daily | daily saves | static peak | seasonal only / static peak | seasonal + daily / static peak |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var c in costs)
        {
            sb.AppendLine(inv,
                $"| {c.Stack} | {c.YearBasis} | {c.Currency} {c.SeasonalYear:N0} | {c.Currency} {c.DailyYear:N0} | {c.Currency} {c.SeasonalYear - c.DailyYear:N0} | {c.Currency} {c.StaticPeakYear:N0} | {c.SeasonalYear / c.StaticPeakYear * 100:0.0} % | {c.DailyYear / c.StaticPeakYear * 100:0.0} % |");
        }
        sb.AppendLine();
        sb.AppendLine("Whole-day simulations (every api deployment, 5-minute windows in local time; README, Performance):");
        sb.AppendLine();
        sb.AppendLine("| stack | day | window (min. from–to) | api pods business / off hours | app nodes business / off hours | requests | worst 5-min p95 (s) | SLO (s) | windows over SLO | busiest window (% of capacity) | windows over capacity | reactive pod starts | api pod-hours daily / seasonal |");
        sb.AppendLine("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var d in days)
        {
            var api = d.Schedule.Deployments.Where(x => x.Role == WorkloadRole.Api).ToList();
            var (wd, w) = d.WorstP95;
            var (bd, b) = d.Busiest;
            sb.AppendLine(inv,
                $"| {d.Stack} | {d.Season.ConfigName()} | {Window(d.Schedule)} | {api.Sum(x => x.BusinessMinReplicas)} / {api.Sum(x => x.OffHoursMinReplicas)} | {d.Schedule.BusinessNodes} / {d.Schedule.OffHoursNodes} | {d.Requests:N0} | {F(w.P95, 3)} ({wd.Deployment.Name} {Clock(w.Start)}) | {F(d.Slo, 2)} | {d.WindowsOverSlo} of {d.Windows} | {F(b.Utilization * 100, 1)} ({bd.Deployment.Name} {Clock(b.Start)}) | {d.WindowsOverCapacity} | {d.Deployments.Sum(x => x.ReactiveScaleUps)} | {F(d.ApiPodHours, 0)} / {F(d.SeasonalApiPodHours, 0)} |");
        }
        return sb.ToString();
    }

    public static JsonObject Json(IReadOnlyList<DayResult> days, IReadOnlyList<DailyCostRow> costs) => new()
    {
        ["lags"] = new JsonObject
        {
            ["kedaPollingSeconds"] = ScalingLags.Default.KedaPolling,
            ["hpaSyncSeconds"] = ScalingLags.Default.HpaSync,
            ["scaleDownStabilizationSeconds"] = ScalingLags.Default.ScaleDownStabilization,
            ["scrapeIntervalSeconds"] = ScalingLags.Default.ScrapeInterval,
            ["rateWindowSeconds"] = ScalingLags.Default.RateWindow,
            ["nodeProvisioningSeconds"] = ScalingLags.Default.NodeProvisioning,
            ["podStartupSeconds"] = ScalingLags.Default.PodStartup,
            ["nodeScaleDownSeconds"] = ScalingLags.Default.NodeScaleDown,
            ["leadSeconds"] = ScalingLags.Default.LeadSeconds,
        },
        ["cost"] = new JsonArray([.. costs.Select(c => (JsonNode)new JsonObject
        {
            ["stack"] = c.Stack,
            ["currency"] = c.Currency,
            ["yearBasis"] = c.YearBasis,
            ["seasonalYearly"] = Math.Round(c.SeasonalYear, 2),
            ["seasonalDailyYearly"] = Math.Round(c.DailyYear, 2),
            ["staticPeakYearly"] = Math.Round(c.StaticPeakYear, 2),
            ["seasonalShareOfStaticPeak"] = Math.Round(c.SeasonalYear / c.StaticPeakYear, 4),
            ["seasonalDailyShareOfStaticPeak"] = Math.Round(c.DailyYear / c.StaticPeakYear, 4),
        })]),
        ["days"] = new JsonArray([.. days.Select(d => (JsonNode)new JsonObject
        {
            ["stack"] = d.Stack,
            ["season"] = d.Season.ConfigName(),
            ["windowStartSecond"] = d.Schedule.HasWindow ? d.Schedule.StartSecond : null,
            ["windowEndSecond"] = d.Schedule.HasWindow ? d.Schedule.EndSecond : null,
            ["businessNodes"] = d.Schedule.BusinessNodes,
            ["offHoursNodes"] = d.Schedule.OffHoursNodes,
            ["businessNodeHours"] = Math.Round(d.Schedule.BusinessNodeHours, 4),
            ["sloP95Seconds"] = d.Slo,
            ["requests"] = d.Requests,
            ["windows"] = d.Windows,
            ["windowsOverSlo"] = d.WindowsOverSlo,
            ["windowsOverCapacity"] = d.WindowsOverCapacity,
            ["worstWindowP95"] = Math.Round(d.WorstP95.Window.P95, 4),
            ["busiestWindowUtilization"] = Math.Round(d.Busiest.Window.Utilization, 4),
            ["deployments"] = new JsonArray([.. d.Deployments.Select(x => (JsonNode)new JsonObject
            {
                ["name"] = x.Deployment.Name,
                ["share"] = x.Deployment.Share,
                ["businessMinReplicas"] = x.Deployment.BusinessMinReplicas,
                ["offHoursMinReplicas"] = x.Deployment.OffHoursMinReplicas,
                ["maxReplicas"] = x.Deployment.MaxReplicas,
                ["peakReadyPods"] = x.PeakReadyPods,
                ["reactivePodStarts"] = x.ReactiveScaleUps,
                ["podHours"] = Math.Round(x.PodHours, 2),
                ["worstWindowP95"] = Math.Round(x.Windows.Max(w => w.P95), 4),
                ["busiestWindowUtilization"] = Math.Round(x.Windows.Max(w => w.Utilization), 4),
            })]),
        })]),
    };
}
