using System.Text.Json;
using FreshFoodz.Stacks.Settings;
using Pulumi;

namespace FreshFoodz.PulumiProgram;

/// <summary>
/// Reads every key of the catalog from Pulumi config into the same <see cref="StackConfig"/> the offline loader
/// builds, so validation and its messages are identical. Structured values arrive as JSON text, secure values
/// decrypted; which keys were secure the CLI names in <c>PULUMI_CONFIG_SECRET_KEYS</c> (whole keys: a key with one
/// secure leaf is listed as a whole, and which leaf it was is not said).
/// </summary>
internal static class PulumiConfigSource
{
    private const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    public static StackConfig Read(string stackName) =>
        Read(stackName, key => new Config(key.Namespace).Get(key.Name), SecretKeys(Environment.GetEnvironmentVariable(SecretKeysVariable)).Contains);

    /// <summary>With the lookups injectable, tests can feed values without an engine.</summary>
    public static StackConfig Read(string stackName, Func<ConfigKeySpec, string?> get, Func<string, bool> isSecret)
    {
        var values = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        foreach (var key in ConfigKeys.All)
        {
            if (get(key) is { } value)
            {
                values[key.Key] = Node(key, ConfigNode.FromPulumiConfigValue(value), isSecret(key.Key));
            }
        }
        return new StackConfig(stackName, $"Pulumi.{stackName}.yaml (pulumi config)", values);
    }

    /// <summary>
    /// A secret key's leaves are secrets again, so none reaches the plan as text: the catalog's secret leaves where the
    /// key has them (the only leaves its docs say to set with --secret), every leaf otherwise, which the settings
    /// reader then refuses as it refuses a <c>secure:</c> value in the stack file. A key that is not secret keeps its
    /// text, so a plain value where a secret belongs is refused as offline.
    /// </summary>
    private static ConfigNode Node(ConfigKeySpec key, ConfigNode node, bool secret) =>
        !secret ? node
        : key.SecretLeaves.Count > 0 ? node.WithSecretLeaves(key.SecretLeaves)
        : node.WithAllLeavesSecret();

    internal static IReadOnlySet<string> SecretKeys(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new HashSet<string>();
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new ResourceException($"{SecretKeysVariable} is not a JSON array of config keys; run the program through the Pulumi CLI", null!, hideStack: true);
        }
    }
}

/// <summary>Resolves a secret config reference (<c>namespace:key</c> or <c>namespace:key.path</c>) as a secret output.</summary>
internal interface ISecretConfig
{
    Output<string> Require(string key);
}

internal sealed class PulumiSecretConfig : ISecretConfig
{
    public Output<string> Require(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var config = new Config(key[..colon]);
        var path = key[(colon + 1)..].Split('.');
        if (path.Length == 1)
        {
            return config.RequireSecret(path[0]);
        }
        var root = config.GetSecretObject<JsonElement>(path[0])
            ?? throw new ResourceException($"missing secret config {key[..(colon + 1)]}{path[0]}", null!, hideStack: true);
        return root.Apply(json => path.Skip(1).Aggregate(json, (e, p) => e.GetProperty(p)).GetString() ?? "");
    }
}
