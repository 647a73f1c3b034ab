using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>What one change does to the running system, for how long, in which apply phase, and the source that says so.
/// Phase 1 is applied first, alone, with <c>pulumi up --target</c>; phase 2 is the ordinary <c>pulumi up</c> that follows.</summary>
public sealed record RuntimeEffect(string Resource, string Type, string Property, string Effect, string Unavailability, int Phase, string Source);

/// <summary>A switch's run-time effects and the apply it needs: the phase-1 targets (replicas scaled up first), then the rest.</summary>
public sealed record SwitchApply(IReadOnlyList<RuntimeEffect> Effects)
{
    /// <summary>Resources <c>pulumi up --target</c> must apply before the full <c>pulumi up</c>.</summary>
    public IReadOnlyList<string> PhaseOne => [.. Effects.Where(e => e.Phase == 1).Select(e => e.Resource).Distinct(StringComparer.Ordinal)];

    public bool TwoPhase => PhaseOne.Count > 0;
}

/// <summary>
/// What each property a season switch changes does at run time. Pulumi updates a replica after its primary (the
/// replica refers to it), which is right for a scale-down and wrong for a scale-up: then the replicas go first, alone.
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
        + "through the AKS API is enforced; count is under ignoreChanges and sent as the live count (pulumi up --refresh; rule AutoscaledPoolCountFromLive)";

    private const string Hpa =
        "Kubernetes docs \"Horizontal Pod Autoscaling\": replicas are added or removed, running pods keep serving";

    public static SwitchApply Between(StackPlan from, StackPlan to, StackSettings settings)
    {
        var effects = new List<RuntimeEffect>();
        foreach (var change in PlanDiff.Between(from, to).Where(c => c.Kind == ChangeKind.InPlace))
        {
            var resource = to.Resources.First(r => r.Name == change.Resource);
            effects.Add(Effect(change, resource, from, settings));
        }
        return new SwitchApply(effects);
    }

    private static RuntimeEffect Effect(PropertyChange c, PlannedResource resource, StackPlan from, StackSettings settings)
    {
        RuntimeEffect Make(string effect, string unavailability, string source, int phase = 2) =>
            new(c.Resource, c.Type, c.Path, effect, unavailability, phase, source);
        switch (c.Type, c.Path)
        {
            case (PlanFacts.PostgresServer, "sku.name" or "sku.tier"):
                var up = Cores(settings, Text(c.To)) > Cores(settings, Text(c.From));
                if (resource.IsReplica())
                {
                    return up
                        ? Make("replica compute scaled up FIRST, alone (pulumi up --target), so it is never smaller than its primary; it restarts", "replica reads: 2-10 min", Scaling, phase: 1)
                        : Make("replica compute scaled down AFTER its primary (Pulumi's dependency order); it restarts", "replica reads: 2-10 min", Scaling);
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

    /// <summary>
    /// The URN Pulumi gives a planned resource, for <c>pulumi up --target</c>: the parent components' types and the
    /// resource's type joined by <c>$</c> (a root component's parent, the stack, is not part of it).
    /// </summary>
    public static string Urn(StackPlan plan, string project, string resource)
    {
        var r = plan.Resource(resource);
        var chain = Urns.TypeChain(plan.Components.ToDictionary(c => c.Name, StringComparer.Ordinal), r.Options.Parent, r.Type);
        return $"urn:pulumi:{plan.Stack}::{project}::{chain}::{resource}";
    }

    private static string? Text(PlanValue? value) => (value as PlanString)?.Value;

    private static int? Int(PlanValue? value) => (value as PlanInt)?.Value;

    private static int Cores(StackSettings settings, string? sku) =>
        settings.Capacity.PostgresSkus.FirstOrDefault(s => s.Name == sku)?.VCores ?? 0;
}
