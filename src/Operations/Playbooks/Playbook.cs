using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Chaos;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Workloads;
using FreshFoodz.Operations.Drills;
using FreshFoodz.Operations.LoadTests;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Operations.Playbooks;

/// <summary>The milestones of a season's playbook, in date order.</summary>
public enum MilestoneKind
{
    /// <summary>T-30: capacity plan, load test on the rehearsal stack, restore drill, team briefing.</summary>
    CapacityPlan,

    /// <summary>T-21: the failover drill, before the season's capacity window opens (docs/recovery-drills.md).</summary>
    FailoverDrill,

    /// <summary>T-lead time (T-14 by default): the day <c>auto</c> applies the season.</summary>
    SeasonSwitch,

    /// <summary>T-7: final load test with business KPIs, team on standby, customer communication.</summary>
    FinalLoadTest,

    /// <summary>T-0 to the last day: war room active, daily reviews.</summary>
    WarRoom,

    /// <summary>After the season: what happened against what was planned.</summary>
    Review,
}

/// <summary>One thing to do, and the command, dashboard or channel that does it (<see cref="IsCommand"/>: a shell command).</summary>
public sealed record PlaybookAction(string What, string Run, bool IsCommand = true);

/// <summary>A playbook milestone: all-day, from <see cref="Start"/> to <see cref="End"/> inclusive.</summary>
public sealed record Milestone(
    string Stack, Season Season, int Year, MilestoneKind Kind, string Label, DateOnly Start, DateOnly End, string Title,
    IReadOnlyList<PlaybookAction> Actions)
{
    /// <summary>Stable across renders and lead-time changes: stack, season, year and the milestone's kind.</summary>
    public string Uid => $"{Stack}.{Season.ConfigName()}.{Year.ToString(CultureInfo.InvariantCulture)}.{KindCode}@freshfoodz-infra";

    public string KindCode => Kind switch
    {
        MilestoneKind.CapacityPlan => "capacity-plan",
        MilestoneKind.FailoverDrill => "failover-drill",
        MilestoneKind.SeasonSwitch => "season-switch",
        MilestoneKind.FinalLoadTest => "final-load-test",
        MilestoneKind.WarRoom => "war-room",
        _ => "review",
    };
}

/// <summary>One peak season's playbook in one year.</summary>
public sealed record SeasonPlaybook(Season Season, int Year, SeasonWindow Window, double LoadMultiplier, IReadOnlyList<Milestone> Milestones);

/// <summary>The playbooks of every peak whose first day falls in <see cref="Year"/>.</summary>
public sealed record PlaybookCalendar(string Stack, int Year, IReadOnlyList<SeasonPlaybook> Seasons)
{
    public IReadOnlyList<Milestone> Milestones =>
        [.. Seasons.SelectMany(s => s.Milestones).OrderBy(m => m.Start).ThenBy(m => m.Season).ThenBy(m => m.Kind)];
}

/// <summary>
/// Where the load tests run: the project's rehearsal stack (null if it has none) and whether it plans chaos; with
/// <see cref="Prices"/>, the capacity-plan milestone names the season's monthly cost of the whole plan.
/// </summary>
public sealed record PlaybookOptions(string? RehearsalStack, bool RehearsalRunsChaos)
{
    public PriceSheet? Prices { get; init; }

    /// <summary>Whether the rehearsal stack keeps cross-region replicas, so a failover drill can run there.</summary>
    public bool RehearsalKeepsReplicas { get; init; }

    /// <summary>
    /// The season the rehearsal's stack file sets: what the pipeline deploys while a rehearsal is open (stack tag
    /// freshfoodz:rehearsalUntil; between rehearsals it deploys baseline, .github/scripts/season-override.sh). Null: auto.
    /// </summary>
    public Season? RehearsalSeason { get; init; }

    /// <summary>The rehearsal's low-traffic window, in which the hourly runs step it up.</summary>
    public string RehearsalWindow { get; init; } = "";

    /// <summary>The options of a project whose rehearsal stack is <paramref name="rehearsal"/> (null: none).</summary>
    public static PlaybookOptions For(StackSettings? rehearsal) =>
        new(rehearsal?.StackName, rehearsal?.Plan.ChaosExperiments ?? false)
        {
            RehearsalKeepsReplicas = rehearsal?.Plan.CrossRegionReplicas ?? false,
            RehearsalSeason = rehearsal?.Season.Pinned,
            RehearsalWindow = rehearsal?.Plan.Deployment.LowTrafficWindowText ?? "",
        };
}

/// <summary>
/// Builds the playbooks from the season catalog and the stack's settings, so a change of a season's dates, multiplier
/// or the stack's lead time moves every milestone. T-x counts days before the season's first day.
/// </summary>
public static class PlaybookPlanner
{
    /// <summary>The stack tag that holds a stack's unattended pipeline runs until a UTC time (.github/scripts/lib.sh).</summary>
    public const string HoldTag = "freshfoodz:holdUntil";

    /// <summary>The seasonal operations plan's milestones: T-30 and T-7 (T-14 is the stack's lead time).</summary>
    public const int CapacityPlanDaysBefore = 30;
    public const int FinalLoadTestDaysBefore = 7;

    /// <summary>
    /// Our choice: a week before the default season switch (T-14), so the drill's findings can still be fixed, and
    /// outside the season's capacity window, where a failover drill is never run (FailoverDrill refuses it).
    /// </summary>
    public const int FailoverDrillDaysBefore = 21;

    /// <summary>Our choice: a week after the last day, when a week of post-season data is in.</summary>
    public const int ReviewDaysAfter = 7;

    public static PlaybookCalendar Create(StackSettings settings, int year, PlaybookOptions options)
    {
        var catalog = settings.Capacity.Seasons;
        var lead = settings.Capacity.LeadTimeDays;
        var seasons = catalog.WindowsAround(year, lead)
            .Where(w => w.FirstDay.Year == year)
            .Select(w => ForSeason(settings, w, catalog[w.Season].LoadMultiplier, options))
            .ToList();
        return new PlaybookCalendar(settings.StackName, year, seasons);
    }

    /// <summary>", EUR 12,345/month (whole plan)" when the options carry the stack's prices, else nothing.</summary>
    private static string MonthlyCost(StackSettings settings, PlaybookOptions options, Season season)
    {
        if (options.Prices is not { } prices)
        {
            return "";
        }
        var cost = new StackCost(settings, prices).ForSeason(season);
        return $", {cost.Currency} {cost.Monthly.ToString("#,0", CultureInfo.InvariantCulture)}/month (whole plan{(cost.Unpriced.Count > 0 ? $", {cost.Unpriced.Count} items unpriced" : "")})";
    }

    private static SeasonPlaybook ForSeason(StackSettings settings, SeasonWindow window, double multiplier, PlaybookOptions options)
    {
        var s = settings.StackName;
        var season = window.Season;
        var x = season.ConfigName();
        var year = window.FirstDay.Year;
        var lead = settings.Capacity.LeadTimeDays;
        var capacity = CapacityEngine.Size(settings.Capacity, season);
        var test = PeakTestProfile.For(settings, season);
        var r = options.RehearsalStack;
        var name = Display(season);
        var times = $"×{F(multiplier)}";
        var k6 = $"k6 run -e BASE_URL=<api URL of {r ?? "the rehearsal stack"}> -e TOKEN=<load-test token> k6/{K6Script.FileName(s, season)}";
        var flags = SeasonPolicy.DegradationFlags(season).Where(f => f.Value).Select(f => f.Key).ToList();
        var firstModule = settings.Plan.Modules.Count > 0 ? settings.Plan.Modules[0].Name : "default"; // every module namespace has the ConfigMap
        Milestone M(MilestoneKind kind, int daysBefore, string title, IReadOnlyList<PlaybookAction> actions, DateOnly? start = null, DateOnly? end = null)
        {
            var from = start ?? window.FirstDay.AddDays(-daysBefore);
            var label = kind == MilestoneKind.Review ? "Review" : $"T-{daysBefore.ToString(CultureInfo.InvariantCulture)}";
            return new Milestone(s, season, year, kind, label, from, end ?? from, $"{label} {name} {year}: {title}", actions);
        }

        var t30Day = window.FirstDay.AddDays(-CapacityPlanDaysBefore);
        var t7Day = window.FirstDay.AddDays(-FinalLoadTestDaysBefore);
        var rehearsal = r is null
            ? new PlaybookAction($"Load test at {times} ({Rate(test.StartRate)} → {Rate(test.PeakRate)} requests/s): the project has no rehearsal stack, so add one (freshfoodz:environment: rehearsal) first", k6)
            : new PlaybookAction($"Load test at {times} on the rehearsal stack {r} ({Rate(test.StartRate)} → {Rate(test.PeakRate)} requests/s, hold {PeakTestProfile.HoldMinutes} min) {RehearsalCapacity(options, season)}; open the rehearsal the day before, so the hourly runs inside its window {options.RehearsalWindow} step it up from its floor (baseline), and after its last day they step it back",
                $"{OpenRehearsal(options, t30Day)}; then {k6}");
        var t30 = new List<PlaybookAction>
        {
            new($"Capacity plan for {name} ({times}): {capacity.Hpa.MinReplicas} api pods, {capacity.Nodes.Count} app nodes, database {capacity.Database.Sku.Name}{MonthlyCost(settings, options, season)}",
                $"freshfoodz capacity --stack {s} --season {x}"),
            new("What the season switch changes (in place only, nothing replaced)", $"freshfoodz diff --stack {s} --from baseline --to {x}"),
            rehearsal,
        };
        // The chaos experiments belong to the peak hold at the catalog's highest multiplier (5x: Weihnachten).
        if (r is not null && options.RehearsalRunsChaos && multiplier >= settings.Capacity.Seasons.Peaks.Max(p => p.LoadMultiplier))
        {
            foreach (var e in ChaosExperiments.Experiments)
            {
                t30.Add(new($"During the {times} hold, one at a time: {e.Checks} ({e.Kind} {e.Name})",
                    $"kubectl -n {ChaosExperiments.Namespace} annotate {e.Kind.ToLowerInvariant()} {e.Name} {ChaosExperiments.PauseAnnotation}-"));
            }
            // A run experiment is finished, and pulumi up leaves the pause annotation alone (ignoreChanges): deleted, the
            // experiments are created afresh, paused, by the next run (it refreshes first, so it sees them gone).
            t30.Add(new("After the hold: the experiments deleted; the next hourly run creates them again, paused, for the next rehearsal",
                $"kubectl -n {ChaosExperiments.Namespace} delete {string.Join(" ", ChaosExperiments.Experiments.Select(e => $"{e.Kind.ToLowerInvariant()}/{e.Name}"))}"));
        }
        // The seasonal plan's business chaos belongs to the same hold, where the rehearsal plans it.
        if (r is not null && options.RehearsalRunsChaos && multiplier >= settings.Capacity.Seasons.Peaks.Max(p => p.LoadMultiplier))
        {
            foreach (var c in BusinessChaos.For(r))
            {
                t30.Add(new($"Business chaos, {c.Name}: {c.What}; expected: {c.Expected}; {c.Alert} must fire", c.Start));
            }
        }
        t30.AddRange(RestoreDrill(s, t30Day, $"before {name}"));
        t30.Add(new($"Team briefing: {name} {Day(window.FirstDay)} – {Day(window.LastDay)}, capacity, this playbook",
            $"freshfoodz report --stack {s} --year {year} --out report.html"));

        var switchActions = new List<PlaybookAction>
        {
            settings.Plan.Environment == StackEnvironment.Rehearsal
                ? new($"No season switch on a rehearsal stack: {s} runs at its floor (baseline) and, while a rehearsal is open (stack tag freshfoodz:rehearsalUntil), at its stack file's season ({settings.Season})",
                    $"pulumi stack output effectiveSeason --stack {s}")
                : settings.Season.IsAuto
                ? new($"Season switch applied: auto gives {name} capacity from today; the hourly seasons workflow's pulumi up (.github/workflows/seasons.yml) steps it, the output seasonSwitch says where it stands",
                    $"pulumi stack output effectiveSeason --stack {s}  # prints {x}")
                // The hourly runs deploy the approved commit's stack file: a season set only in a local copy is undone within the hour.
                : new($"Season switch: {s} is pinned to {settings.Season} in its stack file, which the hourly runs deploy as approved, so a pull request sets {x}; after its approved deploy the runs inside the window step it",
                    $"pulumi config set freshfoodz:season {x} -s {s}  # on a branch: commit Pulumi.{s}.yaml, open a pull request"),
            new($"Applied inside the low-traffic window {settings.Plan.Deployment.LowTrafficWindowText} (freshfoodz:lowTrafficWindow), one step per run, replicas before primaries on a scale-up: the steps and their run-time effects",
                $"freshfoodz diff --stack {s} --from baseline --to {x}"),
            new($"Change freeze from today to {Day(window.LastDay)}: no Kubernetes upgrade (deployment rule AksUpgradeOutsidePeakWindow refuses one)",
                $"freshfoodz plan --stack {s}  # AksVersionSupported warns ahead of the version's end: upgrade before {Day(window.CapacityFrom)} or after {Day(window.LastDay)}"),
            new($"HPAs pre-provisioned: {capacity.Hpa.MinReplicas}–{capacity.Hpa.MaxReplicas} api replicas in total", "kubectl get hpa -A"),
            new($"Season ConfigMap: season={x}{(flags.Count > 0 ? ", " + string.Join(", ", flags.Select(f => $"degradation.{f}=true")) : "")}{(SeasonPolicy.SampleSlaHours(season) is { } h ? $", sampleSlaHours={h}" : "")}",
                $"kubectl -n {firstModule} get configmap freshfoodz-season -o jsonpath='{{.data}}'"),
            new($"Seasonal alert thresholds active for {name}", "kubectl get prometheusrules -A"),
            new("War-room escalation tested: a test alert pages the war room",
                $"amtool alert add alertname=FreshFoodzWarRoomDrill severity=critical stack={s} season={x} --alertmanager.url=$ALERTMANAGER_URL"),
        };
        if (flags.Contains("eventCateringPriority"))
        {
            var catering = settings.Plan.Modules.SelectMany(m => m.Deployments.Where(d => d.Priority == WorkloadPriority.EventCatering).Select(d => (m.Name, d.Name))).ToList();
            foreach (var (module, deployment) in catering)
            {
                switchActions.Add(new($"Event-catering priority: {deployment} runs as {ModuleWorkloads.PriorityClassName(WorkloadPriority.EventCatering)} and preempts standard and batch pods",
                    $"kubectl -n {module} get hpa {deployment}; kubectl get priorityclass {ModuleWorkloads.PriorityClassName(WorkloadPriority.EventCatering)}"));
            }
        }
        if (SeasonPolicy.SampleSlaHours(season) is { } sla)
        {
            switchActions.Add(new($"{sla}-hour sample SLA in force: sample requests are processed within {sla} hours",
                $"kubectl -n {firstModule} get configmap freshfoodz-season -o jsonpath='{{.data.sampleSlaHours}}'  # prints {sla}"));
        }
        if (flags.Contains("maximumCapacityMode"))
        {
            switchActions.Add(new("Maximum-capacity mode on: report exports deferred, batch backfills paused",
                $"kubectl -n {firstModule} get configmap freshfoodz-season -o jsonpath='{{.data.degradation\\.maximumCapacityMode}}'  # prints true"));
        }

        var t7 = new List<PlaybookAction>
        {
            new($"Final load test at {times} with the business KPIs: sample success > {Pct(PeakTestProfile.SampleSuccessRate)} %, sample p95 < {F(test.Slo.Sample)} s, event catering p95 < {F(test.Slo.EventCatering)} s, failed requests < {Pct(PeakTestProfile.FailedRequestRate)} %",
                r is null ? k6 : $"{OpenRehearsal(options, t7Day)}; then {k6}"),
            new($"Team on standby for {Day(window.FirstDay)} – {Day(window.LastDay)}: on-call rota confirmed",
                $"freshfoodz render playbooks --stack {s} --year {year} --out playbooks  # the team calendar's war-room event"),
            new(CustomerNotice(season, flags), "CRM customer newsletter to the territory's customers", IsCommand: false),
        };

        var warRoom = new List<PlaybookAction>
        {
            new($"War room active every day until {Day(window.LastDay)}", "daily review at 09:00 in the war-room channel", IsCommand: false),
            new("Daily review: load against provisioned capacity, SLOs, incidents", $"freshfoodz capacity --stack {s} --date $(date -u +%F); kubectl get hpa -A"),
            new("Year view: where the season stands on the calendar and its cost", $"freshfoodz report --stack {s} --year {year} --out report.html"),
        };

        var drillStack = r is not null && options.RehearsalKeepsReplicas ? r : s;
        var failover = new List<PlaybookAction>();
        if (drillStack == s && !settings.Plan.CrossRegionReplicas)
        {
            failover.Add(new($"{s} keeps no replica (freshfoodz:crossRegionReplicas: false), so there is nothing to switch over to: set it true to rehearse failover on synthetic data",
                $"pulumi config set freshfoodz:crossRegionReplicas true -s {s} && pulumi up --stack {s}"));
        }
        else if (r is not null && r != s && !options.RehearsalKeepsReplicas)
        {
            failover.Add(new($"The rehearsal stack {r} keeps no replica (freshfoodz:crossRegionReplicas: false), so there is nothing to switch over to there: the drill runs on {s}{(settings.Plan.Environment == StackEnvironment.Production ? $", inside its low-traffic window {settings.Plan.Deployment.LowTrafficWindowText}" : "")}",
                $"pulumi config get freshfoodz:crossRegionReplicas -s {r}  # set it true there to rehearse failover on synthetic data"));
        }
        var drilledTiers = drillStack == s && !settings.Plan.CrossRegionReplicas ? [] : new[] { DrTier.Critical, DrTier.High };
        if (drilledTiers.Length > 0)
        {
            // Between the two switchovers an hourly up would ask HA of the demoted primary and fail: the pipeline leaves a
            // held stack alone (.github/scripts/lib.sh held_until; at most 12 hours, so a forgotten hold ends by itself).
            failover.Add(new($"Hold {drillStack}'s unattended runs for the drill (the hourly up would ask HA of a demoted primary): stack tag {HoldTag}, 3 hours",
                $"pulumi stack tag set {HoldTag} \"$(date -u -d '+3 hours' +%FT%H:%MZ)\" --stack {drillStack}"));
        }
        foreach (var tier in drilledTiers)
        {
            failover.Add(new($"Failover drill of the {tier.Code()} tier on {drillStack}: planned switchover to the in-country replica through the writer endpoint, canary and app error rate measured, then back (RTO < {DrMatrixRow.Format(tier.Target().Rto)}, data lost < {DrMatrixRow.Format(tier.Target().Rpo)})",
                $"freshfoodz render drills --stack {drillStack} --out drills && bash drills/{FailoverDrill.FileName(drillStack, tier)} --execute"));
        }
        if (drilledTiers.Length > 0)
        {
            failover.Add(new($"Switched back: HA enabled again as planned, then the hold lifted",
                $"pulumi up --refresh --stack {drillStack} && pulumi stack tag rm {HoldTag} --stack {drillStack}"));
        }
        failover.Add(new("The measured RTO and RPO beside the targets; RecoveryDrillRtoMissed, RecoveryDrillRpoMissed and RecoveryDrillFailed stay silent",
            $"freshfoodz report --stack {s} --year {year} --prometheus <Prometheus URL of {drillStack}> --out report.html"));

        var after = window.LastDay.AddDays(1);
        var review = new List<PlaybookAction>
        {
            new($"Season review: forecast {times} against the load measured, incidents, cost",
                $"freshfoodz report --stack {s} --year {year} --out report.html"),
            new($"Capacity back to {Display(settings.EffectiveSeason(after))} since {Day(after)}",
                $"pulumi stack output effectiveSeason --stack {s}"),
            new("If the multiplier or the dates were off: change the season catalog, then regenerate the playbooks and load tests",
                $"src/Capacity/Seasons/SeasonCatalog.cs; freshfoodz render playbooks --stack {s} --year {year + 1} --out playbooks; freshfoodz render k6 --stack {s} --out k6"),
        };
        review.InsertRange(1, RestoreDrill(s, window.LastDay.AddDays(ReviewDaysAfter), $"after {name}"));

        var milestones = new List<Milestone>
        {
            M(MilestoneKind.CapacityPlan, CapacityPlanDaysBefore, "capacity plan, rehearsal load test, restore drill, team briefing", t30),
            M(MilestoneKind.FailoverDrill, FailoverDrillDaysBefore, "failover drill of the replicated tiers, RTO and RPO measured", failover),
            M(MilestoneKind.SeasonSwitch, lead, "season switch applied, seasonal alerts active, war-room escalation tested", switchActions),
            M(MilestoneKind.FinalLoadTest, FinalLoadTestDaysBefore, "final load test with business KPIs, standby, customer communication", t7),
            M(MilestoneKind.WarRoom, 0, "war room active, daily reviews", warRoom, window.FirstDay, window.LastDay),
            M(MilestoneKind.Review, 0, "after the season, forecast against actual", review, window.LastDay.AddDays(ReviewDaysAfter)),
        };
        return new SeasonPlaybook(season, year, window, multiplier,
            [.. milestones.OrderBy(m => m.Start).ThenBy(m => m.Kind)]);
    }

    /// <summary>The stack as the Pulumi CLI names it in any organisation: &lt;org&gt;/freshfoodz-infra/&lt;stack&gt;.</summary>
    private static string StackRef(string stack) => $"<org>/{Urns.Project}/{stack}";

    /// <summary>
    /// Opens the rehearsal through <paramref name="day"/>: the pipeline then deploys the stack file's season instead of
    /// baseline (.github/scripts/season-override.sh). Set the day before, the hourly runs inside the window step it; on
    /// the day itself, the one-day override lets a person's own runs step it outside the window.
    /// </summary>
    private static string OpenRehearsal(PlaybookOptions options, DateOnly day)
    {
        var stack = StackRef(options.RehearsalStack!);
        return $"pulumi stack tag set freshfoodz:rehearsalUntil {Day(day)} -s {stack}  # by {Day(day.AddDays(-1))}; on {Day(day)} itself also "
            + $"pulumi config set freshfoodz:switchOutsideWindowOn {Day(day)} -s {stack} && pulumi up -s {stack}, repeated until its log says steady";
    }

    /// <summary>
    /// What capacity the rehearsal has while open: its stack file's season. A test of another season runs at that
    /// season's rate on it; rehearsing that season's own capacity needs the file's season changed (a pull request).
    /// </summary>
    private static string RehearsalCapacity(PlaybookOptions options, Season season)
    {
        var file = options.RehearsalSeason;
        if (file == season)
        {
            return $"at {season.ConfigName()} capacity, its stack file's season";
        }
        var at = file is { } f ? $"at {f.ConfigName()} capacity, its stack file's season" : "at the season of the day (its stack file says auto)";
        return $"{at}: a test of the app at {Display(season)}'s rate, not of {Display(season)}'s own capacity (the capacity plan above sizes that; to rehearse it, a pull request sets freshfoodz:season: {season.ConfigName()} in Pulumi.{options.RehearsalStack}.yaml)";
    }

    /// <summary>
    /// A restore drill of every tier on the stack itself (a restore never touches its source, so production runs it):
    /// set for the day, applied, its verification read, and removed again, which deletes the drill's servers.
    /// </summary>
    private static IEnumerable<PlaybookAction> RestoreDrill(string stack, DateOnly day, string when)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var code = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var tiers = Enum.GetValues<DrTier>();
        var set = string.Join(" && ", tiers.Select((t, i) => $"pulumi config set --path 'freshfoodz:restoreDrill.tiers[{i}]' {t.Code()} -s {stack}"));
        yield return new($"Restore drill {when}: point-in-time restores of every tier's primary and a geo-restore of the standard tier, as drill servers beside production",
            $"pulumi config set --path 'freshfoodz:restoreDrill.date' {date} -s {stack} && {set} && pulumi up --stack {stack}");
        yield return new("Each restore verified: RTO (creation to verified) and RPO (restore point less the newest canary row) against the tier's targets",
            $"kubectl -n {DrillPods.Namespace} logs job/verify-critical-pitr-{code}  # and high-pitr, standard-pitr, standard-geo");
        yield return new("Drill over: the setting removed, which deletes the drill servers and Jobs",
            $"pulumi config rm freshfoodz:restoreDrill -s {stack} && pulumi up --stack {stack}");
    }

    private static string CustomerNotice(Season season, IReadOnlyList<string> flags)
    {
        var parts = new List<string> { $"Customer communication: {Display(season)} notice with the season's dates and order deadlines" };
        if (flags.Contains("eventCateringPriority"))
        {
            parts.Add("event catering orders have priority");
        }
        if (SeasonPolicy.SampleSlaHours(season) is { } h)
        {
            parts.Add($"sample requests are processed within {h} hours");
        }
        if (flags.Contains("maximumCapacityMode"))
        {
            parts.Add("report exports run after the season");
        }
        return string.Join("; ", parts);
    }

    public static string Display(Season season) => season.ToString();

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>yyyy-MM-dd in the Gregorian calendar, whatever the culture.</summary>
    private static string Day(DateOnly day) => ToolDates.Show(day);

    private static string Rate(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture);
}
