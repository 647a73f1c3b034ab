using System.Globalization;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Residency;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>PostgreSQL flexible server: static parameters, replicas and their order, Entra authentication, one operation at a time.</summary>
internal static class PostgresRules
{
    /// <summary>
    /// Parameters that take effect only after a restart (PostgreSQL context "postmaster": PostgreSQL docs, "Server
    /// Configuration"; Azure lists them as static under "Server parameters").
    /// </summary>
    public static readonly IReadOnlySet<string> StaticParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "max_connections", "shared_buffers", "max_worker_processes", "max_prepared_transactions", "max_locks_per_transaction",
        "max_wal_senders", "max_replication_slots", "wal_level", "shared_preload_libraries", "huge_pages",
    };

    /// <summary>Parameters a replica must hold at least at the primary's value, or it stops replaying WAL.</summary>
    private static readonly string[] ReplicaAtLeastPrimary =
        ["max_connections", "max_worker_processes", "max_prepared_transactions", "max_locks_per_transaction", "max_wal_senders"];

    private const string ReplicaSource =
        "Microsoft docs \"Read replicas in Azure Database for PostgreSQL\" (read-replica/concepts-read-replicas.md, 2025), sections \"Scale\" and \"Server parameters\"";

    public static readonly DeploymentRule StaticParametersNotPlanned = new(
        "StaticParametersNotPlanned",
        "The plan sets no static server parameter (max_connections, shared_buffers, ...): its new value would wait for a restart no update makes, and max_connections stays at the default Azure computes at creation, with PgBouncer pooling.",
        "Microsoft docs \"Limits in Azure Database for PostgreSQL\" (configure-maintain/concepts-limits.md, 2025-11-13), \"Maximum connections\": "
        + "\"After you change this setting, you need to restart your server\"; \"If you need more connections, we suggest that you instead use PgBouncer\"")
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.PostgresConfiguration)
            .Where(c => c.Text("configurationName") is { } name && StaticParameters.Contains(name))
            .Select(c => new Breach(c.Name, "configurationName", RuleLevel.Refuse,
                $"sets static parameter {c.Text("configurationName")}: it takes effect only after a server restart the plan never makes (pool through PgBouncer instead)")),
    };

    public static readonly DeploymentRule ReplicaComputeAtLeastPrimary = new(
        "ReplicaComputeAtLeastPrimary",
        "A read replica's compute is never smaller than its primary's, before, during and after an update. One update (one pulumi up) may change the two servers in either order, or stop between them, so it may change them together only if the replica's old SKU holds the primary's new one and the replica's new SKU holds the primary's old one: a scale-up moves the replicas first, a scale-down the primaries, each in an update of its own (FreshFoodz.Switching steps every switch so).",
        ReplicaSource)
    {
        OnPlan = (plan, context) => Replicas(plan)
            .Where(x => Cores(context, x.Replica) < Cores(context, x.Primary))
            .Select(x => new Breach(x.Replica.Name, "sku.name", RuleLevel.Refuse,
                $"{x.Replica.Text("sku.name")} is smaller than its primary's {x.Primary.Text("sku.name")}")),
        // Pulumi updates a replica after its primary, but a failed or interrupted update can stop between the two, and the
        // next update may start from there: every mix of old and new must keep the replica at least as large.
        OnSwitch = (from, to, context) => Replicas(to).SelectMany(x =>
        {
            var oldPrimary = from.Twin(x.Primary);
            var oldReplica = from.Twin(x.Replica);
            if (oldPrimary is null || oldReplica is null)
            {
                return [];
            }
            var primaryFirst = Cores(context, oldReplica) < Cores(context, x.Primary);
            var replicaFirst = Cores(context, x.Replica) < Cores(context, oldPrimary);
            return primaryFirst || replicaFirst
                ? [new Breach(x.Replica.Name, "sku.name", RuleLevel.Refuse,
                    $"{from.Season} → {to.Season}: one update changes the primary ({oldPrimary.Text("sku.name")} → {x.Primary.Text("sku.name")}) and its replica "
                    + $"({oldReplica.Text("sku.name")} → {x.Replica.Text("sku.name")}); if the {(primaryFirst ? "primary's" : "replica's")} change lands first the replica is smaller: "
                    + "step it (replicas first on a scale-up, primaries first on a scale-down)")]
                : Array.Empty<Breach>();
        }),
    };

    public static readonly DeploymentRule ReplicaParametersAtLeastPrimary = new(
        "ReplicaParametersAtLeastPrimary",
        "A replica's max_connections, max_worker_processes, max_prepared_transactions, max_locks_per_transaction and max_wal_senders are at least its primary's (parameters are copied to a replica only at its creation).",
        ReplicaSource)
    {
        OnPlan = (plan, context) => Replicas(plan).SelectMany(x =>
        {
            var primary = plan.Parameters(x.Primary.Name);
            var replica = plan.Parameters(x.Replica.Name);
            return ReplicaAtLeastPrimary.Where(primary.ContainsKey).Where(p =>
                    !replica.TryGetValue(p, out var r) || Number(r.Value) < Number(primary[p].Value))
                .Select(p => new Breach(x.Replica.Name, p, RuleLevel.Refuse,
                    $"is {(replica.TryGetValue(p, out var r) ? r.Value : "not set (left at the creation copy)")} on the replica, below the primary's {primary[p].Value}"));
        }),
    };

    public static readonly DeploymentRule ReplicaKeepsPgBouncer = new(
        "ReplicaKeepsPgBouncer",
        "PgBouncer is enabled on a replica whenever it is on its primary: settings are per server, and a promoted replica without it has no pooler on port 6432.",
        "Microsoft docs \"Read replicas in Azure Database for PostgreSQL\" (promotion: a promoted server does not inherit PgBouncer settings); \"PgBouncer in Azure Database for PostgreSQL\" (concepts-pgbouncer.md)")
    {
        OnPlan = (plan, context) => Replicas(plan)
            .Where(x => Enabled(plan, x.Primary.Name) && !Enabled(plan, x.Replica.Name))
            .Select(x => new Breach(x.Replica.Name, "pgbouncer.enabled", RuleLevel.Refuse,
                $"is not enabled on the replica while {x.Primary.Name} pools through PgBouncer: a promoted replica would have no pooler")),
    };

    public static readonly DeploymentRule EntraAuthHasTenantAndAdministrator = new(
        "PostgresEntraAuthHasAdministrator",
        "A primary server with Microsoft Entra authentication enabled names its tenant (authConfig.tenantId) and has a Microsoft Entra administrator: without one no Entra principal can sign in or create the others.",
        "azure-native 3.28.0 schema, azure-native:dbforpostgresql:Server authConfig (AuthConfigArgs.tenantId, default empty) and "
        + "azure-native:dbforpostgresql:Administrator (objectId, principalName, principalType, tenantId); Microsoft docs \"Manage Microsoft Entra roles in "
        + "Azure Database for PostgreSQL\" (security/security-manage-entra-users.md, 2025-10-06): after the first Microsoft Entra administrator is created through the portal or ARM API, that role manages the other Entra roles")
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.PostgresServer)
            .Where(s => !s.IsReplica() && s.Text("authConfig.activeDirectoryAuth") == "Enabled")
            .SelectMany(s =>
            {
                var breaches = new List<Breach>();
                if (s.Inputs.At("authConfig.tenantId") is null or PlanString { Value: "" })
                {
                    breaches.Add(new Breach(s.Name, "authConfig.tenantId", RuleLevel.Refuse,
                        "is not set while activeDirectoryAuth is Enabled: the server must name the Entra tenant it trusts"));
                }
                if (!plan.OfType(PlanFacts.PostgresAdministrator).Any(a => a.RefTarget("serverName") == s.Name
                    && a.Text("objectId") is { Length: > 0 } && a.Inputs.At("tenantId") is not (null or PlanString { Value: "" })))
                {
                    breaches.Add(new Breach(s.Name, "authConfig.activeDirectoryAuth", RuleLevel.Refuse,
                        "is Enabled but the plan has no Microsoft Entra administrator (azure-native:dbforpostgresql:Administrator with objectId and tenantId) for the server: set freshfoodz:databaseAdmin"));
                }
                return breaches;
            }),
    };

    public static readonly DeploymentRule CreateModeNeverChanges = new(
        "PostgresCreateModeNeverChanges",
        "A server's createMode is the same in every plan (Create for a primary, Replica for a replica, PointInTimeRestore or GeoRestore for a restore drill's server): it is a creation parameter, sent unchanged with every update; a change would ask to create the server again, and Update belongs only to an in-place major version upgrade, which no plan makes.",
        "azure-native 3.28.0 schema, azure-native:dbforpostgresql:Server createMode (enum dbforpostgresql.CreateMode: Create, Default, GeoRestore, PointInTimeRestore, "
        + "Replica, ReviveDropped, Update); hashicorp/terraform-provider-azurerm #12996 and #25790 (create_mode cannot change after creation: a change re-creates "
        + "the server), #20495 and #32027 (Update only with a major version upgrade)")
    {
        OnSwitch = (from, to, context) => from.OfType(PlanFacts.PostgresServer)
            .Select(s => (Server: s, Before: s.Text("createMode"), After: to.Twin(s)?.Text("createMode")))
            .Where(x => to.Twin(x.Server) is not null && x.After != x.Before)
            .Select(x => new Breach(x.Server.Name, "createMode", RuleLevel.Refuse,
                $"changes from {x.Before ?? "unset"} to {x.After ?? "unset"}: createMode is fixed at creation (a major version upgrade is a separate, manual step)")),
    };

    public static readonly DeploymentRule StorageIsAFloor = new(
        "PostgresStorageIsAFloor",
        "A PostgreSQL server whose storage grows automatically sends its planned storageSizeGB at creation only: storage.storageSizeGB is under ignoreChanges and every pulumi up runs with --refresh, so an update sends the live size (autogrow may have raised it; it never shrinks), never a smaller planned one. A larger size is set by hand first, then planned (docs/disaster-recovery.md).",
        "hashicorp/terraform-provider-azurerm #5865 (\"azurerm_postgresql_server fails on update if auto_grow was triggered\") and #29463 (flexible server: a storage_mb below the current size after autogrow); "
        + "astronomer/deploy-action #33 (Azure: \"Requested data Disk size … cannot be less than current size\"); Microsoft docs \"Limits in Azure Database for PostgreSQL\" (storage can be scaled up, never down) and "
        + "\"Storage autogrow\" (concepts-compute-storage: autogrow raises provisioned storage when free space runs low); Pulumi docs \"Resource option: ignoreChanges\" (an ignored input is sent from the state, which --refresh reads from the cloud)")
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.PostgresServer)
            .Where(s => s.Text("storage.autoGrow") == "Enabled" && !s.Options.IgnoreChanges.Contains(StorageSize))
            .Select(s => new Breach(s.Name, StorageSize, RuleLevel.Refuse,
                $"is not under ignoreChanges while autogrow is on: once Azure has grown the storage past the planned {s.Inputs.At(StorageSize) switch { PlanInt i => i.Value.ToString(CultureInfo.InvariantCulture), _ => "size" }} GB, the next update would send the smaller size and fail (storage never shrinks)")),
    };

    private const string StorageSize = "storage.storageSizeGB";

    public static readonly DeploymentRule ReplicaStorageMatchesPrimary = new(
        "PostgresReplicaStorageMatchesPrimary",
        "A read replica is created with its primary's storage size and grows its storage automatically whenever its primary does: a switchover (promote to primary server) needs both servers of the same storage size, the primary's may never exceed the smallest replica's, and autogrow on the primary must be on the replicas too.",
        ReplicaSource + ", \"Configuration management\" (tier, storage size: \"For the 'promote to primary server' operation, it must be the same as the primary\"), \"Storage autogrow\" "
        + "(\"If storage autogrow is enabled on the primary server, it must also be enabled on the replicas\") and \"Scale\" (\"Storage size on the primary must be always equal or smaller than the storage size on the smallest replica\"); "
        + "read-replica/concepts-read-replicas-promote.md, \"Server Symmetry\"")
    {
        OnPlan = (plan, context) => Replicas(plan).SelectMany(x =>
        {
            var breaches = new List<Breach>();
            var primary = (x.Primary.Inputs.At(StorageSize) as PlanInt)?.Value;
            var replica = (x.Replica.Inputs.At(StorageSize) as PlanInt)?.Value;
            if (primary is not null && replica != primary)
            {
                breaches.Add(new Breach(x.Replica.Name, StorageSize, RuleLevel.Refuse,
                    $"is {(replica is null ? "unset" : replica.Value.ToString(CultureInfo.InvariantCulture) + " GB")}, not its primary's {primary.Value.ToString(CultureInfo.InvariantCulture)} GB: a switchover needs equal sizes"));
            }
            if (x.Primary.Text("storage.autoGrow") == "Enabled" && x.Replica.Text("storage.autoGrow") != "Enabled")
            {
                breaches.Add(new Breach(x.Replica.Name, "storage.autoGrow", RuleLevel.Refuse,
                    $"is {x.Replica.Text("storage.autoGrow") ?? "unset"} while {x.Primary.Name} grows automatically: the primary would outgrow its replica"));
            }
            return breaches;
        }),
    };

    private const string RestoreSource =
        "Microsoft docs \"Backup and restore in Azure Database for PostgreSQL\" (backup-restore/concepts-backup-restore.md, 2024-11-28): point-in-time recovery "
        + "\"creates a new server in the same region as your source server\" with the source's compute, storage and backup configuration, within the retention period; "
        + "geo-restore only to the geo-paired region, from a server with geo-redundant backup (chosen at creation), private access \"only to a different virtual network\", "
        + "compute, storage and tier unchanged; no restore across public and private access; azure-native 3.28.0 Server pointInTimeUTC and sourceServerResourceId";

    private static readonly string[] RestoreModes = ["PointInTimeRestore", "GeoRestore"];

    private static bool IsRestore(PlannedResource r) => r.Type == PlanFacts.PostgresServer && r.Text("createMode") is { } m && RestoreModes.Contains(m);

    public static readonly DeploymentRule RestoreTarget = new(
        "PostgresRestoreTarget",
        "A restored server names its source and restore point; a point-in-time restore stays in its source's region, a geo-restore goes to the source region's paired region from a source with geo-redundant backup, into another virtual network; both stay private like their source and take the source's compute and storage (no sku, storage, version or HA of their own).",
        RestoreSource)
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.PostgresServer).Where(IsRestore).SelectMany(r =>
        {
            var breaches = new List<Breach>();
            void Refuse(string property, string message) => breaches.Add(new Breach(r.Name, property, RuleLevel.Refuse, message));
            var source = plan.Resources.FirstOrDefault(s => s.Name == r.RefTarget("sourceServerResourceId"));
            if (source is null || source.Type != PlanFacts.PostgresServer)
            {
                Refuse("sourceServerResourceId", "must refer to a PostgreSQL server of the plan (the server whose backups are restored)");
                return breaches;
            }
            if (r.Text("pointInTimeUTC") is not { Length: > 0 } point
                || !DateTimeOffset.TryParseExact(point, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                Refuse("pointInTimeUTC", "is required for a restore, as UTC yyyy-MM-ddTHH:mm:ssZ");
            }
            foreach (var own in new[] { "sku", "storage", "version", "highAvailability", "administratorLogin" }.Where(k => r.Inputs[k] is not null))
            {
                Refuse(own, "a restored server takes its source's; it cannot be set at restore");
            }
            var geo = r.Text("createMode") == "GeoRestore";
            var sourceRegion = source.Text("location");
            if (!geo && r.Text("location") != sourceRegion)
            {
                Refuse("location", $"is {r.Text("location")}: a point-in-time restore creates the server in its source's region, {sourceRegion}");
            }
            if (geo)
            {
                var paired = AzureRegion.Find(sourceRegion ?? "") is { } region && context.Settings.Territory.Owns(region) && region.Name == context.Settings.Territory.Primary.Name
                    ? context.Settings.Territory.DisasterRecovery.Name
                    : null;
                if (r.Text("location") != paired)
                {
                    Refuse("location", $"is {r.Text("location")}: a geo-restore goes to the paired region of {sourceRegion}, {paired ?? "which the territory does not have"}");
                }
                if (source.Text("backup.geoRedundantBackup") != "Enabled")
                {
                    Refuse("createMode", $"GeoRestore needs geo-redundant backup on {source.Name}, which can only be chosen when it is created");
                }
                if (r.RefTarget("network.delegatedSubnetResourceId") is { } subnet && subnet == source.RefTarget("network.delegatedSubnetResourceId"))
                {
                    Refuse("network.delegatedSubnetResourceId", "a geo-restore of a private server goes to another virtual network (the paired region's)");
                }
            }
            var sourcePrivate = source.Inputs.At("network.delegatedSubnetResourceId") is not null;
            var restoredPrivate = r.Inputs.At("network.delegatedSubnetResourceId") is not null;
            if (sourcePrivate != restoredPrivate)
            {
                Refuse("network", $"restores {(sourcePrivate ? "private" : "public")} access to {(restoredPrivate ? "private" : "public")}: no restore crosses public and private access");
            }
            return breaches;
        }),
    };

    public static readonly DeploymentRule RestorePointRestorable = new(
        "PostgresRestorePointRestorable",
        "A restore point lies before the plan date (a future point has no backup yet) and, while the drill server is still planned, within its source's backup retention: a later pulumi up that had to create it again could not.",
        RestoreSource + "; backup retention 7 to 35 days, the recovery window")
    {
        NeedsDate = true,
        OnPlan = (plan, context) => plan.OfType(PlanFacts.PostgresServer).Where(IsRestore).SelectMany(r =>
        {
            var source = plan.Resources.FirstOrDefault(s => s.Name == r.RefTarget("sourceServerResourceId"));
            if (context.Date is not { } date || r.Text("pointInTimeUTC") is not { } text
                || !DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var point))
            {
                return [];
            }
            var day = DateOnly.FromDateTime(point.UtcDateTime);
            if (day > date)
            {
                return [new Breach(r.Name, "pointInTimeUTC", RuleLevel.Refuse,
                    $"{text} is after the plan date {date:yyyy-MM-dd}: no backup holds it yet; run the drill on or after {day:yyyy-MM-dd}")];
            }
            var retention = source?.Inputs.At("backup.backupRetentionDays") is PlanInt { Value: var days } ? days : 7;
            return day.AddDays(retention) < date
                ? [new Breach(r.Name, "pointInTimeUTC", RuleLevel.Warn,
                    $"{text} left {source?.Name}'s {retention} days of backups on {day.AddDays(retention):yyyy-MM-dd}: the drill is over, remove freshfoodz:restoreDrill (its servers cost as much as their sources)")]
                : Array.Empty<Breach>();
        }),
    };

    public static readonly DeploymentRule OneOperationPerServer = new(
        "OneOperationPerServer",
        "Every operation on one PostgreSQL server (its configurations, databases, virtual endpoints, and the creation of its replicas) waits for the one before: a flexible server runs one management operation at a time.",
        "Microsoft docs \"Read replicas in Azure Database for PostgreSQL\" (creating a replica puts the primary into Updating); ServerIsBusy reports: Azure/azure-postgresql #134, hashicorp/terraform-provider-azurerm #28298")
    {
        OnPlan = (plan, context) =>
        {
            var servers = plan.OfType(PlanFacts.PostgresServer).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var findings = new List<Breach>();
            foreach (var server in servers.Order(StringComparer.Ordinal))
            {
                var operations = plan.Resources.Where(r => r.Name != server && Targets(r, servers).Contains(server)).ToList();
                for (var i = 0; i < operations.Count; i++)
                {
                    for (var j = i + 1; j < operations.Count; j++)
                    {
                        var (a, b) = (operations[i], operations[j]);
                        if (!plan.WaitsFor(a.Name, b.Name) && !plan.WaitsFor(b.Name, a.Name))
                        {
                            findings.Add(new Breach(b.Name, "dependsOn", RuleLevel.Refuse,
                                $"changes {server} with nothing ordering it against {a.Name} (ServerIsBusy): chain them with dependsOn"));
                        }
                    }
                }
            }
            return findings;
        },
    };

    /// <summary>The servers an operation changes: the one it names, the one a replica is created from, an endpoint's members.</summary>
    private static IEnumerable<string> Targets(PlannedResource r, IReadOnlySet<string> servers) =>
        new[] { r.RefTarget("serverName"), r.RefTarget("sourceServerResourceId") }
            .Concat((r.Inputs["members"] as PlanList)?.Items.OfType<PlanRef>().Select(x => x.Resource) ?? [])
            .OfType<string>()
            .Where(servers.Contains)
            .Distinct(StringComparer.Ordinal);

    private static IEnumerable<(PlannedResource Replica, PlannedResource Primary)> Replicas(StackPlan plan) =>
        plan.OfType(PlanFacts.PostgresServer).Where(r => r.IsReplica())
            .Select(r => (Replica: r, Primary: plan.Resources.FirstOrDefault(p => p.Name == r.RefTarget("sourceServerResourceId"))))
            .Where(x => x.Primary is not null)
            .Select(x => (x.Replica, x.Primary!));

    /// <summary>vCores of a server's SKU by the stack's SKU table.</summary>
    private static int Cores(RuleContext context, PlannedResource server) =>
        context.Settings.Capacity.PostgresSkus.FirstOrDefault(s => s.Name == server.Text("sku.name"))?.VCores ?? 0;

    private static bool Enabled(StackPlan plan, string server) =>
        plan.Parameters(server).TryGetValue("pgbouncer.enabled", out var p) && p.Value == "true";

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
