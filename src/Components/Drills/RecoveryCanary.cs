using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Secrets;
using FreshFoodz.Components.Workloads;

namespace FreshFoodz.Components.Drills;

public sealed record RecoveryCanaryArgs
{
    /// <summary>Where its identities are made and which vault they read.</summary>
    public required VaultReaderSite Site { get; init; }

    /// <summary>How each tier's apps reach their database (the writer endpoint and PgBouncer where the tier has them).</summary>
    public required IReadOnlyDictionary<DrTier, TierDatabaseAccess> Databases { get; init; }

    /// <summary>Where the canaries push their last write (the Pushgateway's URL).</summary>
    public required string Pushgateway { get; init; }
}

/// <summary>
/// What the canary planned, for the drills that run as the same identities in the same namespace: per tier its
/// identity, and what a pod needs before it starts (service account, SecretProviderClass, the role on the secret).
/// </summary>
public sealed record RecoveryCanaryResources(
    PlannedResource Namespace, IReadOnlyDictionary<DrTier, PlannedResource> Identities, IReadOnlyDictionary<DrTier, IReadOnlyList<PlannedResource>> PodPrerequisites);

/// <summary>
/// The RPO canary: per DR tier a CronJob that writes a timestamped row into the tier's database every minute, through
/// the path the apps take (the writer virtual endpoint of a replicated tier, PgBouncer on 6432 where the SKU has it),
/// as the tier's own workload identity reading only the tier's password, and pushes what it saw: the newest row before
/// its write and the write itself. A restored or promoted copy's newest canary row, against the restore point or the
/// moment of failure, is the RPO actually achieved (docs/recovery-drills.md); between two runs, a newest row older
/// than the last acknowledged write is data lost.
/// </summary>
public static class RecoveryCanary
{
    public const string Type = "freshfoodz:drills:RecoveryCanary";

    /// <summary>Every minute, the finest a CronJob schedules: the RPO is measured to the minute.</summary>
    public const string Schedule = "* * * * *";

    public static RecoveryCanaryResources Add(PlanBuilder plan, string name, RecoveryCanaryArgs args)
    {
        var c = args.Site.Context;
        var scope = plan.Component(Type, name);
        var ns = scope.Resource("kubernetes:core/v1:Namespace", "namespace", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new Props { ["name"] = DrillPods.Namespace, ["labels"] = c.Tags.Labels() },
        });
        var inNamespace = new PlanOptions { DependsOn = [ns.Name] };
        var identities = new Dictionary<DrTier, PlannedResource>();
        var prerequisites = new Dictionary<DrTier, IReadOnlyList<PlannedResource>>();
        foreach (var (tier, db) in args.Databases.OrderBy(d => d.Key))
        {
            var t = tier.Code();
            var account = DrillPods.ServiceAccount(tier);
            var identity = KeyVaultReader.WorkloadIdentity(scope, t, c, args.Site.ResourceGroup, args.Site.Cluster, account, DrillPods.Namespace, account);
            identities[tier] = identity;
            var role = scope.Resource("azure-native:authorization:RoleAssignment", $"{t}-reads-password",
                KeyVaultReader.SecretsUser(args.Site.SubscriptionId, db.PasswordSecret.Id, $"{c.Names.Stack}/{account}/{db.PasswordSecretName}", identity.Ref("principalId")));
            var labels = DrillPods.Labels(c, "recovery-canary", tier);
            var serviceAccount = scope.Resource("kubernetes:core/v1:ServiceAccount", $"{t}-service-account", new Props
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new Props
                {
                    ["name"] = account,
                    ["namespace"] = DrillPods.Namespace,
                    ["labels"] = labels,
                    ["annotations"] = new Props { ["azure.workload.identity/client-id"] = identity.Ref("clientId") },
                },
            }, inNamespace);
            var secretClass = scope.Resource("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", $"{t}-password",
                KeyVaultReader.SecretProviderClass(account, DrillPods.Namespace, DrillPods.Labels(c, "recovery-canary", tier), identity.Ref("clientId"), args.Site.VaultName, args.Site.TenantId,
                    [(db.PasswordSecretName, "password")]), inNamespace);
            prerequisites[tier] = [role, serviceAccount, secretClass];
            scope.Resource("kubernetes:batch/v1:CronJob", t, new Props
            {
                ["apiVersion"] = "batch/v1",
                ["kind"] = "CronJob",
                ["metadata"] = new Props { ["name"] = $"canary-{t}", ["namespace"] = DrillPods.Namespace, ["labels"] = DrillPods.Labels(c, "recovery-canary", tier) },
                ["spec"] = new Props
                {
                    ["schedule"] = Schedule,
                    ["timeZone"] = "Etc/UTC",
                    // One run at a time, and a late run skipped rather than piled up: the next minute writes anyway.
                    ["concurrencyPolicy"] = "Forbid",
                    ["startingDeadlineSeconds"] = 50,
                    ["successfulJobsHistoryLimit"] = 1,
                    ["failedJobsHistoryLimit"] = 3,
                    ["jobTemplate"] = new Props
                    {
                        ["spec"] = new Props
                        {
                            ["backoffLimit"] = 0,
                            ["activeDeadlineSeconds"] = 50,
                            ["template"] = new Props
                            {
                                ["metadata"] = new Props { ["labels"] = DrillPods.WithWorkloadIdentity(DrillPods.Labels(c, "recovery-canary", tier)) },
                                ["spec"] = DrillPods.PodSpec(tier, Script,
                                [
                                    .. DrillPods.Connection(db.Host, db.Port, db.Database, db.User),
                                    ("TIER", t),
                                    ("TERRITORY", c.Territory.Code),
                                    ("PUSHGATEWAY", args.Pushgateway),
                                ]),
                            },
                        },
                    },
                },
            }, new PlanOptions { DependsOn = [ns.Name, role.Name, serviceAccount.Name, secretClass.Name] });
        }
        return new RecoveryCanaryResources(ns, identities, prerequisites);
    }

    /// <summary>
    /// Reads the newest row, writes one (the server's clock_timestamp(), so clocks never disagree), prunes rows older
    /// than <see cref="DrillPods.CanaryKeepDays"/> days and pushes both times. Each -c is its own transaction (PgBouncer's
    /// transaction mode keeps no session state between them).
    /// </summary>
    public static readonly string Script = $$"""
set -eu
PGPASSWORD="$(cat "$PASSWORD_FILE")"; export PGPASSWORD
newest=$(psql -v ON_ERROR_STOP=1 -Atq \
  -c "CREATE SCHEMA IF NOT EXISTS freshfoodz_drills" \
  -c "CREATE TABLE IF NOT EXISTS {{DrillPods.CanaryTable}} (written_at timestamptz PRIMARY KEY, tier text NOT NULL)" \
  -c "SELECT coalesce(extract(epoch FROM max(written_at)), 0) FROM {{DrillPods.CanaryTable}}")
written=$(psql -v ON_ERROR_STOP=1 -Atq -c "INSERT INTO {{DrillPods.CanaryTable}} (written_at, tier) VALUES (clock_timestamp(), '$TIER') RETURNING extract(epoch FROM written_at)")
psql -v ON_ERROR_STOP=1 -Atq -c "DELETE FROM {{DrillPods.CanaryTable}} WHERE written_at < now() - interval '{{DrillPods.CanaryKeepDays}} days'"
cat > /tmp/metrics <<EOF
# TYPE {{DrillMetrics.CanaryLastWrite}} gauge
{{DrillMetrics.CanaryLastWrite}} $written
# TYPE {{DrillMetrics.CanaryNewestRow}} gauge
{{DrillMetrics.CanaryNewestRow}} $newest
EOF
wget -q -O /dev/null --post-file=/tmp/metrics "$PUSHGATEWAY/metrics/job/{{DrillMetrics.CanaryJob}}/territory/$TERRITORY/tier/$TIER"
""";
}
