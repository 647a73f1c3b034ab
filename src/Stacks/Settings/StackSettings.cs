using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Residency;
using FreshFoodz.Monitoring;

namespace FreshFoodz.Stacks.Settings;

/// <summary>One stack's validated settings: what every other part of the program sizes and plans from.</summary>
public sealed record StackSettings(
    string StackName,
    Territory Territory,
    AzureRegion Region,
    SeasonSelection Season,
    CapacityInputs Capacity,
    PlanSettings Plan)
{
    /// <summary>The season in effect on <paramref name="date"/> (pinned, or resolved by the auto rule).</summary>
    public Season EffectiveSeason(DateOnly date) => Season.Resolve(date, Capacity.Seasons, Capacity.LeadTimeDays);

    /// <summary>
    /// The settings a run at <paramref name="now"/> plans: the restore drill only once its restore point can be
    /// restored (<see cref="Components.Drills.RestoreDrillPlan.RestorableFrom"/>). Before, Azure would refuse the point
    /// and the run fail; held back, the runs go on (a season switch among them) and the first one after creates the drill.
    /// </summary>
    public StackSettings AtRunTime(DateTimeOffset now) =>
        Plan.RestoreDrill is { } drill && now < drill.RestorableFrom ? this with { Plan = Plan with { RestoreDrill = null } } : this;

    /// <summary>What monitoring is generated from.</summary>
    public MonitoringTarget Monitored() => new(StackName, Territory, Season, Capacity, Plan.AiBudget.MonthlyAmount, Plan.Alerting);
}
