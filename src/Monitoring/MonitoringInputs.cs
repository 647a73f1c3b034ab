using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Residency;
using FreshFoodz.Monitoring.Rules;

namespace FreshFoodz.Monitoring;

/// <summary>
/// Everything the monitoring of one stack is generated from: its settings, the capacity plan of the season in effect,
/// the Weihnachten (5x) plan, and its alert receivers. Every season- or territory-dependent threshold comes from here.
/// </summary>
public sealed record MonitoringInputs(MonitoringTarget Settings, CapacityPlan Capacity, CapacityPlan Peak, AlertingSettings Alerting)
{
    /// <summary>The season whose plan sizes the peak reserve (the 5x plan).</summary>
    public const Season PeakSeason = Season.Weihnachten;

    public static MonitoringInputs For(MonitoringTarget settings, CapacityPlan capacity, AlertingSettings alerting) =>
        new(settings, capacity, CapacityEngine.Size(settings.Capacity, PeakSeason), alerting);

    public static MonitoringInputs For(MonitoringTarget settings, Season season) =>
        For(settings, CapacityEngine.Size(settings.Capacity, season), settings.Alerting);

    public Territory Territory => Settings.Territory;

    public string TerritoryCode => Settings.Territory.Code;

    public string Currency => Settings.Territory.Currency;

    public IReadOnlyList<Slo> Slos => Rules.Slos.For(Settings.Capacity.Workload.Api.Slo);

    /// <summary>The api deployments (namespace = module) whose available replicas make the provisioned capacity.</summary>
    public IReadOnlyList<DeploymentSizing> ApiDeployments => [.. Capacity.Deployments.Where(d => d.Role == WorkloadRole.Api)];

    /// <summary>
    /// When the peak reserve alert applies: always on a stack pinned to Weihnachten (the rehearsal), otherwise from
    /// the day Weihnachten's capacity is due (its first day minus the lead time) to its last day. Null: always.
    /// </summary>
    public (MonthDay From, MonthDay To)? PeakWindow
    {
        get
        {
            if (Settings.Season.Pinned == PeakSeason)
            {
                return null;
            }
            var peak = Settings.Capacity.Seasons[PeakSeason];
            var first = peak.FirstDay!.Value.In(2001).AddDays(-Settings.Capacity.LeadTimeDays); // any non-leap year
            return (new MonthDay(first.Month, first.Day), peak.LastDay!.Value);
        }
    }
}
