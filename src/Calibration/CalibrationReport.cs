using System.Globalization;
using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Calibration;

/// <summary>Measured against configured values, the capacity each gives per season, and the stack-file edits.</summary>
public sealed record CalibrationReport(StackSettings Settings, Measurement Measured)
{
    private const string Workload = "freshfoodz:workload";

    /// <summary>Decimals the stack file keeps: requests per second to 0.1, seconds to the millisecond.</summary>
    public const int RateDigits = 1;
    public const int TimeDigits = 3;

    public ApiWorkload Configured => Settings.Capacity.Workload.Api;

    public WorkerWorkload ConfiguredWorkers => Settings.Capacity.Workload.Workers;

    /// <summary>The configured API profile with the measured values (rounded as they will be written).</summary>
    public ApiWorkload Calibrated => Configured with
    {
        BaselineRequestsPerSecond = Round(Measured.BaselineRequestsPerSecond, RateDigits),
        MeanServiceTimeSeconds = Round(Measured.MeanServiceTimeSeconds, TimeDigits),
        P95ServiceTimeSeconds = Round(Measured.P95ServiceTimeSeconds, TimeDigits),
    };

    /// <summary>The configured worker profile with the measured values, or as configured when jobs were not measured.
    /// Jobs per second keep two decimals: worker rates are small (2 jobs/s in de-prod).</summary>
    public WorkerWorkload CalibratedWorkers => Measured.Workers is { } w
        ? ConfiguredWorkers with
        {
            BaselineJobsPerSecond = Round(w.BaselineJobsPerSecond, 2),
            MeanJobTimeSeconds = Round(w.MeanJobTimeSeconds, 3),
        }
        : ConfiguredWorkers;

    public IReadOnlyList<ScalarEdit> Edits =>
    [
        new(Workload, ["api", "baselineRequestsPerSecond"], Text(Calibrated.BaselineRequestsPerSecond)),
        new(Workload, ["api", "meanServiceTimeSeconds"], Text(Calibrated.MeanServiceTimeSeconds)),
        new(Workload, ["api", "p95ServiceTimeSeconds"], Text(Calibrated.P95ServiceTimeSeconds)),
        .. Measured.Workers is null
            ? Array.Empty<ScalarEdit>()
            :
            [
                new(Workload, ["workers", "baselineJobsPerSecond"], Text(CalibratedWorkers.BaselineJobsPerSecond)),
                new(Workload, ["workers", "meanJobTimeSeconds"], Text(CalibratedWorkers.MeanJobTimeSeconds)),
            ],
        new(ConfigKeys.DailyLoad.Key, [], DailyLoadText),
    ];

    /// <summary>The curve as written: a flow list on one line, hour 0 first.</summary>
    public string DailyLoadText => $"[{string.Join(", ", DailyLoadFactors.Select(Text))}]";

    /// <summary>Factors of the daily load curve keep two decimals: 1 % steps, the smallest factor allowed.</summary>
    public const int FactorDigits = 2;

    /// <summary>
    /// The measured hourly profile as <c>freshfoodz:dailyLoad</c> takes it: rounded to <see cref="FactorDigits"/>
    /// decimals and floored at <see cref="DailyLoadCurve.MinimumFactor"/> (an hour is never planned as empty); the
    /// busiest hour stays exactly 1.
    /// </summary>
    public IReadOnlyList<double> DailyLoadFactors =>
        [.. Measured.HourlyProfile.Select(f => Math.Max(DailyLoadCurve.MinimumFactor, Round(f, FactorDigits)))];

    /// <summary>A season's sizing with the measured profile.</summary>
    public CapacityPlan CalibratedCapacity(Season season) =>
        CapacityEngine.Size(Settings.Capacity with { Workload = Settings.Capacity.Workload with { Api = Calibrated, Workers = CalibratedWorkers } }, season);

    public static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
