using System.Globalization;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads typed values out of a <see cref="StackConfig"/> and collects every problem with its key path
/// (Pulumi's <c>--path</c> syntax: <c>freshfoodz:workload.api.meanServiceTimeSeconds</c>) instead of stopping at
/// the first. Each read returns null when the value is unusable, so callers go on and find the next problem.
/// </summary>
internal sealed class ConfigCursor(StackConfig config)
{
    private readonly ProblemList _problems = new(config.Source);

    /// <summary>The first <see cref="ProblemList.MaxErrors"/> problems, and a last line counting the rest.</summary>
    public IReadOnlyList<SettingsError> Errors => _problems.Errors;

    public void Error(ConfigNode? at, string path, string message) => _problems.Add(at, path, message);

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

    /// <summary>
    /// Reports keys of the <c>freshfoodz</c> namespace that no setting reads, keys without a namespace, and keys of
    /// a namespace that is neither <c>freshfoodz</c> nor a provider's (a misspelt namespace would otherwise be
    /// ignored and the default used).
    /// </summary>
    public void RejectUnknownKeys(IEnumerable<ConfigKeySpec> known)
    {
        var names = known.Select(k => k.Key).ToList();
        foreach (var (key, node) in config.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var space = colon > 0 ? key[..colon] : "";
            if (names.Contains(key) || ConfigKeys.ProviderNamespaces.Contains(space))
            {
                continue;
            }
            if (_problems.Full)
            {
                Error(node, key, ""); // counted, not listed: no suggestion to compute for thousands of keys
            }
            else if (ConfigKeys.Retired.TryGetValue(key, out var moved))
            {
                Error(node, key, $"no longer read: {moved}");
            }
            else if (colon <= 0)
            {
                Error(node, key, $"a config key needs a namespace: {ConfigKeys.Namespace}:<key>{Suggestions.DidYouMean($"{ConfigKeys.Namespace}:{key}", names)}");
            }
            else if (space != ConfigKeys.Namespace)
            {
                Error(node, key,
                    $"unknown namespace {ValueText.Quote(space)}: this project's settings are {ConfigKeys.Namespace}:<key>{Suggestions.DidYouMean($"{ConfigKeys.Namespace}{key[colon..]}", names)}; other namespaces allowed: {string.Join(", ", ConfigKeys.ProviderNamespaces)} (provider configuration)");
            }
            else
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
            case ConfigScalar s when Printable.Forbidden(s.Value) is { } bad:
                // Pulumi config reaches the program without the YAML reader, which refuses these in a stack file.
                Error(node, path, $"must be printable text, got {ValueText.Quote(s.Value)} ({bad})");
                return null;
            case ConfigScalar s:
                return s.Value;
            case ConfigSecret { Environment: { } environment }:
                Error(node, path, $"comes from the ESC environment {environment}, which computes it: unknown offline; a value the plan needs is written in the stack file or as a literal in {EnvironmentImports.Folder}/{environment}.yaml");
                return null;
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

    /// <summary>A number in its key's range (<see cref="NumericRanges"/>); the range's text says what is allowed.</summary>
    public double? Number(ConfigMap? parent, string path, string key)
    {
        var full = $"{path}.{key}";
        var node = Child(parent, path, key, NumericRanges.For(full).Text);
        return node is null ? null : Number(node, full);
    }

    public double? Number(ConfigNode node, string path)
    {
        var range = NumericRanges.For(path);
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }
        if (!NumericRange.TryParse(text, out var value))
        {
            Error(node, path, $"must be {range.Text}, got {ValueText.Quote(text)}");
            return null;
        }
        if (!range.Accepts(value))
        {
            Error(node, path, $"must be {range.Text}, got {(text.Length <= 40 ? text : ValueText.Quote(text))}");
            return null;
        }
        return value;
    }

    /// <summary>A whole number in its key's range.</summary>
    public int? Integer(ConfigMap? parent, string path, string key)
    {
        var full = $"{path}.{key}";
        var node = Child(parent, path, key, NumericRanges.For(full).Text);
        return node is null ? null : Integer(node, full);
    }

    public int? Integer(ConfigNode node, string path)
    {
        var range = NumericRanges.For(path);
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || !range.Accepts(value))
        {
            Error(node, path, $"must be {range.Text}, got {ValueText.Quote(text)}");
            return null;
        }
        return value;
    }

    /// <summary>A date yyyy-MM-dd within the tool's dates (<see cref="ToolDates"/>); <paramref name="what"/> says what it is.</summary>
    public DateOnly? Date(ConfigNode? node, string path, string what)
    {
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }
        if (!ToolDates.TryParse(text, out var date))
        {
            Error(node, path, $"must be {ToolDates.Text} ({what}), got {ValueText.Quote(text)}");
            return null;
        }
        return date;
    }

    public string? Word(ConfigMap? parent, string path, string key, string expected)
    {
        var node = Child(parent, path, key, expected);
        return node is null ? null : Text(node, $"{path}.{key}");
    }

    private static bool IsEmpty(ConfigNode node) => node is ConfigScalar { Value: "" };
}
