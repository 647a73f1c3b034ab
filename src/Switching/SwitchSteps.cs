using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.DeploymentRules;

namespace FreshFoodz.Switching;

/// <summary>One step of a switch: the groups before and after, the two plans, what changes and what it does at run time.</summary>
public sealed record SwitchStep(
    int Number, CapacityGroups From, CapacityGroups To, StackPlan Before, StackPlan After,
    IReadOnlyList<PropertyChange> Changes, IReadOnlyList<RuntimeEffect> Effects)
{
    /// <summary>The resources the step changes.</summary>
    public IReadOnlyList<string> Resources => [.. Changes.Select(c => c.Resource).Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// The steps a switch takes from a deployed state to a season, each checked as the program checks a run's plan:
/// its plan against the policies, its update against the deployment rules (<c>freshfoodz diff</c>).
/// </summary>
public static class SwitchSteps
{
    public static IReadOnlyList<SwitchStep> Between(SwitchContext context, CapacityGroups from, Season to, DateOnly? date)
    {
        var settings = context.Settings;
        var steps = new List<SwitchStep>();
        var state = from;
        foreach (var next in Stepper.Path(from, to, context.Facts))
        {
            var before = context.PlanOf(state);
            var after = StackPlanner.Checked(settings, context.PlanOf(next), next.Effective(settings.Capacity.Seasons), date, [(before, context.PlanOf(next))], context.SeasonPlans);
            steps.Add(new SwitchStep(steps.Count + 1, state, next, before, after, PlanDiff.Between(before, after), RuntimeEffects.Between(before, after, settings)));
            state = next;
        }
        return steps;
    }

    /// <summary>The resources some step changes: what the whole switch touches.</summary>
    public static IReadOnlyList<string> Touched(IReadOnlyList<SwitchStep> steps) =>
        [.. steps.SelectMany(s => s.Resources).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
