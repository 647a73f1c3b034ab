using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;

namespace FreshFoodz.Switching;

/// <summary>
/// The plan one run registers: the plan of the groups it decided (<see cref="SwitchRun"/>), with the stack reference
/// it read its record through and the record it writes, checked like every plan and judged on every update the stepper
/// makes (each step of each season switch) and on the run's own update.
/// </summary>
public static class SwitchPlanner
{
    /// <summary>The reference to the stack's own outputs, through which a run reads the recorded switch.</summary>
    public const string StateReference = "season-switch-state";

    private const string Server = "azure-native:dbforpostgresql:Server";

    /// <summary>The stack reference's name without the organization, which the program adds: <c>&lt;project&gt;/&lt;stack&gt;</c>.</summary>
    public static string StackReferenceName(string project, string stack) => $"{project}/{stack}";

    public static StackPlan Plan(SwitchContext context, SwitchRun run, string project, DateOnly? date)
    {
        var settings = context.Settings;
        var groups = context.PlanOf(run.Registered);
        var held = Held(context, run.Held);
        var plan = PlanIntegrity.Check(groups with
        {
            // A pending step may be partly applied: outside the window its servers keep the SKU they have (refreshed).
            Resources = [.. groups.Resources.Select(r => held.Contains(r.Name)
                ? r with { Options = r.Options with { IgnoreChanges = [.. r.Options.IgnoreChanges, "sku"] } }
                : r)],
            Outputs = groups.Outputs.With(SwitchRecord.OutputName, Output(context, run)),
            StackReferences = [new PlannedStackReference(StateReference, StackReferenceName(project, settings.StackName))],
        });
        var updates = SeasonSwitchUpdates(context)
            .Concat(run.Previous is { } previous ? [(context.PlanOf(previous.Deployed), plan)] : [])
            .ToList();
        return StackPlanner.Checked(settings, plan, run.Registered.Effective(settings.Capacity.Seasons), date, updates, context.SeasonPlans);
    }

    /// <summary>Every deployment rule's verdict on <paramref name="plan"/> and on every step of every season switch.</summary>
    public static Stacks.DeploymentRules.RuleReport Rules(SwitchContext context, StackPlan plan, Season season, DateOnly? date) =>
        StackPlanner.Rules(context.Settings, plan, season, date, [.. SeasonSwitchUpdates(context)]);

    private static IEnumerable<(StackPlan From, StackPlan To)> SeasonSwitchUpdates(SwitchContext context) =>
        context.SeasonSwitchSteps().Select(s => (context.PlanOf(s.From), context.PlanOf(s.To)));

    /// <summary>The plan of a run that finds the stack steady at today's season (what <c>plan</c> shows).</summary>
    public static StackPlan Steady(SwitchContext context, DateOnly date, string project)
    {
        var season = context.Settings.EffectiveSeason(date);
        var run = SwitchRun.Decide(context.Settings, context.Facts, SwitchRecord.Steady(CapacityGroups.All(season)), date.ToDateTime(context.Settings.Plan.Deployment.LowTrafficWindow.From));
        return Plan(context, run, project, date);
    }

    /// <summary>
    /// The record as a stack output. It refers to the id of every capacity-bearing resource, so it resolves, and
    /// the engine records it, only after each of them was applied (docs/seasonal-operations.md, "Interrupted runs").
    /// </summary>
    private static PlanMap Output(SwitchContext context, SwitchRun run)
    {
        var r = run.Record;
        var output = new Props
        {
            ["deployed"] = Groups(r.Deployed),
            ["next"] = Groups(r.Next),
            ["target"] = run.Target.ConfigName(),
            ["season"] = context.Settings.Season.ToString(),
            ["step"] = r.Step,
            ["steps"] = r.Steps,
            ["window"] = context.Settings.Plan.Deployment.LowTrafficWindowText,
            ["run"] = run.KindText,
            ["appliedWith"] = PlanValue.List(context.CapacityResources.Select(name => (PlanValue)new PlanRef(name, "id"))),
        };
        if (r.Pending)
        {
            output["from"] = r.From;
        }
        return output.Build();
    }

    private static PlanMap Groups(CapacityGroups groups) =>
        new Props().Also(p =>
        {
            foreach (var g in CapacityGroups.Order)
            {
                p[CapacityGroups.Name(g)] = groups[g].ConfigName();
            }
        }).Build();

    /// <summary>The seasonal servers of the held groups: primaries (createMode Create) or replicas (createMode Replica).</summary>
    private static HashSet<string> Held(SwitchContext context, IReadOnlyList<CapacityGroup> groups)
    {
        var any = context.SeasonPlans.Values.First();
        return context.CapacityResources.Select(any.Resource).Where(r => r.Type == Server).Where(r =>
        {
            var replica = r.Inputs.At("createMode") is PlanString { Value: "Replica" };
            return groups.Contains(replica ? CapacityGroup.Replicas : CapacityGroup.Primaries);
        }).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static Props Also(this Props props, Action<Props> fill)
    {
        fill(props);
        return props;
    }
}
