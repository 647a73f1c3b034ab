using System.Text.Json;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// A stack config value as both sources deliver it: the offline loader from <c>Pulumi.&lt;stack&gt;.yaml</c>,
/// the Pulumi program from Pulumi config (structured values arrive there as JSON text). Scalars stay text;
/// the settings reader parses them, so both sources get the same validation and messages.
/// </summary>
public abstract record ConfigNode(int? Line)
{
    /// <summary>Builds a node from a Pulumi config value: JSON objects and arrays become structure.</summary>
    public static ConfigNode FromPulumiConfigValue(string value)
    {
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                using var doc = JsonDocument.Parse(value);
                return FromJson(doc.RootElement);
            }
            catch (JsonException)
            {
                // Not JSON after all: a plain string that starts with a bracket.
            }
        }
        return new ConfigScalar(value, null);
    }

    /// <summary>This value with every scalar under a key in <paramref name="names"/> turned into a secret.</summary>
    public ConfigNode WithSecretLeaves(IReadOnlySet<string> names) => this switch
    {
        ConfigMap m => m with
        {
            Entries = [.. m.Entries.Select(e => KeyValuePair.Create(e.Key,
                names.Contains(e.Key) && e.Value is ConfigScalar ? new ConfigSecret(e.Value.Line) : e.Value.WithSecretLeaves(names)))],
        },
        ConfigList l => l with { Items = [.. l.Items.Select(i => i.WithSecretLeaves(names))] },
        _ => this,
    };

    /// <summary>This value with every scalar turned into a secret: a secret config key whose secret leaves are unknown.</summary>
    public ConfigNode WithAllLeavesSecret() => this switch
    {
        ConfigScalar s => new ConfigSecret(s.Line),
        ConfigMap m => m with { Entries = [.. m.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.WithAllLeavesSecret()))] },
        ConfigList l => l with { Items = [.. l.Items.Select(i => i.WithAllLeavesSecret())] },
        _ => this,
    };

    private static ConfigNode FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object when e.TryGetProperty("secure", out _) && e.EnumerateObject().Count() == 1 => new ConfigSecret(null),
        JsonValueKind.Object => new ConfigMap(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, FromJson(p.Value))).ToList(), null),
        JsonValueKind.Array => new ConfigList(e.EnumerateArray().Select(FromJson).ToList(), null),
        JsonValueKind.String => new ConfigScalar(e.GetString()!, null),
        JsonValueKind.Null => new ConfigScalar("", null),
        _ => new ConfigScalar(e.GetRawText(), null),
    };
}

public sealed record ConfigScalar(string Value, int? Line) : ConfigNode(Line);

/// <summary>
/// An encrypted value (<c>secure: …</c>), or one an imported ESC environment computes (<see cref="Environment"/>
/// names it). Offline it stays opaque; it is never printed.
/// </summary>
public sealed record ConfigSecret(int? Line) : ConfigNode(Line)
{
    /// <summary>The imported environment that provides the value, when it is not in the stack file.</summary>
    public string? Environment { get; init; }
}

/// <summary>
/// A mapping, its keys in ordinal order whatever their order in the file: Pulumi hands object config to the program
/// as JSON with sorted keys, so nothing planned may depend on the order a person wrote keys in.
/// </summary>
public sealed record ConfigMap : ConfigNode
{
    public ConfigMap(IReadOnlyList<KeyValuePair<string, ConfigNode>> entries, int? line)
        : base(line) => Entries = [.. entries.OrderBy(e => e.Key, StringComparer.Ordinal)];

    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries { get; init; }

    public ConfigNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

public sealed record ConfigList(IReadOnlyList<ConfigNode> Items, int? Line) : ConfigNode(Line);

/// <summary>A stack's raw config: full keys (<c>namespace:key</c>) to values, and where they came from.</summary>
public sealed record StackConfig(string StackName, string Source, IReadOnlyDictionary<string, ConfigNode> Values);
