using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.Settings;
using Xunit.Abstractions;

namespace FreshFoodz.Switching.Tests;

/// <summary>
/// A whole year of runs for each committed stack against a simulated cloud (<see cref="SimulatedCloud"/>), each run
/// deciding from what the previous completed run recorded, as the program does: the hourly schedule at the workflow's minute
/// (the seasons workflow), and a year in which runs are interrupted part-way (the record then unchanged), people run
/// pulumi up at random hours, and the season is pinned and unpinned mid-switch. At every intermediate cloud state:
/// no replica smaller than its primary, no compute change outside the low-traffic window without the override, no
/// run that scales a primary and its replica up together; and the seasons are reached and left in a stated number
/// of runs (docs/seasonal-operations.md).
/// </summary>
public class YearSimulationTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset FirstDeployment = At(2026, 12, 20, 10, 0);
    private static readonly DateOnly Year = new(2027, 1, 1);

    public static TheoryData<string> AllStacks() => [.. Stacks.All];

    private static DateTimeOffset At(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    /// <summary>Every hour at the workflow's minute from the first deployment to the year's end, as .github/workflows/seasons.yml runs.</summary>
    private static IEnumerable<DateTimeOffset> Hourly(DateTimeOffset from, DateTimeOffset to)
    {
        for (var t = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, Stacks.ScheduleMinute, 0, TimeSpan.Zero); t <= to; t = t.AddHours(1))
        {
            if (t > from)
            {
                yield return t;
            }
        }
    }

    private sealed record Run(DateTimeOffset At, StackSettings Settings, bool Interrupted);

    private sealed record Outcome(DateTimeOffset At, SwitchRun Run, bool Interrupted, SwitchRecord? Recorded);

    private static (SimulatedCloud Cloud, List<Outcome> Outcomes) Simulate(string stack, IEnumerable<Run> runs, int seed)
    {
        var context = Stacks.Context(stack);
        var cloud = new SimulatedCloud(context);
        var random = new Random(seed);
        SwitchRecord? record = null;
        var outcomes = new List<Outcome>();
        foreach (var r in runs)
        {
            var run = SwitchRun.Decide(r.Settings, context.Facts, record, r.At);
            // An interrupted run applies a strict part of its changes, in a random order, and records nothing.
            cloud.Apply(run, r.At, random, r.Interrupted ? random.Next(0, Math.Max(1, cloud.Pending(run))) : null);
            if (!r.Interrupted)
            {
                record = run.Record;
            }
            outcomes.Add(new Outcome(r.At, run, r.Interrupted, record));
        }
        return (cloud, outcomes);
    }

    /// <summary>The days on which the auto season changes, with the season from that day.</summary>
    private static List<(DateOnly Day, Season Target)> Changes(StackSettings settings)
    {
        var changes = new List<(DateOnly, Season)>();
        for (var day = Year; day.Year == Year.Year; day = day.AddDays(1))
        {
            if (settings.EffectiveSeason(day) != settings.EffectiveSeason(day.AddDays(-1)))
            {
                changes.Add((day, settings.EffectiveSeason(day)));
            }
        }
        return changes;
    }

    [Theory]
    [MemberData(nameof(AllStacks))]
    public void TheHourlyScheduleReachesEverySeasonInTheNightItChangesAndKeepsEveryInvariant(string stack)
    {
        var settings = Stacks.Settings(stack);
        var end = At(2027, 12, 31, 23, 59);
        var (cloud, outcomes) = Simulate(stack,
            new[] { new Run(FirstDeployment, settings, false) }.Concat(Hourly(FirstDeployment, end).Select(t => new Run(t, settings, false))), seed: 1);
        Assert.Empty(cloud.Violations);
        // The first deployment creates the databases at baseline and brings them to the season by the switch's steps.
        Assert.Equal(RunKind.Creating, outcomes[0].Run.Kind);
        Assert.All(cloud.Servers.Values, s => Assert.Equal(settings.EffectiveSeason(DateOnly.FromDateTime(end.UtcDateTime)), s));

        var window = settings.Plan.Deployment.LowTrafficWindow;
        var context = Stacks.Context(stack);
        var changes = Changes(settings);
        foreach (var (day, target) in changes)
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var night = outcomes.Where(o => o.At > midnight).ToList();
            var reached = night.FindIndex(o => o.Recorded?.Deployed == CapacityGroups.All(target) && o.Recorded.Pending is false);
            var steps = Stepper.Path(outcomes.Last(o => o.At < midnight).Recorded!.Deployed, target, context.Facts).Count;
            output.WriteLine($"{stack} {day:yyyy-MM-dd} → {target.ConfigName()}: {steps} step(s), reached by run {reached + 1} at {night[reached].At:HH:mm} UTC");
            // One run decides the first step (here the last run before the window), then one run per step.
            Assert.Equal(steps + 1, reached + 1);
            Assert.True(TimeOnly.FromDateTime(night[reached].At.UtcDateTime) < window.To, $"{day}: reached at {night[reached].At:HH:mm}, after the window");
            Assert.Equal(day, DateOnly.FromDateTime(night[reached].At.UtcDateTime));
            // And it stays there until the next change: no run outside a switch changes anything.
            var nextChange = changes.Select(c => c.Day).FirstOrDefault(d => d > day, DateOnly.MaxValue);
            Assert.All(night.Skip(reached + 1).TakeWhile(o => DateOnly.FromDateTime(o.At.UtcDateTime) < nextChange), o => Assert.Equal(RunKind.Steady, o.Run.Kind));
        }
        Assert.Equal(settings.Season.IsAuto ? 6 : 0, changes.Count);
    }

    [Theory]
    [MemberData(nameof(AllStacks))]
    public void InterruptedRunsHandRunsAndPinnedSeasonsMidSwitchKeepEveryInvariant(string stack)
    {
        var committed = Stacks.Settings(stack);
        var line = committed.Season.IsAuto ? "freshfoodz:season: auto" : $"freshfoodz:season: {committed.Season}";
        var variants = new[] { "auto" }.Concat(SeasonNames.All.Select(s => s.ConfigName()))
            .ToDictionary(v => v, v => Stacks.SettingsWith(stack, (line, $"freshfoodz:season: {v}")));
        for (var seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed * 7919);
            var end = At(2027, 12, 31, 23, 59);
            var times = Hourly(FirstDeployment, end).Concat(Enumerable.Range(0, 300).Select(_ => FirstDeployment.AddMinutes(random.Next(1, (int)(end - FirstDeployment).TotalMinutes))))
                .Order().ToList();
            // The season is pinned to a random season (or back to auto) at 40 random instants, each for 1 to 72 hours.
            var pins = Enumerable.Range(0, 40).Select(_ => (From: times[random.Next(times.Count)], Hours: random.Next(1, 73), Season: variants.Keys.ElementAt(random.Next(variants.Count))))
                .ToList();
            StackSettings SettingsAt(DateTimeOffset t) =>
                pins.Where(p => t >= p.From && t < p.From.AddHours(p.Hours)).Select(p => variants[p.Season]).FirstOrDefault() ?? committed;
            var runs = new[] { new Run(FirstDeployment, committed, random.NextDouble() < 0.5) }
                .Concat(times.Select(t => new Run(t, SettingsAt(t), t < At(2027, 12, 1, 0, 0) && random.NextDouble() < 0.25)))
                .ToList();
            var (cloud, outcomes) = Simulate(stack, runs, seed);
            Assert.True(cloud.Violations.Count == 0, $"seed {seed}: {string.Join("\n", cloud.Violations.Take(10))}");
            Assert.True(outcomes.Count(o => o.Interrupted) > 100);
            Assert.True(cloud.ComputeChanges > 0 || context(stack).Facts.Tiers.Count == 0);

            // A run that fails leaves the record, so the next run inside the window applies the very same step.
            foreach (var (failed, next) in outcomes.Zip(outcomes.Skip(1)).Where(p => p.First.Interrupted && p.First.Run.Open && p.Second.Run.Open && p.First.Run.Kind == RunKind.Switching))
            {
                Assert.Equal(failed.Run.Registered, next.Run.Registered);
            }
            // After the last disturbance (December is quiet), the stack is steady at its season.
            var last = outcomes[^1];
            Assert.Equal(RunKind.Steady, last.Run.Kind);
            Assert.Equal(CapacityGroups.All(committed.EffectiveSeason(DateOnly.FromDateTime(last.At.UtcDateTime))), last.Recorded!.Deployed);
            output.WriteLine($"{stack} seed {seed}: {outcomes.Count} runs, {outcomes.Count(o => o.Interrupted)} interrupted, {cloud.ComputeChanges} server SKU changes, no violation");
        }

        static SwitchContext context(string stack) => Stacks.Context(stack);
    }

    /// <summary>
    /// The simulation finds what the program before the switch did: the day's season applied at once by any
    /// <c>pulumi up</c> (a one-step scale-up, primaries and replicas in one update, outside the window).
    /// </summary>
    [Fact]
    public void ANaiveProgramThatAppliesTheSeasonAtOnceIsCaught()
    {
        var context = Stacks.Context("de-prod");
        var cloud = new SimulatedCloud(context);
        var random = new Random(3);
        SwitchRun Naive(DateTimeOffset at)
        {
            var season = context.Settings.EffectiveSeason(DateOnly.FromDateTime(at.UtcDateTime));
            var open = TimeOnly.FromDateTime(at.UtcDateTime) is { Hour: >= 1 and < 4 };
            return new SwitchRun(RunKind.Switching, null, CapacityGroups.All(season), [], SwitchRecord.Steady(CapacityGroups.All(season)), season, open, false, "");
        }
        cloud.Apply(Naive(At(2027, 10, 17, 12, 0)), At(2027, 10, 17, 12, 0), random, null);
        for (var day = 18; day < 28 && cloud.Violations.All(v => !v.What.Contains("smaller", StringComparison.Ordinal)); day++)
        {
            // Each day a person's pulumi up at 10:00 on a copy back at baseline, as a stack restored from before T-14 would be.
            cloud.Apply(Naive(At(2027, 10, 16, 10, 0)), At(2027, 10, day, 9, 0), random, null);
            cloud.Apply(Naive(At(2027, 10, day, 10, 0)), At(2027, 10, day, 10, 0), random, null);
        }
        Assert.Contains(cloud.Violations, v => v.What.Contains("outside the low-traffic window", StringComparison.Ordinal));
        Assert.Contains(cloud.Violations, v => v.What.Contains("scale up in one run", StringComparison.Ordinal));
        Assert.Contains(cloud.Violations, v => v.What.Contains("is smaller than", StringComparison.Ordinal));
    }

    /// <summary>The override applies the steps outside the window on its day only, and the invariants still hold.</summary>
    [Fact]
    public void TheOverrideDayLetsStepsRunOutsideTheWindowOnThatDayOnly()
    {
        var settings = Stacks.SettingsWith("de-prod", ("freshfoodz:season: auto", "freshfoodz:season: auto\n  freshfoodz:switchOutsideWindowOn: \"2027-10-18\""));
        var context = Stacks.Context("de-prod");
        var (cloud, outcomes) = Simulate("de-prod",
            new[] { new Run(At(2027, 10, 17, 9, 0), settings, false) }
                .Concat(new[] { 9, 10, 11, 12 }.Select(h => new Run(At(2027, 10, 18, h, 0), settings, false)))
                .Concat(new[] { 9, 10 }.Select(h => new Run(At(2027, 10, 19, h, 0), settings, false))), seed: 5);
        // No record at first: the 17th creates at baseline; the 18th at 09:00 decides, 10:00 and 11:00 step by the override.
        Assert.Empty(cloud.Violations);
        Assert.Equal([RunKind.Creating, RunKind.Deciding, RunKind.Switching, RunKind.Switching, RunKind.Steady, RunKind.Steady, RunKind.Steady],
            outcomes.Select(o => o.Run.Kind));
        Assert.True(outcomes[2].Run.ByOverride);
        Assert.Contains("by freshfoodz:switchOutsideWindowOn 2027-10-18", outcomes[2].Run.Message, StringComparison.Ordinal);
        Assert.Equal(CapacityGroups.All(Season.Weihnachten), outcomes[3].Recorded!.Deployed);
        // The day after, the override is spent: a switch waits for the window again.
        var pinned = Stacks.SettingsWith("de-prod",
            ("freshfoodz:season: auto", "freshfoodz:season: baseline\n  freshfoodz:switchOutsideWindowOn: \"2027-10-18\""));
        var run = SwitchRun.Decide(pinned, context.Facts, outcomes[^1].Recorded, At(2027, 10, 19, 11, 0));
        Assert.Equal(RunKind.Holding, run.Kind);
        Assert.False(run.ByOverride);
        Assert.Equal(CapacityGroups.All(Season.Weihnachten), run.Registered);
    }
}
