using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Operations.LoadTests;

/// <summary>One stage of a ramping-arrival-rate scenario: reach <see cref="Target"/> requests/s over the duration.</summary>
public sealed record LoadStage(int Minutes, int Target, string Purpose);

/// <summary>
/// A season's peak test for one stack: from the stack's baseline rate to baseline × the season's multiplier, held,
/// then back down. Every number comes from the stack's settings and the season catalog.
/// </summary>
public sealed record PeakTestProfile(
    string Stack, Season Season, double LoadMultiplier, int StartRate, int PeakRate, RouteSlos Slo,
    int PreAllocatedVus, int MaxVus, IReadOnlyList<LoadStage> Stages)
{
    /// <summary>Our choice: 10 min from baseline to the peak, so the HPA and the cluster autoscaler must follow.</summary>
    public const int RampMinutes = 10;

    /// <summary>Our choice: 45 min at the peak, room for the four chaos experiments of 10 min each, one at a time.</summary>
    public const int HoldMinutes = 45;

    /// <summary>Our choice: 5 min back to baseline, to see the scale-in.</summary>
    public const int RampDownMinutes = 5;

    /// <summary>The seasonal plan's business KPI: more than 80 % of sample requests succeed.</summary>
    public const double SampleSuccessRate = 0.80;

    /// <summary>The seasonal plan's error budget for the peak test: fewer than 2 % failed requests.</summary>
    public const double FailedRequestRate = 0.02;

    /// <summary>
    /// Share of iterations that request a sample; the rest ask for event availability. The stack files give the api
    /// load 0.30 to sample-api and 0.15 to event-catering-api (freshfoodz:modules), i.e. 2 : 1.
    /// </summary>
    public const double SampleShare = 2.0 / 3.0;

    public static PeakTestProfile For(StackSettings settings, Season season)
    {
        var api = settings.Capacity.Workload.Api;
        var multiplier = settings.Capacity.Seasons[season].LoadMultiplier;
        // k6 counts whole iterations per timeUnit (1 s): a fractional rate is rounded up, never under-tested.
        var start = (int)Math.Ceiling(api.BaselineRequestsPerSecond - 1e-9);
        var peak = (int)Math.Ceiling(api.BaselineRequestsPerSecond * multiplier - 1e-9);
        // Little's Law: VUs busy = arrival rate × time in the system; at the slowest route's p95 SLO that is
        // peak × SLO. maxVUs doubles it, so k6 holds the rate even while responses take twice the SLO.
        var slowest = Math.Max(api.Slo.Sample, Math.Max(api.Slo.EventCatering, api.Slo.Order));
        var vus = (int)Math.Ceiling(peak * slowest - 1e-9);
        return new PeakTestProfile(settings.StackName, season, multiplier, start, peak, api.Slo, vus, 2 * vus,
        [
            new(RampMinutes, peak, string.Create(CultureInfo.InvariantCulture, $"ramp from baseline to ×{multiplier:0.##}")),
            new(HoldMinutes, peak, "hold the peak"),
            new(RampDownMinutes, start, "ramp down to baseline"),
        ]);
    }
}
