using FreshFoodz.Capacity.Seasons;

namespace FreshFoodz.Capacity.Tests;

/// <summary>The auto rule on every boundary: a peak applies from (first day − lead time) to its last day.</summary>
public class SeasonCatalogTests
{
    private static Season Resolve(string date, int lead = SeasonCatalog.DefaultLeadTimeDays) =>
        SeasonCatalog.Default.Resolve(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), lead);

    [Theory]
    // The issue's own examples.
    [InlineData("2026-11-22", Season.Weihnachten)]
    [InlineData("2026-08-18", Season.Oktoberfest)]
    [InlineData("2026-03-17", Season.Baseline)]
    [InlineData("2026-03-18", Season.Spargel)]
    // Spargel Apr 1–Jun 30: from Mar 18 (Apr 1 − 14 d) to Jun 30.
    [InlineData("2026-06-30", Season.Spargel)]
    [InlineData("2026-07-01", Season.Baseline)]
    // Oktoberfest Sep 1–30: from Aug 18.
    [InlineData("2026-08-17", Season.Baseline)]
    [InlineData("2026-09-30", Season.Oktoberfest)]
    [InlineData("2026-10-01", Season.Baseline)]
    // Weihnachten Nov 1–Dec 31: from Oct 18.
    [InlineData("2026-10-17", Season.Baseline)]
    [InlineData("2026-10-18", Season.Weihnachten)]
    [InlineData("2026-12-31", Season.Weihnachten)]
    [InlineData("2027-01-01", Season.Baseline)]
    // Leap years: Feb 29 is baseline; Mar 18 is still Apr 1 − 14 days.
    [InlineData("2028-02-29", Season.Baseline)]
    [InlineData("2028-03-17", Season.Baseline)]
    [InlineData("2028-03-18", Season.Spargel)]
    [InlineData("2024-02-29", Season.Baseline)]
    public void AutoResolvesWithFourteenDayLead(string date, Season expected) => Assert.Equal(expected, Resolve(date));

    [Theory]
    // Without lead time a season starts on its first day.
    [InlineData("2026-03-31", 0, Season.Baseline)]
    [InlineData("2026-04-01", 0, Season.Spargel)]
    // Apr 1 − 45 days is Feb 15 in 2026 (28-day February) but Feb 16 in the leap year 2028.
    [InlineData("2026-02-14", 45, Season.Baseline)]
    [InlineData("2026-02-15", 45, Season.Spargel)]
    [InlineData("2028-02-15", 45, Season.Baseline)]
    [InlineData("2028-02-16", 45, Season.Spargel)]
    public void LeadTimeMovesTheStart(string date, int lead, Season expected) => Assert.Equal(expected, Resolve(date, lead));

    [Theory]
    // With 60 days' lead Weihnachten applies from Sep 2 (Nov 1 − 60 d) and overlaps Oktoberfest: 5x beats 4x.
    [InlineData("2026-09-01", Season.Oktoberfest)]
    [InlineData("2026-09-02", Season.Weihnachten)]
    [InlineData("2026-09-15", Season.Weihnachten)]
    public void WhereTwoSeasonsApplyTheHigherMultiplierWins(string date, Season expected) =>
        Assert.Equal(expected, Resolve(date, 60));

    [Fact]
    public void WindowsCrossingNewYearResolveOnBothSides()
    {
        var catalog = new SeasonCatalog(
            SeasonCatalog.Default.Peaks.Where(p => p.Season != Season.Weihnachten)
                .Append(SeasonCatalog.Default[Season.Baseline])
                .Append(new SeasonDefinition(Season.Weihnachten, new MonthDay(12, 15), new MonthDay(1, 6), 5.0, new(0.5, 0.65, 0.6))));
        var on = (string d) => catalog.Resolve(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture), 14);
        Assert.Equal(Season.Baseline, on("2026-11-30"));
        Assert.Equal(Season.Weihnachten, on("2026-12-01"));
        Assert.Equal(Season.Weihnachten, on("2027-01-06"));
        Assert.Equal(Season.Baseline, on("2027-01-07"));
    }

    [Fact]
    public void CatalogCarriesThePlansMultipliersAndTargets()
    {
        var c = SeasonCatalog.Default;
        Assert.Equal((3.0, new TargetUtilization(0.60, 0.75, 0.70)), (c[Season.Spargel].LoadMultiplier, c[Season.Spargel].Targets));
        Assert.Equal((4.0, new TargetUtilization(0.55, 0.70, 0.65)), (c[Season.Oktoberfest].LoadMultiplier, c[Season.Oktoberfest].Targets));
        Assert.Equal((5.0, new TargetUtilization(0.50, 0.65, 0.60)), (c[Season.Weihnachten].LoadMultiplier, c[Season.Weihnachten].Targets));
        Assert.Equal(1.0, c[Season.Baseline].LoadMultiplier);
    }

    [Fact]
    public void PinnedSelectionIgnoresTheDate()
    {
        var pinned = new SeasonSelection(Season.Weihnachten);
        Assert.Equal(Season.Weihnachten, pinned.Resolve(new DateOnly(2026, 5, 1), SeasonCatalog.Default, 14));
        Assert.Equal(Season.Spargel, SeasonSelection.Auto.Resolve(new DateOnly(2026, 5, 1), SeasonCatalog.Default, 14));
    }

    [Fact]
    public void WindowsAroundAYearListEachPeakWithItsCapacityDate()
    {
        var windows = SeasonCatalog.Default.WindowsAround(2026, 14).Where(w => w.FirstDay.Year == 2026).ToList();
        Assert.Equal([Season.Spargel, Season.Oktoberfest, Season.Weihnachten], windows.Select(w => w.Season));
        Assert.Equal(new DateOnly(2026, 3, 18), windows[0].CapacityFrom);
        Assert.Equal(new DateOnly(2026, 6, 30), windows[0].LastDay);
    }
}
