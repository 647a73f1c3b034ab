using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Switching;

/// <summary>
/// One stack's settings with what every run needs of them: the season plans, the stepper's facts, the
/// capacity-bearing resources, and the plans of mixed states (built once each).
/// </summary>
public sealed class SwitchContext
{
    private readonly Dictionary<CapacityGroups, StackPlan> _plans = [];

    private SwitchContext(StackSettings settings, IReadOnlyDictionary<Season, StackPlan> seasonPlans)
    {
        Settings = settings;
        SeasonPlans = seasonPlans;
        foreach (var (season, plan) in seasonPlans)
        {
            _plans[CapacityGroups.All(season)] = plan;
        }
        Facts = SwitchFacts.Of(settings, seasonPlans);
        var all = seasonPlans.Values.ToList();
        // What some season sizes differently: the only resources a switch changes.
        CapacityResources = [.. all[0].Resources.Select(r => r.Name)
            .Where(name => all.Skip(1).Any(p => !Equals(p.Resource(name).Inputs, all[0].Resource(name).Inputs)))
            .Order(StringComparer.Ordinal)];
    }

    public StackSettings Settings { get; }

    public IReadOnlyDictionary<Season, StackPlan> SeasonPlans { get; }

    public SwitchFacts Facts { get; }

    /// <summary>The resources whose inputs differ between two season plans: app pool, ScaledObjects, quotas, season
    /// ConfigMaps, capacity thresholds, and the seasonal PostgreSQL servers.</summary>
    public IReadOnlyList<string> CapacityResources { get; }

    public static SwitchContext For(StackSettings settings) => new(settings, StackPlanner.SeasonPlans(settings));

    /// <summary>The plan of <paramref name="groups"/>, without the switch's own element and output.</summary>
    public StackPlan PlanOf(CapacityGroups groups)
    {
        lock (_plans)
        {
            if (!_plans.TryGetValue(groups, out var plan))
            {
                _plans[groups] = plan = StackPlanner.Build(Settings, groups);
            }
            return plan;
        }
    }

    /// <summary>Every update the stepper makes to switch between two seasons: each step of each ordered pair.</summary>
    public IReadOnlyList<(CapacityGroups From, CapacityGroups To)> SeasonSwitchSteps() =>
        [.. SeasonNames.All.SelectMany(from => SeasonNames.All.Where(to => to != from).SelectMany(to =>
        {
            var states = new[] { CapacityGroups.All(from) }.Concat(Stepper.Path(CapacityGroups.All(from), to, Facts)).ToList();
            return states.Zip(states.Skip(1));
        }))];
}
