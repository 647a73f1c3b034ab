using System.Collections.Immutable;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;

namespace FreshFoodz.Switching.Tests;

/// <summary>The record a run writes is the record the next run reads; a legacy stack and a stack never deployed are told apart.</summary>
public class SwitchRecordTests
{
    private static readonly DateTimeOffset InWindow = new(2027, 10, 18, 1, 30, 0, TimeSpan.Zero);

    /// <summary>A plan output as the engine hands it to a stack reference: maps, text, numbers as doubles.</summary>
    private static object? Engine(PlanValue value) => value switch
    {
        PlanMap m => m.Entries.ToImmutableDictionary(e => e.Key, e => Engine(e.Value)!),
        PlanList l => l.Items.Select(i => Engine(i)!).ToImmutableArray(),
        PlanString s => s.Value,
        PlanInt i => (double)i.Value,
        PlanDouble d => d.Value,
        PlanBool b => b.Value,
        PlanRef r => $"/subscriptions/…/{r.Resource}",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    [Fact]
    public void WhatARunRecordsIsWhatTheNextRunReads()
    {
        var context = Stacks.Context("de-prod");
        var pending = new SwitchRecord(CapacityGroups.All(Season.Baseline), new CapacityGroups(Season.Weihnachten, Season.Baseline, Season.Weihnachten), 1, 2, "baseline");
        var run = SwitchRun.Decide(context.Settings, context.Facts, pending, InWindow);
        Assert.Equal(RunKind.Switching, run.Kind);
        var plan = SwitchPlanner.Plan(context, run, "freshfoodz-infra", null);
        var outputs = plan.Outputs.Entries.ToDictionary(e => e.Key, e => Engine(e.Value));
        Assert.Equal(run.Record, SwitchRecord.Read(outputs));
        Assert.Equal(new SwitchRecord(pending.Next, CapacityGroups.All(Season.Weihnachten), 2, 2, "baseline"), run.Record);
        // The stack's effective season is the one every group carries: baseline until the primaries follow.
        Assert.Equal(new PlanString("baseline"), plan.Outputs["effectiveSeason"]);
    }

    [Fact]
    public void AStackLastDeployedBeforeTheRecordIsReadAsSteadyAtItsEffectiveSeason()
    {
        Assert.Equal(SwitchRecord.Steady(CapacityGroups.All(Season.Oktoberfest)), SwitchRecord.Read(new Dictionary<string, object?> { ["effectiveSeason"] = "oktoberfest" }));
        Assert.Null(SwitchRecord.Read(new Dictionary<string, object?>()));
        Assert.Null(SwitchRecord.Read(new Dictionary<string, object?> { ["clusterName"] = "aks-de-prod" }));
    }

    [Theory]
    [InlineData("effectiveSeason", "summer", "stack output effectiveSeason is 'summer', not a season (baseline, spargel, oktoberfest, weihnachten)")]
    [InlineData("seasonSwitch", "text", "stack output seasonSwitch is 'text', not a map")]
    public void AnUnreadableOutputIsRefusedWithItsNameAndValue(string output, string value, string message)
    {
        var e = Assert.Throws<SwitchRecordException>(() => SwitchRecord.Read(new Dictionary<string, object?> { [output] = value }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void AnUnreadableFieldIsRefusedWithItsPath()
    {
        var groups = ImmutableDictionary<string, object>.Empty.Add("apps", "baseline").Add("primaries", "baseline").Add("replicas", "baseline");
        var record = ImmutableDictionary<string, object>.Empty.Add("deployed", groups).Add("next", groups.SetItem("replicas", 3.0)).Add("step", 0.0).Add("steps", 0.0);
        var e = Assert.Throws<SwitchRecordException>(() => SwitchRecord.Read(new Dictionary<string, object?> { ["seasonSwitch"] = record }));
        Assert.Equal("stack output seasonSwitch.next.replicas is 3, not a season (baseline, spargel, oktoberfest, weihnachten)", e.Message);
        var f = Assert.Throws<SwitchRecordException>(() => SwitchRecord.Read(new Dictionary<string, object?> { ["seasonSwitch"] = record.SetItem("next", groups).SetItem("step", 1.5) }));
        Assert.Equal("stack output seasonSwitch.step is 1.5, not a step count from 0 to 10", f.Message);
    }

    private static ImmutableDictionary<string, object> Groups(Season apps, Season primaries, Season replicas) =>
        ImmutableDictionary<string, object>.Empty.Add("apps", apps.ConfigName()).Add("primaries", primaries.ConfigName()).Add("replicas", replicas.ConfigName());

    private static readonly ImmutableDictionary<string, object> Pending = ImmutableDictionary<string, object>.Empty
        .Add("deployed", Groups(Season.Baseline, Season.Baseline, Season.Baseline))
        .Add("next", Groups(Season.Weihnachten, Season.Baseline, Season.Weihnachten))
        .Add("step", 1.0).Add("steps", 2.0).Add("from", "baseline");

    private static SwitchRecordException Refused(ImmutableDictionary<string, object> record) =>
        Assert.Throws<SwitchRecordException>(() => SwitchRecord.Read(new Dictionary<string, object?> { ["seasonSwitch"] = record }));

    /// <summary>Hostile probe 3: a record from a newer program, or one whose step count or start was edited, stops the run with the output named.</summary>
    [Fact]
    public void ARecordThisProgramWouldNeverWriteIsRefusedNamingTheOutput()
    {
        Assert.Equal(new SwitchRecord(CapacityGroups.All(Season.Baseline), new CapacityGroups(Season.Weihnachten, Season.Baseline, Season.Weihnachten), 1, 2, "baseline"),
            SwitchRecord.Read(new Dictionary<string, object?> { ["seasonSwitch"] = Pending }));
        Assert.StartsWith("stack output seasonSwitch has the key 'version', which this program never writes", Refused(Pending.Add("version", 2.0)).Message, StringComparison.Ordinal);
        Assert.Equal("stack output seasonSwitch records step 5 of 2 of a pending switch; a pending step is from 1 to steps", Refused(Pending.SetItem("step", 5.0)).Message);
        Assert.Equal("stack output seasonSwitch records step 0 of 2 of a pending switch; a pending step is from 1 to steps", Refused(Pending.SetItem("step", 0.0)).Message);
        // The start reaches the engine log: a terminal escape or a second line is refused, and shown escaped.
        var from = Refused(Pending.SetItem("from", "\u001b[2J\nforged")).Message;
        Assert.StartsWith("stack output seasonSwitch.from is '\\u001B[2J\\nforged', not a season or apps=<season>", from, StringComparison.Ordinal);
        Assert.DoesNotContain(from, c => char.IsControl(c));
        Assert.StartsWith("stack output seasonSwitch.from is 7, not a season", Refused(Pending.SetItem("from", 7.0)).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A recorded step no run decides (primaries above replicas partway through) is never applied, inside the window or
    /// out: the run stops naming the output and the tiers, where the plan policy once refused it only inside the window.
    /// </summary>
    [Theory]
    [InlineData("baseline", "baseline", "baseline", "baseline", "weihnachten", "baseline")]
    [InlineData("baseline", "baseline", "baseline", "weihnachten", "weihnachten", "weihnachten")]
    [InlineData("weihnachten", "weihnachten", "weihnachten", "baseline", "baseline", "baseline")]
    public void ARecordedStepNoRunDecidesIsNeverApplied(string apps, string primaries, string replicas, string nextApps, string nextPrimaries, string nextReplicas)
    {
        var context = Stacks.Context("de-prod");
        var deployed = new CapacityGroups(Parse(apps), Parse(primaries), Parse(replicas));
        var record = new SwitchRecord(deployed, new CapacityGroups(Parse(nextApps), Parse(nextPrimaries), Parse(nextReplicas)), 1, 2, deployed.Label);
        foreach (var at in new[] { InWindow, InWindow.AddHours(12) })
        {
            var e = Assert.Throws<SwitchRecordException>(() => SwitchRun.Decide(context.Settings, context.Facts, record, at));
            Assert.Contains("stack output seasonSwitch records the step", e.Message, StringComparison.Ordinal);
            Assert.Contains("would be larger than its replica; the run stops rather than apply it", e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Every step the stepper decides, from every safe deployed state toward every season, passes the same check (so no honest record is refused).</summary>
    [Fact]
    public void EveryDecidedStepIsOneTheCheckAccepts()
    {
        foreach (var stack in new[] { "de-prod", "ch-prod" })
        {
            var facts = Stacks.Context(stack).Facts;
            var checkedSteps = 0;
            foreach (var a in SeasonNames.All)
            {
                foreach (var p in SeasonNames.All)
                {
                    foreach (var r in SeasonNames.All)
                    {
                        var deployed = new CapacityGroups(a, p, r);
                        if (Stepper.Unsafe(deployed, deployed, facts).Count > 0)
                        {
                            continue; // no run leaves a replica smaller than its primary
                        }
                        foreach (var target in SeasonNames.All)
                        {
                            IReadOnlyList<CapacityGroups> path;
                            try
                            {
                                path = Stepper.Path(deployed, target, facts);
                            }
                            catch (SwitchException)
                            {
                                continue; // no safe step at all: refused elsewhere
                            }
                            var from = deployed;
                            foreach (var next in path)
                            {
                                Assert.Empty(Stepper.Unsafe(from, next, facts));
                                from = next;
                                checkedSteps++;
                            }
                        }
                    }
                }
            }
            Assert.True(checkedSteps > 50, $"{stack}: {checkedSteps} steps");
        }
    }

    private static Season Parse(string name) => SeasonNames.TryParse(name, out var s) ? s : throw new ArgumentException(name);
}
