using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>
/// The configuration a program gets from the Pulumi CLI, built from the committed files the way the CLI builds it:
/// <c>PULUMI_CONFIG</c> is a JSON object of <c>namespace:key</c> to text, holding the project's defaults
/// (<c>value</c> in Pulumi.yaml) overlaid by the stack file; scalars as their text, objects and lists as JSON text
/// with typed leaves (YAML plain scalars become numbers and booleans) and keys sorted; secure values decrypted.
/// <c>PULUMI_CONFIG_SECRET_KEYS</c> is a JSON array of the keys holding a secure value anywhere inside.
/// Each secure value decrypts to <c>@config(&lt;key&gt;[.path])</c>, so its path can be read back off the wire.
/// </summary>
internal sealed record PulumiCliConfig(string ConfigJson, string SecretKeysJson)
{
    public static string SecretValue(string path) => $"@config({path})";

    /// <summary>The values as the program reads them: key → text.</summary>
    public IReadOnlyDictionary<string, string> Values =>
        JsonDocument.Parse(ConfigJson).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    /// <summary>The stack config the program builds from this handover (PulumiConfigSource, with its lookups).</summary>
    public FreshFoodz.Stacks.Settings.StackConfig Read(string stack)
    {
        var values = Values;
        return PulumiConfigSource.Read(stack, key => values.GetValueOrDefault(key.Key), PulumiConfigSource.SecretKeys(SecretKeysJson).Contains);
    }

    public static PulumiCliConfig For(string root, string stack, string? season = null)
    {
        var config = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var secretKeys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, node) in Mapping(Load(Path.Combine(root, "Pulumi.yaml")), "config"))
        {
            if (node is YamlMappingNode declaration && declaration.Children.TryGetValue(new YamlScalarNode("value"), out var value))
            {
                config[key] = TopLevel(value, key, secretKeys);
            }
        }
        // The stack's ESC environments as the CLI opens them: pulumiConfig of each import (later over earlier, an
        // environment's own imports first), computed values secret, then the stack file over all (JSON merge patch).
        var stackFile = Load(Path.Combine(root, $"Pulumi.{stack}.yaml"));
        var fromEnvironments = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (stackFile.Children.TryGetValue(new YamlScalarNode("environment"), out var imports))
        {
            foreach (var name in ((YamlSequenceNode)imports).Children.Cast<YamlScalarNode>())
            {
                OpenEnvironment(root, name.Value!, fromEnvironments, secretKeys);
            }
        }
        foreach (var (key, value) in fromEnvironments)
        {
            config[key] = value;
        }
        foreach (var (key, node) in Mapping(stackFile, "config"))
        {
            var value = TopLevel(node, key, secretKeys);
            config[key] = config.TryGetValue(key, out var below) ? Over(value, below) : value;
        }
        if (season is not null)
        {
            config["freshfoodz:season"] = JsonValue.Create(season);
        }
        var handed = config.ToDictionary(e => e.Key, e => e.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : e.Value!.ToJsonString(), StringComparer.Ordinal);
        return new PulumiCliConfig(JsonSerializer.Serialize(handed), JsonSerializer.Serialize(secretKeys));
    }

    private static void OpenEnvironment(string root, string name, Dictionary<string, JsonNode?> into, SortedSet<string> secretKeys)
    {
        var file = Path.Combine(root, "esc", $"{name}.yaml");
        if (!File.Exists(file))
        {
            return; // a secrets-only environment, not committed: it reaches config only through references
        }
        var definition = Load(file);
        if (definition.Children.TryGetValue(new YamlScalarNode("imports"), out var imports))
        {
            foreach (var inner in ((YamlSequenceNode)imports).Children.Cast<YamlScalarNode>())
            {
                OpenEnvironment(root, inner.Value!, into, secretKeys);
            }
        }
        if (definition.Children.TryGetValue(new YamlScalarNode("values"), out var values))
        {
            foreach (var (key, node) in Mapping((YamlMappingNode)values, "pulumiConfig"))
            {
                var value = node is YamlScalarNode literal && !literal.Value!.Contains("${", StringComparison.Ordinal)
                    ? JsonValue.Create(literal.Value)
                    : Computed(node, key, () => secretKeys.Add(key));
                into[key] = into.TryGetValue(key, out var below) ? Over(value, below) : value;
            }
        }
    }

    /// <summary>An environment's value: interpolations and fn:: calls resolve to (secret) values, literals as written.</summary>
    private static JsonNode? Computed(YamlNode node, string path, Action secret) => node switch
    {
        YamlScalarNode s when s.Value!.Contains("${", StringComparison.Ordinal) => Secret(path, secret),
        YamlMappingNode m when m.Children.Keys.Any(k => ((YamlScalarNode)k).Value!.StartsWith("fn::", StringComparison.Ordinal)) => Secret(path, secret),
        YamlMappingNode m => new JsonObject(m.Children
            .Select(e => (Key: ((YamlScalarNode)e.Key).Value!, e.Value))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => KeyValuePair.Create(e.Key, Computed(e.Value, $"{path}.{e.Key}", secret)))),
        _ => Json(node, path, secret),
    };

    /// <summary>JSON merge patch: <paramref name="top"/> over <paramref name="below"/> (pulumi/pulumi mergeConfig).</summary>
    private static JsonNode? Over(JsonNode? top, JsonNode? below)
    {
        if (top is not JsonObject over || below is not JsonObject under)
        {
            return top;
        }
        var merged = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in under)
        {
            merged[key] = value?.DeepClone();
        }
        foreach (var (key, value) in over)
        {
            merged[key] = merged.TryGetValue(key, out var old) ? Over(value?.DeepClone(), old) : value?.DeepClone();
        }
        return new JsonObject(merged);
    }

    /// <summary>A top-level value as the CLI hands it: a scalar's text, a secure value decrypted, structure as JSON.</summary>
    private static JsonNode? TopLevel(YamlNode node, string key, SortedSet<string> secretKeys) => node switch
    {
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ when IsSecure(node) => Secret(key, () => secretKeys.Add(key)),
        _ => Json(node, key, () => secretKeys.Add(key)),
    };

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        using var reader = File.OpenText(file);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IEnumerable<(string Key, YamlNode Node)> Mapping(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode m
            ? m.Children.Select(e => (((YamlScalarNode)e.Key).Value!, e.Value))
            : [];

    private static bool IsSecure(YamlNode node) =>
        node is YamlMappingNode m && m.Children.Count == 1 && m.Children.Keys.Single() is YamlScalarNode { Value: "secure" };

    private static JsonNode? Json(YamlNode node, string path, Action secret) => node switch
    {
        _ when IsSecure(node) => Secret(path, secret),
        YamlMappingNode m => new JsonObject(m.Children
            .Select(e => (Key: ((YamlScalarNode)e.Key).Value!, e.Value))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => KeyValuePair.Create(e.Key, Json(e.Value, $"{path}.{e.Key}", secret)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select((c, i) => Json(c, $"{path}[{i}]", secret))]),
        YamlScalarNode s => Scalar(s),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.NodeType.ToString()),
    };

    private static JsonValue Secret(string path, Action secret)
    {
        secret();
        return JsonValue.Create(SecretValue(path));
    }

    /// <summary>YAML's core schema for plain scalars: booleans, integers and floats are typed; quoted text stays text.</summary>
    private static JsonValue? Scalar(YamlScalarNode s)
    {
        var text = s.Value ?? "";
        if (s.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        return text switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "" or "~" or "null" or "Null" or "NULL" => null,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }
}
