using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Platform;

public sealed record KubernetesPlatformArgs
{
    public required TerritoryContext Context { get; init; }
    public required PlannedResource ResourceGroup { get; init; }
    public required string KubernetesVersion { get; init; }
    public required NodePoolSettings NodePools { get; init; }

    /// <summary>The season's node sizing: the app pool's autoscaler runs from its minimum to its maximum.</summary>
    public required NodeSizing AppNodes { get; init; }
}

public sealed record KubernetesPlatformResources(PlannedResource Cluster, PlannedResource AppPool);

/// <summary>
/// An AKS cluster across the primary region's zones: a system pool created with the cluster, and a separate app pool
/// whose autoscaler bounds follow the season. Seasons change node counts only: a pool's VM size is fixed (changing it
/// replaces the pool).
/// </summary>
public static class KubernetesPlatform
{
    public const string Type = "freshfoodz:platform:KubernetesPlatform";

    public static KubernetesPlatformResources Add(PlanBuilder plan, string name, KubernetesPlatformArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        var zones = PlanValue.List(c.Primary.ZoneNames.Select(z => (PlanValue)z));
        var cluster = scope.Resource("azure-native:containerservice:ManagedCluster", "cluster", new Props
        {
            ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
            ["resourceName"] = c.Names.Cluster,
            ["location"] = c.Primary.Name,
            ["dnsPrefix"] = c.Names.Cluster,
            ["kubernetesVersion"] = args.KubernetesVersion,
            ["enableRBAC"] = true,
            // Entra ID only: no static admin credentials exist to leak.
            ["disableLocalAccounts"] = true,
            ["aadProfile"] = new Props { ["managed"] = true, ["enableAzureRBAC"] = true },
            ["identity"] = new Props { ["type"] = "SystemAssigned" },
            // Standard tier: the uptime SLA a production control plane needs.
            ["sku"] = new Props { ["name"] = "Base", ["tier"] = "Standard" },
            ["oidcIssuerProfile"] = new Props { ["enabled"] = true },
            ["securityProfile"] = new Props { ["workloadIdentity"] = new Props { ["enabled"] = true } },
            // Typed SDKs fill these defaults in; a dictionary must set them (provider facts).
            ["networkProfile"] = new Props
            {
                ["networkPlugin"] = "azure",
                ["networkPluginMode"] = "overlay",
                ["networkPolicy"] = "cilium",
                ["networkDataplane"] = "cilium",
                ["loadBalancerSku"] = "standard",
                ["outboundType"] = "loadBalancer",
                ["podCidr"] = "10.244.0.0/16",
                ["serviceCidr"] = "10.0.0.0/16",
                ["dnsServiceIP"] = "10.0.0.10",
            },
            ["agentPoolProfiles"] = PlanValue.List(new Props
            {
                ["name"] = "system",
                ["mode"] = "System",
                ["vmSize"] = args.NodePools.SystemVmSize,
                ["count"] = args.NodePools.SystemNodeCount,
                ["availabilityZones"] = zones,
                ["osType"] = "Linux",
                ["osSKU"] = "AzureLinux",
                ["maxPods"] = args.NodePools.MaxPodsPerNode,
                ["nodeTaints"] = PlanValue.List("CriticalAddonsOnly=true:NoSchedule"),
            }),
            ["tags"] = c.Tags.For(DataClassification.Internal),
        },
        // Pools added through agentPoolProfiles after creation fail (pulumi-azure-native #579, #2719): the system
        // pool stays as created, the app pool is its own resource.
        new PlanOptions { IgnoreChanges = ["agentPoolProfiles"] });

        var appPool = scope.Resource("azure-native:containerservice:AgentPool", "app-pool", new Props
        {
            ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
            ["resourceName"] = cluster.Ref("name"),
            ["agentPoolName"] = "apps",
            ["mode"] = "User",
            ["vmSize"] = args.AppNodes.VmSize,
            ["availabilityZones"] = zones,
            ["osType"] = "Linux",
            ["osSKU"] = "AzureLinux",
            ["maxPods"] = args.NodePools.MaxPodsPerNode,
            ["enableAutoScaling"] = true,
            ["minCount"] = args.AppNodes.AutoscalerMin,
            ["maxCount"] = args.AppNodes.AutoscalerMax,
            ["count"] = args.AppNodes.AutoscalerMin,
            // One surge node: the capacity engine counts exactly one for upgrades.
            ["upgradeSettings"] = new Props { ["maxSurge"] = "1" },
            ["nodeLabels"] = new Props { ["freshfoodz.io/pool"] = "apps" },
            ["tags"] = c.Tags.For(DataClassification.Internal),
        },
        // The autoscaler owns the live node count; Pulumi sets only its bounds.
        new PlanOptions { IgnoreChanges = ["count"] });
        return new KubernetesPlatformResources(cluster, appPool);
    }
}
