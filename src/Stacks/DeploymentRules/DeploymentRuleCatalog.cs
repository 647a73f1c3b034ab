using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>
/// The cloud's deployment rules as checked data: each with its id, statement and source, judged on the plan
/// (create) and on every ordered pair of seasons (update). docs/deployment-rules.md lists them.
/// </summary>
public static class DeploymentRuleCatalog
{
    public static IReadOnlyList<DeploymentRule> All { get; } =
    [
        StorageRules.CreatedUnlocked,
        StorageRules.NeverUnlocks,
        StorageRules.LockedInTime,
        BudgetRules.StartsOnFirstOfMonth,
        BudgetRules.StartNeverChanges,
        BudgetRules.InBillingCurrency,
        KubernetesRules.VersionSupported,
        KubernetesRules.UpgradeOutsidePeak,
        NodePoolRules.AutoscaledCountFromLive,
        PostgresRules.StaticParametersNotPlanned,
        PostgresRules.ReplicaComputeAtLeastPrimary,
        PostgresRules.ReplicaParametersAtLeastPrimary,
        PostgresRules.ReplicaKeepsPgBouncer,
        PostgresRules.EntraAuthHasTenantAndAdministrator,
        PostgresRules.CreateModeNeverChanges,
        PostgresRules.RestoreTarget,
        PostgresRules.RestorePointRestorable,
        PostgresRules.OneOperationPerServer,
    ];

    /// <summary>Every rule on the plan of <paramref name="season"/> and on every ordered pair of the stack's season plans.</summary>
    public static RuleReport Judge(RuleContext context, IReadOnlyDictionary<Season, StackPlan> plans, Season season)
    {
        var pairs = SeasonNames.All.SelectMany(from => SeasonNames.All.Where(to => to != from).Select(to => (plans[from], plans[to]))).ToList();
        return Report(context, season, plans[season], pairs);
    }

    /// <summary>Every rule on one plan alone (what a first <c>pulumi up</c> creates).</summary>
    public static RuleReport JudgePlan(RuleContext context, StackPlan plan, Season season) => Report(context, season, plan, []);

    /// <summary>Every rule on one update: the plan it leaves (<paramref name="to"/>) and the transition to it.</summary>
    public static RuleReport JudgeUpdate(RuleContext context, StackPlan from, StackPlan to, Season season) =>
        Report(context, season, to, [(from, to)]);

    private static RuleReport Report(RuleContext context, Season season, StackPlan plan, IReadOnlyList<(StackPlan From, StackPlan To)> pairs)
    {
        var verdicts = All.Select(rule =>
        {
            var judged = !rule.NeedsDate || context.Date is not null;
            var findings = !judged
                ? []
                : (rule.OnPlan?.Invoke(plan, context) ?? [])
                    .Concat(pairs.SelectMany(p => rule.OnSwitch?.Invoke(p.From, p.To, context) ?? []))
                    .Distinct()
                    .Select(b => new RuleFinding(rule.Id, b.Resource, b.Property, b.Level, b.Message))
                    .ToList();
            return new RuleVerdict(rule, findings, judged);
        }).ToList();
        return new RuleReport(context.Settings.StackName, season, context.Date, verdicts);
    }
}
