using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks;

namespace FreshFoodz.Switching;

/// <summary>A switch with no safe step: tiers that need opposite orders (one its replica first, another its primary first).</summary>
public sealed class SwitchException(string message) : Exception(message);

/// <summary>
/// The next safe step of a season switch, as a pure function of the deployed groups and the target season.
/// <para>A step moves every group whose move keeps each replicated tier's replica at least as large as its primary
/// while the other groups stay where they are, in any order of the step's changes (one <c>pulumi up</c> may stop
/// between any two): the replicas may move to T if every replica's vCores at T are at least its primary's now, the
/// primaries if every replica's vCores now are at least its primary's at T. So a scale-up moves the replicas, then the
/// primaries; a scale-down the primaries, then the replicas; an unchanged SKU moves at once.</para>
/// <para>At most two steps: a replica's SKU at a season equals its primary's, so from any safe state at least one of the
/// two groups may move (if the replicas may not, T is below the primaries now, which are at most the replicas now),
/// and once one group is at T the other may follow. Only tiers that move in opposite directions at once could block
/// both; the stepper refuses that case (<see cref="SwitchException"/>).</para>
/// <para>App capacity is added early and removed late: with the first step when the target's load is at least the
/// deployed apps' season's, else with the step that brings the databases to the target.</para>
/// </summary>
public static class Stepper
{
    /// <summary>The groups after the next step from <paramref name="deployed"/> toward <paramref name="target"/>.</summary>
    public static CapacityGroups Next(CapacityGroups deployed, Season target, SwitchFacts facts)
    {
        if (deployed == CapacityGroups.All(target))
        {
            return deployed;
        }
        var replicas = deployed.Replicas == target || facts.Tiers.All(t => t.ReplicaCores[target] >= t.PrimaryCores[deployed.Primaries]);
        var primaries = deployed.Primaries == target || facts.Tiers.All(t => t.ReplicaCores[deployed.Replicas] >= t.PrimaryCores[target]);
        if (!replicas && !primaries)
        {
            var first = facts.Tiers.Where(t => t.ReplicaCores[target] < t.PrimaryCores[deployed.Primaries]).Select(t => t.Primary);
            var second = facts.Tiers.Where(t => t.ReplicaCores[deployed.Replicas] < t.PrimaryCores[target]).Select(t => t.Primary);
            throw new SwitchException(
                $"no safe step from {deployed.Label} toward {target.ConfigName()}: {string.Join(", ", first)} must scale its primary first "
                + $"and {string.Join(", ", second)} its replica first; pin freshfoodz:season to a season between them and switch in two moves");
        }
        var next = deployed with
        {
            Replicas = replicas ? target : deployed.Replicas,
            Primaries = primaries ? target : deployed.Primaries,
        };
        var adding = facts.AppLoad[target] >= facts.AppLoad[deployed.Apps];
        return adding || (next.Primaries == target && next.Replicas == target) ? next with { Apps = target } : next;
    }

    /// <summary>
    /// The primaries of the tiers whose replica would be smaller than its primary in some mix of <paramref name="from"/>
    /// and <paramref name="to"/> (one <c>pulumi up</c> may stop between any two changes); empty for every step
    /// <see cref="Next"/> decides.
    /// </summary>
    public static IReadOnlyList<string> Unsafe(CapacityGroups from, CapacityGroups to, SwitchFacts facts) =>
        [.. facts.Tiers.Where(t =>
            new[] { from.Replicas, to.Replicas }.Any(r => new[] { from.Primaries, to.Primaries }.Any(p => t.ReplicaCores[r] < t.PrimaryCores[p])))
            .Select(t => t.Primary)];

    /// <summary>The states after each step from <paramref name="from"/> until every group is at <paramref name="target"/>.</summary>
    public static IReadOnlyList<CapacityGroups> Path(CapacityGroups from, Season target, SwitchFacts facts)
    {
        var path = new List<CapacityGroups>();
        for (var state = from; state != CapacityGroups.All(target);)
        {
            state = Next(state, target, facts);
            path.Add(state);
            if (path.Count > 3)
            {
                throw new InvalidOperationException($"the stepper did not reach {target.ConfigName()} from {from.Label} in 3 steps (a bug: at most 2)");
            }
        }
        return path;
    }

    /// <summary>What a step from <paramref name="from"/> to <paramref name="to"/> moves, in words.</summary>
    public static string Moves(CapacityGroups from, CapacityGroups to)
    {
        var moving = from.Differing(to).ToList();
        if (moving.Count == 0)
        {
            return "nothing";
        }
        var words = new List<string>();
        if (moving.Contains(CapacityGroup.Replicas))
        {
            words.Add("replicas");
        }
        if (moving.Contains(CapacityGroup.Primaries))
        {
            words.Add("primaries");
        }
        if (moving.Contains(CapacityGroup.Apps))
        {
            words.Add("app capacity");
        }
        return words.Count == 1 ? words[0] : $"{string.Join(", ", words.SkipLast(1))} and {words[^1]}";
    }
}
