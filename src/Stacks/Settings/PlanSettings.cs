using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Workloads;

using FreshFoodz.Monitoring;

namespace FreshFoodz.Stacks.Settings;

public enum StackEnvironment
{
    Production,

    /// <summary>Synthetic data only (the Weihnachten rehearsal): DR waivers and chaos experiments are allowed.</summary>
    Rehearsal,
}

/// <summary>A tier's database: the SKU (null: sized by the capacity engine) and its storage.</summary>
public sealed record TierDatabase(string? Sku, int StorageSizeGB);

public sealed record DatabaseSettings(string PostgresVersion, TierDatabase Critical, TierDatabase High, TierDatabase Standard)
{
    public TierDatabase For(DrTier tier) => tier switch
    {
        DrTier.Critical => Critical,
        DrTier.High => High,
        _ => Standard,
    };
}

/// <summary>
/// The AI budget: <see cref="MonthlyAmount"/> in <see cref="Currency"/>, which must be the billing currency of the
/// territory's subscription (a budget's amount has no currency of its own: Azure compares it with cost in the billing
/// currency; deployment rule BudgetInBillingCurrency).
/// </summary>
public sealed record AiBudgetSettings(decimal MonthlyAmount, string Currency, IReadOnlyList<string> ContactEmails)
{
    public static readonly IReadOnlyList<string> Currencies = ["EUR", "CHF"];
}

/// <summary>The settings a stack's plan needs beyond capacity.</summary>
public sealed record PlanSettings(
    StackEnvironment Environment,
    string SubscriptionId,
    string ShortName,
    string CostCentre,
    string KubernetesVersion,
    DatabaseSettings Databases,
    bool CrossRegionReplicas,
    IReadOnlyList<BusinessModule> Modules,
    AiBudgetSettings AiBudget)
{
    public bool SyntheticDataOnly => Environment == StackEnvironment.Rehearsal;

    /// <summary>Alert receivers (<c>freshfoodz:alerting</c>).</summary>
    public required AlertingSettings Alerting { get; init; }

    /// <summary>The address spaces of the stack's networks (<c>freshfoodz:network</c>).</summary>
    public required Components.Network.AddressPlan Network { get; init; }

    /// <summary>The creation date and the audit lock (<c>freshfoodz:createdOn</c>, <c>freshfoodz:auditImmutability</c>).</summary>
    public required DeploymentSettings Deployment { get; init; }

    /// <summary>Whether the plan holds the Chaos Mesh experiments; validation allows it on a rehearsal stack only.</summary>
    public bool ChaosExperiments { get; init; }

    /// <summary>The restore drill the plan holds (<c>freshfoodz:restoreDrill</c>), or null: removing it removes the drill.</summary>
    public Components.Drills.RestoreDrillPlan? RestoreDrill { get; init; }
}
