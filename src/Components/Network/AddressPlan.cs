using System.Net;
using System.Net.Sockets;

namespace FreshFoodz.Components.Network;

/// <summary>
/// A territory's IPv4 address plan: one /16 for the primary region's network and one for the DR region's, from the
/// stack settings, so every stack's networks can be peered with a later hub. Each /16 is carved the same way:
/// <list type="bullet">
/// <item>.0.0/20 AKS nodes (4,094 nodes' addresses; pods use the overlay range, not the VNet);</item>
/// <item>.16.0/24 PostgreSQL flexible servers, delegated to Microsoft.DBforPostgreSQL/flexibleServers;</item>
/// <item>.17.0/24 private endpoints (Key Vault, audit storage).</item>
/// </list>
/// The cluster's pod (10.244.0.0/16) and service (10.0.0.0/16) ranges must not overlap a VNet (AKS docs, "Azure CNI
/// Overlay": the pod CIDR must not overlap the cluster subnet or peered networks).
/// </summary>
public sealed record AddressPlan(IPNetwork Primary, IPNetwork DisasterRecovery)
{
    public static readonly IPNetwork PodCidr = IPNetwork.Parse("10.244.0.0/16");
    public static readonly IPNetwork ServiceCidr = IPNetwork.Parse("10.0.0.0/16");

    /// <summary>Private ranges (RFC 1918) a network of ours may use.</summary>
    public static readonly IReadOnlyList<IPNetwork> PrivateRanges =
        [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16")];

    public static string Subnet(IPNetwork network, int thirdOctet, int prefix)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        bytes[2] = (byte)thirdOctet;
        return $"{new IPAddress(bytes)}/{prefix}";
    }

    public static string AksNodes(IPNetwork network) => Subnet(network, 0, 20);

    public static string Postgres(IPNetwork network) => Subnet(network, 16, 24);

    public static string PrivateEndpoints(IPNetwork network) => Subnet(network, 17, 24);

    /// <summary>Why a /16 cannot be one of ours, or null: IPv4, exactly /16, private, clear of the cluster's ranges.</summary>
    public static string? Problem(IPNetwork network)
    {
        if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork || network.PrefixLength != 16)
        {
            return "must be an IPv4 /16 like 10.16.0.0/16";
        }
        if (!PrivateRanges.Any(r => r.Contains(network.BaseAddress)))
        {
            return "must be private (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)";
        }
        return Overlaps(network, PodCidr) || Overlaps(network, ServiceCidr)
            ? $"overlaps the cluster's pod range {PodCidr} or service range {ServiceCidr}"
            : null;
    }

    public static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
