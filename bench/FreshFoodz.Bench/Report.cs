using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FreshFoodz.Bench.Simulation;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;
using Spectre.Console;

namespace FreshFoodz.Bench;

/// <summary>
/// One stack's api pods and yearly cost (the whole plan priced) under the engine and under the seasonal plan's formula,
/// against the engine's Weihnachten plan all year; the Weihnachten plan's monthly breakdown; what is unpriced.
/// </summary>
internal sealed record StackCostRow(
    string Stack, string Currency, string YearBasis, IReadOnlyList<(Season Season, int Engine, int Formula)> Pods, decimal EngineYear, decimal FormulaYear,
    decimal StaticPeakYear, IReadOnlyList<(string Group, decimal Monthly)> PeakBreakdown, IReadOnlyList<Unpriced> Unpriced, string Prices);

internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void WriteTable(IReadOnlyList<CaseResult> results)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("case", "service", "λ/s", "S s", "c", "ρ≤", "SLO/S", "decides", "N sim", "sim p95 ± CI", "N engine", "engine", "N formula", "formula", "M/M/N", "pods e/s/f");
        foreach (var r in results)
        {
            var cells = Cells(r);
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }
        AnsiConsole.Write(table);
    }

    public static IReadOnlyList<string> Cells(CaseResult r)
    {
        var d = r.Case.Demand;
        var sim = r.SimulatedP95 is { } p ? $"{F(p.P95, 3)} ± {F(p.HalfWidth, 3)}{(r.Ambiguous ? " (~)" : "")}" : "";
        return
        [
            r.Case.Id,
            Service(r.Case),
            F(d.ArrivalRatePerSecond, 0),
            F(d.MeanServiceTimeSeconds, 2),
            d.ConcurrencyPerPod.ToString(Inv),
            F(d.TargetUtilization, 2),
            F(r.Case.SloOverMean, 2),
            r.DecidedBy switch { Decider.Slo => "SLO", Decider.Utilization => "utilization", _ => "unreachable" },
            r.SimulatedServers is not { } n ? "none"
                : r.PlausibleLow != n || r.PlausibleHigh != n ? $"{n} ({r.PlausibleLow}–{r.PlausibleHigh})" : n.ToString(Inv),
            sim,
            r.EngineServers?.ToString(Inv) ?? "refuses",
            r.EngineRatio is { } e ? F(e, 3) + (r.EngineWithinTarget ? "" : " ✗") : "",
            r.FormulaServers.ToString(Inv),
            r.FormulaRatio is { } f ? F(f, 3) : "",
            r.MmnRatio is { } m ? F(m, 3) : r.SimulatedServers is null ? "" : "refuses",
            r.SimulatedServers is { } s && r.EngineServers is { } en
                ? $"{r.Pods(en)}/{r.Pods(s)}/{r.Pods(r.FormulaServers)}"
                : "",
        ];
    }

    private static string Service(BenchCase c) => c.Service.Lognormal is { } f
        ? $"lognormal SCV {F(f.Scv, 2)}"
        : "exponential";

    public static void WriteSummary(IReadOnlyList<CaseResult> results)
    {
        foreach (var line in SummaryLines(results))
        {
            AnsiConsole.WriteLine(line);
        }
    }

    public static IEnumerable<string> SummaryLines(IReadOnlyList<CaseResult> results)
    {
        var measured = results.Where(r => r.SimulatedServers is not null).ToList();
        var slo = measured.Count(r => r.DecidedBy == Decider.Slo);
        var engine = measured.Where(r => r.EngineRatio is not null).Select(r => r.EngineRatio!.Value).ToList();
        var formula = measured.Select(r => r.FormulaRatio!.Value).ToList();
        var within = measured.Count(r => r.EngineWithinTarget);
        var misses = measured.Where(r => !r.EngineWithinTarget).ToList();
        var unreachable = results.Where(r => r.DecidedBy == Decider.Unreachable).ToList();
        yield return $"{results.Count} cases: {measured.Count} with a simulated minimum ({slo} decided by the p95 SLO, {measured.Count - slo} by utilization), " +
            $"{unreachable.Count} unreachable (the engine refuses {unreachable.Count(r => r.EngineRefusal is not null)} of them).";
        yield return $"Engine N / simulated minimum: min {F(engine.Min(), 3)}, median {F(Median(engine), 3)}, max {F(engine.Max(), 3)}; " +
            $"{within} of {measured.Count} within target (never below a count the simulation shows too small, at most 10 % above one it shows sufficient)" +
            (misses.Count == 0 ? "." : "; outside: " + string.Join(", ", misses.Select(m => $"{m.Case.Id} ({m.EngineServers} vs {m.SimulatedServers})")) + ".");
        var belowInCi = measured.Where(r => r.EngineRatio < 1.0 && r.EngineWithinTarget).ToList();
        if (belowInCi.Count > 0)
        {
            yield return "Ratios below 1.00 only where the SLO lies inside the simulated p95's CI, so the simulation cannot rule the engine's count out: " +
                string.Join(", ", belowInCi.Select(m => $"{m.Case.Id} (engine {m.EngineServers}, plausible {m.PlausibleLow}–{m.PlausibleHigh})")) + ".";
        }
        yield return $"Seasonal-plan formula N / simulated minimum: min {F(formula.Min(), 3)}, median {F(Median(formula), 3)}, max {F(formula.Max(), 3)}; " +
            $"under-provisioned in {formula.Count(x => x < 1)} cases.";
        yield return $"p95 CI half-width at the minimum: median {F(Median([.. measured.Select(r => r.SimulatedP95!.Value.RelativeHalfWidth * 100)]), 2)} %, " +
            $"max {F(measured.Max(r => r.SimulatedP95!.Value.RelativeHalfWidth) * 100, 2)} %; {measured.Count(r => r.Ambiguous)} cases where the SLO lies inside the CI at N or N − 1 (~).";
    }

    /// <summary>Per stack: api pods per season and the year's cost (auto; a pinned stack runs its season all year).</summary>
    public static IReadOnlyList<StackCostRow> CostConsequence(string projectDir)
    {
        var list = new List<StackCostRow>();
        foreach (var stack in StackFileLoader.KnownStacks(projectDir))
        {
            var settings = StackSettingsReader.Read(StackFileLoader.Load(projectDir, stack));
            var cost = new StackCost(settings, PriceSheetFile.Load(projectDir, stack));
            var inputs = settings.Capacity;
            var pods = SeasonNames.All.Select(s => (s, CapacityEngine.Size(inputs, s).App.Pods, CapacityEngine.Size(inputs, s, AppTierRule.SeasonalPlanFormula).App.Pods)).ToList();
            const int Year = 2026;
            var basis = settings.Season.Pinned is { } p ? $"pinned to {p.ConfigName()}, {Year}" : $"auto, {Year}";
            // Seasonal sizing alone (the business-window nodes all day), for engine and formula alike; the daily floor is
            // compared in DailyFloor.
            var engine = cost.ProjectYear(Year, dailyFloor: false);
            list.Add(new StackCostRow(stack, cost.Currency, basis, pods, engine.Yearly, cost.ProjectYear(Year, AppTierRule.SeasonalPlanFormula, dailyFloor: false).Yearly,
                engine.YearlyStaticPeak, cost.SeasonalOnly(Season.Weihnachten).ByGroup, cost.Unpriced, cost.Sheet.Provenance));
        }
        foreach (var c in list)
        {
            AnsiConsole.WriteLine(
                $"{c.Stack} ({c.YearBasis}): api pods engine/formula " +
                string.Join(", ", c.Pods.Select(p => $"{p.Season.ConfigName()} {p.Engine}/{p.Formula}")) +
                $"; year {c.Currency} {c.EngineYear:N0} (engine, {c.EngineYear / c.StaticPeakYear * 100:0} % of the static peak's {c.StaticPeakYear:N0}) vs {c.FormulaYear:N0} (formula); {c.Unpriced.Count} parts unpriced");
        }
        return list;
    }

    public static JsonObject ToJson(IReadOnlyList<CaseResult> results, IReadOnlyList<StackCostRow> costs, int requests)
    {
        var cases = new JsonArray();
        foreach (var r in results)
        {
            var d = r.Case.Demand;
            cases.Add(new JsonObject
            {
                ["id"] = r.Case.Id,
                ["group"] = r.Case.Group,
                ["distribution"] = r.Case.Service.Distribution.ToString().ToLowerInvariant(),
                ["serviceScv"] = R(r.Case.Service.Scv),
                ["arrivalRatePerSecond"] = R(d.ArrivalRatePerSecond),
                ["meanServiceTimeSeconds"] = R(d.MeanServiceTimeSeconds),
                ["p95ServiceTimeSeconds"] = R(r.Case.Service.P95),
                ["declaredP95ServiceTimeSeconds"] = R(d.P95ServiceTimeSeconds),
                ["concurrencyPerPod"] = d.ConcurrencyPerPod,
                ["targetUtilization"] = R(d.TargetUtilization),
                ["sloP95Seconds"] = R(d.SloP95Seconds),
                ["seed"] = r.Case.Seed,
                ["decidedBy"] = r.DecidedBy.ToString().ToLowerInvariant(),
                ["utilizationServers"] = r.UtilizationServers,
                ["simulatedServers"] = r.SimulatedServers,
                ["simulatedP95"] = Estimate(r.SimulatedP95),
                ["simulatedP95OneFewer"] = Estimate(r.SimulatedP95OneFewer),
                ["ambiguous"] = r.Ambiguous,
                ["plausibleLow"] = r.PlausibleLow,
                ["plausibleHigh"] = r.PlausibleHigh,
                ["engineWithinTarget"] = r.SimulatedServers is null ? null : r.EngineWithinTarget,
                ["engineServers"] = r.EngineServers,
                ["engineRatio"] = r.EngineRatio is { } e ? R(e) : null,
                ["enginePredictedP95"] = r.EngineP95 is { } ep ? R(ep) : null,
                ["engineRefusal"] = r.EngineRefusal,
                ["formulaServers"] = r.FormulaServers,
                ["formulaRatio"] = r.FormulaRatio is { } f ? R(f) : null,
                ["mmnServers"] = r.MmnServers,
                ["mmnRatio"] = r.MmnRatio is { } m ? R(m) : null,
                ["pods"] = r.SimulatedServers is { } s && r.EngineServers is { } en
                    ? new JsonObject { ["engine"] = r.Pods(en), ["simulated"] = r.Pods(s), ["formula"] = r.Pods(r.FormulaServers) }
                    : null,
            });
        }
        return new JsonObject
        {
            ["requestsPerRun"] = requests,
            ["warmUpShare"] = QueueSimulator.WarmUpShare,
            ["batches"] = QueueSimulator.Batches,
            ["summary"] = new JsonArray([.. SummaryLines(results).Select(l => (JsonNode)l)]),
            ["cases"] = cases,
            ["cost"] = new JsonArray([.. costs.Select(c => (JsonNode)new JsonObject
            {
                ["stack"] = c.Stack,
                ["currency"] = c.Currency,
                ["yearBasis"] = c.YearBasis,
                ["pods"] = new JsonObject(c.Pods.Select(p => KeyValuePair.Create(p.Season.ConfigName(), (JsonNode?)new JsonObject { ["engine"] = p.Engine, ["formula"] = p.Formula }))),
                ["engineYearly"] = Math.Round(c.EngineYear, 2),
                ["formulaYearly"] = Math.Round(c.FormulaYear, 2),
                ["staticPeakYearly"] = Math.Round(c.StaticPeakYear, 2),
                ["engineShareOfStaticPeak"] = Math.Round(c.EngineYear / c.StaticPeakYear, 4),
                ["weihnachtenMonthlyByGroup"] = new JsonObject(c.PeakBreakdown.Select(g => KeyValuePair.Create(g.Group, (JsonNode?)JsonValue.Create(Math.Round(g.Monthly, 2))))),
                ["unpriced"] = new JsonArray([.. c.Unpriced.Select(u => (JsonNode)$"{u.Resource} ({u.Type}): {u.Reason}")]),
                ["prices"] = c.Prices,
            })]),
        };
    }

    /// <summary>Summary, cost and every case, as Markdown (bench/results/accuracy.md); no timings, so reproducible.</summary>
    public static string MarkdownDocument(IReadOnlyList<CaseResult> results, IReadOnlyList<StackCostRow> costs, int requests, string dailyFloor)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Capacity bench: engine against simulation");
        sb.AppendLine();
        sb.AppendLine("Generated by `dotnet run -c Release --project bench/FreshFoodz.Bench -- --out bench/results/accuracy.json --markdown bench/results/accuracy.md`");
        sb.AppendLine(CultureInfo.InvariantCulture, $"({requests:N0} simulated requests per server count, fixed seeds). README.md, section Performance, explains the columns.");
        sb.AppendLine();
        foreach (var line in SummaryLines(results))
        {
            sb.AppendLine("- " + line);
        }
        sb.AppendLine();
        sb.Append(CostMarkdown(costs));
        sb.AppendLine();
        sb.Append(dailyFloor);
        sb.AppendLine();
        sb.Append(Markdown(results));
        return sb.ToString();
    }

    public static string CostMarkdown(IReadOnlyList<StackCostRow> costs)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| stack | year | api pods engine / formula (baseline, spargel, oktoberfest, weihnachten) | engine per year | formula per year | formula costs more | static peak per year | engine / static peak |");
        sb.AppendLine("|---|---|---|--:|--:|--:|--:|--:|");
        foreach (var c in costs)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Stack} | {c.YearBasis} | {string.Join(", ", c.Pods.Select(p => $"{p.Engine} / {p.Formula}"))} | {c.Currency} {c.EngineYear:N0} | {c.Currency} {c.FormulaYear:N0} | {c.Currency} {c.FormulaYear - c.EngineYear:N0} ({(c.FormulaYear / c.EngineYear - 1) * 100:0} %) | {c.Currency} {c.StaticPeakYear:N0} | {c.EngineYear / c.StaticPeakYear * 100:0} % |");
        }
        sb.AppendLine();
        sb.AppendLine("Weihnachten plan per month, by item (engine sizing):");
        sb.AppendLine();
        var groups = costs.SelectMany(c => c.PeakBreakdown.Select(g => g.Group)).Distinct().ToList();
        sb.AppendLine("| item | " + string.Join(" | ", costs.Select(c => $"{c.Stack} ({c.Currency})")) + " |");
        sb.AppendLine("|---|" + string.Concat(costs.Select(_ => "--:|")));
        foreach (var g in groups)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {g} | {string.Join(" | ", costs.Select(c => c.PeakBreakdown.Where(x => x.Group == g).Sum(x => x.Monthly).ToString("N0", CultureInfo.InvariantCulture)))} |");
        }
        sb.AppendLine();
        foreach (var c in costs)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {c.Stack}: prices {c.Prices}; {c.Unpriced.Count} parts unpriced in some season:");
            foreach (var line in UnpricedSummary.Lines(c.Unpriced, c.Stack))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  - {line}");
            }
        }
        return sb.ToString();
    }

    /// <summary>The per-case table as Markdown.</summary>
    public static string Markdown(IReadOnlyList<CaseResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| case | service | λ/s | S s | c | ρ ≤ | SLO/S | decides | N sim | sim p95 ± CI (s) | N engine | engine ratio | N formula | formula ratio | M/M/N ratio | pods e/s/f |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            sb.AppendLine("| " + string.Join(" | ", Cells(r)) + " |");
        }
        return sb.ToString();
    }

    private static JsonObject? Estimate(P95Estimate? e) => e is { } x
        ? new JsonObject { ["p95"] = R(x.P95), ["low"] = R(x.Low), ["high"] = R(x.High) }
        : null;

    private static double R(double x) => Math.Round(x, 4, MidpointRounding.AwayFromZero);

    private static string F(double x, int decimals) => x.ToString("F" + decimals.ToString(Inv), Inv);

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
