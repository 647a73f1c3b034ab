namespace FreshFoodz.Stacks.Settings;

/// <summary>One stack config key: its full name, what it means, and its default (null: required).</summary>
public sealed record ConfigKeySpec(string Key, string Description, string? Default)
{
    public bool Required => Default is null;

    /// <summary>
    /// Names of the leaves under this key that are secrets. Pulumi hands a program structured config decrypted,
    /// so the program marks these leaves secret again before validation (the offline loader sees <c>secure:</c>).
    /// </summary>
    public IReadOnlySet<string> SecretLeaves { get; init; } = new HashSet<string>();

    /// <summary>The key without its namespace, as <c>new Config("freshfoodz").Get(…)</c> takes it.</summary>
    public string Name => Key[(Key.IndexOf(':') + 1)..];

    public string Namespace => Key[..Key.IndexOf(':')];
}

/// <summary>
/// Every config key a stack reads, in one place. Pulumi.yaml declares them from this list and both loaders
/// (offline YAML and Pulumi config) read exactly these; any other key in a stack file is an error.
/// </summary>
public static class ConfigKeys
{
    public const string Namespace = "freshfoodz";

    /// <summary>
    /// Namespaces a stack file may hold besides <see cref="Namespace"/>: the configuration of the providers the
    /// program uses (azure-native:location is read; the rest is the providers' own) and Pulumi's (pulumi:tags).
    /// Any other namespace is refused, so a misspelt one (freshfood:, FreshFoodz:, freshfoodz-infra:) is not ignored.
    /// </summary>
    public static IReadOnlyList<string> ProviderNamespaces { get; } = ["azure-native", "kubernetes", "random", "pulumi"];

    public static readonly ConfigKeySpec Location = new(
        "azure-native:location",
        "Primary Azure region of the stack; must be the territory's region with availability zones.", null);

    public static readonly ConfigKeySpec Territory = new(
        "freshfoodz:territory", "Sales territory whose data residency the stack enforces: de or ch.", null);

    public static readonly ConfigKeySpec Season = new(
        "freshfoodz:season",
        "Capacity season: auto (by date, with pre-provisioning lead time), baseline, spargel, oktoberfest or weihnachten.",
        "auto");

    public static readonly ConfigKeySpec LeadTimeDays = new(
        "freshfoodz:leadTimeDays",
        "Days before a peak's first day from which auto applies its capacity (the playbooks' T-14 milestone).", "14");

    public static readonly ConfigKeySpec BurstHeadroom = new(
        "freshfoodz:burstHeadroom",
        "HPA maxReplicas = ceil(season pods x this factor); room above the season's forecast.", "1.5");

    public static readonly ConfigKeySpec Workload = new(
        "freshfoodz:workload",
        "Baseline workload profile: api (rate, service times, concurrency, p95 SLOs per route class, requests, DB use), workers, database.",
        null);

    public static readonly ConfigKeySpec NodePools = new(
        "freshfoodz:nodePools",
        "AKS node pools: appVmSize, maxPodsPerNode, daemonSetOverhead, systemVmSize, systemNodeCount. VM sizes never change with the season.",
        null);

    public static readonly ConfigKeySpec VmSizes = new(
        "freshfoodz:vmSizes", "VM size table: name -> vCpus, memoryGiB.", null);

    public static readonly ConfigKeySpec PostgresSkus = new(
        "freshfoodz:postgresSkus", "PostgreSQL flexible server SKU table: name -> tier, vCores, memoryGiB.", null);

    public static readonly ConfigKeySpec Utilization = new(
        "freshfoodz:utilization",
        "Optional target-utilization overrides per season: season -> app, workers, database, each in (0,1).", "{}");

    public static readonly ConfigKeySpec Environment = new(
        "freshfoodz:environment",
        "production, or rehearsal (synthetic data only: may drop cross-region replicas and run chaos experiments).", "production");

    public static readonly ConfigKeySpec SubscriptionId = new(
        "freshfoodz:subscriptionId", "Azure subscription (GUID) the territory's azure-native provider is pinned to.", null);

    public static readonly ConfigKeySpec ShortName = new(
        "freshfoodz:shortName",
        "2-10 lowercase letters/digits that make the stack's globally unique Azure names (storage, PostgreSQL).", null);

    public static readonly ConfigKeySpec CostCentre = new(
        "freshfoodz:costCentre", "Cost centre tag on every taggable resource.", null);

    public static readonly ConfigKeySpec KubernetesVersion = new(
        "freshfoodz:kubernetesVersion", "AKS Kubernetes version (major.minor or major.minor.patch).", null);

    public static readonly ConfigKeySpec Databases = new(
        "freshfoodz:databases",
        "PostgreSQL per DR tier: postgresVersion, critical {storageSizeGB}, high and standard {sku, storageSizeGB}.", null);

    public static readonly ConfigKeySpec CrossRegionReplicas = new(
        "freshfoodz:crossRegionReplicas",
        "Keep in-country read replicas in the DR region; only a rehearsal stack may turn them off.", "true");

    public static readonly ConfigKeySpec Modules = new(
        "freshfoodz:modules",
        "Business modules (one namespace each): drTier and the app teams' deployments {role api|worker, share, priority}.", null);

    public static readonly ConfigKeySpec AiBudget = new(
        "freshfoodz:aiBudget", "Monthly budget for the AI help features: monthlyAmount in currency (EUR or CHF: the billing currency of the territory's subscription), contactEmails.", null);

    public static readonly ConfigKeySpec Alerting = new(
        "freshfoodz:alerting",
        "Alert receivers of the territory: pageRoutingKey (PagerDuty), onCall {channel, webhookUrl} (Slack), tickets and teams.legal|compliance|security {url, token}; keys, tokens and webhook URLs are secrets.",
        null)
    {
        SecretLeaves = new HashSet<string>(StringComparer.Ordinal) { "pageRoutingKey", "webhookUrl", "token" },
    };

    public static readonly ConfigKeySpec Network = new(
        "freshfoodz:network",
        "Address spaces of the stack's networks: primaryAddressSpace and drAddressSpace, each a private IPv4 /16; no two stacks may overlap.", null);

    public static readonly ConfigKeySpec ChaosExperiments = new(
        "freshfoodz:chaosExperiments",
        "Plan the Chaos Mesh experiments (API pod kill, database delay, node CPU stress, territory isolation); rehearsal stacks only.", "false");

    public static readonly ConfigKeySpec CreatedOn = new(
        "freshfoodz:createdOn",
        "Date of the stack's first pulumi up (yyyy-MM-dd); never changed afterwards. The AI budget starts on the first of its month; a production stack's audit archive must be locked within 30 days of it.",
        null);

    public static readonly ConfigKeySpec AuditImmutability = new(
        "freshfoodz:auditImmutability",
        "State of the audit archive's account-level WORM policy: unlocked (as Azure creates it) or locked, set by a person after checking retention (docs/first-deployment.md). One way: locked never goes back.",
        "unlocked");

    public static readonly ConfigKeySpec LowTrafficWindow = new(
        "freshfoodz:lowTrafficWindow",
        "Daily window (HH:mm-HH:mm, UTC) in which pulumi up applies a season switch's steps (the program holds the deployed capacity outside it): compute changes restart or fail over PostgreSQL servers.",
        "01:00-04:00");

    public static readonly ConfigKeySpec SwitchOutsideWindowOn = new(
        "freshfoodz:switchOutsideWindowOn",
        "none, or a UTC day (yyyy-MM-dd) on which pulumi up may apply a season switch's steps outside freshfoodz:lowTrafficWindow; any other day it has no effect, so it cannot be left on by mistake.",
        "none");

    public static readonly ConfigKeySpec Deployer = new(
        "freshfoodz:deployer",
        "The identity that runs pulumi up: principalId (its Entra object ID: az ad signed-in-user show --query id, or az ad sp show --id <appId> --query id) and principalType (User, Group or ServicePrincipal); it is granted Azure Kubernetes Service RBAC Cluster Admin on the cluster.",
        null);

    public static readonly ConfigKeySpec DatabaseAdmin = new(
        "freshfoodz:databaseAdmin",
        "The Microsoft Entra administrator of every PostgreSQL server: principalId (Entra object ID), principalName (the group's, user's or service principal's display name) and principalType (User, Group or ServicePrincipal).",
        null);

    public static readonly ConfigKeySpec DailyLoad = new(
        "freshfoodz:dailyLoad",
        "Daily load curve: default (B2B food ordering, docs/capacity-model.md) or 24 factors, hour 0-23 in the territory's local time, each the hour's mean request rate relative to the busiest hour (0.01 to 1, the busiest exactly 1); calibrate --write measures it.",
        "default");

    public static readonly ConfigKeySpec RestoreDrill = new(
        "freshfoodz:restoreDrill",
        "A restore drill: none, or {date (yyyy-MM-dd), tiers (critical, high, standard), pointInTime (optional, yyyy-MM-ddTHH:mm:ssZ)}: plans a point-in-time restore of each tier's primary (and a geo-restore of the standard tier) as drill servers with a verification Job; remove it to remove the drill.",
        "none");

    public static IReadOnlyList<ConfigKeySpec> All { get; } =
    [
        Location, Territory, Season, LeadTimeDays, BurstHeadroom, Workload, NodePools, VmSizes, PostgresSkus,
        Utilization, Environment, SubscriptionId, ShortName, CostCentre, KubernetesVersion, Databases,
        CrossRegionReplicas, Modules, AiBudget, Alerting, Network, ChaosExperiments, CreatedOn, AuditImmutability,
        LowTrafficWindow, SwitchOutsideWindowOn, Deployer, DatabaseAdmin, DailyLoad, RestoreDrill,
    ];

    /// <summary>Keys that are no longer read, and where their values went (a stack file that still has one is told).</summary>
    public static IReadOnlyDictionary<string, string> Retired { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["freshfoodz:prices"] = "prices now live in prices/<stack>.prices.yaml, written by: freshfoodz prices refresh --stack <stack>; remove this key",
    };

    /// <summary>Keys of the project's own namespace (the Pulumi program reads these through Config("freshfoodz")).</summary>
    public static IEnumerable<ConfigKeySpec> Own => All.Where(k => k.Namespace == Namespace);
}
