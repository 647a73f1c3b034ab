using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Policies;

/// <summary>
/// Switching seasons must be safe to <c>pulumi up</c>: for every ordered pair of seasons the stack keeps the same
/// resources (type and name), no input that forces a replacement changes, and no storage size decreases.
/// </summary>
public static class SeasonSwitchPolicy
{
    /// <summary>Sizes that may grow but never shrink (Azure cannot decrease PostgreSQL storage).</summary>
    private static readonly string[] NeverShrink = ["storage.storageSizeGB"];

    public static IEnumerable<PolicyViolation> CheckAllSeasons(StackSettings settings, Func<Season, StackPlan> planFor)
    {
        var plans = SeasonNames.All.ToDictionary(s => s, planFor);
        return SeasonNames.All.SelectMany(from => SeasonNames.All.Where(to => to != from).SelectMany(to => Check(plans[from], plans[to])));
    }

    public static IEnumerable<PolicyViolation> Check(StackPlan from, StackPlan to)
    {
        var switching = $"{from.Season} → {to.Season}";
        foreach (var change in PlanDiff.Between(from, to))
        {
            switch (change.Kind)
            {
                case ChangeKind.Added or ChangeKind.Removed:
                    yield return new(change.Resource, "SeasonSwitchKeepsResources", $"{switching} {(change.Kind == ChangeKind.Added ? "adds" : "removes")} {change.Type}");
                    break;
                case ChangeKind.Replace:
                    yield return new(change.Resource, "SeasonSwitchNeverReplacesResources", $"{switching} changes '{change.Path}', which replaces the resource");
                    break;
                case ChangeKind.InPlace when NeverShrink.Contains(change.Path) && Number(change.To) < Number(change.From):
                    yield return new(change.Resource, "StorageNeverShrinks", $"{switching} shrinks '{change.Path}' from {Number(change.From)} to {Number(change.To)}");
                    break;
            }
        }
    }

    private static double Number(PlanValue? value) => value switch
    {
        PlanInt i => i.Value,
        PlanDouble d => d.Value,
        _ => double.NaN,
    };
}
