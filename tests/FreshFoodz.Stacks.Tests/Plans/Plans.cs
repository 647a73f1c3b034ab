using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>Plans of the committed stacks, and settings variations, for the plan tests.</summary>
internal static class Plans
{
    public static StackSettings Settings(string stack) => FreshFoodz.Testing.CommittedStacks.Settings(stack);

    /// <summary>Settings from the committed stack file with some text replaced (one change per test).</summary>
    public static StackSettings SettingsWith(string stack, params (string From, string To)[] edits) => FreshFoodz.Testing.CommittedStacks.SettingsWith(stack, edits);

    public static StackPlan Of(string stack, Season season) => StackPlanner.Plan(Settings(stack), season);

    public static PlanValue? Input(this StackPlan plan, string resource, string path) => plan.Resource(resource).Inputs.At(path);

    public static string? Text(this StackPlan plan, string resource, string path) => (plan.Input(resource, path) as PlanString)?.Value;

    public static int? Int(this StackPlan plan, string resource, string path) => (plan.Input(resource, path) as PlanInt)?.Value;

    /// <summary>A copy of the plan with one resource's inputs changed (mutation tests).</summary>
    public static StackPlan Mutate(this StackPlan plan, string resource, Func<PlanMap, PlanMap> change) => plan with
    {
        Resources = [.. plan.Resources.Select(r => r.Name == resource ? r with { Inputs = change(r.Inputs) } : r)],
    };
}
