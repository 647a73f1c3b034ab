using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Secrets;
using FreshFoodz.Components.Workloads;

namespace FreshFoodz.Components.Chaos;

public sealed record ChaosScenariosArgs
{
    public required TerritoryContext Context { get; init; }
    public required string SubscriptionId { get; init; }
    public required PlannedResource ResourceGroup { get; init; }
    public required PlannedResource Cluster { get; init; }

    /// <summary>The critical tier's database as its apps reach it (writer endpoint, PgBouncer).</summary>
    public required TierDatabaseAccess Critical { get; init; }

    /// <summary>The canary's namespace and identities: the database scenarios run as the critical tier's.</summary>
    public required RecoveryCanaryResources Canary { get; init; }

    /// <summary>The lead-protection audit trail's storage account and container.</summary>
    public required PlannedResource AuditAccount { get; init; }
    public required PlannedResource AuditContainer { get; init; }

    public required string Pushgateway { get; init; }
}

/// <summary>
/// The seasonal plan's business chaos that runs inside the cluster, each a suspended CronJob in the drills namespace,
/// started by hand during the rehearsal (<c>kubectl create job --from=cronjob/…</c>) and never on a schedule: PgBouncer's
/// pool held full, the lead-protection data corrupted (then recovered by a restore drill), and an attempt to delete a
/// protected version of the lead-protection audit trail. The two floods are k6 scripts (src/Operations/LoadTests).
/// Every resource carries <see cref="ChaosLabel"/>, which policy ChaosOnlyOnRehearsal refuses in a production plan.
/// </summary>
public static class ChaosScenarios
{
    public const string Type = "freshfoodz:chaos:ChaosScenarios";

    /// <summary>Marks a resource as chaos: only a rehearsal plan may hold one.</summary>
    public static readonly (string Key, string Value) ChaosLabel = ("freshfoodz.io/chaos", "true");

    /// <summary>Suspended, so the schedule never fires; the date is only there because a CronJob needs one.</summary>
    public const string NeverSchedule = "0 0 1 1 *";

    public const string PoolExhaustion = "chaos-pool-exhaustion";
    public const string LeadProtectionCorruption = "chaos-lead-protection-corruption";
    public const string AuditOverwrite = "chaos-audit-overwrite";

    /// <summary>Ten more than PgBouncer's pool (pgbouncer.default_pool_size 50), so every server connection is held and clients queue.</summary>
    public const int PoolConnections = 60;

    /// <summary>How long the pool is held: longer than DatabasePoolSaturated's 10 minutes, with room for the alert to reach the on-call.</summary>
    public const int PoolHoldSeconds = 1200;

    /// <summary>
    /// The lead-protection data the scenario corrupts: the sales module's protections (the rehearsal's are synthetic).
    /// The sales team's schema; change it here if theirs differs.
    /// </summary>
    public const string LeadProtectionTable = "sales.lead_protections";

    /// <summary>The Azure CLI image (Microsoft's, on MCR) the audit scenario signs in with, as its workload identity.</summary>
    public const string AzureCliImage = "mcr.microsoft.com/azure-cli:2.67.0";

    /// <summary>Built-in role "Storage Blob Data Contributor": read, write and delete blobs (Azure built-in roles, Storage).</summary>
    public const string BlobDataContributorRole = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    public const string AuditServiceAccount = "chaos-audit";

    public static IReadOnlyList<PlannedResource> Add(PlanBuilder plan, string name, ChaosScenariosArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        var resources = new List<PlannedResource>();
        var critical = DrTier.Critical;
        var afterCanary = new PlanOptions { DependsOn = [args.Canary.Namespace.Name, .. args.Canary.PodPrerequisites[critical].Select(r => r.Name)] };
        IEnumerable<(string, PlanValue)> Database() =>
        [
            .. DrillPods.Connection(args.Critical.Host, args.Critical.Port, args.Critical.Database, args.Critical.User),
            ("TERRITORY", c.Territory.Code),
        ];
        resources.Add(scope.Resource("kubernetes:batch/v1:CronJob", "pool-exhaustion",
            CronJob(c, PoolExhaustion, critical, DrillPods.PodSpec(critical, PoolScript, [.. Database(), ("CONNECTIONS", PoolConnections.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("HOLD_SECONDS", PoolHoldSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]), PoolHoldSeconds + 300),
            afterCanary));
        resources.Add(scope.Resource("kubernetes:batch/v1:CronJob", "lead-protection-corruption",
            CronJob(c, LeadProtectionCorruption, critical, DrillPods.PodSpec(critical, CorruptionScript, Database()), 600), afterCanary));

        // The audit attempt has its own identity, allowed to write the lead-protection audit container and nothing else.
        var identity = KeyVaultReader.WorkloadIdentity(scope, "audit", c, args.ResourceGroup, args.Cluster, AuditServiceAccount, DrillPods.Namespace, AuditServiceAccount);
        var role = scope.Resource("azure-native:authorization:RoleAssignment", "audit-writes-container", new Props
        {
            ["scope"] = args.AuditContainer.Id,
            ["roleAssignmentName"] = Naming.StableGuid.From($"{c.Names.Stack}/{AuditServiceAccount}/lead-protection-audit"),
            ["roleDefinitionId"] = $"/subscriptions/{args.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{BlobDataContributorRole}",
            ["principalId"] = identity.Ref("principalId"),
            ["principalType"] = "ServicePrincipal",
        });
        var account = scope.Resource("kubernetes:core/v1:ServiceAccount", "audit-service-account", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new Props
            {
                ["name"] = AuditServiceAccount,
                ["namespace"] = DrillPods.Namespace,
                ["labels"] = Labels(c, AuditOverwrite),
                ["annotations"] = new Props { ["azure.workload.identity/client-id"] = identity.Ref("clientId") },
            },
        }, new PlanOptions { DependsOn = [args.Canary.Namespace.Name] });
        resources.Add(scope.Resource("kubernetes:batch/v1:CronJob", "audit-overwrite", CronJob(c, AuditOverwrite, critical, new Props
        {
            ["serviceAccountName"] = AuditServiceAccount,
            ["restartPolicy"] = "Never",
            ["containers"] = PlanValue.List(new Props
            {
                ["name"] = "az",
                ["image"] = AzureCliImage,
                ["command"] = PlanValue.List("/bin/sh", "-c", AuditScript),
                ["env"] = PlanValue.List(
                    new Props { ["name"] = "ACCOUNT", ["value"] = args.AuditAccount.Ref("name") },
                    new Props { ["name"] = "CONTAINER", ["value"] = args.AuditContainer.Ref("name") },
                    new Props { ["name"] = "TERRITORY", ["value"] = c.Territory.Code },
                    new Props { ["name"] = "PUSHGATEWAY", ["value"] = args.Pushgateway }),
                ["resources"] = new Props
                {
                    ["requests"] = new Props { ["cpu"] = "50m", ["memory"] = "128Mi" },
                    ["limits"] = new Props { ["memory"] = "512Mi" },
                },
            }),
        }, 600), new PlanOptions { DependsOn = [account.Name, role.Name] }));
        return resources;
    }

    private static Props Labels(TerritoryContext c, string scenario)
    {
        var labels = c.Tags.Labels();
        labels["app.kubernetes.io/name"] = scenario;
        labels[ChaosLabel.Key] = ChaosLabel.Value;
        return labels;
    }

    private static Props CronJob(TerritoryContext c, string scenario, DrTier tier, Props pod, int deadlineSeconds)
    {
        var labels = Labels(c, scenario);
        labels["freshfoodz.io/tier"] = tier.Code();
        return new Props
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "CronJob",
            ["metadata"] = new Props { ["name"] = scenario, ["namespace"] = DrillPods.Namespace, ["labels"] = labels },
            ["spec"] = new Props
            {
                ["schedule"] = NeverSchedule,
                ["suspend"] = true,
                ["jobTemplate"] = new Props
                {
                    ["spec"] = new Props
                    {
                        ["backoffLimit"] = 0,
                        ["activeDeadlineSeconds"] = deadlineSeconds,
                        ["template"] = new Props
                        {
                            ["metadata"] = new Props { ["labels"] = DrillPods.WithWorkloadIdentity(labels) },
                            ["spec"] = pod,
                        },
                    },
                },
            },
        };
    }

    /// <summary>Opens more connections through PgBouncer than its pool has, each holding a server connection in an open transaction.</summary>
    public static readonly string PoolScript = """
set -eu
PGPASSWORD="$(cat "$PASSWORD_FILE")"; export PGPASSWORD
echo "holding $CONNECTIONS connections through $PGHOST:$PGPORT for $HOLD_SECONDS s"
i=0
while [ "$i" -lt "$CONNECTIONS" ]; do
  psql -Atq -c "BEGIN; SELECT pg_sleep($HOLD_SECONDS); COMMIT;" >/dev/null 2>&1 &
  i=$((i + 1))
done
wait || true
echo "released"
""";

    /// <summary>
    /// Records the lead-protection data's checksum and the moment before the corruption in the drills schema (a restore
    /// to that moment must give the checksum back), then expires every active protection.
    /// </summary>
    public static readonly string CorruptionScript = $$"""
set -eu
PGPASSWORD="$(cat "$PASSWORD_FILE")"; export PGPASSWORD
psql -v ON_ERROR_STOP=1 -Atq \
  -c "CREATE SCHEMA IF NOT EXISTS freshfoodz_drills" \
  -c "CREATE TABLE IF NOT EXISTS freshfoodz_drills.chaos_log (at timestamptz PRIMARY KEY, scenario text NOT NULL, checksum text NOT NULL)" \
  -c "INSERT INTO freshfoodz_drills.chaos_log (at, scenario, checksum) SELECT clock_timestamp(), 'lead-protection-corruption', coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM {{LeadProtectionTable}} t"
sleep 61
psql -v ON_ERROR_STOP=1 -Atq -c "UPDATE {{LeadProtectionTable}} SET protected_until = now() - interval '1 day' WHERE protected_until > now()"
psql -v ON_ERROR_STOP=1 -At -c "SELECT 'corrupted after ' || to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ': restore to that point, checksum ' || max(checksum) FROM freshfoodz_drills.chaos_log WHERE scenario = 'lead-protection-corruption'"
""";

    /// <summary>
    /// Writes a probe into the lead-protection audit trail (allowed: immutability keeps what is written), then tries to
    /// delete the probe's version, which the version-level immutability policy must refuse; reports the refusal as
    /// the audit writer would, and fails loudly if the delete went through.
    /// </summary>
    public static readonly string AuditScript = $$"""
set -eu
push() {
  printf '# TYPE {{DrillMetrics.AuditWriteRefused}} counter\n{{DrillMetrics.AuditWriteRefused}} %s\n' "$1" > /tmp/metrics
  curl -fsS --data-binary @/tmp/metrics "$PUSHGATEWAY/metrics/job/{{DrillMetrics.ChaosJob}}/territory/$TERRITORY/scenario/audit-overwrite"
}
az login --service-principal -u "$AZURE_CLIENT_ID" -t "$AZURE_TENANT_ID" --federated-token "$(cat "$AZURE_FEDERATED_TOKEN_FILE")" --allow-no-subscriptions >/dev/null
push 0
sleep 65
probe="chaos-probe/$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "chaos probe: this version must never be deleted" > /tmp/probe
az storage blob upload --auth-mode login --account-name "$ACCOUNT" --container-name "$CONTAINER" --name "$probe" --file /tmp/probe >/dev/null
version=$(az storage blob show --auth-mode login --account-name "$ACCOUNT" --container-name "$CONTAINER" --name "$probe" --query versionId -o tsv)
if az storage blob delete --auth-mode login --account-name "$ACCOUNT" --container-name "$CONTAINER" --name "$probe" --version-id "$version" 2>/tmp/refused; then
  echo "IMMUTABILITY BROKEN: version $version of $probe was deleted" >&2
  exit 1
fi
grep -q "BlobImmutableDueToPolicy\|immutable" /tmp/refused || { echo "the delete failed for another reason:" >&2; cat /tmp/refused >&2; exit 1; }
push 1
echo "refused as it must be: $probe version $version stays"
""";
}
