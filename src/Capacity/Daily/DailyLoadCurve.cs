namespace FreshFoodz.Capacity.Daily;

/// <summary>
/// How a day's traffic is spread over the hours: 24 factors, hour 0–23 in the territory's local time (Europe/Berlin,
/// Europe/Zurich), each the hour's mean request rate relative to the busy hour (the busiest hour is 1). The season's
/// rate (baseline × multiplier) is the busy hour's: calibrate measures the baseline as a day's busy period (the 95th
/// percentile of its 5-minute rates, docs/calibration.md), so factor × season rate is the hour's rate.
/// </summary>
public sealed record DailyLoadCurve
{
    public const int Hours = 24;

    /// <summary>A factor below 1 % would treat an hour as empty; the curve is a shape, not an on/off switch.</summary>
    public const double MinimumFactor = 0.01;

    public DailyLoadCurve(IReadOnlyList<double> hourlyFactors, string source)
    {
        if (hourlyFactors.Count != Hours)
        {
            throw new ArgumentException($"a daily load curve has {Hours} hourly factors, got {hourlyFactors.Count}");
        }
        if (hourlyFactors.Any(f => !double.IsFinite(f) || f < MinimumFactor || f > 1))
        {
            throw new ArgumentException($"each hourly factor is from {MinimumFactor} to 1");
        }
        if (hourlyFactors.Max() != 1.0)
        {
            throw new ArgumentException("the busiest hour's factor is 1 (factors are relative to the busy hour)");
        }
        HourlyFactors = [.. hourlyFactors];
        Source = source;
    }

    public IReadOnlyList<double> HourlyFactors { get; }

    /// <summary>Where the factors come from (the default's name, or the stack key).</summary>
    public string Source { get; }

    public double this[int hour] => HourlyFactors[hour];

    /// <summary>The day's mean rate relative to the busy hour.</summary>
    public double DailyMean => HourlyFactors.Average();

    /// <summary>
    /// The default for B2B food ordering, our assumption for a stack whose freshfoodz:dailyLoad is not measured yet
    /// (calibrate --write measures it): customers are restaurants, canteens and caterers that order for the next
    /// deliveries in the morning before lunch service (busy 09:00–11:00), a second, smaller wave after lunch, little
    /// in the evening, and about 5 % at night (integrations, scheduled jobs). Weekends are taken as weekdays, which
    /// overstates their load (on the safe side for capacity, and understates the saving).
    /// </summary>
    public static DailyLoadCurve B2BFoodOrdering { get; } = new(
    [
        0.05, 0.05, 0.05, 0.05, 0.08, 0.15, // 00–05
        0.35, 0.65, 0.90, 1.00, 1.00, 0.95, // 06–11
        0.75, 0.80, 0.85, 0.75, 0.55, 0.35, // 12–17
        0.20, 0.15, 0.12, 0.10, 0.08, 0.06, // 18–23
    ], "default: B2B food ordering (docs/capacity-model.md, Daily floor)");
}
