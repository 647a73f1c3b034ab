using System.Text.RegularExpressions;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// The GUIDs a stack names (its subscription, the deployer's and the database administrator's object IDs): 32 hex
/// digits in the 8-4-4-4-12 form, matched in full (\A…\z: a trailing newline is no GUID), and never the nil GUID,
/// which no Azure subscription or Entra object has: it is a placeholder left in a file.
/// </summary>
public static partial class Guids
{
    public const string Rule = "a GUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301, not the nil GUID 00000000-0000-0000-0000-000000000000";

    public static bool IsNonNil(string text) => Pattern().IsMatch(text) && Guid.Parse(text) != Guid.Empty;

    [GeneratedRegex(@"\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z")]
    private static partial Regex Pattern();
}
