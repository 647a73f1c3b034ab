using System.Globalization;
using FreshFoodz.Components.Network;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>
/// The cluster's egress: it survives the loss of any one zone, from one protected, stable address, with SNAT ports
/// for every node the pools can reach. Entra ID tokens (workload identity, the Key Vault CSI mounts), image pulls and
/// the alert receivers all leave through it, so a zonal egress would stop them with one zone (docs/disaster-recovery.md).
/// </summary>
internal static class EgressRules
{
    private const string Profile = "networkProfile.loadBalancerProfile";

    public static readonly DeploymentRule SurvivesZoneLoss = new(
        "EgressSurvivesZoneLoss",
        "A cluster's outbound path survives the loss of any one zone: outboundType loadBalancer, sending from the plan's own outbound public IPs, each Standard, static, in every zone of the cluster's region (zone-redundant), in that region, and protected; never a Standard NAT gateway, which lives in one zone.",
        "MicrosoftDocs azure-aks-docs articles/aks/nat-gateway.md (\"A Standard NAT gateway resource provides resiliency only within the availability zone in which you deploy it\"), "
        + "egress-outboundtype.md (outbound types loadBalancer, managedNATGateway, userAssignedNATGateway, userDefinedRouting); azure-native 3.28.0 schema, enum network.NatGatewaySkuName (Standard only); "
        + "Microsoft docs \"Reliability in Azure Load Balancer\" (a public load balancer is zone-redundant when its frontend IP is; \"a single frontend IP address survives zone failure\"), "
        + "\"Public IP addresses\" (a zone-redundant Standard IP is served from every zone)")
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.ManagedCluster).SelectMany(c => CheckZoneLoss(plan, c, context)),
    };

    public static readonly DeploymentRule SnatPortsCoverNodes = new(
        "EgressSnatPortsCoverNodes",
        "A cluster's load balancer gives each node a fixed number of SNAT ports (allocatedOutboundPorts, a multiple of 8, not 0), and ports × the most nodes its pools reach (each pool's maxCount, or count, plus one surge node; maxSurge where set) ≤ 64,000 × outbound IPs; an update never changes the ports per node.",
        "MicrosoftDocs azure-aks-docs articles/aks/configure-load-balancer-standard.md, \"Configure the allocated outbound ports\": \"64,000 ports per IP / <outbound ports per node> * <number of outbound IPs> = <maximum number of nodes>\", "
        + "\"The value for outbound ports must be a multiple of 8\", account for maxCount and maxSurge (\"AKS defaults to one buffer node for upgrade operations\"), "
        + "the automatic allocation (0) shrinks every node's ports at 51 and 101 nodes (\"disruptive to connectivity\"; \"We recommend using an explicit value\")")
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.ManagedCluster).SelectMany(c => CheckPorts(plan, c)),
        OnSwitch = (from, to, context) => to.OfType(PlanFacts.ManagedCluster).SelectMany(c =>
        {
            var before = from.Twin(c) is { } old ? Int(old, $"{Profile}.allocatedOutboundPorts") : null;
            var after = Int(c, $"{Profile}.allocatedOutboundPorts");
            return before is not null && after != before
                ? [new Breach(c.Name, $"{Profile}.allocatedOutboundPorts", RuleLevel.Refuse,
                    $"{from.Season} → {to.Season}: changes from {before} to {after?.ToString(CultureInfo.InvariantCulture) ?? "unset"} ports per node: every node's outbound flows are re-allocated (keep it constant; add outbound IPs instead)")]
                : Array.Empty<Breach>();
        }),
    };

    private static IEnumerable<Breach> CheckZoneLoss(StackPlan plan, PlannedResource cluster, RuleContext context)
    {
        var outbound = cluster.Text("networkProfile.outboundType");
        if (outbound != "loadBalancer")
        {
            yield return new Breach(cluster.Name, "networkProfile.outboundType", RuleLevel.Refuse,
                $"is {outbound ?? "unset"}: {(outbound is "userAssignedNATGateway" or "managedNATGateway" ? "a Standard NAT gateway lives in one zone, so egress would stop with it" : "only loadBalancer is known to survive a zone's loss here")}; use loadBalancer with a zone-redundant outbound IP (docs/network.md)");
            yield break;
        }
        var ips = OutboundIps(cluster).ToList();
        if (ips.Count == 0)
        {
            yield return new Breach(cluster.Name, $"{Profile}.outboundIPs.publicIPs", RuleLevel.Refuse,
                "names no public IP of the plan: AKS would create a managed one, whose address partners cannot allow-list before it exists and which is not protected");
            yield break;
        }
        var zones = context.Settings.Region.ZoneNames;
        var region = cluster.Text("location");
        foreach (var name in ips)
        {
            var ip = plan.Resources.FirstOrDefault(r => r.Name == name);
            if (ip is null || ip.Type != "azure-native:network:PublicIPAddress")
            {
                yield return new Breach(cluster.Name, $"{Profile}.outboundIPs.publicIPs", RuleLevel.Refuse, $"refers to '{name}', which is not a public IP of the plan");
                continue;
            }
            var ipZones = (ip.Inputs["zones"] as PlanList)?.Items.OfType<PlanString>().Select(z => z.Value).Order(StringComparer.Ordinal).ToList() ?? [];
            if (zones.Count == 0 || !ipZones.SequenceEqual(zones.Order(StringComparer.Ordinal)))
            {
                yield return new Breach(ip.Name, "zones", RuleLevel.Refuse,
                    $"is [{string.Join(", ", ipZones)}]: the cluster's egress IP must be in every zone of {region} ([{string.Join(", ", zones)}]) to survive the loss of one");
            }
            if (ip.Text("sku.name") != "Standard" || ip.Text("publicIPAllocationMethod") != "Static")
            {
                yield return new Breach(ip.Name, "sku.name", RuleLevel.Refuse,
                    $"is {ip.Text("sku.name") ?? "unset"}/{ip.Text("publicIPAllocationMethod") ?? "unset"}: a Standard load balancer takes only Standard IPs, and partners need a static address");
            }
            if (ip.Text("location") != region)
            {
                yield return new Breach(ip.Name, "location", RuleLevel.Refuse, $"is {ip.Text("location")}, not the cluster's region {region}");
            }
            if (!ip.Options.Protect)
            {
                yield return new Breach(ip.Name, "protect", RuleLevel.Refuse, "is not protected: partners allow-list this address, and a new IP is a new address");
            }
        }
    }

    private static IEnumerable<Breach> CheckPorts(StackPlan plan, PlannedResource cluster)
    {
        if (cluster.Text("networkProfile.outboundType") != "loadBalancer")
        {
            yield break;
        }
        var property = $"{Profile}.allocatedOutboundPorts";
        var ports = Int(cluster, property);
        if (ports is not > 0 || ports % 8 != 0)
        {
            yield return new Breach(cluster.Name, property, RuleLevel.Refuse,
                $"is {ports?.ToString(CultureInfo.InvariantCulture) ?? "unset"}: set an explicit multiple of 8 (0 re-allocates every node's ports as the cluster grows)");
            yield break;
        }
        var ips = Math.Max(1, OutboundIps(cluster).Count());
        var nodes = Egress.MostNodes(plan, cluster);
        if ((long)ports * nodes > (long)Egress.PortsPerIp * ips)
        {
            yield return new Breach(cluster.Name, property, RuleLevel.Refuse,
                FormattableString.Invariant($"{ports} ports × {nodes} nodes (pools at their maximum plus surge) = {N((long)ports * nodes)} > {N(Egress.PortsPerIp)} × {ips} outbound IP(s): nodes beyond {Egress.PortsPerIp * ips / ports} get no SNAT ports; add an outbound IP or lower the ports per node"));
        }
    }

    private static IEnumerable<string> OutboundIps(PlannedResource cluster) =>
        ((cluster.Inputs.At($"{Profile}.outboundIPs.publicIPs") as PlanList)?.Items.OfType<PlanMap>() ?? [])
            .Select(m => m["id"]).OfType<PlanRef>().Select(r => r.Resource);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static int? Int(PlannedResource r, string path) => r.Inputs.At(path) is PlanInt i ? i.Value : null;
}
