using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Network;
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

    /// <summary>The node subnet.</summary>
    public required PlannedResource NodeSubnet { get; init; }

    /// <summary>The zone-redundant public IP the cluster's load balancer sends all egress from (Network.Egress).</summary>
    public required PlannedResource EgressIp { get; init; }

    /// <summary>The identity that runs <c>pulumi up</c>: it gets the cluster's data-plane admin role.</summary>
    public required Deployer Deployer { get; init; }

    public required string SubscriptionId { get; init; }
}

/// <summary>The deploying identity's Entra object ID and kind (User, Group or ServicePrincipal).</summary>
public sealed record Deployer(string PrincipalId, string PrincipalType);

public sealed record KubernetesPlatformResources(PlannedResource Cluster, PlannedResource AppPool, PlannedResource DeployerAccess);

/// <summary>
/// An AKS cluster across the primary region's zones: a system pool created with the cluster, and a separate app pool
/// whose autoscaler bounds follow the season. Seasons change node counts only: a pool's VM size is fixed (changing it
/// replaces the pool).
/// <para>With Entra-ID-only AKS and Azure RBAC for Kubernetes, Owner and Contributor carry no Kubernetes data actions
/// (Microsoft docs "Use Azure RBAC for Kubernetes Authorization"): the plan grants the deploying identity "Azure
/// Kubernetes Service RBAC Cluster Admin" on the cluster, and every Kubernetes resource waits for that grant.</para>
/// </summary>
public static class KubernetesPlatform
{
    public const string Type = "freshfoodz:platform:KubernetesPlatform";

    /// <summary>Built-in role "Network Contributor" (Azure built-in roles, Networking).</summary>
    public const string NetworkContributorRole = "4d97b98b-1d4f-4787-a291-c67834d212e7";

    /// <summary>Built-in role "Azure Kubernetes Service RBAC Cluster Admin" (Microsoft docs, "Azure built-in roles").</summary>
    public const string ClusterAdminRoleId = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";

    /// <summary>
    /// How long the cluster's operations may run: terraform-provider-azurerm documents 90 minutes for create, update and
    /// delete of a kubernetes_cluster (website/docs/r/kubernetes_cluster.html.markdown, "Timeouts"); a Kubernetes
    /// upgrade drains and re-images every node of both pools one surge node at a time ("Upgrade an AKS cluster").
    /// </summary>
    public static readonly PlanTimeouts ClusterTimeouts = PlanTimeouts.Minutes(create: 90, update: 90, delete: 90);

    /// <summary>
    /// A node pool's: azurerm documents 60 minutes (kubernetes_cluster_node_pool, "Timeouts"); an upgrade of the app
    /// pool replaces up to 11 nodes one at a time (maxSurge 1), so update gets 90 minutes like the cluster.
    /// </summary>
    public static readonly PlanTimeouts PoolTimeouts = PlanTimeouts.Minutes(create: 60, update: 90, delete: 60);

    public static KubernetesPlatformResources Add(PlanBuilder plan, string name, KubernetesPlatformArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        var zones = PlanValue.List(c.Primary.ZoneNames.Select(z => (PlanValue)z));
        // A cluster in our own subnet with our own outbound IP needs an identity that can join both before the cluster
        // exists: a user-assigned one, given Network Contributor on the node subnet and on the egress IP (AKS docs, "Use a
        // managed identity in AKS": with bring-your-own VNet, pre-create the identity and its role assignment; "Configure
        // a public standard load balancer": the cluster identity needs access to a custom outbound IP).
        var identity = scope.Resource("azure-native:managedidentity:UserAssignedIdentity", "identity", new Props
        {
            ["resourceGroupName"] = args.ResourceGroup.Ref("name"),
            ["resourceName"] = $"id-{c.Names.Cluster}",
            ["location"] = c.Primary.Name,
            ["tags"] = c.Tags.For(DataClassification.Internal),
        });
        var joinsSubnet = scope.Resource("azure-native:authorization:RoleAssignment", "identity-network", new Props
        {
            ["scope"] = args.NodeSubnet.Id,
            ["roleAssignmentName"] = Naming.StableGuid.From($"{c.Names.Stack}/cluster/network-contributor"),
            ["roleDefinitionId"] = $"/subscriptions/{args.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{NetworkContributorRole}",
            ["principalId"] = identity.Ref("principalId"),
            ["principalType"] = "ServicePrincipal",
        });
        var joinsEgressIp = scope.Resource("azure-native:authorization:RoleAssignment", "identity-egress-ip", new Props
        {
            ["scope"] = args.EgressIp.Id,
            ["roleAssignmentName"] = Naming.StableGuid.From($"{c.Names.Stack}/cluster/egress-ip/network-contributor"),
            ["roleDefinitionId"] = $"/subscriptions/{args.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{NetworkContributorRole}",
            ["principalId"] = identity.Ref("principalId"),
            ["principalType"] = "ServicePrincipal",
        });
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
            ["identity"] = new Props { ["type"] = "UserAssigned", ["userAssignedIdentities"] = PlanValue.List(identity.Id) },
            // Standard tier: the uptime SLA a production control plane needs.
            ["sku"] = new Props { ["name"] = "Base", ["tier"] = "Standard" },
            // Workload identity: pods exchange their service account token for an Entra token (no secrets on disk).
            ["oidcIssuerProfile"] = new Props { ["enabled"] = true },
            ["securityProfile"] = new Props { ["workloadIdentity"] = new Props { ["enabled"] = true } },
            // AKS's managed KEDA add-on: the modules' ScaledObjects (daily schedule + load per pod) need its CRDs and operator.
            ["workloadAutoScalerProfile"] = new Props { ["keda"] = new Props { ["enabled"] = true } },
            // Key Vault CSI driver: secrets mounted as files straight from the vault, rotated every two minutes.
            ["addonProfiles"] = new Props
            {
                ["azureKeyvaultSecretsProvider"] = new Props
                {
                    ["enabled"] = true,
                    ["config"] = new Props { ["enableSecretRotation"] = "true", ["rotationPollInterval"] = "2m" },
                },
            },
            // Azure CNI Overlay with the Cilium dataplane: nodes take VNet addresses, pods an overlay range, so the node
            // subnet stays small and pod count is not bound to it; Cilium enforces network policy in eBPF (AKS docs
            // "Configure Azure CNI Powered by Cilium"). Egress through the cluster's Standard Load Balancer from our
            // zone-redundant IP, with a fixed SNAT share per node (Network.Egress; rules EgressSurvivesZoneLoss and
            // EgressSnatPortsCoverNodes). Typed SDKs fill the CIDR and load balancer profile defaults in; a dictionary
            // must set them (provider facts; extract defaults of ManagedClusterLoadBalancerProfileArgs).
            ["networkProfile"] = new Props
            {
                ["networkPlugin"] = "azure",
                ["networkPluginMode"] = "overlay",
                ["networkPolicy"] = "cilium",
                ["networkDataplane"] = "cilium",
                ["loadBalancerSku"] = "standard",
                ["outboundType"] = "loadBalancer",
                ["loadBalancerProfile"] = new Props
                {
                    ["outboundIPs"] = new Props { ["publicIPs"] = PlanValue.List(new Props { ["id"] = args.EgressIp.Id }) },
                    ["allocatedOutboundPorts"] = Egress.AllocatedOutboundPorts,
                    ["idleTimeoutInMinutes"] = Egress.IdleTimeoutMinutes,
                    ["backendPoolType"] = "NodeIPConfiguration",
                },
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
                ["vnetSubnetID"] = args.NodeSubnet.Id,
                ["nodeTaints"] = PlanValue.List("CriticalAddonsOnly=true:NoSchedule"),
            }),
            ["tags"] = c.Tags.For(DataClassification.Internal),
        },
        // Pools added through agentPoolProfiles after creation fail (pulumi-azure-native #579, #2719): the system
        // pool stays as created, the app pool is its own resource.
        new PlanOptions { IgnoreChanges = ["agentPoolProfiles"], DependsOn = [joinsSubnet.Name, joinsEgressIp.Name], CustomTimeouts = ClusterTimeouts });

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
            ["vnetSubnetID"] = args.NodeSubnet.Id,
            ["enableAutoScaling"] = true,
            ["minCount"] = args.AppNodes.AutoscalerMin,
            ["maxCount"] = args.AppNodes.AutoscalerMax,
            // Required in the PUT (Azure/AKS #1627); sent at creation only, then the live count (see ignoreChanges).
            ["count"] = args.AppNodes.AutoscalerMin,
            // One surge node: the capacity engine counts exactly one for upgrades.
            ["upgradeSettings"] = new Props { ["maxSurge"] = "1" },
            ["nodeLabels"] = new Props { ["freshfoodz.io/pool"] = "apps" },
            ["tags"] = c.Tags.For(DataClassification.Internal),
        },
        // The autoscaler owns the live node count; Pulumi sets only its bounds. An ignored input is sent from the state,
        // so every pulumi up refreshes first (Pulumi.yaml options.refresh: always): the count sent is the live one (AKS
        // refuses any other with the autoscaler on), and a minCount raised above it is allowed (rule AutoscaledPoolCountFromLive).
        new PlanOptions { IgnoreChanges = ["count"], CustomTimeouts = PoolTimeouts });
        var access = scope.Resource("azure-native:authorization:RoleAssignment", "deployer-cluster-admin", new Props
        {
            ["scope"] = cluster.Id,
            ["roleDefinitionId"] = $"/subscriptions/{args.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{ClusterAdminRoleId}",
            ["principalId"] = args.Deployer.PrincipalId,
            // The typed SDK defaults this to User; a CI service principal must say so (provider schema default).
            ["principalType"] = args.Deployer.PrincipalType,
            // A role assignment's name is a GUID: a name-based one keeps it stable from plan to plan.
            ["roleAssignmentName"] = Naming.StableGuid.From($"{c.Names.Stack}/{c.Names.Cluster}/{args.Deployer.PrincipalId}/{ClusterAdminRoleId}"),
        });
        plan.RequireBefore("kubernetes", access);
        return new KubernetesPlatformResources(cluster, appPool, access);
    }
}
