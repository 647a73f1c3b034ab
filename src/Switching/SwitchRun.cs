using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Switching;

/// <summary>What a run does with the season switch.</summary>
public enum RunKind
{
    /// <summary>No record: the stack's first deployment.</summary>
    Creating,

    /// <summary>Inside the window: applies the recorded next step and decides the one after.</summary>
    Switching,

    /// <summary>Inside the window, steady, and today's season differs: decides the first step (applied by the next run).</summary>
    Deciding,

    /// <summary>Outside the window with a step pending or decided now: keeps what is deployed.</summary>
    Holding,

    /// <summary>Every group at today's season.</summary>
    Steady,
}

/// <summary>
/// One run's decision, from the record it read (<see cref="Previous"/>, null for a first deployment): the groups it registers (<see cref="Registered"/>), the database groups whose servers keep
/// their live SKU because a pending step may be partly applied (<see cref="Held"/>), the record it writes when it
/// completes (<see cref="Record"/>), and what it says in the engine log (<see cref="Message"/>).
/// </summary>
public sealed record SwitchRun(
    RunKind Kind,
    SwitchRecord? Previous,
    CapacityGroups Registered,
    IReadOnlyList<CapacityGroup> Held,
    SwitchRecord Record,
    Season Target,
    bool Open,
    bool ByOverride,
    string Message)
{
    /// <summary>The run as the output records it.</summary>
    public string KindText => Kind switch
    {
        RunKind.Holding => "holding: outside the low-traffic window",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Decides the run at <paramref name="now"/> from the recorded state (null: never deployed). Today's season is
    /// <c>freshfoodz:season</c> on the UTC day (auto by date, or pinned). The steps are applied only inside
    /// <c>freshfoodz:lowTrafficWindow</c> (UTC) or on the day <c>freshfoodz:switchOutsideWindowOn</c> names; outside,
    /// the deployed groups are registered again and the databases of a pending step keep their live SKU.
    /// <para>A run applies the step the previous completed run decided, never one it decides itself: a run that fails
    /// leaves no record, so had it decided and applied at once, the next run could decide a different step from the
    /// same record while the cloud holds part of the failed one. With the decision recorded first, every run until one
    /// completes applies the same step, and a target changed meanwhile is followed from the step's end.</para>
    /// <para>A first deployment creates app capacity at today's season and the databases at baseline: a first
    /// deployment that fails and is retried after the season changed then resizes no server it created, and the
    /// databases reach today's season by the switch's own steps.</para>
    /// </summary>
    public static SwitchRun Decide(StackSettings settings, SwitchFacts facts, SwitchRecord? record, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var day = DateOnly.FromDateTime(utc);
        var target = settings.EffectiveSeason(day);
        var deployment = settings.Plan.Deployment;
        var time = TimeOnly.FromDateTime(utc);
        var inWindow = time >= deployment.LowTrafficWindow.From && time < deployment.LowTrafficWindow.To;
        var byOverride = !inWindow && deployment.SwitchOutsideWindowOn == day;
        var open = inWindow || byOverride;
        var stack = settings.StackName;
        var window = deployment.LowTrafficWindowText;
        var by = settings.Season.IsAuto ? "auto, by date" : "pinned";
        var overrideText = byOverride ? $" outside the window, by freshfoodz:switchOutsideWindowOn {Day(day)}" : "";

        SwitchRecord Decided(CapacityGroups deployed, int applied, string from)
        {
            var path = Stepper.Path(deployed, target, facts);
            return path.Count == 0
                ? SwitchRecord.Steady(deployed)
                : new SwitchRecord(deployed, path[0], applied + 1, applied + path.Count, applied == 0 ? deployed.Label : from);
        }
        string Next(SwitchRecord r) => r.Pending
            ? $"step {r.Step} of {r.Steps} ({Stepper.Moves(r.Deployed, r.Next)}) at the next run inside {window}"
            : $"steady at {target.ConfigName()}";

        // A recorded step this program would never decide (the record was edited, or written by another program):
        // applying it could leave a replica smaller than its primary partway through, so the run stops instead.
        if (record is { Pending: true } && Stepper.Unsafe(record.Deployed, record.Next, facts) is { Count: > 0 } tiers)
        {
            throw new SwitchRecordException(
                $"stack output {SwitchRecord.OutputName} records the step {record.Deployed.Label} → {record.Next.Label}, which no run decides: "
                + $"partway through it {string.Join(", ", tiers)} would be larger than its replica; the run stops rather than apply it "
                + "(set seasonSwitch.next to seasonSwitch.deployed in the stack's state to start the switch again, docs/seasonal-operations.md)");
        }
        if (record is null)
        {
            var created = new CapacityGroups(target, Season.Baseline, Season.Baseline);
            var first = Decided(created, 0, created.Label);
            return new SwitchRun(RunKind.Creating, null, created, [], first, target, open, byOverride,
                created.Uniform
                    ? $"{stack}: first deployment, at {target.ConfigName()} ({by}); {Next(first)}"
                    : $"{stack}: first deployment: app capacity at {target.ConfigName()} ({by}), databases created at baseline; next: {Next(first)}");
        }
        if (open && record.Pending)
        {
            var after = Decided(record.Next, record.Step, record.From);
            var steps = after.Pending ? after.Steps : record.Step;
            return new SwitchRun(RunKind.Switching, record, record.Next, [], after, target, open, byOverride,
                $"{stack}: switching {record.From} → {target.ConfigName()}, step {record.Step} of {steps} ({Stepper.Moves(record.Deployed, record.Next)}){overrideText}; next: {Next(after)}");
        }
        if (record.Pending)
        {
            var kept = record with { Steps = record.Step + Stepper.Path(record.Next, target, facts).Count };
            return new SwitchRun(RunKind.Holding, record, record.Deployed, [.. DatabaseGroups(record.Deployed, record.Next)], kept, target, open, byOverride,
                $"{stack}: holding {record.Deployed.Label}: outside the low-traffic window {window}; next: {Next(kept)}");
        }
        var decided = Decided(record.Deployed, 0, record.Deployed.Label);
        if (!decided.Pending)
        {
            return new SwitchRun(RunKind.Steady, record, record.Deployed, [], decided, target, open, byOverride,
                $"{stack}: steady at {target.ConfigName()} ({by})");
        }
        return new SwitchRun(open ? RunKind.Deciding : RunKind.Holding, record, record.Deployed, [], decided, target, open, byOverride,
            $"{stack}: {record.Deployed.Label} deployed, today's season is {target.ConfigName()} ({by})"
            + (open ? "" : $"; holding: outside the low-traffic window {window}") + $"; switch decided, next: {Next(decided)}");
    }

    private static IEnumerable<CapacityGroup> DatabaseGroups(CapacityGroups from, CapacityGroups to) =>
        from.Differing(to).Where(g => g != CapacityGroup.Apps);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
