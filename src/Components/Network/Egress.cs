using System.Globalization;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Components.Network;

/// <summary>
/// The cluster's outbound path: AKS's Standard Load Balancer with outbound rules, fronted by our own static,
/// zone-redundant public IP (zones 1, 2, 3), so egress survives the loss of any one zone and keeps one address
/// partners allow-list. A Standard NAT gateway is zonal ("A Standard NAT gateway resource provides resiliency only
/// within the availability zone in which you deploy it", MicrosoftDocs azure-aks-docs articles/aks/nat-gateway.md), and
/// the pinned azure-native 3.28.0 knows no other NAT gateway SKU (enum network.NatGatewaySkuName: Standard); a load
/// balancer whose frontend IP is zone-redundant is zone-redundant itself and "a single frontend IP address survives
/// zone failure" (Microsoft docs "Reliability in Azure Load Balancer", reliability/reliability-load-balancer.md).
/// </summary>
public static class Egress
{
    /// <summary>SNAT ports one outbound IP gives the load balancer (AKS docs "Configure a public standard load balancer",
    /// articles/aks/configure-load-balancer-standard.md: "Each IP address ... provides 64k ephemeral ports").</summary>
    public const int PortsPerIp = 64_000;

    /// <summary>
    /// SNAT ports each node gets, fixed: AKS's automatic allocation (0) gives 1,024 per node up to 50 nodes and halves
    /// them at 51 and 101 nodes, "disruptive to connectivity"; the docs recommend an explicit value, a multiple of 8.
    /// 2,048 (twice the automatic share) leaves room for 64,000 / 2,048 = 31 nodes per outbound IP, surge included;
    /// the committed stacks reach at most 16 (app maxCount 11 + 3 system nodes + one surge node per pool). Rule
    /// EgressSnatPortsCoverNodes holds every plan to it.
    /// </summary>
    public const int AllocatedOutboundPorts = 2_048;

    /// <summary>Idle timeout of the outbound rule, minutes: Azure Load Balancer's own default outside AKS and the NAT
    /// gateway's before it (AKS's 30 holds SNAT ports of idle flows longer; the docs suggest 4 for short-lived flows).</summary>
    public const int IdleTimeoutMinutes = 4;

    /// <summary>The most nodes a cluster's pools reach: each pool's maximum (maxCount, else count) plus its surge.</summary>
    public static int MostNodes(StackPlan plan, PlannedResource cluster)
    {
        var pools = ((cluster.Inputs["agentPoolProfiles"] as PlanList)?.Items.OfType<PlanMap>() ?? [])
            .Concat(plan.OfType("azure-native:containerservice:AgentPool").Where(p => (p.Inputs["resourceName"] as PlanRef)?.Resource == cluster.Name).Select(p => p.Inputs));
        return pools.Sum(p =>
        {
            var max = (p["maxCount"] as PlanInt ?? p["count"] as PlanInt)?.Value ?? 0;
            return max + Surge(p.At("upgradeSettings.maxSurge"), max);
        });
    }

    /// <summary>maxSurge as a node count ("1", or "33%" of the pool rounded up); unset: AKS's one buffer node.</summary>
    private static int Surge(PlanValue? maxSurge, int nodes) => maxSurge switch
    {
        PlanString { Value: var s } when s.EndsWith('%') && int.TryParse(s[..^1], CultureInfo.InvariantCulture, out var pct) => Math.Max(1, (int)Math.Ceiling(nodes * pct / 100.0)),
        PlanString { Value: var s } when int.TryParse(s, CultureInfo.InvariantCulture, out var n) => n,
        PlanInt i => i.Value,
        _ => 1,
    };
}
