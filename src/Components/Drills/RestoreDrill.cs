using FreshFoodz.Components.Data;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Tagging;
using FreshFoodz.Components.Workloads;

namespace FreshFoodz.Components.Drills;

public sealed record RestoreDrillArgs
{
    public required TerritoryContext Context { get; init; }
    public required RestoreDrillPlan Drill { get; init; }
    public required PlannedResource PrimaryGroup { get; init; }
    public required PlannedResource DisasterRecoveryGroup { get; init; }

    /// <summary>The delegated subnets and the private zone: a drill server is private like the tier's own.</summary>
    public required DatabaseNetwork Network { get; init; }

    /// <summary>Each tier's servers (the source of its restores) and how its apps reach it (database, user, password).</summary>
    public required IReadOnlyDictionary<DrTier, (TieredDatabaseResources Servers, TierDatabaseAccess Access)> Databases { get; init; }

    /// <summary>The canary's namespace and per-tier identities, which the verification runs as.</summary>
    public required RecoveryCanaryResources Canary { get; init; }

    public required string Pushgateway { get; init; }
}

/// <summary>
/// A restore drill as code (<c>freshfoodz:restoreDrill</c>): for each listed tier a point-in-time restore of its primary
/// into a new server in the same region and network, and for the standard tier a geo-restore into the DR region, each
/// clearly named as a drill (<see cref="Naming.AzureNames.PostgresDrillServer"/>) and tagged <c>purpose: restore-drill</c>;
/// then a verification Job per restored server, which reads the canary, checks the schema and pushes the measured RTO
/// (the server's creation request to verified) and RPO (the restore point, or for a geo-restore that gave the paired
/// region's last available backup instead, the drill's start, less the newest canary row the copy holds). A restore creates a new server and never touches its source
/// (Microsoft docs, concepts-backup-restore: "always creates a new database server … It doesn't overwrite the existing
/// database server"), so production may run it. Drill servers are not protected and not retained: removing the setting
/// removes them, and no app refers to them (policy DrillServersStayApart).
/// </summary>
public static class RestoreDrill
{
    public const string Type = "freshfoodz:drills:RestoreDrill";

    /// <summary>The tag every drill server carries; the protection policy exempts only servers restored with it.</summary>
    public static readonly (string Key, string Value) PurposeTag = ("purpose", "restore-drill");

    /// <summary>How long a verification waits for its server to take connections, and runs at most.</summary>
    public const int VerifyDeadlineSeconds = 3600;

    public static IReadOnlyList<PlannedResource> Add(PlanBuilder plan, string name, RestoreDrillArgs args)
    {
        var c = args.Context;
        var d = args.Drill;
        var scope = plan.Component(Type, name);
        var resources = new List<PlannedResource>();
        foreach (var tier in d.Tiers.Order())
        {
            var (servers, access) = args.Databases[tier];
            // A restore reads the source's backups; it is ordered after every operation on the source all the same
            // (deployment rule OneOperationPerServer), then the tier's restores one after the other.
            var after = servers.LastOperation ?? servers.Server;
            foreach (var kind in RestoreDrillPlan.KindsFor(tier))
            {
                var k = RestoreDrillPlan.Code(kind);
                var geo = kind == RestoreKind.Geo;
                var tags = c.Tags.For(DataClassification.Confidential);
                tags[PurposeTag.Key] = PurposeTag.Value;
                tags["drill"] = d.DateCode;
                var server = scope.Resource("azure-native:dbforpostgresql:Server", $"{tier.Code()}-{k}-server", new Props
                {
                    ["resourceGroupName"] = (geo ? args.DisasterRecoveryGroup : args.PrimaryGroup).Ref("name"),
                    ["serverName"] = c.Names.PostgresDrillServer(tier.Code(), k, d.DateCode),
                    // Point-in-time: the source's region; geo-restore: the paired region, in-country (deployment rule PostgresRestoreTarget).
                    ["location"] = (geo ? c.DisasterRecovery : c.Primary).Name,
                    ["createMode"] = geo ? "GeoRestore" : "PointInTimeRestore",
                    ["sourceServerResourceId"] = servers.Server.Id,
                    // Required for both kinds (azure-native 3.28.0 Server.pointInTimeUTC). A geo-restore gives the paired region's last
                    // available backup (concepts-backup-restore.md, FAQ) or, where a custom point is offered (how-to-restore-paired-region.md,
                    // 2025-11-06), this one: the verification tells which from the copy.
                    ["pointInTimeUTC"] = d.PointInTimeText,
                    // Private like its source: a private server restores to a virtual network only, across regions to another one.
                    ["network"] = args.Network.For(geo ? args.Network.ReplicaSubnet : args.Network.PrimarySubnet),
                    ["tags"] = tags,
                },
                new PlanOptions { Protect = false, RetainOnDelete = false, DependsOn = [after.Name] });
                after = server;
                resources.Add(server);
                resources.Add(Verification(scope, c, args, tier, kind, server, access));
            }
        }
        return resources;
    }

    private static PlannedResource Verification(ComponentScope scope, TerritoryContext c, RestoreDrillArgs args, DrTier tier, RestoreKind kind, PlannedResource server, TierDatabaseAccess access)
    {
        var d = args.Drill;
        var k = RestoreDrillPlan.Code(kind);
        var labels = DrillPods.Labels(c, "restore-drill", tier);
        labels["freshfoodz.io/drill"] = d.DateCode;
        return scope.Resource("kubernetes:batch/v1:Job", $"{tier.Code()}-{k}-verify", new Props
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new Props { ["name"] = $"verify-{tier.Code()}-{k}-{d.DateCode}", ["namespace"] = DrillPods.Namespace, ["labels"] = labels },
            ["spec"] = new Props
            {
                // Measured once: a rerun would time the rerun, not the restore. No TTL either, so nothing re-creates it.
                ["backoffLimit"] = 2,
                ["activeDeadlineSeconds"] = VerifyDeadlineSeconds,
                ["template"] = new Props
                {
                    ["metadata"] = new Props { ["labels"] = DrillPods.WithWorkloadIdentity(labels) },
                    // The restored server has no PgBouncer (server parameters are not restored): straight to 5432.
                    ["spec"] = DrillPods.PodSpec(tier, Script,
                    [
                        .. DrillPods.Connection(server.Ref("fullyQualifiedDomainName"), 5432, access.Database, access.User),
                        ("TIER", tier.Code()),
                        ("KIND", k),
                        ("DRILL", d.DateCode),
                        ("TERRITORY", c.Territory.Code),
                        ("RESTORE_POINT", d.PointInTimeText),
                        ("DRILL_STARTED_AT", server.Ref("systemData.createdAt")),
                        ("PUSHGATEWAY", args.Pushgateway),
                    ]),
                },
            },
        }, new PlanOptions { DependsOn = [args.Canary.Namespace.Name, server.Name, .. args.Canary.PodPrerequisites[tier].Select(r => r.Name)] });
    }

    /// <summary>
    /// Waits for the restored server, checks the copy (the database and the canary's table are there; the application
    /// tables counted), finds the newest canary row at or before the restore point and pushes RTO and RPO; on any
    /// failure pushes success 0 and fails the Job, which fails <c>pulumi up</c>.
    /// </summary>
    public static readonly string Script = $$"""
set -eu
PGPASSWORD="$(cat "$PASSWORD_FILE")"; export PGPASSWORD
push() {
  cat > /tmp/metrics
  wget -q -O /dev/null --post-file=/tmp/metrics "$PUSHGATEWAY/metrics/job/{{DrillMetrics.RestoreJob}}/territory/$TERRITORY/tier/$TIER/{{DrillMetrics.KindLabel}}/$KIND"
}
fail() {
  echo "restore drill $DRILL ($TIER, $KIND) failed: $1" >&2
  printf '# TYPE {{DrillMetrics.Success}} gauge\n{{DrillMetrics.Success}}{drill="%s"} 0\n' "$DRILL" | push
  exit 1
}
tries=0
until psql -Atq -c "SELECT 1" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || fail "$PGHOST took no connection within 30 minutes"
  sleep 30
done
q() { psql -v ON_ERROR_STOP=1 -Atq -c "$1" || fail "query failed: $1"; }
started=$(q "SELECT extract(epoch FROM timestamptz '$DRILL_STARTED_AT')")
[ "$(q "SELECT to_regclass('{{DrillPods.CanaryTable}}') IS NOT NULL")" = t ] || fail "the copy has no {{DrillPods.CanaryTable}}: its schema is not there"
tables=$(q "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema', 'freshfoodz_drills')")
point=$(q "SELECT extract(epoch FROM timestamptz '$RESTORE_POINT')")
# A geo-restore gives the paired region's last available backup, or the point asked for where it is honoured: rows
# after that point mean the former, and the copy is then measured against the drill's start.
if [ "$KIND" = geo ] && [ "$(q "SELECT count(*) FROM {{DrillPods.CanaryTable}} WHERE written_at > to_timestamp($point)")" != 0 ]; then point=$started; fi
newest=$(q "SELECT coalesce(extract(epoch FROM max(written_at)), 0) FROM {{DrillPods.CanaryTable}} WHERE written_at <= to_timestamp($point)")
[ "$newest" != 0 ] || fail "the copy holds no canary row at or before the restore point"
verified=$(date -u +%s)
rto=$(awk -v a="$verified" -v b="$started" 'BEGIN { printf "%.0f", a - b }')
rpo=$(awk -v a="$point" -v b="$newest" 'BEGIN { printf "%.0f", a - b }')
push <<EOF
# TYPE {{DrillMetrics.Started}} gauge
{{DrillMetrics.Started}}{drill="$DRILL"} $started
# TYPE {{DrillMetrics.Verified}} gauge
{{DrillMetrics.Verified}}{drill="$DRILL"} $verified
# TYPE {{DrillMetrics.Rto}} gauge
{{DrillMetrics.Rto}}{drill="$DRILL"} $rto
# TYPE {{DrillMetrics.Rpo}} gauge
{{DrillMetrics.Rpo}}{drill="$DRILL"} $rpo
# TYPE {{DrillMetrics.RestoredTables}} gauge
{{DrillMetrics.RestoredTables}}{drill="$DRILL"} $tables
# TYPE {{DrillMetrics.Success}} gauge
{{DrillMetrics.Success}}{drill="$DRILL"} 1
EOF
echo "restore drill $DRILL ($TIER, $KIND): RTO $rto s, RPO $rpo s, $tables application tables"
""";
}
