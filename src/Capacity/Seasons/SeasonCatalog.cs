namespace FreshFoodz.Capacity.Seasons;

/// <summary>A day of the year without a year (season boundaries repeat every year).</summary>
public readonly record struct MonthDay(int Month, int Day)
{
    public DateOnly In(int year) => new(year, Month, Day);

    public override string ToString() => $"{Month:00}-{Day:00}";
}

/// <summary>One season: its calendar window, load multiplier and target utilizations.</summary>
/// <remarks>Baseline has no window: it is what applies when no peak does.</remarks>
public sealed record SeasonDefinition(
    Season Season,
    MonthDay? FirstDay,
    MonthDay? LastDay,
    double LoadMultiplier,
    TargetUtilization Targets);

/// <summary>A peak season's dates in one year, with the day its capacity must be in place.</summary>
public sealed record SeasonWindow(Season Season, DateOnly CapacityFrom, DateOnly FirstDay, DateOnly LastDay)
{
    public bool Contains(DateOnly date) => date >= CapacityFrom && date <= LastDay;
}

/// <summary>
/// The season catalog of the seasonal operations plan: the single source of season dates, multipliers and
/// target utilizations that sizing, alerts, playbooks and load tests all read.
/// </summary>
public sealed class SeasonCatalog
{
    /// <summary>Capacity for a peak applies from this many days before its first day (the playbooks' T-14
    /// "scale infrastructure" milestone).</summary>
    public const int DefaultLeadTimeDays = 14;

    /// <summary>
    /// Baseline targets are our choice (the plan gives none): the plan lowers each target by 0.05 per 1x of
    /// multiplier (3x → 0.60, 4x → 0.55, 5x → 0.50 for the app), so extrapolating that line to 1x gives
    /// 0.70 app / 0.85 workers / 0.80 database. Override with <c>freshfoodz:utilization</c>.
    /// </summary>
    public static readonly TargetUtilization BaselineTargets = new(0.70, 0.85, 0.80);

    public static SeasonCatalog Default { get; } = new(
    [
        new(Season.Baseline, null, null, 1.0, BaselineTargets),
        new(Season.Spargel, new(4, 1), new(6, 30), 3.0, new(0.60, 0.75, 0.70)),
        new(Season.Oktoberfest, new(9, 1), new(9, 30), 4.0, new(0.55, 0.70, 0.65)),
        new(Season.Weihnachten, new(11, 1), new(12, 31), 5.0, new(0.50, 0.65, 0.60)),
    ]);

    private readonly IReadOnlyDictionary<Season, SeasonDefinition> _seasons;

    public SeasonCatalog(IEnumerable<SeasonDefinition> seasons)
    {
        _seasons = seasons.ToDictionary(s => s.Season);
        var missing = SeasonNames.All.Where(s => !_seasons.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"season catalog lacks {string.Join(", ", missing)}", nameof(seasons));
        }
    }

    public SeasonDefinition this[Season season] => _seasons[season];

    public IEnumerable<SeasonDefinition> Peaks =>
        SeasonNames.All.Select(s => _seasons[s]).Where(s => s.FirstDay is not null);

    /// <summary>A copy with some seasons' target utilizations replaced (stack config overrides).</summary>
    public SeasonCatalog WithTargets(IReadOnlyDictionary<Season, TargetUtilization> overrides) =>
        new(_seasons.Values.Select(s => overrides.TryGetValue(s.Season, out var t) ? s with { Targets = t } : s));

    /// <summary>Every peak window that touches <paramref name="year"/>, in date order.</summary>
    public IReadOnlyList<SeasonWindow> WindowsAround(int year, int leadTimeDays) =>
        Peaks.SelectMany(p => new[] { year - 1, year, year + 1 }.Select(y => Window(p, y, leadTimeDays)))
            .Where(w => w.CapacityFrom.Year <= year && w.LastDay.Year >= year)
            .OrderBy(w => w.CapacityFrom).ThenBy(w => w.Season)
            .ToList();

    /// <summary>
    /// The season whose capacity applies on <paramref name="date"/> under <c>auto</c>: a peak applies from
    /// <paramref name="leadTimeDays"/> before its first day to its last day; if two apply, the higher
    /// multiplier wins; if none applies, baseline.
    /// </summary>
    public Season Resolve(DateOnly date, int leadTimeDays) =>
        Peaks.SelectMany(p => new[] { date.Year - 1, date.Year, date.Year + 1 }.Select(y => Window(p, y, leadTimeDays)))
            .Where(w => w.Contains(date))
            .Select(w => _seasons[w.Season])
            .OrderByDescending(s => s.LoadMultiplier).ThenBy(s => s.Season)
            .Select(s => s.Season)
            .DefaultIfEmpty(Season.Baseline)
            .First();

    private static SeasonWindow Window(SeasonDefinition peak, int year, int leadTimeDays)
    {
        var first = peak.FirstDay!.Value.In(year);
        var lastDay = peak.LastDay!.Value;
        // A window like Dec–Jan ends in the following year.
        var last = lastDay.In(lastDay.Month * 100 + lastDay.Day >= peak.FirstDay.Value.Month * 100 + peak.FirstDay.Value.Day ? year : year + 1);
        return new SeasonWindow(peak.Season, first.AddDays(-leadTimeDays), first, last);
    }
}
