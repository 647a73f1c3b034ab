using System.Globalization;
using FreshFoodz.Capacity.Sizing;

namespace FreshFoodz.Monitoring.Rules;

public enum SloKind
{
    /// <summary>Good = not a 5xx response.</summary>
    Availability,

    /// <summary>Good = answered within the route class's p95 target.</summary>
    Latency,
}

/// <summary>One SLO of a route class over 30 days.</summary>
public sealed record Slo(string RouteClass, SloKind Kind, double Objective, double? LatencySeconds)
{
    /// <summary><c>order-availability</c>, <c>event-catering-latency</c>.</summary>
    public string Name => $"{RouteClass.Replace('_', '-')}-{Kind.ToString().ToLowerInvariant()}";

    public double ErrorBudget => 1 - Objective;

    /// <summary>The budget as PromQL text, <c>(1 - 0.995)</c>, so the objective reads as written.</summary>
    public string ErrorBudgetText => $"(1 - {Objective.ToString("R", CultureInfo.InvariantCulture)})";
}

/// <summary>A multiwindow burn-rate condition: both windows burn faster than <see cref="Factor"/>.</summary>
public sealed record BurnWindow(double Factor, TimeSpan LongWindow, TimeSpan ShortWindow, string Severity);

/// <summary>
/// SLOs for the sample, event-catering and order routes, and the burn-rate alerting of the Google SRE workbook,
/// chapter 5 "Alerting on SLOs", table 5-8 (30-day window): 2 % of the budget in 1 h (14.4x, short window 5 m) and
/// 5 % in 6 h (6x, 30 m) page; 10 % in 3 d (1x, 6 h) opens a ticket.
/// </summary>
public static class Slos
{
    /// <summary>Our choice: 99.5 % of requests per 30 days are not 5xx (3.6 h of full outage a month).</summary>
    public const double AvailabilityObjective = 0.995;

    /// <summary>A p95 target means 95 % of requests are at or under it.</summary>
    public const double LatencyObjective = 0.95;

    public static IReadOnlyList<BurnWindow> BurnWindows { get; } =
    [
        new(14.4, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), MetricsContract.Severities.Sev1),
        new(6, TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), MetricsContract.Severities.Sev1),
        new(1, TimeSpan.FromDays(3), TimeSpan.FromHours(6), MetricsContract.Severities.Sev3),
    ];

    /// <summary>Every window an error ratio is recorded for.</summary>
    public static IReadOnlyList<TimeSpan> Windows { get; } =
        BurnWindows.SelectMany(w => new[] { w.LongWindow, w.ShortWindow }).Distinct().Order().ToList();

    /// <summary>The six SLOs; latency targets from <c>freshfoodz:workload.api.sloP95Seconds</c>.</summary>
    public static IReadOnlyList<Slo> For(RouteSlos targets) =>
    [
        .. new[]
        {
            (MetricsContract.RouteClasses.Sample, targets.Sample),
            (MetricsContract.RouteClasses.EventCatering, targets.EventCatering),
            (MetricsContract.RouteClasses.Order, targets.Order),
        }.SelectMany(r => new[]
        {
            new Slo(r.Item1, SloKind.Availability, AvailabilityObjective, null),
            new Slo(r.Item1, SloKind.Latency, LatencyObjective, r.Item2),
        }),
    ];
}
