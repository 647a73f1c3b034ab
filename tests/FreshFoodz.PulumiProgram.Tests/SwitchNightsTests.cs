using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>
/// The program itself, night after night, under the SDK's test deployment: each run's stack reference reads what the
/// previous run registered as the stack's outputs (nothing when it failed), on the nights that matter in a year (the
/// T-14 nights and the nights after the peaks), with a person's pulumi up outside the window and one run in which the
/// cloud refuses a resource. Every completed run registers exactly the plan FreshFoodz.Switching makes from the same
/// record and hour, says so in the engine log, and the season is reached in the night it changes.
/// </summary>
public class SwitchNightsTests
{
    private static DateTimeOffset At(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    /// <summary>The hourly runs of a night around the 01:00–04:00 window: decide, step, step, steady.</summary>
    private static IEnumerable<(DateTimeOffset At, string? Failing)> Night(int y, int m, int d) =>
        new[] { 0, 1, 2, 3 }.Select(h => (At(y, m, d, h, 30), (string?)null));

    /// <summary>
    /// The project as it stands on a day: committed until the audit lock's deadline, then with the lock step taken and
    /// Kubernetes 1.37 (1.36 cannot be planned after its end of life, 2027-06-30; the upgrade fits between Weihnachten
    /// and Spargel's T-14, docs/deployment-rules.md).
    /// </summary>
    private static string Project(DateOnly day)
    {
        if (day <= new DateOnly(2027, 1, 1))
        {
            return Repository.Root;
        }
        var copy = Path.Combine(Path.GetTempPath(), "freshfoodz-switch-nights");
        Directory.CreateDirectory(Path.Combine(copy, "prices"));
        FreshFoodz.Testing.ProjectCopy.CopyEnvironments(copy);
        File.Copy(Path.Combine(Repository.Root, "Pulumi.yaml"), Path.Combine(copy, "Pulumi.yaml"), overwrite: true);
        foreach (var stack in new[] { "de-prod", "ch-prod", "peak-weihnachten" })
        {
            var text = File.ReadAllText(Path.Combine(Repository.Root, $"Pulumi.{stack}.yaml"))
                .Replace("freshfoodz:auditImmutability: unlocked", "freshfoodz:auditImmutability: locked", StringComparison.Ordinal)
                .Replace("freshfoodz:kubernetesVersion: \"1.36\"", "freshfoodz:kubernetesVersion: \"1.37\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(copy, $"Pulumi.{stack}.yaml"), text);
            File.Copy(Path.Combine(Repository.Root, "prices", $"{stack}.prices.yaml"), Path.Combine(copy, "prices", $"{stack}.prices.yaml"), overwrite: true);
        }
        return copy;
    }

    private static Dictionary<string, object?> Read(ImmutableDictionary<string, object>? outputs) =>
        new[] { "seasonSwitch", "effectiveSeason" }.ToDictionary(k => k, k => outputs?.GetValueOrDefault(k));

    /// <summary>Runs the nights in order and checks each run; returns the records after each.</summary>
    private static async Task<List<(DateTimeOffset At, JsonObject? Record, IReadOnlyList<string> Log)>> RunNights(
        string stack, IEnumerable<(DateTimeOffset At, string? Failing)> runs, Func<DateTimeOffset, string?>? season = null)
    {
        ImmutableDictionary<string, object>? recorded = null;
        var seen = new List<(DateTimeOffset, JsonObject?, IReadOnlyList<string>)>();
        foreach (var (at, failing) in runs)
        {
            var day = DateOnly.FromDateTime(at.UtcDateTime);
            var project = Project(day);
            var pinned = season?.Invoke(at);
            var settings = StackSettingsReader.Read(PulumiCliConfig.For(project, stack, pinned).Read(stack));
            var expected = StackBuilder.Plan(settings, Read(recorded), at, ProgramRuns.Project, out var message);
            var run = await ProgramRuns.Run(project, stack, pinned, at, recorded, failing);
            if (failing is not null)
            {
                // The SDK's runner stops at the first failed task, so the log line may not have been sent yet.
                Assert.True(run.Wire.Logs.Count == 0 || run.Wire.Logs.SequenceEqual([message]), string.Join("\n", run.Wire.Logs));
                // The cloud refused a capacity-bearing resource: the record is not written, the engine keeps the old one.
                Assert.NotNull(run.Error);
                Assert.Null(run.Recorded);
                var sent = run.Wire.Of("RegisterResourceAsync").Single(r => (string?)r["name"] == failing);
                Assert.Equal(WirePlan.Canonical(PlanJson.Value(expected.Resource(failing).Inputs)), WirePlan.Canonical(WirePlan.Read(run.Wire)["resources"]!.AsArray().Single(r => (string?)r!["name"] == failing)!["inputs"]));
                Assert.NotNull(sent);
            }
            else
            {
                Assert.Equal([message], run.Wire.Logs);
                var plan = PlanJson.ToJson(expected);
                foreach (var notRegistered in new[] { "drMatrix", "retired", "season", "stack", "territory" })
                {
                    plan.Remove(notRegistered);
                }
                var registered = WirePlan.Read(run.Wire);
                var differences = PlanDifferences.Between(plan, registered);
                Assert.True(differences.Count == 0, $"{stack} {at:yyyy-MM-dd HH:mm}: {string.Join("\n", differences.Take(20))}");
                Assert.Equal(WirePlan.Canonical(plan), WirePlan.Canonical(registered));
                recorded = run.Recorded!;
            }
            seen.Add((at, recorded is null ? null : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(recorded["seasonSwitch"]))!.AsObject(), run.Wire.Logs));
        }
        return seen;
    }

    private static string Deployed(JsonObject record) =>
        $"{record["deployed"]!["apps"]}/{record["deployed"]!["primaries"]}/{record["deployed"]!["replicas"]}";

    [Fact]
    public async Task DeProdStepsEverySwitchOfAYearInTheNightItChanges()
    {
        const string Replica = "data-critical-replica";
        var runs = new List<(DateTimeOffset, string?)> { (At(2026, 8, 17, 12, 0), null) };
        runs.AddRange(Night(2026, 8, 18));   // Oktoberfest from T-14
        runs.AddRange(Night(2026, 10, 1));   // after Oktoberfest
        // Weihnachten's T-14: decided at 00:30; a person's pulumi up at 00:45; the cloud refuses the replica at 01:30;
        // a person's pulumi up at 10:00 holds; the next night completes the switch.
        runs.AddRange([(At(2026, 10, 18, 0, 30), null), (At(2026, 10, 18, 0, 45), null), (At(2026, 10, 18, 1, 30), Replica),
            (At(2026, 10, 18, 10, 0), null), (At(2026, 10, 19, 1, 30), null), (At(2026, 10, 19, 2, 30), null), (At(2026, 10, 19, 3, 30), null)]);
        runs.AddRange(Night(2027, 1, 1));    // after Weihnachten
        runs.AddRange(Night(2027, 3, 18));   // Spargel from T-14
        runs.AddRange(Night(2027, 7, 1));    // after Spargel
        var seen = await RunNights("de-prod", runs);

        string At0(int y, int m, int d, int h, int min) => Deployed(seen.Single(s => s.At == At(y, m, d, h, min)).Record!);
        Assert.Equal("baseline/baseline/baseline", At0(2026, 8, 17, 12, 0));
        // Scale-up: replicas and app capacity first (01:30), then the primaries (02:30); reached in the night it changes.
        Assert.Equal("oktoberfest/baseline/oktoberfest", At0(2026, 8, 18, 1, 30));
        Assert.Equal("oktoberfest/oktoberfest/oktoberfest", At0(2026, 8, 18, 2, 30));
        // Scale-down: the primaries first, app capacity and replicas last.
        Assert.Equal("oktoberfest/baseline/oktoberfest", At0(2026, 10, 1, 1, 30));
        Assert.Equal("baseline/baseline/baseline", At0(2026, 10, 1, 2, 30));
        // The refused run leaves the record as it was; outside the window the pending step's replica keeps its live SKU.
        Assert.Equal("baseline/baseline/baseline", At0(2026, 10, 18, 1, 30));
        var hold = seen.Single(s => s.At == At(2026, 10, 18, 10, 0));
        Assert.StartsWith("de-prod: holding baseline: outside the low-traffic window 01:00–04:00 UTC; next: step 1 of 2 (replicas and app capacity)", hold.Log[0], StringComparison.Ordinal);
        Assert.Equal("weihnachten/baseline/weihnachten", At0(2026, 10, 19, 1, 30));
        Assert.Equal("weihnachten/weihnachten/weihnachten", At0(2026, 10, 19, 2, 30));
        Assert.Equal("baseline/baseline/baseline", At0(2027, 1, 1, 2, 30));
        Assert.Equal("spargel/spargel/spargel", At0(2027, 3, 18, 2, 30));
        Assert.Equal("baseline/baseline/baseline", At0(2027, 7, 1, 2, 30));
        Assert.All(seen.Where(s => s.At.Hour == 3 && s.At.Minute == 30), s => Assert.EndsWith("(auto, by date)", s.Log[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChProdReachesWeihnachtenAndLeavesIt()
    {
        var runs = new List<(DateTimeOffset, string?)> { (At(2026, 10, 17, 12, 0), null) };
        runs.AddRange(Night(2026, 10, 18));
        runs.AddRange(Night(2027, 1, 1));
        var seen = await RunNights("ch-prod", runs);
        Assert.Equal(["baseline/baseline/baseline", "baseline/baseline/baseline", "weihnachten/baseline/weihnachten", "weihnachten/weihnachten/weihnachten", "weihnachten/weihnachten/weihnachten",
            "weihnachten/weihnachten/weihnachten", "weihnachten/baseline/weihnachten", "baseline/baseline/baseline", "baseline/baseline/baseline"], seen.Select(s => Deployed(s.Record!)));
        Assert.Equal("ch-prod: switching baseline → weihnachten, step 1 of 2 (replicas and app capacity); next: step 2 of 2 (primaries) at the next run inside 01:00–04:00 UTC",
            seen[2].Log[0]);
    }

    /// <summary>A stack whose own outputs cannot be read stops: it is never taken for a stack that was never deployed.</summary>
    [Fact]
    public async Task AFailedReadOfTheRecordFailsTheRunAndCreatesNothing()
    {
        var run = await ProgramRuns.Run(Repository.Root, "de-prod", null, At(2026, 10, 18, 1, 30), null, failing: "season-switch-state");
        Assert.NotNull(run.Error);
        Assert.Null(run.Recorded);
        Assert.Empty(run.Wire.Logs);
        Assert.DoesNotContain(run.Wire.Of("RegisterResourceAsync"), r => r["custom"]?.GetValue<bool>() == true);
        // The user sees the read's failure: the program's own message, or (when the SDK's runner stops at the failed read
        // first) the read's error, which names the reference.
        Assert.Contains(run.Wire.Errors, e => e.Contains("could not read the stack's own output seasonSwitch (freshfoodz/freshfoodz-infra/de-prod)", StringComparison.Ordinal)
            || e.Contains("season-switch-state: the cloud refused", StringComparison.Ordinal));
    }

    /// <summary>A rehearsal stack created inside a peak's capacity window: databases at baseline first, then its season; then pinned to baseline.</summary>
    [Fact]
    public async Task ARehearsalStackIsCreatedAndSwitchedByItsPinnedSeason()
    {
        var runs = new List<(DateTimeOffset, string?)> { (At(2026, 8, 17, 12, 0), null), (At(2026, 8, 18, 1, 30), null), (At(2026, 8, 18, 2, 30), null) };
        runs.AddRange(Night(2026, 9, 1));
        var seen = await RunNights("peak-weihnachten", runs, at => at < At(2026, 9, 1, 0, 0) ? null : "baseline");
        Assert.Equal("peak-weihnachten: first deployment: app capacity at weihnachten (pinned), databases created at baseline; next: step 1 of 1 (replicas and primaries) at the next run inside 01:00–04:00 UTC",
            seen[0].Log[0]);
        Assert.Equal(["weihnachten/baseline/baseline", "weihnachten/weihnachten/weihnachten", "weihnachten/weihnachten/weihnachten",
            "weihnachten/weihnachten/weihnachten", "baseline/baseline/baseline", "baseline/baseline/baseline", "baseline/baseline/baseline"], seen.Select(s => Deployed(s.Record!)));
    }
}
