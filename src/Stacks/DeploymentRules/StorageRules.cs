using FreshFoodz.Components.Data;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>The audit archive's account-level immutability policy: how it is created, locked, and never unlocked.</summary>
internal static class StorageRules
{
    private const string State = "immutableStorageWithVersioning.immutabilityPolicy.state";

    private const string SchemaSource =
        "azure-native 3.28.0 schema, azure-native:storage:StorageAccount immutableStorageWithVersioning.immutabilityPolicy.state "
        + "(storage.AccountImmutabilityPolicyPropertiesArgs.state: \"A policy can only be created in a Disabled or Unlocked state ... "
        + "Only a policy in an Unlocked state can transition to a Locked state which cannot be reverted\")";

    /// <summary>The states the provider schema allows (enum storage.AccountImmutabilityPolicyState).</summary>
    private static readonly string[] States = ["Disabled", "Locked", "Unlocked"];

    public static readonly DeploymentRule CreatedUnlocked = new(
        "AuditImmutabilityCreatedUnlocked",
        "An account-level immutability policy is created Disabled or Unlocked; the plan says Locked only after a person has locked it (freshfoodz:auditImmutability: locked), after the account exists.",
        SchemaSource)
    {
        OnPlan = (plan, context) => Accounts(plan).SelectMany(a => CheckCreated(a.Account, a.State, context)),
    };

    public static readonly DeploymentRule NeverUnlocks = new(
        "AuditImmutabilityNeverUnlocks",
        "A Locked immutability policy stays Locked: no update takes it back to Unlocked or Disabled.",
        SchemaSource)
    {
        OnSwitch = (from, to, context) => Accounts(from)
            .Where(a => a.State == "Locked")
            .Select(a => (a.Account, After: to.Twin(a.Account)?.Text(State)))
            .Where(x => x.After is not null and not "Locked")
            .Select(x => new Breach(x.Account.Name, State, RuleLevel.Refuse,
                $"goes from Locked to {x.After}: a locked policy cannot be unlocked or disabled (it can only be extended)")),
    };

    public static readonly DeploymentRule LockedInTime = new(
        "AuditArchiveLockedInTime",
        $"A production stack's audit archive is locked within {DeploymentSettings.LockWithinDays} days of the stack's creation (freshfoodz:createdOn); until then every plan warns.",
        "Microsoft docs \"Immutable storage for Azure Blob Storage\" (storage/blobs/immutable-storage-overview.md, 2025): unlocked "
        + "policies are for testing and can be shortened or deleted; SEC 17a-4(f) and audit retention need a locked policy. The 30 days are our choice: time to check retention on live data.")
    {
        NeedsDate = true,
        OnPlan = (plan, context) => context.Settings.Plan.Environment != StackEnvironment.Production || context.Date is not { } date
            ? []
            : Accounts(plan).Where(a => a.State != "Locked").Select(a =>
            {
                var deadline = context.Settings.Plan.Deployment.LockDeadline;
                return date > deadline
                    ? new Breach(a.Account.Name, State, RuleLevel.Refuse,
                        $"is still {a.State} after {AksVersionCalendar.Format(deadline)}: check retention and set freshfoodz:auditImmutability: locked (docs/first-deployment.md)")
                    : new Breach(a.Account.Name, State, RuleLevel.Warn,
                        $"is {a.State}: lock it by {AksVersionCalendar.Format(deadline)} after checking retention (docs/first-deployment.md)");
            }),
    };

    private static IEnumerable<Breach> CheckCreated(PlannedResource account, string state, RuleContext context)
    {
        var setting = context.Settings.Plan.Deployment;
        if (!States.Contains(state))
        {
            yield return new Breach(account.Name, State, RuleLevel.Refuse, $"is '{state}'; the provider allows {string.Join(", ", States)}");
        }
        else if (state == "Locked" && setting.AuditImmutability != ImmutabilityState.Locked)
        {
            yield return new Breach(account.Name, State, RuleLevel.Refuse,
                "is Locked, but a policy cannot be created Locked: create it Unlocked and lock it with freshfoodz:auditImmutability: locked once the account exists");
        }
        else if (state == "Locked" && context.Date is { } date && date <= setting.CreatedOn)
        {
            yield return new Breach(account.Name, State, RuleLevel.Refuse,
                $"is Locked on {AksVersionCalendar.Format(date)}, not after the stack's creation ({AksVersionCalendar.Format(setting.CreatedOn)}): the account must exist, Unlocked, first");
        }
    }

    private static IEnumerable<(PlannedResource Account, string State)> Accounts(StackPlan plan) =>
        plan.OfType(PlanFacts.StorageAccount).Where(a => a.Text(State) is not null).Select(a => (a, a.Text(State)!));
}
