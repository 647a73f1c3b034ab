namespace FreshFoodz.Calibration.Tests;

/// <summary>How a measurement is cut into requests, and the statistics on their answers; no server needed.</summary>
public class QueryPlanningTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset NewYear = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static long Points((DateTimeOffset Start, DateTimeOffset End) piece, TimeSpan step) => (long)((piece.End - piece.Start) / step) + 1;

    [Fact]
    public void AYearAtFiveMinutesIsTenRequestsOnOneGrid()
    {
        // 365 days × 288 points = 105,120 points: ⌈105,120 / 11,000⌉ = 10 requests.
        var end = NewYear.AddDays(365) - FiveMinutes;
        var pieces = PrometheusClient.Pieces(NewYear, end, FiveMinutes).ToList();
        Assert.Equal(10, pieces.Count);
        Assert.Equal(NewYear, pieces[0].Start);
        Assert.Equal(end, pieces[^1].End);
        Assert.All(pieces, p => Assert.InRange(Points(p, FiveMinutes), 1, 11_000));
        Assert.All(pieces.Zip(pieces.Skip(1)), p => Assert.Equal(p.First.End + FiveMinutes, p.Second.Start));
        Assert.Equal(105_120, pieces.Sum(p => Points(p, FiveMinutes)));
    }

    [Theory]
    [InlineData(11_000, 1)]
    [InlineData(11_001, 2)]
    [InlineData(1, 1)]
    public void ElevenThousandPointsIsOneRequestAndOneMoreIsTwo(int points, int requests)
    {
        var pieces = PrometheusClient.Pieces(NewYear, NewYear + FiveMinutes * (points - 1), FiveMinutes).ToList();
        Assert.Equal(requests, pieces.Count);
        Assert.Equal(points, pieces.Sum(p => Points(p, FiveMinutes)));
    }

    [Fact]
    public void AStepOfPartSecondsIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrometheusClient.Pieces(NewYear, NewYear.AddDays(1), TimeSpan.FromMilliseconds(1500)).ToList());

    [Fact]
    public void ConsecutiveDaysMakeOneRun()
    {
        DateOnly d(int day) => new(2026, 1, day);
        Assert.Equal([(d(1), d(2)), (d(4), d(4)), (d(6), d(8))], Baseline.Runs([d(8), d(1), d(2), d(4), d(6), d(7), d(7)]));
    }

    /// <summary>Expected values by hand, with histogram_quantile's rule: interpolate linearly inside the bucket the rank falls in.</summary>
    [Theory]
    // rank 95 of 100 in (0.5, 1]: 0.5 + 0.5 × (95 − 90) / (100 − 90).
    [InlineData(0.95, new[] { "0.1", "0.25", "0.5", "1.0", "+Inf" }, new double[] { 50, 80, 90, 100, 100 }, 0.75)]
    // rank 95 falls in +Inf: the highest finite bound.
    [InlineData(0.95, new[] { "0.1", "0.25", "0.5", "1.0", "+Inf" }, new double[] { 20, 50, 70, 90, 100 }, 1.0)]
    // rank 20 in the first bucket, from 0: 0.1 × 20 / 50.
    [InlineData(0.2, new[] { "0.1", "+Inf" }, new double[] { 50, 100 }, 0.04)]
    // Two clients spell the bound 1 and 1.0: one bucket of 40; rank 30 in (0.5, 1]: 0.5 + 0.5 × (30 − 20) / (40 − 20).
    [InlineData(0.75, new[] { "0.5", "1", "1.0", "+Inf" }, new double[] { 20, 20, 20, 40 }, 0.75)]
    public void HistogramQuantileInterpolatesAsPrometheusDoes(double q, string[] le, double[] counts, double expected) =>
        Assert.Equal(expected, Baseline.HistogramQuantile(q, le.Zip(counts)), 9);

    [Fact]
    public void HistogramQuantileWithoutInfIsNotANumber() =>
        Assert.True(double.IsNaN(Baseline.HistogramQuantile(0.95, [("0.5", 10), ("1", 20)])));
}
