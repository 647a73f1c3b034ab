namespace FreshFoodz.Components.Naming;

/// <summary>
/// Names Azure requires to be GUIDs (role assignments), derived from what they name so every plan gives the same one:
/// SHA-256 of the name in the RFC 9562 version 8 ("custom") layout.
/// </summary>
public static class StableGuid
{
    public static string From(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(hash.AsSpan(0, 4)) + "-" + Convert.ToHexStringLower(hash.AsSpan(4, 2)) + "-"
            + Convert.ToHexStringLower(hash.AsSpan(6, 2)) + "-" + Convert.ToHexStringLower(hash.AsSpan(8, 2)) + "-"
            + Convert.ToHexStringLower(hash.AsSpan(10, 6));
    }
}
