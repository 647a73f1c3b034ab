using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FreshFoodz.Bench;
using FreshFoodz.Bench.Simulation;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Settings;
using Spectre.Console;

// dotnet run -c Release --project bench/FreshFoodz.Bench -- --out bench/results/accuracy.json
var options = Options.Parse(args);
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 240; // a file or pipe gets the whole table, not one wrapped at 80 columns
}
var projectDir = Options.FindProjectDir();
var cases = Cases.Stacks(projectDir).Concat(Cases.Sweep()).ToList();
var results = new CaseResult[cases.Count];
var clock = Stopwatch.StartNew();

AnsiConsole.MarkupLine($"[bold]Capacity bench[/]: {cases.Count} cases, {options.Requests:N0} simulated requests per server count, {Environment.ProcessorCount} threads");
AnsiConsole.Progress()
    .AutoClear(false)
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .Start(progress =>
    {
        var task = progress.AddTask("simulating", maxValue: cases.Count);
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results[i] = CaseRunner.Run(cases[i], options.Requests);
            task.Increment(1);
        });
    });
var simulationSeconds = clock.Elapsed.TotalSeconds;

Report.WriteTable(results);
Report.WriteSummary(results);
var costs = Report.CostConsequence(projectDir);
var dailyClock = System.Diagnostics.Stopwatch.StartNew();
var days = DailyFloor.Simulate(projectDir);
var dailyCosts = DailyFloor.Cost(projectDir);
foreach (var line in DailyFloor.Lines(days, dailyCosts))
{
    AnsiConsole.WriteLine(line);
}
AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "Daily floor: {0} simulated days in {1:0.0} s", days.Count, dailyClock.Elapsed.TotalSeconds);
var timing = PlannerTiming.Measure(projectDir, options.TimingRuns);
AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
    "Offline planner, all {0} stacks × {1} seasons (load, validate, size): median {2:0.00} ms over {3} runs",
    timing.Stacks, SeasonNames.All.Count, timing.MedianMilliseconds, options.TimingRuns);
AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "Simulation {0:0.0} s, total {1:0.0} s", simulationSeconds, clock.Elapsed.TotalSeconds);

if (options.Out is { } path)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    var json = Report.ToJson(results, costs, options.Requests);
    json["dailyFloor"] = DailyFloor.Json(days, dailyCosts);
    File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(path)}[/] (timings are left out, so the file is reproducible)");
}
if (options.Markdown is { } md)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(md))!);
    File.WriteAllText(md, Report.MarkdownDocument(results, costs, options.Requests, DailyFloor.Markdown(days, dailyCosts)));
    AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(md)}[/]");
}
return 0; // the summary lists any case outside the target; the bench measures, it does not gate

internal sealed record Options(string? Out, string? Markdown, int Requests, int TimingRuns)
{
    public static Options Parse(string[] args)
    {
        string? output = null;
        string? markdown = null;
        var requests = 1_000_000;
        var timingRuns = 31;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--out": output = Next(); break;
                case "--markdown": markdown = Next(); break;
                case "--requests": requests = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--timing-runs": timingRuns = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}; use --out FILE, --markdown FILE, --requests N, --timing-runs N");
            }
        }
        return new Options(output, markdown, requests, timingRuns);
    }

    public static string FindProjectDir()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run inside the project: no Pulumi.yaml in this folder or above");
    }
}

internal sealed record Timing(int Stacks, double MedianMilliseconds);

/// <summary>Wall time of what <c>capacity</c> does for every stack and season, as a README figure (never a test).</summary>
internal static class PlannerTiming
{
    public static Timing Measure(string projectDir, int runs)
    {
        var stacks = StackFileLoader.KnownStacks(projectDir);
        void Once()
        {
            foreach (var stack in stacks)
            {
                var settings = StackSettingsReader.Read(StackFileLoader.Load(projectDir, stack));
                foreach (var season in SeasonNames.All)
                {
                    _ = CapacityEngine.Size(settings.Capacity, season);
                }
            }
        }
        for (var i = 0; i < 3; i++)
        {
            Once(); // JIT and file cache
        }
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            Once();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Timing(stacks.Count, times[times.Count / 2]);
    }
}
