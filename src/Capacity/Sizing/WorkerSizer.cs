namespace FreshFoodz.Capacity.Sizing;

public sealed record WorkerSizing(
    double JobsPerSecond,
    double MeanJobTimeSeconds,
    int ConcurrencyPerWorker,
    double TargetUtilization,
    int Count,
    double Utilization,
    SizingLimit DecidedBy)
{
    /// <summary>Jobs per second one worker finishes at the target utilization: c·ρ / S (the sizing rule solved for λ per
    /// worker); the KEDA prometheus trigger scales the worker deployments on it.</summary>
    public double JobsPerWorkerAtTarget => ConcurrencyPerWorker * TargetUtilization / MeanJobTimeSeconds;
}

/// <summary>
/// Workers = the smallest w ≥ the HA minimum with utilization λ·S / (w·c) ≤ the target (the app tier's rule (a);
/// jobs have no latency SLO, they queue).
/// </summary>
public static class WorkerSizer
{
    public static WorkerSizing Size(double jobsPerSecond, WorkerWorkload w, double target, int minimum)
    {
        var busy = jobsPerSecond * w.MeanJobTimeSeconds;
        var byUtilization = Rounding.CeilingCount(busy / (w.ConcurrencyPerWorker * target));
        var count = Math.Max(minimum, byUtilization);
        return new WorkerSizing(
            jobsPerSecond,
            w.MeanJobTimeSeconds,
            w.ConcurrencyPerWorker,
            target,
            count,
            busy / (count * w.ConcurrencyPerWorker),
            byUtilization >= minimum ? SizingLimit.Utilization : SizingLimit.HighAvailabilityMinimum);
    }
}
