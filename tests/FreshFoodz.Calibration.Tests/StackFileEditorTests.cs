namespace FreshFoodz.Calibration.Tests;

public class StackFileEditorTests
{
    [Fact]
    public void ReplacesOnlyTheScalarsCharacters()
    {
        const string yaml = "# top comment\nconfig:\n  freshfoodz:workload:\n    api: {baselineRequestsPerSecond: 50, other: 1}  # keep\n    workers:\n      x: \"quoted\"\n";
        var edited = StackFileEditor.Apply(yaml, [new ScalarEdit("freshfoodz:workload", ["api", "baselineRequestsPerSecond"], "61.5")]);
        Assert.Equal(yaml.Replace("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: 61.5", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void AMissingKeyIsNamed()
    {
        var e = Assert.Throws<CalibrationException>(() =>
            StackFileEditor.Apply("config:\n  freshfoodz:workload:\n    api: {}\n", [new ScalarEdit("freshfoodz:workload", ["api", "meanServiceTimeSeconds"], "0.2")]));
        Assert.Contains("freshfoodz:workload.api.meanServiceTimeSeconds", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 100 }, 0.95, 100)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 0.95, 19)]
    public void NearestRankQuantile(double[] sorted, double p, double expected) =>
        // ⌈0.95 × 5⌉ = 5th value; ⌈0.95 × 20⌉ = 19th value.
        Assert.Equal(expected, Baseline.NearestRank(sorted, p));
}
