using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Operations.Playbooks;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Operations.YearView;

/// <summary>
/// One day of the year: the load the catalog forecasts (the season by its own dates, no lead time) and what the
/// stack has provisioned (its effective season: <c>auto</c> with the lead time, or the pinned season).
/// </summary>
public sealed record DayCapacity(
    DateOnly Date, Season Forecast, double ForecastMultiplier, Season Provisioned, double CapacityMultiplier, int ApiPods, int Nodes);

/// <summary>One month: the peak forecast, the smallest provisioned capacity, the most pods and nodes, and the cost.</summary>
public sealed record MonthView(int Month, double PeakForecastMultiplier, double LowestCapacityMultiplier, int MaxApiPods, int MaxNodes, MonthCost Cost);

/// <summary>
/// The year view's data: every day's forecast load against provisioned capacity, the monthly cost under the stack's
/// season setting against provisioning the Weihnachten peak all year, and the playbook milestones of the year.
/// Capacity is shown in the load's unit: the requests/s the pre-provisioned api pods serve at the season's target
/// utilization (<see cref="CapacityPlan.ServableRequestsPerSecond"/>) divided by the stack's baseline rate.
/// </summary>
public sealed record YearViewData(
    string Stack, string Territory, string Currency, int Year, string SeasonSetting, double BaselineRequestsPerSecond,
    IReadOnlyList<DayCapacity> Days, IReadOnlyList<MonthView> Months, CostProjection Cost, IReadOnlyList<Milestone> Milestones)
{
    /// <summary>Each season's plan, priced (groups and monthly cost), in season order.</summary>
    public IReadOnlyList<(Season Season, PlanCost Cost)> SeasonCosts { get; init; } = [];

    /// <summary>What no season's cost includes.</summary>
    public IReadOnlyList<Unpriced> Unpriced { get; init; } = [];

    /// <summary>Where the prices come from, and when.</summary>
    public string PriceProvenance { get; init; } = "";

    /// <summary>The last drills' measured RTO and RPO (read from Prometheus at report time), or why there are none.</summary>
    public Components.Drills.DrillEvidence Recovery { get; init; } = Components.Drills.DrillEvidence.NotRead;

    public static YearViewData Create(StackSettings settings, PriceSheet prices, int year, PlaybookOptions options)
    {
        var inputs = settings.Capacity;
        var plans = SeasonNames.All.ToDictionary(s => s, s => CapacityEngine.Size(inputs, s));
        var baseline = inputs.Workload.Api.BaselineRequestsPerSecond;
        var days = new List<DayCapacity>();
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            var forecast = inputs.Seasons.Resolve(d, 0);
            var provisioned = settings.EffectiveSeason(d);
            var plan = plans[provisioned];
            days.Add(new DayCapacity(d, forecast, inputs.Seasons[forecast].LoadMultiplier, provisioned,
                plan.ServableRequestsPerSecond / baseline, plan.Hpa.MinReplicas, plan.Nodes.Count));
        }
        // The cost of the days as provisioned: auto, or the pinned season every day.
        var stackCost = new StackCost(settings, prices);
        var cost = stackCost.ProjectYear(year);
        var months = cost.Months.Select(m =>
        {
            var inMonth = days.Where(x => x.Date.Month == m.Month).ToList();
            return new MonthView(m.Month, inMonth.Max(x => x.ForecastMultiplier), inMonth.Min(x => x.CapacityMultiplier),
                inMonth.Max(x => x.ApiPods), inMonth.Max(x => x.Nodes), m);
        }).ToList();
        // A year's axis shows the milestones dated in it: last year's Weihnachten review as well as this year's playbooks.
        var milestones = PlaybookPlanner.Create(settings, year - 1, options).Milestones
            .Concat(PlaybookPlanner.Create(settings, year, options).Milestones)
            .Where(m => m.Start.Year == year)
            .ToList();
        return new YearViewData(settings.StackName, settings.Territory.Code, stackCost.Currency, year, settings.Season.ToString(),
            baseline, days, months, cost, milestones)
        {
            SeasonCosts = [.. SeasonNames.All.Select(s => (s, stackCost.ForSeason(s)))],
            Unpriced = stackCost.Unpriced,
            PriceProvenance = prices.Provenance,
        };
    }

    public bool Pinned => SeasonSetting != SeasonNames.Auto;
}
