using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Residency;

namespace FreshFoodz.Monitoring;

/// <summary>
/// What monitoring needs to know of a stack: its name, territory, season setting, capacity inputs, AI budget and alert
/// receivers. The stack settings build it (StackSettings.Monitored), so monitoring depends on no settings loader.
/// </summary>
public sealed record MonitoringTarget(
    string StackName,
    Territory Territory,
    SeasonSelection Season,
    CapacityInputs Capacity,
    decimal AiBudgetMonthlyAmount,
    AlertingSettings Alerting);
