using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Calibration.Tests;

public class CalibrationReportTests
{
    private static readonly StackSettings DeProd = StackSettingsReader.Read(StackFileLoader.Load(FreshFoodz.Testing.RepositoryRoot.Path, "de-prod"));

    private static Measurement Measured(WorkerMeasurement? workers) =>
        new([new(2026, 10, 1)], new(2026, 12, 1), 61, 0, 91.42, new Dictionary<string, double>(), 0.2004, 0.7496, workers);

    [Fact]
    public void MeasuredJobsAreProposedWithTheApiValues()
    {
        var report = new CalibrationReport(DeProd, Measured(new WorkerMeasurement(7.142, new Dictionary<string, double>(), 1.4996)));
        Assert.Equal(
            ["api.baselineRequestsPerSecond=91.4", "api.meanServiceTimeSeconds=0.2", "api.p95ServiceTimeSeconds=0.75",
             "workers.baselineJobsPerSecond=7.14", "workers.meanJobTimeSeconds=1.5"],
            report.Edits.Select(e => $"{string.Join(".", e.Path)}={e.Value}"));
        // Only the measured worker values change; the rest of the profile is the stack's (de-prod: concurrency 2).
        Assert.Equal(DeProd.Capacity.Workload.Workers with { BaselineJobsPerSecond = 7.14, MeanJobTimeSeconds = 1.5 }, report.CalibratedWorkers);
    }

    [Fact]
    public void WithoutAJobMetricTheWorkersAreKept()
    {
        var report = new CalibrationReport(DeProd, Measured(null));
        Assert.Equal(3, report.Edits.Count);
        Assert.All(report.Edits, e => Assert.Equal("api", e.Path[0]));
        Assert.Equal(DeProd.Capacity.Workload.Workers, report.CalibratedWorkers);
    }
}
