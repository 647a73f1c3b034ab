using System.Globalization;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads typed values out of a <see cref="StackConfig"/> and collects every problem with its key path
/// (Pulumi's <c>--path</c> syntax: <c>freshfoodz:workload.api.meanServiceTimeSeconds</c>) instead of stopping at
/// the first. Each read returns null when the value is unusable, so callers go on and find the next problem.
/// </summary>
internal sealed class ConfigCursor(StackConfig config)
{
    private readonly List<SettingsError> _errors = [];

    public IReadOnlyList<SettingsError> Errors => _errors;

    public void Error(ConfigNode? at, string path, string message) =>
        _errors.Add(new SettingsError(config.Source, at?.Line, path, message));

    /// <summary>A top-level key's value, its default as a scalar, or null (reported if required).</summary>
    public ConfigNode? Key(ConfigKeySpec spec)
    {
        if (config.Values.TryGetValue(spec.Key, out var node) && !IsEmpty(node))
        {
            return node;
        }
        if (spec.Default is { } value)
        {
            return value == "{}" ? new ConfigMap([], null) : new ConfigScalar(value, null);
        }
        Error(null, spec.Key, $"missing required key: {spec.Description}");
        return null;
    }

    /// <summary>Reports keys of the <c>freshfoodz</c> namespace that no setting reads.</summary>
    public void RejectUnknownKeys(IEnumerable<ConfigKeySpec> known)
    {
        var names = known.Select(k => k.Key).ToList();
        foreach (var (key, node) in config.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (ConfigKeys.Retired.TryGetValue(key, out var moved))
            {
                Error(node, key, $"no longer read: {moved}");
            }
            else if (key.StartsWith(ConfigKeys.Namespace + ":", StringComparison.Ordinal) && !names.Contains(key))
            {
                Error(node, key, $"unknown key{Suggestions.DidYouMean(key, names)}; known keys: {string.Join(", ", names.Where(n => n.StartsWith(ConfigKeys.Namespace, StringComparison.Ordinal)))}");
            }
        }
    }

    public string? Text(ConfigNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case ConfigScalar s:
                return s.Value;
            case ConfigSecret:
                Error(node, path, "must be a plain value, not a secret");
                return null;
            default:
                Error(node, path, "must be a single value, not a mapping or list");
                return null;
        }
    }

    public ConfigMap? Map(ConfigNode? node, string path, IReadOnlyCollection<string>? allowedKeys = null)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not ConfigMap map)
        {
            Error(node, path, allowedKeys is null ? "must be a mapping" : $"must be a mapping with keys {string.Join(", ", allowedKeys)}");
            return null;
        }
        if (allowedKeys is not null)
        {
            foreach (var (key, value) in map.Entries)
            {
                if (!allowedKeys.Contains(key))
                {
                    Error(value, $"{path}.{key}", $"unknown key{Suggestions.DidYouMean(key, allowedKeys)}; allowed: {string.Join(", ", allowedKeys)}");
                }
            }
        }
        return map;
    }

    /// <summary>A required child of a mapping; reports it missing at the parent's line.</summary>
    public ConfigNode? Child(ConfigMap? parent, string path, string key, string expected)
    {
        if (parent is null)
        {
            return null;
        }
        var child = parent[key];
        if (child is null || IsEmpty(child))
        {
            Error(parent, $"{path}.{key}", $"missing; expected {expected}");
            return null;
        }
        return child;
    }

    /// <summary>A number satisfying <paramref name="rule"/>; the rule's text says what is allowed.</summary>
    public double? Number(ConfigMap? parent, string path, string key, NumberRule rule)
    {
        var full = $"{path}.{key}";
        var node = Child(parent, path, key, rule.Text);
        return node is null ? null : Number(node, full, rule);
    }

    public double? Number(ConfigNode node, string path, NumberRule rule)
    {
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Error(node, path, $"must be {rule.Text}, got '{text}'");
            return null;
        }
        if (!rule.Accepts(value))
        {
            Error(node, path, $"must be {rule.Text}, got {text}");
            return null;
        }
        return value;
    }

    public int? Integer(ConfigMap? parent, string path, string key, int min, int max)
    {
        var node = Child(parent, path, key, IntegerText(min, max));
        return node is null ? null : Integer(node, $"{path}.{key}", min, max);
    }

    public int? Integer(ConfigNode node, string path, int min, int max)
    {
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(node, path, $"must be {IntegerText(min, max)}, got '{text}'");
            return null;
        }
        return value;
    }

    public string? Word(ConfigMap? parent, string path, string key, string expected)
    {
        var node = Child(parent, path, key, expected);
        return node is null ? null : Text(node, $"{path}.{key}");
    }

    private static string IntegerText(int min, int max) =>
        max == int.MaxValue ? $"a whole number ≥ {min}" : $"a whole number from {min} to {max}";

    private static bool IsEmpty(ConfigNode node) => node is ConfigScalar { Value: "" };
}

/// <summary>A constraint on a number and the words that state it in an error.</summary>
internal sealed record NumberRule(string Text, Func<double, bool> Accepts)
{
    public static NumberRule Positive(string unit) => new($"a number > 0 ({unit})", v => v > 0);

    public static NumberRule NonNegative(string unit) => new($"a number ≥ 0 ({unit})", v => v >= 0);

    /// <summary>Utilization: strictly between 0 and 1.</summary>
    public static NumberRule Fraction { get; } = new("a number in (0, 1), exclusive", v => v is > 0 and < 1);

    public static NumberRule AtLeast(double min, string unit) => new($"a number ≥ {min.ToString(CultureInfo.InvariantCulture)} ({unit})", v => v >= min);
}
