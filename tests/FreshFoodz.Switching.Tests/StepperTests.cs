using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.DeploymentRules;

namespace FreshFoodz.Switching.Tests;

/// <summary>The stepper: at most two steps, each safe in any order, replicas first up and last down, apps early and late.</summary>
public class StepperTests
{
    public static TheoryData<string> AllStacks() => [.. Stacks.All];

    /// <summary>Every state the stepper can reach from a steady stack or a first deployment, under any sequence of targets.</summary>
    private static HashSet<CapacityGroups> Reachable(SwitchContext context)
    {
        var seen = new HashSet<CapacityGroups>();
        var queue = new Queue<CapacityGroups>(SeasonNames.All.SelectMany(s => new[] { CapacityGroups.All(s), new CapacityGroups(s, Season.Baseline, Season.Baseline) }));
        while (queue.TryDequeue(out var state))
        {
            if (seen.Add(state))
            {
                foreach (var target in SeasonNames.All)
                {
                    queue.Enqueue(Stepper.Next(state, target, context.Facts));
                }
            }
        }
        return seen;
    }

    [Theory]
    [MemberData(nameof(AllStacks))]
    public void EverySwitchTakesAtMostTwoStepsFromEveryReachableState(string stack)
    {
        var context = Stacks.Context(stack);
        foreach (var state in Reachable(context))
        {
            foreach (var target in SeasonNames.All)
            {
                var path = Stepper.Path(state, target, context.Facts);
                Assert.InRange(path.Count, state == CapacityGroups.All(target) ? 0 : 1, 2);
            }
        }
    }

    /// <summary>
    /// ReplicaComputeAtLeastPrimary holds in every state the stepper can produce (the plan) and on every step it takes
    /// (the update, in any order): judged by the deployment rule itself on the states' plans.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllStacks))]
    public void EveryReachableStateAndStepKeepsTheReplicaRule(string stack)
    {
        var context = Stacks.Context(stack);
        var rule = new RuleContext(context.Settings, null);
        foreach (var state in Reachable(context))
        {
            var plan = context.PlanOf(state);
            Assert.DoesNotContain(DeploymentRuleCatalog.JudgePlan(rule, plan, state.Apps).Findings, f => f.Rule == "ReplicaComputeAtLeastPrimary");
            foreach (var target in SeasonNames.All)
            {
                var next = Stepper.Next(state, target, context.Facts);
                Assert.DoesNotContain(DeploymentRuleCatalog.JudgeUpdate(rule, plan, context.PlanOf(next), target).Findings,
                    f => f.Rule is "ReplicaComputeAtLeastPrimary" or "AutoscaledPoolCountFromLive");
            }
        }
    }

    [Fact]
    public void AScaleUpMovesReplicasAndAppsFirstAndAScaleDownPrimariesFirstAndAppsLast()
    {
        var facts = Stacks.Context("de-prod").Facts;
        var up = Stepper.Path(CapacityGroups.All(Season.Baseline), Season.Weihnachten, facts);
        Assert.Equal([new CapacityGroups(Season.Weihnachten, Season.Baseline, Season.Weihnachten), CapacityGroups.All(Season.Weihnachten)], up);
        var down = Stepper.Path(CapacityGroups.All(Season.Weihnachten), Season.Baseline, facts);
        Assert.Equal([new CapacityGroups(Season.Weihnachten, Season.Baseline, Season.Weihnachten), CapacityGroups.All(Season.Baseline)], down);
        // de-prod's Spargel and Oktoberfest size the critical database alike (8 vCores): one step.
        Assert.Equal([CapacityGroups.All(Season.Oktoberfest)], Stepper.Path(CapacityGroups.All(Season.Spargel), Season.Oktoberfest, facts));
        Assert.Equal("replicas and app capacity", Stepper.Moves(CapacityGroups.All(Season.Baseline), up[0]));
        Assert.Equal("primaries", Stepper.Moves(up[0], up[1]));
        Assert.Equal("primaries", Stepper.Moves(CapacityGroups.All(Season.Weihnachten), down[0]));
        Assert.Equal("replicas and app capacity", Stepper.Moves(down[0], down[1]));
    }

    /// <summary>Tiers that need opposite orders at once have no safe step: refused with both named.</summary>
    [Fact]
    public void TiersMovingInOppositeDirectionsAreRefused()
    {
        var seasons = SeasonNames.All;
        TierCores Tier(string name, int baseline, int weihnachten) => new($"{name}-server", $"{name}-replica",
            seasons.ToDictionary(s => s, s => s == Season.Weihnachten ? weihnachten : baseline),
            seasons.ToDictionary(s => s, s => s == Season.Weihnachten ? weihnachten : baseline));
        var facts = new SwitchFacts([Tier("a", 2, 8), Tier("b", 8, 2)], seasons.ToDictionary(s => s, s => 1.0 + (int)s));
        var e = Assert.Throws<SwitchException>(() => Stepper.Next(CapacityGroups.All(Season.Baseline), Season.Weihnachten, facts));
        Assert.Equal("no safe step from baseline toward weihnachten: b-server must scale its primary first and a-server its replica first; "
            + "pin freshfoodz:season to a season between them and switch in two moves", e.Message);
    }

    [Fact]
    public void GroupsReadAndWriteTheirLabel()
    {
        var mixed = new CapacityGroups(Season.Weihnachten, Season.Baseline, Season.Weihnachten);
        Assert.Equal("apps=weihnachten,primaries=baseline,replicas=weihnachten", mixed.Label);
        Assert.Equal(mixed, CapacityGroups.Parse("replicas=weihnachten,apps=weihnachten,primaries=baseline"));
        Assert.Equal(CapacityGroups.All(Season.Spargel), CapacityGroups.Parse("spargel"));
        Assert.Equal(Season.Baseline, mixed.Effective(Stacks.Settings("de-prod").Capacity.Seasons));
        foreach (var bad in new[] { "", "apps=weihnachten", "apps=x,primaries=baseline,replicas=baseline", "apps=baseline,apps=baseline,replicas=baseline", "pods=baseline,primaries=baseline,replicas=baseline" })
        {
            Assert.Throws<FormatException>(() => CapacityGroups.Parse(bad));
        }
    }
}

/// <summary>The committed stacks keep every deployment rule on their first deployment day, on the plan and on every step of every switch.</summary>
public class CommittedStackRuleTests
{
    public static TheoryData<string> AllStacks() => [.. Stacks.All];

    [Theory]
    [MemberData(nameof(AllStacks))]
    public void CommittedStacksKeepEveryRuleOnEveryStepOfEverySwitch(string stack)
    {
        var day = new DateOnly(2026, 12, 2);
        var context = Stacks.Context(stack);
        foreach (var season in SeasonNames.All)
        {
            var report = SwitchPlanner.Rules(context, context.PlanOf(CapacityGroups.All(season)), season, day);
            Assert.DoesNotContain(report.Findings, f => f.Level == RuleLevel.Refuse);
            Assert.All(report.Verdicts, v => Assert.True(v.Judged));
        }
        Assert.Equal(SeasonNames.All.Count * (SeasonNames.All.Count - 1), context.SeasonSwitchSteps().Select(s => s.From).Count(s => s.Uniform));
    }
}
