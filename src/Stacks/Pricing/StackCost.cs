using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
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

    public StackCost(StackSettings settings, PriceSheet sheet)
    {
        if (sheet.Currency != settings.Territory.Currency)
        {
            throw new PriceSheetException(
                $"{PriceSheet.RelativePath(settings.StackName)}: currency must be {settings.Territory.Currency} (territory {settings.Territory.Code}), got '{sheet.Currency}'");
        }
        Settings = settings;
        Sheet = sheet;
    }

    public StackSettings Settings { get; }

    public PriceSheet Sheet { get; }

    public string Currency => Sheet.Currency;

    /// <summary>The season's plan, priced (the plan built as <c>plan</c> shows it; <paramref name="rule"/> for the bench's comparison).</summary>
    public PlanCost ForSeason(Season season, AppTierRule rule = AppTierRule.Engine)
    {
        if (!_seasons.TryGetValue((season, rule), out var cost))
        {
            var plan = StackPlanner.Build(Settings, season, rule);
            cost = PlanCostModel.Price(plan, Settings.Region.Name, Settings.Capacity.PostgresSkus, Sheet);
            _seasons[(season, rule)] = cost;
        }
        return cost;
    }

    /// <summary>The season's daily schedule (engine sizing, the stack's daily load curve, the default lags).</summary>
    public DailySchedule ScheduleFor(Season season) =>
        DailyScheduler.Schedule(Settings.Capacity, CapacityEngine.Size(Settings.Capacity, season), Settings.Capacity.DailyLoad, ScalingLags.Default);

    /// <summary>
    /// One day of the season's plan under its daily schedule: the plan priced for 24 h, less the app nodes the schedule
    /// does not run — (business − off-hours nodes) × the plan's price per app node × the hours at the off-hours count.
    /// Everything else in the plan (PostgreSQL, system nodes, the control plane) runs all day.
    /// </summary>
    public decimal DayWithDailyFloor(Season season)
    {
        var cost = ForSeason(season);
        var schedule = ScheduleFor(season);
        var app = cost.Lines.Where(l => l.Demand.Group == PlanCostModel.AppNodesGroup).ToList();
        if (app.Count == 0)
        {
            return cost.Hourly * 24m; // app nodes unpriced: listed in Unpriced, no saving claimed
        }
        var nodes = app.Sum(l => l.Demand.Quantity);
        if (nodes != schedule.BusinessNodes)
        {
            throw new InvalidOperationException($"the plan's app pool has {nodes} nodes, the schedule expects {schedule.BusinessNodes}");
        }
        var perNode = app.Sum(l => l.Hourly) / nodes;
        var offHours = 24m - (decimal)schedule.BusinessNodeHours;
        return cost.Hourly * 24m - (schedule.BusinessNodes - schedule.OffHoursNodes) * perNode * offHours;
    }

    /// <summary>The year as the stack runs it: each day at the season in effect (pinned, or by auto).</summary>
    public CostProjection ProjectYear(int year, AppTierRule rule = AppTierRule.Engine, bool dailyFloor = false) =>
        ProjectYear(year, Settings.EffectiveSeason, rule, dailyFloor);

    /// <summary>
    /// Each day costs 24 h × the hourly cost of its season's plan (with <paramref name="dailyFloor"/>: the season's day
    /// under its daily schedule, <see cref="DayWithDailyFloor"/>); the static peak costs 24 h × Weihnachten's on every day.
    /// </summary>
    public CostProjection ProjectYear(int year, Func<DateOnly, Season> seasonOn, AppTierRule rule = AppTierRule.Engine, bool dailyFloor = false)
    {
        if (dailyFloor && rule != AppTierRule.Engine)
        {
            throw new ArgumentException("the daily floor is scheduled from the engine's sizing", nameof(rule));
        }
        var daily = SeasonNames.All.ToDictionary(s => s, s => dailyFloor ? DayWithDailyFloor(s) : ForSeason(s, rule).Hourly * 24m);
        var peak = ForSeason(Capacity.Seasons.Season.Weihnachten, rule).Hourly * 24m;
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
        [.. SeasonNames.All.SelectMany(s => ForSeason(s).Unpriced).Distinct().OrderBy(u => u.Resource, StringComparer.Ordinal).ThenBy(u => u.Reason, StringComparer.Ordinal)];
}
