using FreshFoodz.Stacks.Settings;
using Pulumi;

namespace FreshFoodz.PulumiProgram;

/// <summary>
/// Reads every key of the catalog from Pulumi config into the same <see cref="StackConfig"/> the offline loader
/// builds, so validation and its messages are identical. Structured values arrive as JSON text.
/// </summary>
internal static class PulumiConfigSource
{
    public static StackConfig Read(string stackName) => Read(stackName, key => new Config(key.Namespace).Get(key.Name));

    /// <summary>With the lookup injectable, tests can feed values without an engine.</summary>
    public static StackConfig Read(string stackName, Func<ConfigKeySpec, string?> get)
    {
        var values = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        foreach (var key in ConfigKeys.All)
        {
            if (get(key) is { } value)
            {
                // Secret leaves arrive decrypted; mark them secret again so they never reach the plan as text.
                values[key.Key] = ConfigNode.FromPulumiConfigValue(value).WithSecretLeaves(key.SecretLeaves);
            }
        }
        return new StackConfig(stackName, $"Pulumi.{stackName}.yaml (pulumi config)", values);
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
        var root = config.GetSecretObject<System.Text.Json.JsonElement>(path[0])
            ?? throw new ResourceException($"missing secret config {key[..(colon + 1)]}{path[0]}", null!, hideStack: true);
        return root.Apply(json => path.Skip(1).Aggregate(json, (e, p) => e.GetProperty(p)).GetString() ?? "");
    }
}
