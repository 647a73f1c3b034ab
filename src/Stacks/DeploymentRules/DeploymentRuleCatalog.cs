using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>
/// The cloud's deployment rules as checked data: each with its id, statement and source, judged on the plan
/// (create) and on updates (one <c>pulumi up</c> from one plan to the next: every step of every season switch).
/// docs/deployment-rules.md lists them.
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
        EgressRules.SurvivesZoneLoss,
        EgressRules.SnatPortsCoverNodes,
        PostgresRules.StaticParametersNotPlanned,
        PostgresRules.ReplicaComputeAtLeastPrimary,
        PostgresRules.ReplicaParametersAtLeastPrimary,
        PostgresRules.ReplicaKeepsPgBouncer,
        PostgresRules.EntraAuthHasTenantAndAdministrator,
        PostgresRules.CreateModeNeverChanges,
        PostgresRules.StorageIsAFloor,
        PostgresRules.ReplicaStorageMatchesPrimary,
        PostgresRules.RestoreTarget,
        PostgresRules.RestorePointRestorable,
        PostgresRules.OneOperationPerServer,
        KubernetesRules.KedaTriggersNeedNoTarget,
        KubernetesRules.ChaosExperimentCreatedPaused,
    ];

    /// <summary>Every rule on <paramref name="plan"/> and on each of <paramref name="updates"/>.</summary>
    public static RuleReport Judge(RuleContext context, StackPlan plan, Season season, IReadOnlyList<(StackPlan From, StackPlan To)> updates) =>
        Report(context, season, plan, updates);

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
