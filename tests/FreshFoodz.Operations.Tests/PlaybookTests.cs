using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Operations.Playbooks;
using FreshFoodz.Stacks;

namespace FreshFoodz.Operations.Tests;

public class PlaybookTests
{
    private static readonly PlaybookCalendar De2026 = PlaybookPlanner.Create(TestStacks.Settings("de-prod"), 2026, TestStacks.Rehearsal);

    private static Milestone Of(PlaybookCalendar calendar, Season season, MilestoneKind kind) =>
        calendar.Milestones.Single(m => m.Season == season && m.Kind == kind);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Worked by hand from the catalog (Nov 1 – Dec 31) and de-prod's lead time of 14 days.</summary>
    [Fact]
    public void Weihnachten2026MilestonesAreCountedFromNovemberFirst()
    {
        Assert.Equal(("T-30", D(2026, 10, 2)), (Of(De2026, Season.Weihnachten, MilestoneKind.CapacityPlan).Label, Of(De2026, Season.Weihnachten, MilestoneKind.CapacityPlan).Start));
        Assert.Equal(("T-14", D(2026, 10, 18)), (Of(De2026, Season.Weihnachten, MilestoneKind.SeasonSwitch).Label, Of(De2026, Season.Weihnachten, MilestoneKind.SeasonSwitch).Start));
        Assert.Equal(("T-7", D(2026, 10, 25)), (Of(De2026, Season.Weihnachten, MilestoneKind.FinalLoadTest).Label, Of(De2026, Season.Weihnachten, MilestoneKind.FinalLoadTest).Start));
        var warRoom = Of(De2026, Season.Weihnachten, MilestoneKind.WarRoom);
        Assert.Equal(("T-0", D(2026, 11, 1), D(2026, 12, 31)), (warRoom.Label, warRoom.Start, warRoom.End));
        // The review comes after the last day: a week later.
        Assert.Equal(D(2027, 1, 7), Of(De2026, Season.Weihnachten, MilestoneKind.Review).Start);
    }

    /// <summary>Spargel Apr 1: T-30 = Mar 2 (31 days of March − 29), T-21 = Mar 11, T-14 = Mar 18, T-7 = Mar 25. Oktoberfest Sep 1:
    /// T-30 = Aug 2, T-21 = Aug 11, T-14 = Aug 18, T-7 = Aug 25; its review Sep 30 + 7 = Oct 7.</summary>
    [Fact]
    public void SpargelAndOktoberfest2026MilestonesWorkedByHand()
    {
        Assert.Equal(
            [D(2026, 3, 2), D(2026, 3, 11), D(2026, 3, 18), D(2026, 3, 25), D(2026, 4, 1), D(2026, 7, 7)],
            De2026.Milestones.Where(m => m.Season == Season.Spargel).Select(m => m.Start));
        Assert.Equal(
            [D(2026, 8, 2), D(2026, 8, 11), D(2026, 8, 18), D(2026, 8, 25), D(2026, 9, 1), D(2026, 10, 7)],
            De2026.Milestones.Where(m => m.Season == Season.Oktoberfest).Select(m => m.Start));
        Assert.Equal(18, De2026.Milestones.Count);
        Assert.Equal(["T-30", "T-21", "T-14", "T-7", "T-0", "Review"], De2026.Seasons[0].Milestones.Select(m => m.Label));
    }

    /// <summary>The season-switch milestone is the first day <c>auto</c> resolves to the season, and not a day earlier.</summary>
    [Theory]
    [InlineData("de-prod", 2026)]
    [InlineData("ch-prod", 2027)]
    public void SeasonSwitchIsTheDayAutoResolvesToTheSeason(string stack, int year)
    {
        var settings = TestStacks.Settings(stack);
        foreach (var m in PlaybookPlanner.Create(settings, year, TestStacks.Rehearsal).Milestones.Where(m => m.Kind == MilestoneKind.SeasonSwitch))
        {
            Assert.Equal(m.Season, settings.EffectiveSeason(m.Start));
            Assert.NotEqual(m.Season, settings.EffectiveSeason(m.Start.AddDays(-1)));
        }
    }

    [Fact]
    public void SeasonSwitchFollowsTheStacksLeadTime()
    {
        var settings = TestStacks.SettingsWith("de-prod", ("freshfoodz:season: auto", "freshfoodz:season: auto\n  freshfoodz:leadTimeDays: 21"));
        var calendar = PlaybookPlanner.Create(settings, 2026, TestStacks.Rehearsal);
        var switchDay = Of(calendar, Season.Weihnachten, MilestoneKind.SeasonSwitch);
        Assert.Equal(("T-21", D(2026, 10, 11)), (switchDay.Label, switchDay.Start));
        Assert.Equal(Season.Weihnachten, settings.EffectiveSeason(switchDay.Start));
        Assert.Equal(Season.Baseline, settings.EffectiveSeason(switchDay.Start.AddDays(-1)));
        // The other milestones keep their distance to the first day.
        Assert.Equal(D(2026, 10, 2), Of(calendar, Season.Weihnachten, MilestoneKind.CapacityPlan).Start);
    }

    [Fact]
    public void SeasonSwitchNamesTheLowTrafficWindowAndTheChangeFreeze()
    {
        var settings = TestStacks.SettingsWith("de-prod", ("freshfoodz:season: auto", "freshfoodz:season: auto\n  freshfoodz:lowTrafficWindow: \"02:30-05:00\""));
        var actions = Of(PlaybookPlanner.Create(settings, 2026, TestStacks.Rehearsal), Season.Weihnachten, MilestoneKind.SeasonSwitch).Actions;
        Assert.Contains(actions, a => a.What.StartsWith("Applied inside the low-traffic window 02:30–05:00 UTC", StringComparison.Ordinal)
            && a.Run == "freshfoodz diff --stack de-prod --from baseline --to weihnachten");
        // Weihnachten 2026: T-14 is 2026-10-18, the season ends 2026-12-31.
        Assert.Contains(actions, a => a.What.StartsWith("Change freeze from today to 2026-12-31: no Kubernetes upgrade", StringComparison.Ordinal)
            && a.Run.Contains("upgrade before 2026-10-18 or after 2026-12-31", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangingASeasonsDatesMovesEveryMilestone()
    {
        var later = TestStacks.WithSeason(TestStacks.Settings("de-prod"), Season.Weihnachten, d => d with { FirstDay = new MonthDay(11, 15) });
        var calendar = PlaybookPlanner.Create(later, 2026, TestStacks.Rehearsal);
        Assert.Equal(
            [D(2026, 10, 16), D(2026, 10, 25), D(2026, 11, 1), D(2026, 11, 8), D(2026, 11, 15), D(2027, 1, 7)],
            calendar.Milestones.Where(m => m.Season == Season.Weihnachten).Select(m => m.Start));
        Assert.Equal(Season.Weihnachten, later.EffectiveSeason(D(2026, 11, 1)));
        Assert.Equal(Season.Baseline, later.EffectiveSeason(D(2026, 10, 31)));
    }

    [Fact]
    public void OktoberfestAddsEventCateringPriorityAndTheTwoHourSampleSla()
    {
        var actions = Of(De2026, Season.Oktoberfest, MilestoneKind.SeasonSwitch).Actions;
        Assert.Contains(actions, a => a.What.StartsWith("Event-catering priority: event-catering-api runs as freshfoodz-event-catering", StringComparison.Ordinal)
            && a.Run == "kubectl -n sales get hpa event-catering-api; kubectl get priorityclass freshfoodz-event-catering");
        Assert.Contains(actions, a => a.What == "2-hour sample SLA in force: sample requests are processed within 2 hours");
        Assert.Contains("sample requests are processed within 2 hours", Of(De2026, Season.Oktoberfest, MilestoneKind.FinalLoadTest).Actions[2].What, StringComparison.Ordinal);
        Assert.DoesNotContain(Of(De2026, Season.Oktoberfest, MilestoneKind.SeasonSwitch).Actions, a => a.What.StartsWith("Maximum-capacity", StringComparison.Ordinal));
    }

    [Fact]
    public void WeihnachtenAddsMaximumCapacityModeAndSpargelNeither()
    {
        Assert.Contains(Of(De2026, Season.Weihnachten, MilestoneKind.SeasonSwitch).Actions,
            a => a.What == "Maximum-capacity mode on: report exports deferred, batch backfills paused" && a.Run.StartsWith("kubectl -n crm get configmap freshfoodz-season", StringComparison.Ordinal));
        Assert.DoesNotContain(Of(De2026, Season.Weihnachten, MilestoneKind.SeasonSwitch).Actions, a => a.What.Contains("sample SLA", StringComparison.Ordinal));
        var spargel = Of(De2026, Season.Spargel, MilestoneKind.SeasonSwitch).Actions;
        Assert.DoesNotContain(spargel, a => a.What.Contains("Event-catering", StringComparison.Ordinal) || a.What.Contains("Maximum-capacity", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryActionNamesACommandOrWhereItHappens()
    {
        string[] tools = ["freshfoodz ", "pulumi ", "kubectl ", "k6 run ", "amtool ", "src/"];
        foreach (var a in De2026.Milestones.SelectMany(m => m.Actions))
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Run), a.What);
            if (a.IsCommand)
            {
                Assert.True(tools.Any(t => a.Run.StartsWith(t, StringComparison.Ordinal)), $"'{a.Run}' ({a.What}) does not start with a known command");
            }
        }
        // T-30: the capacity plan, the rehearsal load test with its rates, the briefing.
        var t30 = Of(De2026, Season.Weihnachten, MilestoneKind.CapacityPlan).Actions;
        Assert.Equal("freshfoodz capacity --stack de-prod --season weihnachten", t30[0].Run);
        Assert.StartsWith("Load test at ×5 on the rehearsal stack peak-weihnachten (50 → 250 requests/s", t30[2].What, StringComparison.Ordinal);
        Assert.EndsWith("k6/de-prod-weihnachten.js", t30[2].Run, StringComparison.Ordinal);
        Assert.Equal("freshfoodz report --stack de-prod --year 2026 --out report.html", t30[^1].Run);
    }

    /// <summary>The 5x hold resumes each planned experiment by the name it has in the rehearsal's plan.</summary>
    [Fact]
    public void ChaosActionsNameThePlannedExperiments()
    {
        var plan = StackPlanner.Plan(TestStacks.Settings("peak-weihnachten"), Season.Weihnachten);
        var planned = plan.Resources.Where(r => r.Type.StartsWith("kubernetes:chaos-mesh.org/", StringComparison.Ordinal))
            .Select(r => $"kubectl -n chaos-mesh annotate {((PlanString)r.Inputs.At("kind")!).Value.ToLowerInvariant()} {((PlanString)r.Inputs.At("metadata.name")!).Value} experiment.chaos-mesh.org/pause-")
            .Order(StringComparer.Ordinal).ToList();
        var resumes = Of(De2026, Season.Weihnachten, MilestoneKind.CapacityPlan).Actions.Where(a => a.Run.Contains("annotate", StringComparison.Ordinal)).Select(a => a.Run);
        Assert.Equal(planned, resumes.Order(StringComparer.Ordinal));
        Assert.Equal(4, planned.Count);
        // After the hold they are deleted, not re-paused by a pulumi up (the annotation is under ignoreChanges): the next
        // run creates them again, paused.
        var after = Of(De2026, Season.Weihnachten, MilestoneKind.CapacityPlan).Actions.Single(a => a.What.StartsWith("After the hold", StringComparison.Ordinal));
        Assert.Equal("kubectl -n chaos-mesh delete podchaos/api-pod-kill networkchaos/database-delay stresschaos/node-cpu-stress networkchaos/territory-isolation", after.Run);
        Assert.Equal(
            plan.Resources.Where(r => r.Type.StartsWith("kubernetes:chaos-mesh.org/", StringComparison.Ordinal)).Select(r => $"{((PlanString)r.Inputs.At("kind")!).Value.ToLowerInvariant()}/{((PlanString)r.Inputs.At("metadata.name")!).Value}").Order(StringComparer.Ordinal),
            after.Run.Split(' ').Skip(4).Order(StringComparer.Ordinal));
        // Only at the catalog's highest multiplier, and only where the rehearsal plans chaos.
        Assert.DoesNotContain(Of(De2026, Season.Oktoberfest, MilestoneKind.CapacityPlan).Actions, a => a.Run.Contains("annotate", StringComparison.Ordinal));
        var noChaos = PlaybookPlanner.Create(TestStacks.Settings("de-prod"), 2026, TestStacks.Rehearsal with { RehearsalRunsChaos = false });
        Assert.DoesNotContain(noChaos.Milestones.SelectMany(m => m.Actions), a => a.Run.Contains("annotate", StringComparison.Ordinal));
    }

    /// <summary>
    /// The hourly runs deploy the approved commit's stack file, so a season set in a local copy and applied by hand is
    /// undone within the hour: a pinned stack switches by a pull request. A rehearsal stack does not switch at all: the
    /// pipeline runs it at baseline, or at its file's season while a rehearsal is open (.github/scripts/season-override.sh).
    /// </summary>
    [Fact]
    public void PinnedStackSwitchesByPullRequestAndTheRehearsalNotAtAll()
    {
        var pinnedSettings = TestStacks.SettingsWith("de-prod", ("freshfoodz:season: auto", "freshfoodz:season: weihnachten"));
        var action = Of(PlaybookPlanner.Create(pinnedSettings, 2026, TestStacks.Rehearsal), Season.Spargel, MilestoneKind.SeasonSwitch).Actions[0];
        Assert.StartsWith("Season switch: de-prod is pinned to weihnachten in its stack file, which the hourly runs deploy as approved, so a pull request sets spargel", action.What, StringComparison.Ordinal);
        Assert.Equal("pulumi config set freshfoodz:season spargel -s de-prod  # on a branch: commit Pulumi.de-prod.yaml, open a pull request", action.Run);
        Assert.DoesNotContain("pulumi up", action.Run, StringComparison.Ordinal);

        var rehearsal = Of(PlaybookPlanner.Create(TestStacks.Settings("peak-weihnachten"), 2026, TestStacks.Rehearsal), Season.Spargel, MilestoneKind.SeasonSwitch).Actions[0];
        Assert.Equal("No season switch on a rehearsal stack: peak-weihnachten runs at its floor (baseline) and, while a rehearsal is open (stack tag freshfoodz:rehearsalUntil), at its stack file's season (weihnachten)", rehearsal.What);
        Assert.Equal("pulumi stack output effectiveSeason --stack peak-weihnachten", rehearsal.Run);

        var auto = Of(De2026, Season.Spargel, MilestoneKind.SeasonSwitch).Actions[0];
        Assert.Equal("pulumi stack output effectiveSeason --stack de-prod  # prints spargel", auto.Run);
    }

    /// <summary>
    /// Between rehearsals the pipeline deploys the rehearsal at baseline unless the stack tag freshfoodz:rehearsalUntil
    /// covers the day, and the program steps only inside the window (or on the one-day override): the load tests open
    /// the rehearsal by its tag, the day before, and never set its season by hand (the next hourly run would undo it).
    /// Weihnachten 2026: T-30 = 2026-10-02, T-7 = 2026-10-25.
    /// </summary>
    [Fact]
    public void LoadTestsOpenTheRehearsalByItsTagTheDayBefore()
    {
        const string Rehearsal = "<org>/freshfoodz-infra/peak-weihnachten";
        var t30 = Of(De2026, Season.Weihnachten, MilestoneKind.CapacityPlan).Actions[2];
        Assert.StartsWith($"pulumi stack tag set freshfoodz:rehearsalUntil 2026-10-02 -s {Rehearsal}  # by 2026-10-01; on 2026-10-02 itself also pulumi config set freshfoodz:switchOutsideWindowOn 2026-10-02 -s {Rehearsal} && pulumi up -s {Rehearsal}", t30.Run, StringComparison.Ordinal);
        Assert.Contains("at weihnachten capacity, its stack file's season; open the rehearsal the day before, so the hourly runs inside its window 01:00–04:00 UTC step it up from its floor (baseline)", t30.What, StringComparison.Ordinal);
        var t7 = Of(De2026, Season.Weihnachten, MilestoneKind.FinalLoadTest).Actions[0];
        Assert.StartsWith($"pulumi stack tag set freshfoodz:rehearsalUntil 2026-10-25 -s {Rehearsal}  # by 2026-10-24;", t7.Run, StringComparison.Ordinal);
        Assert.EndsWith("k6/de-prod-weihnachten.js", t7.Run, StringComparison.Ordinal);
        foreach (var stack in new[] { "de-prod", "ch-prod", "peak-weihnachten" })
        {
            var actions = PlaybookPlanner.Create(TestStacks.Settings(stack), 2026, TestStacks.Rehearsal).Milestones.SelectMany(m => m.Actions);
            Assert.DoesNotContain(actions, a => a.Run.Contains("freshfoodz:season", StringComparison.Ordinal) && a.Run.Contains("peak-weihnachten", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// An open rehearsal runs its stack file's season (peak-weihnachten: weihnachten), so Spargel's and Oktoberfest's
    /// load tests run their rates on Weihnachten's capacity, and the playbook says so and how to rehearse their own.
    /// </summary>
    [Fact]
    public void OtherSeasonsLoadTestsRunOnTheRehearsalsFileSeason()
    {
        Assert.Equal(Season.Weihnachten, TestStacks.Rehearsal.RehearsalSeason);
        var spargel = Of(De2026, Season.Spargel, MilestoneKind.CapacityPlan).Actions[2];
        Assert.StartsWith("Load test at ×3 on the rehearsal stack peak-weihnachten (50 → 150 requests/s, hold 45 min) at weihnachten capacity, its stack file's season: a test of the app at Spargel's rate, not of Spargel's own capacity", spargel.What, StringComparison.Ordinal);
        Assert.Contains("a pull request sets freshfoodz:season: spargel in Pulumi.peak-weihnachten.yaml", spargel.What, StringComparison.Ordinal);
        Assert.StartsWith("pulumi stack tag set freshfoodz:rehearsalUntil 2026-03-02 -s <org>/freshfoodz-infra/peak-weihnachten", spargel.Run, StringComparison.Ordinal);
        Assert.EndsWith("k6/de-prod-spargel.js", spargel.Run, StringComparison.Ordinal);
        Assert.Contains("at weihnachten capacity, its stack file's season: a test of the app at Oktoberfest's rate", Of(De2026, Season.Oktoberfest, MilestoneKind.CapacityPlan).Actions[2].What, StringComparison.Ordinal);
        Assert.DoesNotContain("a test of the app at", Of(De2026, Season.Weihnachten, MilestoneKind.CapacityPlan).Actions[2].What, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownListsEveryMilestoneWithItsActions()
    {
        var md = PlaybookMarkdown.Render(De2026);
        Assert.StartsWith("<!-- generated by freshfoodz render playbooks --stack de-prod --year 2026 — do not edit -->\n", md, StringComparison.Ordinal);
        Assert.Contains("| 2026-10-02 | T-30 capacity plan, rehearsal load test, restore drill, team briefing | Weihnachten |", md, StringComparison.Ordinal);
        Assert.Contains("| 2026-11-01 – 2026-12-31 | T-0 war room active, daily reviews | Weihnachten |", md, StringComparison.Ordinal);
        Assert.Contains("## Weihnachten 2026: ×5, 2026-11-01 – 2026-12-31, capacity from 2026-10-18", md, StringComparison.Ordinal);
        Assert.Contains("- What the season switch changes (in place only, nothing replaced): `freshfoodz diff --stack de-prod --from baseline --to weihnachten`", md, StringComparison.Ordinal);
        Assert.Equal(18, md.Split('\n').Count(l => l.StartsWith("### ", StringComparison.Ordinal)));
        Assert.Equal(De2026.Milestones.Sum(m => m.Actions.Count), md.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
    }

    /// <summary>With the stack's prices, the T-30 capacity plan names the season's monthly cost of the whole plan.</summary>
    [Fact]
    public void CapacityPlanMilestoneNamesTheMonthlyCostWhenPricesAreGiven()
    {
        var settings = TestStacks.Settings("de-prod");
        var prices = TestStacks.Prices("de-prod");
        var calendar = PlaybookPlanner.Create(settings, 2026, TestStacks.Rehearsal with { Prices = prices });
        var monthly = new FreshFoodz.Stacks.Pricing.StackCost(settings, prices).ForSeason(Season.Weihnachten).Monthly;
        var what = Of(calendar, Season.Weihnachten, MilestoneKind.CapacityPlan).Actions[0].What;
        Assert.Contains($"database Standard_D16ds_v5, EUR {monthly.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)}/month (whole plan, ", what, StringComparison.Ordinal);
        Assert.DoesNotContain("/month", Of(De2026, Season.Weihnachten, MilestoneKind.CapacityPlan).Actions[0].What, StringComparison.Ordinal);
    }
}
