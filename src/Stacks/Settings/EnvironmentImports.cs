using System.Text.RegularExpressions;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// The Pulumi ESC environments a stack file imports (<c>environment: [project/name, …]</c>), read offline from their
/// committed definitions <c>esc/&lt;project&gt;/&lt;name&gt;.yaml</c> and merged into the stack's config as the Pulumi
/// CLI merges them: each environment's <c>values.pulumiConfig</c>, later imports over earlier ones, and the stack file
/// over all of them, objects merged key by key (JSON merge patch; pulumi/pulumi <c>pkg/workspace/config.go</c>,
/// <c>mergeConfig</c>). A literal value in a definition is read as written; a value the environment computes (an
/// interpolation <c>${…}</c>, <c>fn::secret</c>, <c>fn::open::…</c>) is present but unknown offline: it becomes a
/// <see cref="ConfigSecret"/> naming the environment, accepted where the plan refers to a secret by path and refused,
/// with the environment named, where the plan needs the value itself. An import inside a definition is followed when
/// its definition is committed; one that is not (a secrets-only environment) adds no config of its own.
/// </summary>
public static partial class EnvironmentImports
{
    /// <summary>The folder, beside the stack files, that holds the committed environment definitions.</summary>
    public const string Folder = "esc";

    /// <summary>Imports nested deeper than this are refused: ESC environments here are one or two levels deep.</summary>
    private const int MaxDepth = 8;

    /// <summary>More distinct environments than this in one stack's imports are refused: a stack here imports two.</summary>
    private const int MaxEnvironments = 64;

    /// <summary>
    /// An ESC environment definition as the one reader takes it: <c>imports</c> (names) and <c>values</c> (anything ESC
    /// holds; only <c>values.pulumiConfig</c> reaches the stack). Any other top-level key is a typo.
    /// </summary>
    internal static YamlFileKind Kind { get; } = new(
        "ESC environment definition", "a definition is YAML with 'imports:' and 'values:'", 8,
        YamlSchema.Fields(
            new YamlField("imports", YamlSchema.Anything, Required: false),
            new YamlField("values", YamlSchema.Anything, Required: false)),
        errors => new StackSettingsException(errors));

    private const string NameRule = "project/name, each of letters, digits, '-', '_' or '.' (not starting with '.')";

    /// <summary>The committed definition of environment <paramref name="name"/> (<c>project/name</c>).</summary>
    public static string DefinitionPath(string projectDirectory, string name) =>
        Path.Combine(projectDirectory, Folder, Path.Combine(name.Split('/')) + ".yaml");

    /// <summary>The stack's config with its imported environments merged in.</summary>
    internal static StackConfig Merge(StackConfig config, ConfigNode imports, string projectDirectory)
    {
        var names = Names(config.Source, imports);
        var provided = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        // Each environment is read and merged once, however often it is imported: a diamond of imports eight deep
        // once read its definitions exponentially often (hours for a few kilobytes of YAML).
        var read = new Dictionary<string, Dictionary<string, ConfigNode>?>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            MergeInto(provided, Collect(config.Source, projectDirectory, name, required: true, [], read));
        }
        var values = new Dictionary<string, ConfigNode>(provided, StringComparer.Ordinal);
        foreach (var (key, value) in config.Values)
        {
            values[key] = provided.TryGetValue(key, out var fromEnvironment) ? Over(value, fromEnvironment) : value;
        }
        return config with { Values = values };
    }

    private static void MergeInto(Dictionary<string, ConfigNode> into, Dictionary<string, ConfigNode>? later)
    {
        foreach (var (key, node) in later ?? [])
        {
            into[key] = into.TryGetValue(key, out var earlier) ? Over(node, earlier) : node;
        }
    }

    private static List<string> Names(string source, ConfigNode imports)
    {
        var items = imports switch
        {
            ConfigList list => list.Items,
            ConfigScalar { Value: "" } => [],
            _ => throw Problem(source, imports.Line, "a list of ESC environment names (environment:\n  - freshfoodz/de-prod)"),
        };
        var names = new List<string>();
        foreach (var item in items)
        {
            if (item is not ConfigScalar { Value: var name } || !NamePattern().IsMatch(name))
            {
                throw Problem(source, item.Line,
                    $"an ESC environment name is {NameRule}, got {(item is ConfigScalar s ? ValueText.Quote(s.Value) : "a mapping or list")}");
            }
            names.Add(name);
        }
        return names;
    }

    /// <summary>Environment <paramref name="name"/>'s pulumiConfig after its own imports (null: not committed), read once per stack.</summary>
    private static Dictionary<string, ConfigNode>? Collect(string source, string projectDirectory, string name, bool required, List<string> chain, Dictionary<string, Dictionary<string, ConfigNode>?> read)
    {
        if (chain.Contains(name) || chain.Count >= MaxDepth)
        {
            throw Problem(source, null, $"environment {name} imports itself or nests more than {MaxDepth} deep ({string.Join(" → ", chain.Append(name))})");
        }
        var file = Path.Combine(Folder, name + ".yaml");
        if (!read.TryGetValue(name, out var known))
        {
            if (read.Count >= MaxEnvironments)
            {
                throw Problem(source, null, $"imports more than {MaxEnvironments} ESC environments (reading {file}); a stack imports its own and what that refers to");
            }
            known = read[name] = Load(source, projectDirectory, name, file, chain, read);
        }
        if (known is null && required)
        {
            throw Problem(source, null,
                $"imports the ESC environment {name}, whose definition {file} is not committed; commit it (without secret values, docs/configuration.md) or remove the import");
        }
        return known; // null: a secrets-only environment, whose values reach the stack only through the definitions that refer to it
    }

    private static Dictionary<string, ConfigNode>? Load(string source, string projectDirectory, string name, string file, List<string> chain, Dictionary<string, Dictionary<string, ConfigNode>?> read)
    {
        if (YamlFile.Load(Kind, DefinitionPath(projectDirectory, name), file) is not ConfigMap root)
        {
            return null;
        }
        var into = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        chain.Add(name);
        if (root["imports"] is { } nested)
        {
            foreach (var inner in Names(file, nested))
            {
                MergeInto(into, Collect(source, projectDirectory, inner, required: false, chain, read));
            }
        }
        chain.RemoveAt(chain.Count - 1);
        if (root["values"] is ConfigMap { } values && values["pulumiConfig"] is ConfigMap config)
        {
            MergeInto(into, config.Entries.ToDictionary(e => e.Key, e => Provided(e.Value, name), StringComparer.Ordinal));
        }
        return into;
    }

    /// <summary>A definition's value as the offline tool can know it: literals as written, computed values unknown.</summary>
    private static ConfigNode Provided(ConfigNode value, string environment) => value switch
    {
        ConfigScalar s when !s.Value.Contains("${", StringComparison.Ordinal) => s with { Line = null },
        ConfigMap m when !m.Entries.Any(e => e.Key.StartsWith("fn::", StringComparison.Ordinal)) =>
            new ConfigMap([.. m.Entries.Select(e => KeyValuePair.Create(e.Key, Provided(e.Value, environment)))], null),
        ConfigList l => new ConfigList([.. l.Items.Select(i => Provided(i, environment))], null),
        _ => new ConfigSecret(null) { Environment = environment },
    };

    /// <summary>JSON merge patch: <paramref name="top"/> over <paramref name="under"/>, mappings merged key by key.</summary>
    private static ConfigNode Over(ConfigNode top, ConfigNode under)
    {
        if (top is not ConfigMap over || under is not ConfigMap below)
        {
            return top;
        }
        var entries = below.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var (key, value) in over.Entries)
        {
            entries[key] = entries.TryGetValue(key, out var old) ? Over(value, old) : value;
        }
        return new ConfigMap([.. entries], over.Line);
    }

    private static StackSettingsException Problem(string source, int? line, string message) =>
        new([new SettingsError(source, line, "environment", message)]);

    [GeneratedRegex(@"\A[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}\z")]
    private static partial Regex NamePattern();
}
