using System.Net;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Residency;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Network;

public sealed record TerritoryNetworkArgs
{
    public required TerritoryContext Context { get; init; }
    public required PlannedResource PrimaryGroup { get; init; }
    public required PlannedResource DisasterRecoveryGroup { get; init; }
    public required AddressPlan Addresses { get; init; }
}

/// <summary>One region's network: the VNet and the subnets the platform puts things in.</summary>
public sealed record RegionNetwork(PlannedResource VirtualNetwork, PlannedResource Postgres, PlannedResource PrivateEndpoints, PlannedResource? AksNodes);

/// <summary>The territory's networks, the cluster's egress address and the private DNS zones linked to both networks.</summary>
public sealed record TerritoryNetworkResources(
    RegionNetwork Primary,
    PlannedResource EgressIp,
    RegionNetwork DisasterRecovery,
    PlannedResource PostgresZone,
    PlannedResource VaultZone,
    PlannedResource BlobZone,
    IReadOnlyList<PlannedResource> PostgresZoneLinks);

/// <summary>
/// A VNet in the primary region and one in the in-country DR region, peered both ways, so the cluster reaches a
/// promoted replica privately. Subnets are their own resources (the VNet declares none: azure-native reconciles
/// separately managed subnets since pulumi-azure-native #611). Each subnet has an NSG that admits only what it serves;
/// Azure's default rules stay below ours. AKS egress leaves through the cluster's load balancer from one static,
/// zone-redundant IP planned here (<see cref="Egress"/>: partners allow-list it, and it survives a zone's loss). Private DNS zones are global
/// resources (Azure Private DNS holds names only, no data) linked to both VNets, so a name resolves the same
/// before and after a failover.
/// </summary>
public static class TerritoryNetwork
{
    public const string Type = "freshfoodz:network:TerritoryNetwork";

    /// <summary>Microsoft's delegation for VNet-integrated PostgreSQL flexible servers.</summary>
    public const string PostgresDelegation = "Microsoft.DBforPostgreSQL/flexibleServers";

    /// <summary>Private zones (Azure docs "Azure Private Endpoint private DNS zone values", and for VNet-integrated
    /// flexible servers any zone ending in .postgres.database.azure.com).</summary>
    public const string VaultZoneName = "privatelink.vaultcore.azure.net";
    public const string BlobZoneName = "privatelink.blob.core.windows.net";

    public static TerritoryNetworkResources Add(PlanBuilder plan, string name, TerritoryNetworkArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        var primaryNodes = AddressPlan.AksNodes(args.Addresses.Primary);

        string[] postgresSubnets = [AddressPlan.Postgres(args.Addresses.Primary), AddressPlan.Postgres(args.Addresses.DisasterRecovery)];

        var egressIp = EgressIp(scope, c, args.PrimaryGroup);
        scope.Retire("azure-native:network:NatGateway", $"{name}-egress",
            "a Standard NAT gateway is zonal; egress leaves through the cluster's load balancer from network-egress-ip (docs/network.md, Outbound)");
        var primary = Region(scope, c, "primary", c.Primary, args.PrimaryGroup, args.Addresses.Primary, primaryNodes, postgresSubnets, clusterNodes: true);
        var dr = Region(scope, c, "dr", c.DisasterRecovery, args.DisasterRecoveryGroup, args.Addresses.DisasterRecovery, primaryNodes, postgresSubnets, clusterNodes: false);
        foreach (var (from, to, role) in new[] { (primary, dr, "peering-primary-to-dr"), (dr, primary, "peering-dr-to-primary") })
        {
            scope.Resource("azure-native:network:VirtualNetworkPeering", role, new Props
            {
                ["resourceGroupName"] = from == primary ? args.PrimaryGroup.Ref("name") : args.DisasterRecoveryGroup.Ref("name"),
                ["virtualNetworkName"] = from.VirtualNetwork.Ref("name"),
                ["virtualNetworkPeeringName"] = role["peering-".Length..],
                ["remoteVirtualNetwork"] = new Props { ["id"] = to.VirtualNetwork.Id },
                ["allowVirtualNetworkAccess"] = true,
                ["allowForwardedTraffic"] = false,
                ["allowGatewayTransit"] = false,
                ["useRemoteGateways"] = false,
            });
        }

        (PlannedResource Zone, List<PlannedResource> Links) Zone(string role, string zoneName)
        {
            var links = new List<PlannedResource>();
            var zone = scope.Resource("azure-native:privatedns:PrivateZone", $"zone-{role}", new Props
            {
                ["resourceGroupName"] = args.PrimaryGroup.Ref("name"),
                ["privateZoneName"] = zoneName,
                ["location"] = "global",
                ["tags"] = c.Tags.For(DataClassification.Internal),
            });
            foreach (var (region, network) in new[] { ("primary", primary), ("dr", dr) })
            {
                links.Add(scope.Resource("azure-native:privatedns:VirtualNetworkLink", $"zone-{role}-link-{region}", new Props
                {
                    ["resourceGroupName"] = args.PrimaryGroup.Ref("name"),
                    ["privateZoneName"] = zone.Ref("name"),
                    ["virtualNetworkLinkName"] = $"{c.Names.Stack}-{region}",
                    ["location"] = "global",
                    ["virtualNetwork"] = new Props { ["id"] = network.VirtualNetwork.Id },
                    // Records come from the services (PostgreSQL, private endpoints), never from VM auto-registration.
                    ["registrationEnabled"] = false,
                    ["tags"] = c.Tags.For(DataClassification.Internal),
                }));
            }
            return (zone, links);
        }

        var postgres = Zone("postgres", $"{c.Names.ShortName}.private.postgres.database.azure.com");
        return new TerritoryNetworkResources(primary, egressIp, dr, postgres.Zone, Zone("vault", VaultZoneName).Zone, Zone("blob", BlobZoneName).Zone, postgres.Links);
    }

    /// <summary>
    /// The cluster's outbound address: Standard, static, in every zone of the primary region (zone-redundant; a
    /// zone-redundant IP "survives any zone failure", Microsoft docs "Public IP addresses", availability zones). Partners
    /// allow-list it, so it is protected, kept if Pulumi ever deletes it, and locked against deletion (docs/network.md).
    /// </summary>
    private static PlannedResource EgressIp(ComponentScope scope, TerritoryContext c, PlannedResource group)
    {
        var ip = scope.Resource("azure-native:network:PublicIPAddress", "egress-ip", new Props
        {
            ["resourceGroupName"] = group.Ref("name"),
            ["publicIpAddressName"] = $"pip-{c.Names.Cluster}-egress",
            ["location"] = c.Primary.Name,
            ["sku"] = new Props { ["name"] = "Standard", ["tier"] = "Regional" },
            ["publicIPAllocationMethod"] = "Static",
            ["publicIPAddressVersion"] = "IPv4",
            ["zones"] = PlanValue.List(c.Primary.ZoneNames.Select(z => (PlanValue)z)),
            ["tags"] = c.Tags.For(DataClassification.Internal),
        }, Resilience.DeleteLock.Kept);
        Resilience.DeleteLock.Add(scope, "egress-ip", ip);
        return ip;
    }

    private static RegionNetwork Region(
        ComponentScope scope, TerritoryContext c, string role, AzureRegion region, PlannedResource group, IPNetwork space, string clusterNodesPrefix,
        string[] postgresSubnets, bool clusterNodes)
    {
        var vnet = scope.Resource("azure-native:network:VirtualNetwork", $"vnet-{role}", new Props
        {
            ["resourceGroupName"] = group.Ref("name"),
            ["virtualNetworkName"] = $"vnet-freshfoodz-{c.Names.Stack}-{region.ShortCode}",
            ["location"] = region.Name,
            ["addressSpace"] = new Props { ["addressPrefixes"] = PlanValue.List(space.ToString()) },
            // Typed SDKs send these defaults; a dictionary must (provider schema defaults).
            ["enableDdosProtection"] = false,
            ["enableVmProtection"] = false,
            ["tags"] = c.Tags.For(DataClassification.Internal),
        }, new PlanOptions { Protect = true });

        PlannedResource Subnet(string purpose, string prefix, IReadOnlyList<Props> rules, Props? extra = null)
        {
            var nsg = scope.Resource("azure-native:network:NetworkSecurityGroup", $"nsg-{role}-{purpose}", new Props
            {
                ["resourceGroupName"] = group.Ref("name"),
                ["networkSecurityGroupName"] = $"nsg-freshfoodz-{c.Names.Stack}-{region.ShortCode}-{purpose}",
                ["location"] = region.Name,
                ["securityRules"] = PlanValue.List(rules.Select(r => (PlanValue)r)),
                ["tags"] = c.Tags.For(DataClassification.Internal),
            });
            var props = new Props
            {
                ["resourceGroupName"] = group.Ref("name"),
                ["virtualNetworkName"] = vnet.Ref("name"),
                ["subnetName"] = purpose,
                ["addressPrefix"] = prefix,
                ["networkSecurityGroup"] = new Props { ["id"] = nsg.Id },
                // No implicit outbound internet: egress only through the cluster's load balancer (or not at all).
                ["defaultOutboundAccess"] = false,
                ["privateEndpointNetworkPolicies"] = "Enabled",
                ["privateLinkServiceNetworkPolicies"] = "Enabled",
            };
            foreach (var (key, value) in extra ?? [])
            {
                props[key] = value;
            }
            return scope.Resource("azure-native:network:Subnet", $"subnet-{role}-{purpose}", props, new PlanOptions { Protect = true });
        }

        var postgresPrefix = AddressPlan.Postgres(space);
        var endpointsPrefix = AddressPlan.PrivateEndpoints(space);
        PlannedResource? nodes = null;
        if (clusterNodes)
        {
            // Azure's default rules already refuse inbound traffic from the internet; no public ingress is planned. AKS
            // adds its own rules for load-balanced services at the NIC level; an ingress added later needs one here too.
            nodes = Subnet("aks-nodes", clusterNodesPrefix, []);
        }
        var postgres = Subnet("postgres", postgresPrefix,
        [
            // PgBouncer (6432) and PostgreSQL (5432) from the cluster's nodes only (overlay pods leave with the node's IP).
            Rule("allow-cluster-to-postgres", 100, "Inbound", "Allow", "Tcp", clusterNodesPrefix, postgresPrefix, "5432", "6432"),
            // Replication between the primary's and the replica's subnets (HA standby and read replicas).
            Rule("allow-postgres-replication", 110, "Inbound", "Allow", "Tcp", postgresSubnets, postgresPrefix, "5432"),
            // Everything else inside the networks (Azure's AllowVnetInBound would admit it); platform probes stay allowed.
            Rule("deny-other-vnet-inbound", 4000, "Inbound", "Deny", "*", "VirtualNetwork", "*", "*"),
        ],
        new Props
        {
            ["delegations"] = PlanValue.List(new Props { ["name"] = "postgres", ["serviceName"] = PostgresDelegation }),
        });
        var endpoints = Subnet("private-endpoints", endpointsPrefix,
        [
            Rule("allow-cluster-to-endpoints", 100, "Inbound", "Allow", "Tcp", clusterNodesPrefix, endpointsPrefix, "443"),
            Rule("deny-other-vnet-inbound", 4000, "Inbound", "Deny", "*", "VirtualNetwork", "*", "*"),
        ]);
        return new RegionNetwork(vnet, postgres, endpoints, nodes);
    }

    private static Props Rule(string name, int priority, string direction, string access, string protocol, string source, string destination, params string[] ports) =>
        Rule(name, priority, direction, access, protocol, [source], destination, ports);

    private static Props Rule(string name, int priority, string direction, string access, string protocol, string[] sources, string destination, params string[] ports) => new()
    {
        ["name"] = name,
        ["priority"] = priority,
        ["direction"] = direction,
        ["access"] = access,
        ["protocol"] = protocol,
        ["sourceAddressPrefix"] = sources.Length == 1 ? (PlanValue)sources[0] : null,
        ["sourceAddressPrefixes"] = sources.Length > 1 ? PlanValue.List(sources.Select(s => (PlanValue)s)) : null,
        ["sourcePortRange"] = "*",
        ["destinationAddressPrefix"] = destination,
        ["destinationPortRange"] = ports.Length == 1 ? (PlanValue)ports[0] : null,
        ["destinationPortRanges"] = ports.Length > 1 ? PlanValue.List(ports.Select(p => (PlanValue)p)) : null,
    };
}
