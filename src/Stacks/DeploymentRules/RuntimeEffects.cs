using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>What one change does to the running system, for how long, and the source that says so.</summary>
public sealed record RuntimeEffect(string Resource, string Type, string Property, string Effect, string Unavailability, string Source);

/// <summary>
/// What each property one update (one step of a season switch) changes does at run time. The steps keep a replica
/// at least as large as its primary (rule ReplicaComputeAtLeastPrimary): replicas move in the step before their
/// primaries on a scale-up, after them on a scale-down.
/// </summary>
public static class RuntimeEffects
{
    private const string HaScaling =
        "Azure Updates 2025-10-22 \"Generally Available: Near-zero downtime scaling for HA-enabled Azure Database for PostgreSQL servers\" (typically under 30 seconds)";

    private const string Scaling =
        "Microsoft docs \"Scaling resources in Azure Database for PostgreSQL flexible server\" (concepts-scaling-resources.md, 2024-04-27): "
        + "a compute change restarts the instance; Azure Updates 2025-10-22: without HA 2-10 minutes";

    private const string StorageScaling =
        "Microsoft docs \"Limits in Azure Database for PostgreSQL\" (2025-11-13), \"Scale operations\": scaling up storage requires a server restart";

    private const string Autoscaler =
        "Microsoft docs \"Use the cluster autoscaler in AKS\": minCount/maxCount bound the autoscaler; AKS release 2021-07-22: a minimum raised "
        + "through the AKS API is enforced; count is under ignoreChanges and sent as the live count (every up refreshes: Pulumi.yaml options.refresh; rule AutoscaledPoolCountFromLive)";

    private const string Hpa =
        "Kubernetes docs \"Horizontal Pod Autoscaling\": replicas are added or removed, running pods keep serving";

    public static IReadOnlyList<RuntimeEffect> Between(StackPlan from, StackPlan to, StackSettings settings) =>
        [.. PlanDiff.Between(from, to).Where(c => c.Kind == ChangeKind.InPlace)
            .Select(c => Effect(c, to.Resources.First(r => r.Name == c.Resource), settings))];

    private static RuntimeEffect Effect(PropertyChange c, PlannedResource resource, StackSettings settings)
    {
        RuntimeEffect Make(string effect, string unavailability, string source) =>
            new(c.Resource, c.Type, c.Path, effect, unavailability, source);
        switch (c.Type, c.Path)
        {
            case (PlanFacts.PostgresServer, "sku.name" or "sku.tier"):
                var up = Cores(settings, Text(c.To)) > Cores(settings, Text(c.From));
                if (resource.IsReplica())
                {
                    return up
                        ? Make("replica compute scaled up in a step before its primary's, so it is never smaller; it restarts", "replica reads: 2-10 min", Scaling)
                        : Make("replica compute scaled down in the step after its primary's; it restarts", "replica reads: 2-10 min", Scaling);
                }
                return resource.Text("highAvailability.mode") is "ZoneRedundant" or "SameZone"
                    ? Make($"compute {(up ? "scaled up after its replica" : "scaled down before its replica")}: the standby is scaled, then fails over", "under 30 s (failover)", HaScaling)
                    : Make($"compute {(up ? "scaled up after its replica" : "scaled down before its replica")}: the server restarts", "2-10 min", Scaling);
            case (PlanFacts.PostgresServer, "storage.storageSizeGB"):
                return Make("not sent to an existing server: storageSizeGB is under ignoreChanges (a floor autogrow raises); raise it by hand first (docs/disaster-recovery.md), the server restarts", "restart (minutes), when raised by hand", StorageScaling);
            case (PlanFacts.AgentPool, "minCount"):
                return Int(c.To) > Int(c.From)
                    ? Make($"autoscaler minimum raised {Int(c.From)} → {Int(c.To)}: the update keeps the live node count (refreshed), then the autoscaler adds nodes up to the new minimum (minutes each)", "none", Autoscaler)
                    : Make($"autoscaler minimum lowered {Int(c.From)} → {Int(c.To)}: idle nodes above it are drained and removed later", "none", Autoscaler);
            case (PlanFacts.AgentPool, "maxCount"):
                return Make($"autoscaler maximum {Int(c.From)} → {Int(c.To)}: the ceiling for scale-out; running nodes stay", "none", Autoscaler);
            case (PlanFacts.AgentPool, "count"):
                return Make("not sent: count is under ignoreChanges, the update sends the live count", "none", Autoscaler);
            case ("kubernetes:keda.sh/v1alpha1:ScaledObject", _):
                return Make("scaling bounds or daily window change: KEDA updates its HPA, pods added or removed", "none", Hpa);
            case (PlanFacts.ManagedCluster, "kubernetesVersion"):
                return Make("rolling upgrade: every node cordoned, drained and replaced, one surge node at a time", "none if PDBs hold; pods restart",
                    "Microsoft docs \"Upgrade an AKS cluster\"");
            default:
                return Make("in-place update", "none known", "provider update in place (no replace trigger)");
        }
    }

    private static string? Text(PlanValue? value) => (value as PlanString)?.Value;

    private static int? Int(PlanValue? value) => (value as PlanInt)?.Value;

    private static int Cores(StackSettings settings, string? sku) =>
        settings.Capacity.PostgresSkus.FirstOrDefault(s => s.Name == sku)?.VCores ?? 0;
}
