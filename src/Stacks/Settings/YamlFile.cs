using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// One kind of YAML file the tool reads (a stack file, a price sheet, a usage file…): what it is called in messages,
/// what it holds, how deep its schema goes, and the schema its content is checked against.
/// </summary>
/// <param name="Noun">"stack file", "price sheet": how messages name the file.</param>
/// <param name="Shape">What the file holds, said when it is empty or not YAML of that shape.</param>
/// <param name="Depth">The deepest nesting its schema needs (said when a file is nested past <see cref="YamlFile.MaxDepth"/>).</param>
/// <param name="Schema">What its content must be; checked after the file is read.</param>
/// <param name="Fail">The caller's error carrying the problems found (exit 2 in the CLI, whatever the kind).</param>
public sealed record YamlFileKind(string Noun, string Shape, int Depth, YamlSchema Schema, Func<IReadOnlyList<SettingsError>, Exception> Fail)
{
    /// <summary>
    /// A top-level key whose name is left out of key paths in messages (a stack file's <c>config</c>: its keys are
    /// named as Pulumi names them, <c>freshfoodz:season</c>, not <c>config.freshfoodz:season</c>).
    /// </summary>
    public string? Section { get; init; }
}

/// <summary>
/// The one reader of every YAML file the tool reads. A hostile file ends in the kind's error naming the file, line
/// and key, within bounded time and memory, and the same refusals hold for every kind:
/// <list type="bullet">
/// <item>only a regular file of at most <see cref="MaxBytes"/> in UTF-8 is read (<see cref="BoundedFile"/>);</item>
/// <item>one document, nested at most <see cref="MaxDepth"/> deep, no anchors or aliases (their expansion is
/// exponential), only the core schema's tags, each key once per mapping whatever its tag, keys plain text of at most
/// <see cref="MaxKeyLength"/> characters and never blank;</item>
/// <item>keys and values printable: no control or formatting character (bidi overrides, zero-width marks) and no
/// line break, which would forge lines in a terminal or a log;</item>
/// <item>then the kind's <see cref="YamlSchema"/>: an unknown or misspelt key is an error (with a suggestion), a
/// number is culture-free and in its range.</item>
/// </list>
/// </summary>
public static class YamlFile
{
    /// <summary>The stack files here are about 5 KB; 1 MiB leaves room and bounds parsing (about 0.1 s).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The deepest a file kind needs is a stack file's six mappings; 32 leaves room and keeps the walk cheap.</summary>
    public const int MaxDepth = 32;

    /// <summary>Keys longer than this are no key the tool knows; they are refused before they reach a message.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>The file's content checked against its kind, or null when there is no file.</summary>
    /// <param name="kind">What the file is.</param>
    /// <param name="path">Where it is.</param>
    /// <param name="source">How messages name it (a path relative to the project).</param>
    /// <param name="check">The kind's checks across keys, run when the schema holds (a sheet for this stack…).</param>
    public static ConfigNode? Load(YamlFileKind kind, string path, string source, Action<ConfigNode, ProblemList>? check = null)
    {
        var text = BoundedFile.ReadText(path, kind.Noun, kind.Shape, message => Problem(kind, source, null, "(file)", message));
        return text is null ? null : Parse(kind, source, text, check);
    }

    /// <summary>The text read (every limit above) and checked against the kind's schema, then <paramref name="check"/>; problems end in the kind's error.</summary>
    public static ConfigNode Parse(YamlFileKind kind, string source, string yaml, Action<ConfigNode, ProblemList>? check = null)
    {
        var problems = new ProblemList(source);
        var root = Read(kind, source, yaml) ?? throw Problem(kind, source, 1, "(file)", $"is empty; {kind.Shape}");
        kind.Schema.Check(root, "", problems);
        if (!problems.Any)
        {
            check?.Invoke(root, problems);
        }
        if (problems.Any)
        {
            throw kind.Fail(problems.Errors);
        }
        return root;
    }

    /// <summary>The document's tree with every structural limit applied, before any schema (null for an empty document).</summary>
    public static ConfigNode? Read(YamlFileKind kind, string source, string yaml)
    {
        if (yaml.Length > MaxBytes)
        {
            throw Problem(kind, source, null, "(file)", $"has {yaml.Length} characters; a {kind.Noun} may have at most {MaxBytes} bytes (1 MiB)");
        }
        // YAML 1.2 allows no raw control character but tab and line breaks (c-printable, spec 5.1); the parser
        // here read a NUL after a key as a blank and went on. Inside double quotes, escapes (\t, \e) stay possible.
        for (var i = 0; i < yaml.Length; i++)
        {
            var c = yaml[i];
            var printable = c is '\t' or '\n' or '\r' or '\u0085' || (c >= ' ' && c != '\u007F' && (c < '\u0080' || c >= '\u00A0') && c is not ('\uFFFE' or '\uFFFF'));
            if (!printable)
            {
                var line = 1 + yaml.AsSpan(0, i).Count('\n');
                throw Problem(kind, source, line, "(file)", $"holds the control character U+{(int)c:X4}, which YAML does not allow raw; {kind.Shape}");
            }
        }
        return Walk(kind, source, yaml);
    }

    private static Exception Problem(YamlFileKind kind, string source, int? line, string key, string message) =>
        kind.Fail([new SettingsError(source, line, key, message)]);

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

        public string ChildPath(int depth, string? section) =>
            Mapping
                ? depth == 1 && Key == section ? "" : Path.Length == 0 ? Key! : $"{Path}.{Key}"
                : $"{Path}[{_items.Count.ToString(CultureInfo.InvariantCulture)}]";

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
    private static ConfigNode? Walk(YamlFileKind kind, string source, string yaml)
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
                var at = top is null ? "(file)" : top.Mapping && top.ExpectKey ? Shown(top.Path) : Shown(top.ChildPath(frames.Count, kind.Section));
                switch (e)
                {
                    case DocumentStart when ++documents > 1:
                        throw Problem(kind, source, line, "(file)", $"a {kind.Noun} holds one YAML document; a second one starts here");
                    case AnchorAlias:
                        throw Problem(kind, source, line, at, $"YAML aliases (*name) are not allowed in a {kind.Noun}; write the value out");
                    case NodeEvent { Anchor.IsEmpty: false }:
                        throw Problem(kind, source, line, at, $"YAML anchors (&name) are not allowed in a {kind.Noun}; write the value out");
                    case NodeEvent { Tag.IsEmpty: false } node when !node.Tag.IsNonSpecific && !CoreTags.Contains(node.Tag.Value):
                        throw Problem(kind, source, line, at,
                            $"the YAML tag {ValueText.Quote(node.Tag.Value)} is not allowed; a {kind.Noun} holds plain text, numbers, mappings and lists");
                    default:
                        break;
                }
                switch (e)
                {
                    case Scalar scalar when top is { Mapping: true, ExpectKey: true }:
                        if (scalar.Value.Length > MaxKeyLength)
                        {
                            throw Problem(kind, source, line, at, $"a key of {scalar.Value.Length} characters; keys have at most {MaxKeyLength}");
                        }
                        if (string.IsNullOrWhiteSpace(scalar.Value))
                        {
                            throw Problem(kind, source, line, at, $"a blank key {ValueText.Quote(scalar.Value)}; every key is a name");
                        }
                        if (Printable.Forbidden(scalar.Value) is { } badKey)
                        {
                            throw Problem(kind, source, line, at, $"the key {ValueText.Quote(scalar.Value)} is not printable text ({badKey})");
                        }
                        top.Key = scalar.Value;
                        if (!top.Keys.TryAdd(scalar.Value, line))
                        {
                            throw Problem(kind, source, line, Shown(top.ChildPath(frames.Count, kind.Section)),
                                $"duplicate key (first at line {top.Keys[scalar.Value]}); a key may appear once in a mapping");
                        }
                        top.KeyLine = line;
                        top.ExpectKey = false;
                        break;
                    case Scalar scalar:
                        if (Printable.Forbidden(scalar.Value) is { } badValue)
                        {
                            throw Problem(kind, source, line, at, $"must be printable text, got {ValueText.Quote(scalar.Value)} ({badValue})");
                        }
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
                            throw Problem(kind, source, line, at, "keys must be plain text, not a mapping or list");
                        }
                        if (frames.Count >= MaxDepth)
                        {
                            throw Problem(kind, source, line, at, $"nested more than {MaxDepth} levels deep; a {kind.Noun} needs at most {kind.Depth}");
                        }
                        frames.Push(new Frame(e is MappingStart, top?.ChildPath(frames.Count, kind.Section) ?? "", top?.ChildLine(line) ?? line));
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
            throw Problem(kind, source, (int)e.Start.Line, "(file)", $"malformed YAML: {ValueText.OneLine(FirstLine(e.Message), 200)}");
        }
        catch (ArgumentException)
        {
            // YamlDotNet 16.3's scanner throws this on an escaped surrogate ("\uD800") that is not half of a pair.
            throw Problem(kind, source, LastReadableLine(yaml), "(file)",
                "malformed YAML: an escape sequence that is no character (\\uD800-\\uDFFF stand only in pairs)");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this (not a YamlException) on some unclosed flow collections.
            throw Problem(kind, source, LastReadableLine(yaml), "(file)",
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
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // Expected: the caller already knows the text is malformed; only the position is wanted.
        }
        return line;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
