using FreshFoodz.Capacity.Seasons;

namespace FreshFoodz.Components.Workloads;

/// <summary>
/// Graceful-degradation switches the apps read from the season ConfigMap, per the seasonal operations plan:
/// Oktoberfest gives event catering priority and a 2-hour sample SLA; Weihnachten runs maximum-capacity mode.
/// Every season lists every flag, so apps never depend on a flag being absent.
/// </summary>
public static class SeasonPolicy
{
    public static IReadOnlyList<string> FlagNames { get; } =
        ["deferReportExports", "eventCateringPriority", "maximumCapacityMode", "pauseBatchBackfills"];

    public static IReadOnlyDictionary<string, bool> DegradationFlags(Season season) => new SortedDictionary<string, bool>(StringComparer.Ordinal)
    {
        ["deferReportExports"] = season != Season.Baseline,
        ["eventCateringPriority"] = season == Season.Oktoberfest,
        ["maximumCapacityMode"] = season == Season.Weihnachten,
        ["pauseBatchBackfills"] = season is Season.Oktoberfest or Season.Weihnachten,
    };

    /// <summary>Hours within which a sample request must be processed; the 2-hour SLA applies at Oktoberfest.</summary>
    public static int? SampleSlaHours(Season season) => season == Season.Oktoberfest ? 2 : null;
}
