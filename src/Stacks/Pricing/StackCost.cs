using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>The cost of one calendar month under the stack's season setting, against the static peak.</summary>
public sealed record MonthCost(int Month, decimal Cost, decimal StaticPeakCost, IReadOnlyDictionary<Season, int> DaysBySeason);

/// <summary>A year's cost as the stack runs it against provisioning the Weihnachten peak all year.</summary>
public sealed record CostProjection(string Currency, int Year, IReadOnlyList<MonthCost> Months)
{
    public decimal Yearly => Months.Sum(m => m.Cost);

    public decimal YearlyStaticPeak => Months.Sum(m => m.StaticPeakCost);

    public decimal Saving => YearlyStaticPeak - Yearly;

    /// <summary>The year's cost as a share of the static peak's (1 = no saving).</summary>
    public decimal ShareOfStaticPeak => YearlyStaticPeak == 0 ? 0 : Yearly / YearlyStaticPeak;
}

/// <summary>
/// A stack's cost: each season's plan priced by <see cref="PlanCostModel"/> from the stack's price sheet, and the year
/// projected day by day. Every figure here is what the plan registers, priced; nothing is counted twice or left at zero.
/// </summary>
public sealed class StackCost
{
    private readonly Dictionary<(Season, AppTierRule), PlanCost> _seasons = [];
    private readonly Dictionary<(Season, AppTierRule), StackPlan> _plans = [];

    public StackCost(StackSettings settings, PriceSheet sheet)
    {
        if (sheet.Currency != settings.Territory.Currency)
        {
            throw new PriceSheetException(
                $"{PriceSheet.RelativePath(settings.StackName)}: currency must be {settings.Territory.Currency} (territory {settings.Territory.Code}), got '{sheet.Currency}'");
        }
        Settings = settings;
        Sheet = sheet;
        if (sheet.Usage.Volumes.Count > 0)
        {
            PlanCostModel.CheckUsage(sheet.Usage, SeasonNames.All.Select(s => PlanOf(s, AppTierRule.Engine)), settings.StackName);
        }
    }

    public StackSettings Settings { get; }

    public PriceSheet Sheet { get; }

    public string Currency => Sheet.Currency;

    /// <summary>
    /// The season's cost as its plan runs: the plan priced (the app pool at its autoscaler minimum, the off-hours node
    /// count), plus the nodes the business window adds — (business − off-hours nodes) × the hours they run a day / 24,
    /// at the app pool's price (docs/capacity-model.md, Daily floor). <paramref name="rule"/> for the bench's comparison.
    /// </summary>
    public PlanCost ForSeason(Season season, AppTierRule rule = AppTierRule.Engine) => WithWindowNodes(season, rule, dailyFloor: true);

    /// <summary>The season's cost with its business-window nodes all day: sizing by season alone, as before the daily floor.</summary>
    public PlanCost SeasonalOnly(Season season, AppTierRule rule = AppTierRule.Engine) => WithWindowNodes(season, rule, dailyFloor: false);

    /// <summary>The season's plan priced as registered (<c>plan</c>), without the nodes the autoscaler adds in the window.</summary>
    public PlanCost Plan(Season season, AppTierRule rule = AppTierRule.Engine)
    {
        if (!_seasons.TryGetValue((season, rule), out var cost))
        {
            cost = PlanCostModel.Price(PlanOf(season, rule), Settings.Region.Name, Settings.Capacity.PostgresSkus, Sheet);
            _seasons[(season, rule)] = cost;
        }
        return cost;
    }

    /// <summary>The season's plan, built once (the usage check and the pricing both read it).</summary>
    private StackPlan PlanOf(Season season, AppTierRule rule)
    {
        if (!_plans.TryGetValue((season, rule), out var plan))
        {
            plan = StackPlanner.Build(Settings, season, rule);
            _plans[(season, rule)] = plan;
        }
        return plan;
    }

    /// <summary>The season's daily schedule (the stack's daily load curve, the default lags).</summary>
    public DailySchedule ScheduleFor(Season season, AppTierRule rule = AppTierRule.Engine) =>
        DailyScheduler.Schedule(Settings.Capacity, CapacityEngine.Size(Settings.Capacity, season, rule), Settings.Capacity.DailyLoad, ScalingLags.Default);

    private PlanCost WithWindowNodes(Season season, AppTierRule rule, bool dailyFloor)
    {
        var cost = Plan(season, rule);
        var schedule = ScheduleFor(season, rule);
        var app = cost.Lines.Where(l => l.Demand.Group == PlanCostModel.AppNodesGroup).ToList();
        var extra = schedule.BusinessNodes - schedule.OffHoursNodes;
        if (app.Count != 1 || extra == 0)
        {
            return cost; // no window nodes, or the app pool unpriced (listed in Unpriced, nothing claimed)
        }
        if (app[0].Demand.Quantity != schedule.OffHoursNodes)
        {
            throw new InvalidOperationException($"the plan's app pool minimum is {app[0].Demand.Quantity} nodes, the schedule's off-hours count {schedule.OffHoursNodes}");
        }
        var share = dailyFloor ? (decimal)schedule.BusinessNodeHours / 24m : 1m;
        var window = new CostLine(app[0].Demand with { Group = BusinessWindowGroup, Quantity = extra * share }, app[0].Price);
        return cost with { Lines = [.. cost.Lines, window] };
    }

    /// <summary>The cost group of the nodes the autoscaler adds for the business window.</summary>
    public const string BusinessWindowGroup = "app nodes, business window";

    /// <summary>The year as the stack runs it: each day at the season in effect (pinned, or by auto).</summary>
    public CostProjection ProjectYear(int year, AppTierRule rule = AppTierRule.Engine, bool dailyFloor = true) =>
        ProjectYear(year, Settings.EffectiveSeason, rule, dailyFloor);

    /// <summary>
    /// Each day costs 24 h × its season's hourly cost (with <paramref name="dailyFloor"/> false, the business-window nodes
    /// all day, as seasonal sizing alone ran it); the static peak costs 24 h × Weihnachten's without the daily floor.
    /// </summary>
    public CostProjection ProjectYear(int year, Func<DateOnly, Season> seasonOn, AppTierRule rule = AppTierRule.Engine, bool dailyFloor = true)
    {
        var daily = SeasonNames.All.ToDictionary(s => s, s => (dailyFloor ? ForSeason(s, rule) : SeasonalOnly(s, rule)).Hourly * 24m);
        var peak = SeasonalOnly(Capacity.Seasons.Season.Weihnachten, rule).Hourly * 24m;
        var months = Enumerable.Range(1, 12).Select(month =>
        {
            var days = Enumerable.Range(1, DateTime.DaysInMonth(year, month))
                .Select(day => seasonOn(new DateOnly(year, month, day)))
                .ToList();
            var bySeason = days.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
            return new MonthCost(month, days.Sum(s => daily[s]), days.Count * peak, bySeason);
        }).ToList();
        return new CostProjection(Currency, year, months);
    }

    /// <summary>What no season's cost includes, once per resource and reason.</summary>
    public IReadOnlyList<Unpriced> Unpriced =>
        [.. SeasonNames.All.SelectMany(s => Plan(s).Unpriced).Distinct().OrderBy(u => u.Resource, StringComparer.Ordinal).ThenBy(u => u.Reason, StringComparer.Ordinal)];
}
