using FreshFoodz.Capacity.Daily;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components;
using FreshFoodz.Components.Chaos;
using FreshFoodz.Components.Cost;
using FreshFoodz.Components.Data;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Foundation;
using FreshFoodz.Components.Logs;
using FreshFoodz.Components.Naming;
using FreshFoodz.Components.Network;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Platform;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Secrets;
using FreshFoodz.Components.Tagging;
using FreshFoodz.Components.Workloads;
using FreshFoodz.Monitoring;
using FreshFoodz.Monitoring.Plan;
using FreshFoodz.Stacks.DeploymentRules;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks;

/// <summary>
/// A territory stack: turns validated settings and a season into the complete plan the Pulumi program registers,
/// then checks it against the stack policies (residency, DR targets, protection, secrets, season-switch safety) and
/// the cloud's deployment rules (<see cref="DeploymentRuleCatalog"/>). A plan that breaks either is refused with the
/// resource and rule named.
/// </summary>
public static class StackPlanner
{
    /// <summary>Plans the season in effect on <paramref name="date"/> (pinned, or by the auto rule), judged on that date.</summary>
    public static StackPlan Plan(StackSettings settings, DateOnly date) => Plan(settings, settings.EffectiveSeason(date), date);

    /// <summary>Plans a season without a plan date: the deployment rules that need one (versions, deadlines) are not judged.</summary>
    public static StackPlan Plan(StackSettings settings, Season season) => Plan(settings, season, null);

    /// <summary>
    /// The plan of <paramref name="season"/> in every capacity group, checked as a plan of its own. The updates of a
    /// season switch are judged where they are made: FreshFoodz.Switching, which knows its steps.
    /// </summary>
    public static StackPlan Plan(StackSettings settings, Season season, DateOnly? date)
    {
        var plans = SeasonPlans(settings);
        return Checked(settings, plans[season], season, date, [], plans);
    }

    /// <summary>Every season's plan, all groups at that season (what the season-switch policy compares).</summary>
    public static IReadOnlyDictionary<Season, StackPlan> SeasonPlans(StackSettings settings) =>
        SeasonNames.All.ToDictionary(s => s, s => Build(settings, s));

    /// <summary>
    /// Checks <paramref name="plan"/> against the stack policies, the season-switch policy on every pair of
    /// <paramref name="seasonPlans"/>, and the deployment rules on the plan and on each of <paramref name="updates"/>
    /// (one <c>pulumi up</c> each, from one plan to the next); a plan that breaks one is refused with resource and rule.
    /// </summary>
    public static StackPlan Checked(
        StackSettings settings, StackPlan plan, Season season, DateOnly? date,
        IReadOnlyList<(StackPlan From, StackPlan To)> updates, IReadOnlyDictionary<Season, StackPlan> seasonPlans)
    {
        var violations = StackPolicies.Check(plan, settings)
            .Concat(SeasonSwitchPolicy.CheckAllSeasons(settings, s => seasonPlans[s]))
            .Concat(Rules(settings, plan, season, date, updates).Refusals())
            .ToList();
        return violations.Count > 0 ? throw new PlanPolicyException(settings.StackName, violations) : plan;
    }

    /// <summary>Every deployment rule's verdict on the plan of <paramref name="season"/> alone.</summary>
    public static RuleReport Rules(StackSettings settings, Season season, DateOnly? date) =>
        Rules(settings, Build(settings, season), season, date, []);

    /// <summary>Every deployment rule's verdict on <paramref name="plan"/> and on each of <paramref name="updates"/>.</summary>
    public static RuleReport Rules(StackSettings settings, StackPlan plan, Season season, DateOnly? date, IReadOnlyList<(StackPlan From, StackPlan To)> updates) =>
        DeploymentRuleCatalog.Judge(new RuleContext(settings, date), plan, season, updates);

    /// <summary>
    /// The plan without the policy checks (policy tests inspect plans that must be refused). <paramref name="rule"/>
    /// other than the engine's only prices the seasonal plan's formula for comparison (the bench).
    /// </summary>
    public static StackPlan Build(StackSettings settings, Season season, AppTierRule rule = AppTierRule.Engine) =>
        Build(settings, CapacityGroups.All(season), rule);

    /// <summary>
    /// The plan of a stack whose capacity groups are at the seasons <paramref name="groups"/> names: app capacity and
    /// the monitoring thresholds sized for <see cref="CapacityGroups.Apps"/>, each seasonal PostgreSQL primary for
    /// <see cref="CapacityGroups.Primaries"/> and its replica for <see cref="CapacityGroups.Replicas"/>.
    /// </summary>
    public static StackPlan Build(StackSettings settings, CapacityGroups groups, AppTierRule rule = AppTierRule.Engine)
    {
        var season = groups.Apps;
        var capacity = CapacityEngine.Size(settings.Capacity, season, rule);
        var primarySku = CapacityEngine.Size(settings.Capacity, groups.Primaries, rule).Database.Sku;
        var replicaSku = CapacityEngine.Size(settings.Capacity, groups.Replicas, rule).Database.Sku;
        var schedule = DailyScheduler.Schedule(settings.Capacity, capacity, settings.Capacity.DailyLoad, ScalingLags.Default);
        var p = settings.Plan;
        var builder = new PlanBuilder(settings.StackName, settings.Territory.Code, groups.Label);
        var context = new TerritoryContext(
            settings.Territory,
            settings.Region,
            new AzureNames(settings.StackName, p.ShortName),
            new StackTags(settings.StackName, settings.Territory.Code, p.CostCentre));

        // Explicit providers only: azure-native pinned to the territory's subscription and region.
        builder.AddProvider(new PlannedProvider("azure-native", $"azure-native-{settings.Territory.Code}", new Props
        {
            ["subscriptionId"] = p.SubscriptionId,
            ["location"] = settings.Region.Name,
        }.Build()));
        builder.AddProvider(new PlannedProvider("random", "random", PlanMap.Empty));

        var foundation = Foundation.Add(builder, "foundation", new FoundationArgs { Context = context });
        var network = TerritoryNetwork.Add(builder, "network", new TerritoryNetworkArgs
        {
            Context = context,
            PrimaryGroup = foundation.PrimaryGroup,
            DisasterRecoveryGroup = foundation.DisasterRecoveryGroup,
            Addresses = p.Network,
        });
        // The Entra tenant of the identity that deploys: the one Key Vault and workload identity trust.
        var tenantId = new PlanInvoke("azure-native:authorization:getClientConfig", builder.ProviderFor("azure-native"), PlanMap.Empty, "tenantId", Base64Decode: false);
        var platform = KubernetesPlatform.Add(builder, "platform", new KubernetesPlatformArgs
        {
            NodeSubnet = network.Primary.AksNodes!,
            EgressIp = network.EgressIp,
            Context = context,
            ResourceGroup = foundation.PrimaryGroup,
            KubernetesVersion = p.KubernetesVersion,
            NodePools = settings.Capacity.NodePools,
            // The autoscaler's floor is the off-hours node count: in the business window the ScaledObjects' cron
            // minimum makes pods Pending and the autoscaler adds the season's nodes (docs/capacity-model.md, Daily floor).
            AppNodes = capacity.Nodes with { AutoscalerMin = schedule.OffHoursNodes },
            Deployer = p.Deployment.Deployer,
            SubscriptionId = p.SubscriptionId,
        });

        // The kubernetes provider is fed from the territory's own cluster: its user kubeconfig (base64) as a secret.
        builder.AddProvider(new PlannedProvider("kubernetes", $"kubernetes-{settings.Territory.Code}", new Props
        {
            // ConfigMaps updated in place: by default the provider replaces a ConfigMap whose data changes
            // (pulumi-kubernetes provider/pkg/provider/diff.go, forceNew), and the modules' season ConfigMaps change
            // with every switch (provider input enableConfigMapMutable, @pulumi/kubernetes 4.34.2 provider.d.ts: beta).
            ["enableConfigMapMutable"] = true,
            ["kubeconfig"] = new PlanSecret(new PlanInvoke(
                "azure-native:containerservice:listManagedClusterUserCredentials",
                builder.ProviderFor("azure-native"),
                new Props
                {
                    ["resourceGroupName"] = foundation.PrimaryGroup.Ref("name"),
                    ["resourceName"] = platform.Cluster.Ref("name"),
                    // Entra ID clusters hand out an exec (kubelogin) kubeconfig; no static credentials exist.
                    ["format"] = "exec",
                }.Build(),
                "kubeconfigs[0].value",
                Base64Decode: true)),
        }.Build()));

        var endpoints = new Props();
        var drMatrix = new List<DrMatrixRow>();
        var databases = new Dictionary<DrTier, TieredDatabaseResources>();
        foreach (var tier in Enum.GetValues<DrTier>())
        {
            var configured = p.Databases.For(tier);
            var fixedSku = configured.Sku is { } name ? settings.Capacity.PostgresSkus.Single(s => s.Name == name) : null;
            var database = TieredDatabase.Add(builder, $"data-{tier.Code()}", new TieredDatabaseArgs
            {
                Context = context,
                Tier = tier,
                PrimaryGroup = foundation.PrimaryGroup,
                DisasterRecoveryGroup = foundation.DisasterRecoveryGroup,
                Sku = fixedSku ?? primarySku,
                ReplicaSku = fixedSku ?? replicaSku,
                StorageSizeGB = configured.StorageSizeGB,
                PostgresVersion = p.Databases.PostgresVersion,
                CrossRegionReplica = p.CrossRegionReplicas,
                Network = new DatabaseNetwork(network.Primary.Postgres, network.DisasterRecovery.Postgres, network.PostgresZone, network.PostgresZoneLinks),
                TenantId = tenantId,
                Admin = p.Deployment.DatabaseAdmin,
            });
            databases[tier] = database;
            drMatrix.AddRange(tier.Functions().Select(f =>
                new DrMatrixRow(f, tier, database.Recovery, DrMatrixRow.Judge(tier, database.Recovery, p.SyntheticDataOnly))));
            endpoints[tier.Code()] = database.Server.Ref("fullyQualifiedDomainName");
        }

        builder.AddDrRows(drMatrix);
        string? WriterHost(DrTier tier) =>
            databases[tier].Replica is null ? null : TieredDatabase.WriterHost(context.Names.PostgresServer(tier.Code(), replica: false));

        // Generated credentials live in the territory's Key Vault, and apps read them from there (SecretsLiveInKeyVault).
        var vault = TerritoryVault.Add(builder, "secrets", new TerritoryVaultArgs
        {
            Context = context,
            ResourceGroup = foundation.PrimaryGroup,
            Network = network,
            TenantId = tenantId,
            Secrets = databases.ToDictionary(d => PasswordSecretName(d.Key), d => new PlanSecret(d.Value.Password.Ref("result"))),
        });
        var audit = AuditArchive.Add(builder, "audit", new AuditArchiveArgs
        {
            Context = context,
            ResourceGroup = foundation.PrimaryGroup,
            Network = network,
            Immutability = p.Deployment.AuditImmutability,
        });
        var appNamespaces = ModuleWorkloads.Add(builder, "workloads", new ModuleWorkloadsArgs
        {
            Context = context,
            Modules = p.Modules,
            Capacity = capacity,
            Workload = settings.Capacity.Workload,
            Schedule = schedule,
            Metrics = new ScalingMetrics(
                MonitoringComponent.PrometheusAddress, MetricsContract.Metrics.HttpRequests, MetricsContract.Metrics.Jobs,
                MetricsContract.Labels.Deployment, (int)schedule.Lags.RateWindow),
        });
        // How each tier's apps (and its canary) reach the database.
        var access = databases.ToDictionary(d => d.Key, d => new TierDatabaseAccess(
            // Replicated tiers: the writer endpoint, which follows a promotion; otherwise the server itself.
            WriterHost(d.Key) is { } writer ? writer : d.Value.Server.Ref("fullyQualifiedDomainName"),
            // PgBouncer (6432) where the SKU has it; Burstable servers take connections directly.
            d.Value.Server.Inputs.At("sku.tier") is PlanString { Value: "Burstable" } ? 5432 : 6432,
            "freshfoodz",
            TieredDatabase.AdministratorLogin,
            vault.Secrets[PasswordSecretName(d.Key)],
            PasswordSecretName(d.Key)));
        DatabaseAccess.Add(builder, "access", p.SubscriptionId, new DatabaseAccessArgs
        {
            Context = context,
            ResourceGroup = foundation.PrimaryGroup,
            Modules = p.Modules,
            Namespaces = appNamespaces,
            Cluster = platform.Cluster,
            VaultName = vault.VaultName,
            TenantId = tenantId,
            Databases = access,
        });
        TerritoryLogs.Add(builder, "logs", new TerritoryLogsArgs { Context = context, ResourceGroup = foundation.PrimaryGroup }, TieredDatabase.RetentionDays,
        [
            new("cluster", platform.Cluster, DrTier.Critical,
                ["kube-apiserver", "kube-audit-admin", "kube-controller-manager", "kube-scheduler", "cluster-autoscaler", "guard"], [], Metrics: true),
            new("vault", vault.Vault, DrTier.Critical, [], ["audit"], Metrics: true),
            .. audit.BlobServices.Select(b => new DiagnosticTarget(b.Name["audit-".Length..], b, DrTier.Critical, [], ["allLogs"], Metrics: false)),
            .. databases.SelectMany(d => new[] { (Role: "primary", Server: (PlannedResource?)d.Value.Server), (Role: "replica", Server: d.Value.Replica) }
                .Where(x => x.Server is not null)
                .Select(x => new DiagnosticTarget($"postgres-{d.Key.Code()}-{x.Role}", x.Server!, d.Key, [], ["allLogs"], Metrics: true))),
        ]);
        // Business-KPI monitoring on the territory's cluster: thresholds follow this season's capacity.
        var monitoring = MonitoringComponent.Add(builder, settings.Monitored(), capacity, p.Alerting, appNamespaces: appNamespaces);
        var vaultReaders = new VaultReaderSite(context, p.SubscriptionId, foundation.PrimaryGroup, platform.Cluster, vault.VaultName, tenantId);
        PostgresExporters.Add(builder, "postgres-exporters", new PostgresExportersArgs
        {
            Site = vaultReaders,
            Monitoring = monitoring,
            // Like the apps: the writer endpoint on replicated tiers, so after a promotion the exporter watches the new primary.
            Databases = databases.ToDictionary(d => d.Key, d => new PostgresTarget(
                WriterHost(d.Key) ?? $"{context.Names.PostgresServer(d.Key.Code(), replica: false)}.postgres.database.azure.com",
                "freshfoodz",
                TieredDatabase.AdministratorLogin,
                vault.Secrets[PasswordSecretName(d.Key)],
                PasswordSecretName(d.Key))),
        });
        // Recovery measured, not assumed: the RPO canary of every tier, and the restore drill the stack sets (docs/recovery-drills.md).
        Pushgateway.Add(builder, monitoring);
        var canary = RecoveryCanary.Add(builder, "canary", new RecoveryCanaryArgs
        {
            Site = vaultReaders,
            Databases = access,
            Pushgateway = Pushgateway.Url,
        });
        if (p.RestoreDrill is { } drill)
        {
            RestoreDrill.Add(builder, "restore-drill", new RestoreDrillArgs
            {
                Context = context,
                Drill = drill,
                PrimaryGroup = foundation.PrimaryGroup,
                DisasterRecoveryGroup = foundation.DisasterRecoveryGroup,
                Network = new DatabaseNetwork(network.Primary.Postgres, network.DisasterRecovery.Postgres, network.PostgresZone, network.PostgresZoneLinks),
                Databases = databases.ToDictionary(d => d.Key, d => (d.Value, access[d.Key])),
                Canary = canary,
                Pushgateway = Pushgateway.Url,
            });
        }

        // A subscription-wide budget belongs to the subscription's production stack: a rehearsal stack that shares the
        // subscription (peak-weihnachten with de-prod) would count the same spend twice.
        if (p.Environment == StackEnvironment.Production)
        {
            AiBudget.Add(builder, "cost-guard", new AiBudgetArgs
            {
                Context = context,
                SubscriptionId = p.SubscriptionId,
                MonthlyAmount = p.AiBudget.MonthlyAmount,
                ContactEmails = p.AiBudget.ContactEmails,
                StartDate = AiBudget.StartOf(p.Deployment.CreatedOn),
            });
        }

        if (p.ChaosExperiments)
        {
            ChaosExperiments.Add(builder, "chaos", new ChaosExperimentsArgs
            {
                Context = context,
                Modules = p.Modules,
                DatabaseHost = databases[DrTier.Critical].Server.Ref("fullyQualifiedDomainName"),
                DisasterRecoveryHosts = [.. Enum.GetValues<DrTier>().Select(t => databases[t].Replica).OfType<PlannedResource>().Select(r => (PlanValue)r.Ref("fullyQualifiedDomainName"))],
                AppNode = settings.Capacity.VmSizes[settings.Capacity.NodePools.AppVmSize],
            });
            // The seasonal plan's business chaos inside the cluster (docs/recovery-drills.md, Business chaos).
            ChaosScenarios.Add(builder, "chaos-scenarios", new ChaosScenariosArgs
            {
                Context = context,
                SubscriptionId = p.SubscriptionId,
                ResourceGroup = foundation.PrimaryGroup,
                Cluster = platform.Cluster,
                Critical = access[DrTier.Critical],
                Canary = canary,
                AuditAccount = audit.Accounts[0],
                AuditContainer = audit.Containers[AuditArchive.Classes[0].Purpose],
                Pushgateway = Pushgateway.Url,
            });
        }

        builder.Output("territory", settings.Territory.Code);
        // The season whose load every group carries: the deployed one when the stack is steady.
        builder.Output("effectiveSeason", groups.Effective(settings.Capacity.Seasons).ConfigName());
        builder.Output("capacity", new Props
        {
            ["loadMultiplier"] = capacity.LoadMultiplier,
            ["apiReplicas"] = capacity.Hpa.MinReplicas,
            ["apiMaxReplicas"] = capacity.Hpa.MaxReplicas,
            ["nodes"] = capacity.Nodes.Count,
            ["nodesMax"] = capacity.Nodes.AutoscalerMax,
            ["criticalDatabaseSku"] = primarySku.Name,
        });
        builder.Output("clusterName", platform.Cluster.Ref("name"));
        builder.Output("databaseEndpoints", endpoints);
        builder.Output("drVerdict", Verdict(drMatrix));
        return builder.Build();
    }

    private static string PasswordSecretName(DrTier tier) => $"postgres-{tier.Code()}-admin-password";

    private static string Verdict(IReadOnlyList<DrMatrixRow> rows) =>
        rows.Any(r => r.Verdict == DrVerdict.Misses) ? "misses"
        : rows.Any(r => r.Verdict == DrVerdict.Waived) ? "waived (synthetic data only)"
        : "meets";
}
