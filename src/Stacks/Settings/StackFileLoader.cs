using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads <c>Pulumi.&lt;stack&gt;.yaml</c> (Pulumi's stack file format: a <c>config:</c> mapping of namespaced keys,
/// structured values allowed, secrets as <c>secure:</c>) into a <see cref="StackConfig"/> for offline use.
/// Hostile files end in a <see cref="StackSettingsException"/> naming the file, within bounded time and memory:
/// only a regular file of at most <see cref="MaxBytes"/> is read, nested at most <see cref="MaxDepth"/> deep, one
/// document, no anchors or aliases (whose expansion is exponential), no duplicate keys, only the core schema's tags.
/// </summary>
public static partial class StackFileLoader
{
    /// <summary>The stack files here are about 5 KB; 1 MiB leaves room and bounds parsing (about 0.1 s).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The deepest key path a stack reads is six mappings deep (config, modules, module, deployments, deployment).</summary>
    public const int MaxDepth = 32;

    /// <summary>Keys longer than this are no key the tool knows; they are refused before they reach a message.</summary>
    public const int MaxKeyLength = 256;

    public const string StackNameRule = "a stack name of lowercase letters, digits and '-' (1-63 characters, starting with a letter or digit)";

    /// <summary>A stack name is part of file names (read and written), so only a safe character set: no '/', '.', or spaces.</summary>
    public static bool IsValidStackName(string name) => StackNamePattern().IsMatch(name);

    public static string FileName(string stackName) => $"Pulumi.{stackName}.yaml";

    /// <summary>The stacks that have a file in <paramref name="projectDirectory"/> (files whose name is no valid stack name are left out).</summary>
    public static IReadOnlyList<string> KnownStacks(string projectDirectory) =>
        Directory.EnumerateFiles(projectDirectory, "Pulumi.*.yaml")
            .Select(Path.GetFileName)
            .Select(f => f!["Pulumi.".Length..^".yaml".Length])
            .Where(IsValidStackName)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Loads a stack by name from the project directory; a missing file names the stacks there are.</summary>
    public static StackConfig Load(string projectDirectory, string stackName)
    {
        if (!IsValidStackName(stackName))
        {
            throw Problem("(stack)", null, "stack", $"expected {StackNameRule}, got {ValueText.Quote(stackName)}");
        }
        var file = FileName(stackName);
        var path = Path.Combine(projectDirectory, file);
        return Parse(stackName, file, ReadText(projectDirectory, file, path), projectDirectory);
    }

    /// <summary>The stack file's text (<see cref="BoundedFile"/>); a missing one names the stacks there are.</summary>
    private static string ReadText(string projectDirectory, string file, string path) =>
        BoundedFile.ReadText(path, "stack file", "a stack file is YAML with a 'config:' mapping", message => Problem(file, null, "(file)", message))
        ?? throw Problem(file, null, "stack",
            $"no stack file {file} in {projectDirectory}; stacks here: {(KnownStacks(projectDirectory) is { Count: > 0 } known ? string.Join(", ", known) : "none")}");

    /// <summary>
    /// The stack file's config, with the Pulumi ESC environments it imports (<c>environment:</c>) merged in from
    /// their committed definitions in <paramref name="projectDirectory"/> (<see cref="EnvironmentImports"/>).
    /// </summary>
    public static StackConfig Parse(string stackName, string source, string yaml, string? projectDirectory = null)
    {
        if (yaml.Length > MaxBytes)
        {
            throw Problem(source, null, "(file)", $"has {yaml.Length} characters; a stack file may have at most {MaxBytes} bytes (1 MiB)");
        }
        var root = Read(source, yaml);
        if (root is not ConfigMap map)
        {
            throw Problem(source, root?.Line ?? 1, "(file)", "a stack file must be a mapping with a 'config:' section");
        }
        if (map["config"] is not ConfigMap config)
        {
            throw Problem(source, map.Line, "config", "missing 'config:' mapping (Pulumi stack files keep their settings under config:)");
        }
        // Read refused duplicate keys (whatever their tags), so keys are unique.
        var values = config.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var stack = new StackConfig(stackName, source, values);
        return map["environment"] is not { } imports ? stack
            : projectDirectory is null ? throw Problem(source, imports.Line, "environment",
                $"imports Pulumi ESC environments, whose definitions are read from {EnvironmentImports.Folder}/ in the project directory; no project directory was given")
            : EnvironmentImports.Merge(stack, imports, projectDirectory);
    }

    /// <summary>The checked tree of any YAML file read like a stack file (an ESC environment definition).</summary>
    internal static ConfigNode? ReadTree(string source, string yaml) => Read(source, yaml);

    private static StackSettingsException Problem(string source, int? line, string key, string message) =>
        new([new SettingsError(source, line, key, message)]);

    /// <summary>One open mapping or sequence while walking the parser's events, and what it holds so far.</summary>
    private sealed class Frame(bool mapping, string path, int line)
    {
        public bool Mapping { get; } = mapping;
        public string Path { get; } = path;

        /// <summary>The line a reader looks for this node at: its key's line, or its own for a list item.</summary>
        public int Line { get; } = line;

        public Dictionary<string, int> Keys { get; } = new(StringComparer.Ordinal);
        public bool ExpectKey { get; set; } = mapping;
        public string? Key { get; set; }
        public int KeyLine { get; set; }
        private readonly List<KeyValuePair<string, ConfigNode>> _entries = [];
        private readonly List<ConfigNode> _items = [];

        public string ChildPath(int depth) =>
            Mapping
                ? depth == 1 && Key == "config" ? "" : Path.Length == 0 ? Key! : $"{Path}.{Key}"
                : $"{Path}[{_items.Count}]";

        /// <summary>The line a child starting at <paramref name="start"/> is reported at.</summary>
        public int ChildLine(int start) => Mapping ? KeyLine : start;

        public void Add(ConfigNode node)
        {
            if (Mapping)
            {
                _entries.Add(KeyValuePair.Create(Key!, node));
                ExpectKey = true;
            }
            else
            {
                _items.Add(node);
            }
        }

        /// <summary>A mapping of just <c>secure:</c> is an encrypted value: opaque offline, never printed.</summary>
        public ConfigNode Build() =>
            Mapping
                ? _entries is [{ Key: "secure" }] ? new ConfigSecret(Line) : new ConfigMap(_entries, Line)
                : new ConfigList(_items, Line);
    }

    /// <summary>YAML 1.2 core schema tags (as YamlDotNet spells their full form); anything else is refused.</summary>
    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
    };

    /// <summary>
    /// Builds the document's tree from the parser's events in one pass and constant stack space, checking as it goes:
    /// a recursive tree builder would overflow the stack on deep nesting, and an alias would be expanded on every use
    /// (a few KB of "billion laughs" fill memory). Returns the root, or null for an empty file.
    /// </summary>
    private static ConfigNode? Read(string source, string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var frames = new Stack<Frame>();
        ConfigNode? root = null;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                var line = (int)e.Start.Line;
                var top = frames.Count > 0 ? frames.Peek() : null;
                var at = top is null ? "(file)" : top.Mapping && top.ExpectKey ? Shown(top.Path) : Shown(top.ChildPath(frames.Count));
                switch (e)
                {
                    case DocumentStart when ++documents > 1:
                        throw Problem(source, line, "(file)", "a stack file holds one YAML document; a second one starts here");
                    case AnchorAlias:
                        throw Problem(source, line, at, "YAML aliases (*name) are not allowed in a stack file; write the value out");
                    case NodeEvent { Anchor.IsEmpty: false }:
                        throw Problem(source, line, at, "YAML anchors (&name) are not allowed in a stack file; write the value out");
                    case NodeEvent { Tag.IsEmpty: false } node when !node.Tag.IsNonSpecific && !CoreTags.Contains(node.Tag.Value):
                        throw Problem(source, line, at,
                            $"the YAML tag {ValueText.Quote(node.Tag.Value)} is not allowed; a stack file holds plain text, numbers, mappings and lists");
                    default:
                        break;
                }
                switch (e)
                {
                    case Scalar scalar when top is { Mapping: true, ExpectKey: true }:
                        if (scalar.Value.Length > MaxKeyLength)
                        {
                            throw Problem(source, line, at, $"a key of {scalar.Value.Length} characters; keys have at most {MaxKeyLength}");
                        }
                        top.Key = scalar.Value;
                        if (!top.Keys.TryAdd(scalar.Value, line))
                        {
                            throw Problem(source, line, Shown(top.ChildPath(frames.Count)),
                                $"duplicate key (first at line {top.Keys[scalar.Value]}); a key may appear once in a mapping");
                        }
                        top.KeyLine = line;
                        top.ExpectKey = false;
                        break;
                    case Scalar scalar:
                        var value = new ConfigScalar(
                            scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" ? "" : scalar.Value,
                            top?.ChildLine(line) ?? line);
                        if (top is null)
                        {
                            root = value;
                        }
                        else
                        {
                            top.Add(value);
                        }
                        break;
                    case MappingStart or SequenceStart:
                        if (top is { Mapping: true, ExpectKey: true })
                        {
                            throw Problem(source, line, at, "keys must be plain text, not a mapping or list");
                        }
                        if (frames.Count >= MaxDepth)
                        {
                            throw Problem(source, line, at, $"nested more than {MaxDepth} levels deep; a stack file needs at most 6");
                        }
                        frames.Push(new Frame(e is MappingStart, top?.ChildPath(frames.Count) ?? "", top?.ChildLine(line) ?? line));
                        break;
                    case MappingEnd or SequenceEnd:
                        var done = frames.Pop().Build();
                        if (frames.Count > 0)
                        {
                            frames.Peek().Add(done);
                        }
                        else
                        {
                            root = done;
                        }
                        break;
                    default:
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw Problem(source, (int)e.Start.Line, "(file)", $"malformed YAML: {ValueText.OneLine(FirstLine(e.Message), 200)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this (not a YamlException) on some unclosed flow collections.
            throw Problem(source, LastReadableLine(yaml), "(file)",
                "malformed YAML: cannot read past this line (check for an unclosed '{' or '[', a stray quote or bad indentation)");
        }
        return root;
    }

    private static string Shown(string path) => path.Length == 0 ? "(file)" : ValueText.OneLine(path, 200);

    /// <summary>The line of the last YAML event the parser could read before failing.</summary>
    private static int LastReadableLine(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var line = 1;
        try
        {
            while (parser.MoveNext())
            {
                line = (int)parser.Current!.End.Line;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Expected: the caller already knows the text is malformed; only the position is wanted.
        }
        return line;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex StackNamePattern();
}
