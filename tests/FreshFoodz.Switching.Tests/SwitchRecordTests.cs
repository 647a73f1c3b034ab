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
}
