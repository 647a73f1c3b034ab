using System.Globalization;
using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>freshfoodz:dailyLoad: a stack's own curve reaches the daily schedule and the plan; without it, the default.</summary>
public class DailyLoadKeyTests
{
    private const string Scaler = "workloads-sales-order-api-scaler";

    /// <summary>An evening-heavy curve: busy 17:00–20:00, half at 16:00 and 20:00, 5 % otherwise.</summary>
    private static readonly double[] Evening = [.. Enumerable.Range(0, 24).Select(h => h switch
    {
        17 or 18 or 19 => 1.0,
        16 or 20 => 0.5,
        _ => 0.05,
    })];

    private static StackSettings WithCurve(IEnumerable<double> factors) => Plans.SettingsWith("de-prod",
        ("  freshfoodz:territory: de\n", $"  freshfoodz:territory: de\n  freshfoodz:dailyLoad: [{string.Join(", ", factors.Select(f => f.ToString(CultureInfo.InvariantCulture)))}]\n"));

    private static (string Start, string End) Cron(StackPlan plan)
    {
        var triggers = ((PlanList)plan.Input(Scaler, "spec.triggers")!).Items.Cast<PlanMap>().ToList();
        var cron = (PlanMap)triggers.Single(t => ((PlanString)t["type"]!).Value == "cron")["metadata"]!;
        return (((PlanString)cron["start"]!).Value, ((PlanString)cron["end"]!).Value);
    }

    [Fact]
    public void CommittedStacksUseTheDocumentedDefault()
    {
        foreach (var stack in ProjectFiles.Stacks)
        {
            Assert.Same(DailyLoadCurve.B2BFoodOrdering, Plans.Settings(stack).Capacity.DailyLoad);
        }
        Assert.Same(DailyLoadCurve.B2BFoodOrdering, Plans.SettingsWith("de-prod", ("  freshfoodz:territory: de\n", "  freshfoodz:territory: de\n  freshfoodz:dailyLoad: default\n")).Capacity.DailyLoad);
    }

    [Fact]
    public void TheKeysFactorsAreReadInHourOrderAndNamedByTheirSource()
    {
        var curve = WithCurve(Evening).Capacity.DailyLoad;
        Assert.Equal(Evening, curve.HourlyFactors);
        Assert.Equal("freshfoodz:dailyLoad in test.yaml", curve.Source);
    }

    /// <summary>
    /// de-prod at Weihnachten: order-api's zone-floor survivor carries 20 req/s against 250 req/s × share 0.45 × factor
    /// = 112.5 × factor, so an hour needs the season's minimum when its factor is above 20 / 112.5 ≈ 0.178. The default
    /// curve's 06:00–19:00 (ComponentTests) becomes the evening curve's 16:00–21:00 (0.5 at 16 and 20, 1 at 17–19;
    /// 0.05 × 112.5 = 5.6 req/s elsewhere), started 10 minutes early: cron 15:50 to 21:00.
    /// </summary>
    [Fact]
    public void AStacksCurveMovesTheScheduleAndThePlan()
    {
        var defaultPlan = StackPlanner.Build(Plans.Settings("de-prod"), Season.Weihnachten);
        var eveningSettings = WithCurve(Evening);
        var eveningPlan = StackPlanner.Build(eveningSettings, Season.Weihnachten);
        Assert.Equal(("50 5 * * *", "0 19 * * *"), Cron(defaultPlan));
        Assert.Equal(("50 15 * * *", "0 21 * * *"), Cron(eveningPlan));

        var capacity = CapacityEngine.Size(eveningSettings.Capacity, Season.Weihnachten);
        var schedule = DailyScheduler.Schedule(eveningSettings.Capacity, capacity, eveningSettings.Capacity.DailyLoad, ScalingLags.Default);
        Assert.Equal((16, 21), (schedule.RiseHour, schedule.FallHour));
        // 15:50 to 21:00 plus 15 minutes of scale-down: 5 h 25 min of business nodes a day, against 13 h 25 min by default.
        Assert.Equal(5 + 25 / 60.0, schedule.BusinessNodeHours, 6);
    }
}
