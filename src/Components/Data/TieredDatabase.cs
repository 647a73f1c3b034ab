using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Data;

public sealed record TieredDatabaseArgs
{
    public required TerritoryContext Context { get; init; }
    public required DrTier Tier { get; init; }
    public required PlannedResource PrimaryGroup { get; init; }
    public required PlannedResource DisasterRecoveryGroup { get; init; }
    public required PostgresSku Sku { get; init; }

    /// <summary>The replica's SKU when it differs from the primary's: between the steps of a season switch (replicas
    /// first on a scale-up, last on a scale-down; rule ReplicaComputeAtLeastPrimary). Null: the primary's.</summary>
    public PostgresSku? ReplicaSku { get; init; }

    public required int StorageSizeGB { get; init; }
    public required string PostgresVersion { get; init; }

    /// <summary>Whether this tier keeps an in-country read replica (a rehearsal stack may turn it off).</summary>
    public required bool CrossRegionReplica { get; init; }

    /// <summary>Private access: the delegated subnets and the private DNS zone linked to both networks.</summary>
    public required DatabaseNetwork Network { get; init; }

    /// <summary>The Entra tenant the servers' Microsoft Entra authentication trusts (the deploying identity's).</summary>
    public required PlanValue TenantId { get; init; }

    /// <summary>The server's Microsoft Entra administrator.</summary>
    public required EntraAdministrator Admin { get; init; }
}

/// <summary>
/// A Microsoft Entra principal (object ID, display name, User/Group/ServicePrincipal) that administers the
/// PostgreSQL servers; the API spells the kinds user, group and servicePrincipal (azure-native 3.28.0,
/// <c>dbforpostgresql.PrincipalType</c>).
/// </summary>
public sealed record EntraAdministrator(string PrincipalId, string PrincipalName, string PrincipalType)
{
    public string ApiPrincipalType => PrincipalType switch
    {
        "User" => "user",
        "Group" => "group",
        "ServicePrincipal" => "servicePrincipal",
        _ => throw new ArgumentOutOfRangeException(nameof(PrincipalType), PrincipalType, "User, Group or ServicePrincipal"),
    };
}

/// <summary>
/// VNet integration for a tier's servers: the primary in the primary region's delegated subnet, the replica in the DR
/// region's, both registered in one private zone linked to both networks, so names (and the writer endpoint) resolve
/// the same after a promotion. VNet integration, not private endpoints: it is the mode Microsoft documents for
/// cross-region read replicas with virtual endpoints ("Networking with private access (VNet integration)",
/// "Read replicas: virtual endpoints"), and the network of a server cannot be changed after creation.
/// </summary>
public sealed record DatabaseNetwork(PlannedResource PrimarySubnet, PlannedResource ReplicaSubnet, PlannedResource Zone, IReadOnlyList<PlannedResource> ZoneLinks)
{
    public Props For(PlannedResource subnet) => new()
    {
        ["delegatedSubnetResourceId"] = subnet.Id,
        ["privateDnsZoneArmResourceId"] = Zone.Id,
        ["publicNetworkAccess"] = "Disabled",
    };
}

/// <summary>What a tier's store is made of, and how it recovers from each failure scenario.</summary>
public sealed record TieredDatabaseResources(PlannedResource Server, PlannedResource? Replica, PlannedResource Password, IReadOnlyList<RecoveryPath> Recovery)
{
    /// <summary>The last operation of the tier's dependsOn chain: what another operation on its servers must wait for.</summary>
    public PlannedResource? LastOperation { get; init; }
}

/// <summary>
/// One PostgreSQL flexible server per DR tier, its recovery mechanisms chosen from documented Azure facts:
/// <list type="bullet">
/// <item>critical: HA standby (zone-redundant where the region allows new ones, else same-zone), an in-country read
/// replica with a writer virtual endpoint, geo-redundant backup, 35 days' retention;</item>
/// <item>high: no HA, an in-country read replica, geo-redundant backup, 14 days' retention (geo-backup alone gives
/// "up to one hour" RPO, which misses RPO &lt; 1 h);</item>
/// <item>standard: no HA, no replica, geo-redundant backup, 7 days' retention.</item>
/// </list>
/// Geo-redundant backup can only be chosen at creation, so every tier enables it from the start. Storage grows
/// automatically and never shrinks (it cannot).
/// <para>max_connections is left at the default Azure computes at creation: it is a static parameter, so any value the
/// plan set would wait for a restart no season switch makes (Microsoft docs, "Limits in Azure Database for PostgreSQL",
/// 2025-11-13: "After you change this setting, you need to restart your server"; "If you need more connections, we
/// suggest that you instead use PgBouncer"). Apps connect through the built-in PgBouncer (port 6432, transaction mode),
/// enabled on the primary and on the replica, so a promoted replica still has its pooler.</para>
/// <para>Microsoft Entra authentication names its tenant (the deploying identity's, from getClientConfig) and an
/// administrator (<c>freshfoodz:databaseAdmin</c>): without one no Entra principal can sign in or create the others
/// (Microsoft docs "Manage Microsoft Entra roles in Azure Database for PostgreSQL", 2025-10-06). The administrator is set on
/// the primary only: a read replica is read-only, and the role the administrator gets is replicated with the catalog.</para>
/// <para>A flexible server runs one management operation at a time (ServerIsBusy otherwise), and creating a replica
/// puts its primary into Updating: every operation on a tier's servers is chained by dependsOn, in this order:
/// server, Entra administrator, PgBouncer, database, replica, the replica's PgBouncer, the writer endpoint.</para>
/// </summary>
public static class TieredDatabase
{
    public const string Type = "freshfoodz:data:TieredDatabase";

    public const string AdministratorLogin = "ffadmin";

    public static TieredDatabaseResources Add(PlanBuilder plan, string name, TieredDatabaseArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        var tier = args.Tier.Code();
        var ha = args.Tier == DrTier.Critical;
        var replicated = args.Tier != DrTier.Standard && args.CrossRegionReplica;
        var zoneRedundant = ha && c.Primary.ZoneRedundantPostgresHa;
        var stateful = DeleteLock.Kept;
        // Storage is a floor the cloud may raise: autogrow raises storageSizeGB and storage never shrinks, so an update
        // must never send a size below the deployed one (terraform-provider-azurerm #5865, #29463). The planned size is
        // sent at creation only; every pulumi up runs with --refresh, which reads the live size into the state, and the
        // ignored input is sent from there (rule PostgresStorageIsAFloor; docs/disaster-recovery.md, raising it by hand).
        var serverOptions = stateful with { IgnoreChanges = ["storage.storageSizeGB"], CustomTimeouts = ServerTimeouts };

        var password = scope.Resource("random:index/randomPassword:RandomPassword", "admin-password", new Props
        {
            ["length"] = 32,
            ["special"] = true,
            // Characters that survive connection strings and shells unquoted.
            ["overrideSpecial"] = "-_=+.",
            ["minLower"] = 2,
            ["minUpper"] = 2,
            ["minNumeric"] = 2,
            ["minSpecial"] = 2,
        },
        // The typed SDK marks these outputs secret; a dictionary registration must ask for it (provider facts).
        new PlanOptions { AdditionalSecretOutputs = ["result", "bcryptHash"] });

        var server = scope.Resource("azure-native:dbforpostgresql:Server", "server", new Props
        {
            ["resourceGroupName"] = args.PrimaryGroup.Ref("name"),
            ["serverName"] = c.Names.PostgresServer(tier, replica: false),
            ["location"] = c.Primary.Name,
            ["version"] = args.PostgresVersion,
            ["createMode"] = "Create",
            ["availabilityZone"] = "1",
            ["sku"] = new Props { ["name"] = args.Sku.Name, ["tier"] = args.Sku.Tier.ToString() },
            ["storage"] = new Props { ["storageSizeGB"] = args.StorageSizeGB, ["autoGrow"] = "Enabled" },
            ["backup"] = new Props
            {
                ["backupRetentionDays"] = RetentionDays(args.Tier),
                ["geoRedundantBackup"] = "Enabled",
            },
            ["highAvailability"] = ha
                ? new Props { ["mode"] = zoneRedundant ? "ZoneRedundant" : "SameZone", ["standbyAvailabilityZone"] = zoneRedundant ? "2" : "1" }
                : new Props { ["mode"] = "Disabled" },
            ["authConfig"] = new Props { ["activeDirectoryAuth"] = "Enabled", ["passwordAuth"] = "Enabled", ["tenantId"] = args.TenantId },
            ["administratorLogin"] = AdministratorLogin,
            ["administratorLoginPassword"] = new PlanSecret(password.Ref("result")),
            ["network"] = args.Network.For(args.Network.PrimarySubnet),
            ["tags"] = c.Tags.For(DataClassification.Confidential),
        },
        // The zone must be linked to the networks before a server registers its name in it.
        serverOptions with { DependsOn = [.. args.Network.ZoneLinks.Select(l => l.Name)] });

        // Deleting the resource group in Azure must not take the server (and its databases) with it.
        DeleteLock.Add(scope, "server", server);

        // Each operation on this tier's servers waits for the one before (one operation at a time per server).
        var last = scope.Resource("azure-native:dbforpostgresql:Administrator", "entra-admin", new Props
        {
            ["resourceGroupName"] = args.PrimaryGroup.Ref("name"),
            ["serverName"] = server.Ref("name"),
            ["objectId"] = args.Admin.PrincipalId,
            ["principalName"] = args.Admin.PrincipalName,
            ["principalType"] = args.Admin.ApiPrincipalType,
            ["tenantId"] = args.TenantId,
        });
        if (args.Sku.Tier != PostgresTier.Burstable)
        {
            // Built-in PgBouncer (GeneralPurpose/MemoryOptimized only) takes up to 10,000 client connections.
            last = Parameter(scope, "pgbouncer", args.PrimaryGroup, server, last, "pgbouncer.enabled", "true");
        }
        last = scope.Resource("azure-native:dbforpostgresql:Database", "database", new Props
        {
            ["resourceGroupName"] = args.PrimaryGroup.Ref("name"),
            ["serverName"] = server.Ref("name"),
            ["databaseName"] = "freshfoodz",
            ["charset"] = "UTF8",
            ["collation"] = "en_US.utf8",
        }, stateful with { DependsOn = [last.Name] });

        PlannedResource? replica = null;
        if (replicated)
        {
            replica = scope.Resource("azure-native:dbforpostgresql:Server", "replica", new Props
            {
                ["resourceGroupName"] = args.DisasterRecoveryGroup.Ref("name"),
                ["serverName"] = c.Names.PostgresServer(tier, replica: true),
                ["location"] = c.DisasterRecovery.Name,
                ["createMode"] = "Replica",
                ["sourceServerResourceId"] = server.Id,
                // The primary's SKU (mid-switch, never smaller): a promoted replica must carry the primary's load.
                ["sku"] = new Props { ["name"] = (args.ReplicaSku ?? args.Sku).Name, ["tier"] = (args.ReplicaSku ?? args.Sku).Tier.ToString() },
                ["storage"] = new Props { ["storageSizeGB"] = args.StorageSizeGB, ["autoGrow"] = "Enabled" },
                ["network"] = args.Network.For(args.Network.ReplicaSubnet),
                ["tags"] = c.Tags.For(DataClassification.Confidential),
            }, serverOptions with { DependsOn = [last.Name] });
            DeleteLock.Add(scope, "replica", replica);
            // PgBouncer settings are per server: a promoted replica without its own has no pooler on port 6432.
            last = (args.ReplicaSku ?? args.Sku).Tier == PostgresTier.Burstable
                ? replica
                : Parameter(scope, "replica-pgbouncer", args.DisasterRecoveryGroup, replica, replica, "pgbouncer.enabled", "true");
            // A writer endpoint that follows promotion, so apps reconnect without a config change.
            last = scope.Resource("azure-native:dbforpostgresql:VirtualEndpoint", "writer-endpoint", new Props
            {
                ["resourceGroupName"] = args.PrimaryGroup.Ref("name"),
                ["serverName"] = server.Ref("name"),
                ["virtualEndpointName"] = $"{c.Names.PostgresServer(tier, replica: false)}-writer",
                ["endpointType"] = "ReadWrite",
                ["members"] = PlanValue.List(replica.Ref("name")),
            }, new PlanOptions { DependsOn = [last.Name] });
        }

        return new TieredDatabaseResources(server, replica, password, Recovery(ha, zoneRedundant, replicated)) { LastOperation = last };
    }

    /// <summary>
    /// How long a server's create, update and delete may run. terraform-provider-azurerm documents 60 minutes for each
    /// (website/docs/r/postgresql_flexible_server.html.markdown, "Timeouts"); creating a read replica copies the
    /// primary's data (512 GB for de-prod's critical tier) and an HA scale-up scales the standby before it fails over,
    /// so create and update get twice that. Delete keeps the documented hour.
    /// </summary>
    public static readonly PlanTimeouts ServerTimeouts = PlanTimeouts.Minutes(create: 120, update: 120, delete: 60);

    /// <summary>
    /// The host of a tier's writer virtual endpoint (<c>{server}-writer</c>): it points at whichever server is the
    /// writer, so after a replica's promotion it follows the promoted server (Microsoft docs "Read replicas in Azure
    /// Database for PostgreSQL", virtual endpoints).
    /// </summary>
    public static string WriterHost(string serverName) => $"{serverName}-writer.writer.postgres.database.azure.com";

    /// <summary>Backup retention (7–35 days allowed): critical keeps the most history for point-in-time restore.</summary>
    public static int RetentionDays(DrTier tier) => tier switch
    {
        DrTier.Critical => 35,
        DrTier.High => 14,
        _ => 7,
    };

    /// <summary>
    /// The mechanism that recovers each scenario: a server failure by HA failover if there is a standby; a zone outage
    /// by HA only if the standby is in another zone; otherwise, and for a region outage, by promoting the replica if
    /// there is one; else by restoring backups (point-in-time within the region, geo-restore across it).
    /// </summary>
    public static IReadOnlyList<RecoveryPath> Recovery(bool ha, bool zoneRedundant, bool replica)
    {
        var fallbackInRegion = replica ? RecoveryMechanism.ReplicaPromotion : RecoveryMechanism.PointInTimeRestore;
        return
        [
            new("server failure", ha ? RecoveryMechanism.HighAvailabilityFailover : fallbackInRegion),
            new("zone outage", zoneRedundant ? RecoveryMechanism.HighAvailabilityFailover : fallbackInRegion),
            new("region outage", replica ? RecoveryMechanism.ReplicaPromotion : RecoveryMechanism.GeoRestore),
        ];
    }

    private static PlannedResource Parameter(
        ComponentScope scope, string role, PlannedResource group, PlannedResource server, PlannedResource after, string parameter, string value) =>
        scope.Resource("azure-native:dbforpostgresql:Configuration", role, new Props
        {
            ["resourceGroupName"] = group.Ref("name"),
            ["serverName"] = server.Ref("name"),
            ["configurationName"] = parameter,
            ["value"] = value,
            ["source"] = "user-override",
        }, after == server ? null : new PlanOptions { DependsOn = [after.Name] });
}
