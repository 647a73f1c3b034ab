using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>
/// An autoscaled AKS node pool's <c>count</c>: the autoscaler owns it, so every update must send the pool's live count.
/// Pulumi sends an ignored input's value from the state (Pulumi docs "Resource option: ignoreChanges": "Uses the
/// serialized value from the stack state … Does not automatically read the live value … unless you run a refresh"), so
/// the count is under <c>ignoreChanges</c> and every <c>pulumi up</c> refreshes first (Pulumi.yaml <c>options.refresh: always</c>).
/// </summary>
internal static class NodePoolRules
{
    private const string Count = "count";

    public static readonly DeploymentRule AutoscaledCountFromLive = new(
        "AutoscaledPoolCountFromLive",
        "An autoscaled node pool is created with count within [minCount, maxCount], and count is under ignoreChanges: an update sends the live count (every up refreshes: Pulumi.yaml options.refresh always), never a planned one, and a season switch's new bounds hold the count the pool has in the low-traffic window (the old minCount).",
        "pulumi-azure-native #2943 and Azure/AKS #1627 (count is required in the agent pool PUT); hashicorp/terraform-provider-azurerm #4543 "
        + "(a count other than the live one with the autoscaler on: \"Cannot manually scale AgentPool … with cluster autoscaler enabled\"); "
        + "Azure/AKS #1481, #1758 and Azure/azure-cli-extensions #1606 (minCount may be raised above the current count); AKS release 2021-07-22 "
        + "(the autoscaler enforces a minimum raised through the AKS API); Pulumi docs \"Resource option: ignoreChanges\"")
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.AgentPool).Where(Autoscaled).SelectMany(p =>
        {
            var (min, max, count) = (Int(p, "minCount"), Int(p, "maxCount"), Int(p, Count));
            var breaches = new List<Breach>();
            if (count is null || min is null || max is null || count < min || count > max)
            {
                breaches.Add(new Breach(p.Name, Count, RuleLevel.Refuse,
                    $"is {count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not set"}, outside [minCount {min}, maxCount {max}]: AKS needs a creation count within the autoscaler's bounds"));
            }
            if (!p.Options.IgnoreChanges.Contains(Count))
            {
                breaches.Add(new Breach(p.Name, Count, RuleLevel.Refuse,
                    "is not under ignoreChanges: an update would send the planned count, not the live one, and AKS refuses a manual scale of an autoscaled pool"));
            }
            return breaches;
        }),
        // In the low-traffic window, where the switch runs, the autoscaler has scaled the pool down to (about) the old minimum:
        // that live count must lie within the new bounds. Raising minCount above it is allowed (AKS then adds nodes).
        OnSwitch = (from, to, context) => to.OfType(PlanFacts.AgentPool).Where(Autoscaled).SelectMany(p =>
        {
            var before = from.Twin(p);
            var (oldMin, newMax) = (before is null ? null : Int(before, "minCount"), Int(p, "maxCount"));
            return oldMin is { } m && newMax is { } x && x < m
                ? [new Breach(p.Name, "maxCount", RuleLevel.Refuse,
                    $"{from.Season} → {to.Season}: the new maxCount {x} is below the old minCount {m}, so the live count the update sends lies above the new bounds")]
                : Array.Empty<Breach>();
        }),
    };

    private static bool Autoscaled(PlannedResource pool) => pool.Inputs.At("enableAutoScaling") is PlanBool { Value: true };

    private static int? Int(PlannedResource r, string path) => r.Inputs.At(path) is PlanInt i ? i.Value : null;
}
