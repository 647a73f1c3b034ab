using System.Net;
using FreshFoodz.Components.Network;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads <c>freshfoodz:network</c>: the stack's two address spaces, each an IPv4 /16 of private space clear of the
/// cluster's pod and service ranges, and not overlapping each other. (That no two stacks overlap is checked across
/// the committed stack files, since a stack file sees only itself.)
/// </summary>
internal static class NetworkSettingsReader
{
    private static readonly string[] Keys = ["primaryAddressSpace", "drAddressSpace"];

    public static AddressPlan? Read(ConfigCursor c)
    {
        var root = ConfigKeys.Network.Key;
        var m = c.Map(c.Key(ConfigKeys.Network), root, Keys);
        var primary = Space(c, m, root, "primaryAddressSpace");
        var dr = Space(c, m, root, "drAddressSpace");
        if (primary is null || dr is null)
        {
            return null;
        }
        if (AddressPlan.Overlaps(primary.Value, dr.Value))
        {
            c.Error(m?["drAddressSpace"], $"{root}.drAddressSpace", $"overlaps primaryAddressSpace {primary}; the two regions' networks are peered and must not overlap");
            return null;
        }
        return new AddressPlan(primary.Value, dr.Value);
    }

    private static IPNetwork? Space(ConfigCursor c, ConfigMap? parent, string root, string key)
    {
        var text = c.Word(parent, root, key, "an IPv4 /16 like 10.16.0.0/16");
        if (text is null)
        {
            return null;
        }
        if (!IPNetwork.TryParse(text, out var network) || network.ToString() != text)
        {
            c.Error(parent?[key], $"{root}.{key}", $"must be a network in CIDR form with no host bits, like 10.16.0.0/16, got '{Short(text)}'");
            return null;
        }
        if (AddressPlan.Problem(network) is { } problem)
        {
            c.Error(parent?[key], $"{root}.{key}", $"{problem}, got {network}");
            return null;
        }
        return network;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
