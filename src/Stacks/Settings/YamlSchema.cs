using System.Globalization;
using System.Text.RegularExpressions;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// What one value of a YAML file must be. A file kind's schema is a tree of these (<see cref="YamlFileKind"/>):
/// <see cref="Fields"/> for a mapping of known keys (any other key is an error with a suggestion), <see cref="Entries"/>
/// for a mapping of names the file chooses, <see cref="Items"/> for a list, and scalars that say what text they
/// accept (<see cref="Text"/>, <see cref="OneOf"/>, <see cref="Number"/>, <see cref="Date"/>). A check reports every
/// problem it finds with its line and key path, and goes on.
/// </summary>
public abstract class YamlSchema
{
    /// <summary>What is expected here, as a message says it ("a mapping of price, unit…", "a date yyyy-MM-dd…").</summary>
    public abstract string Expected { get; }

    /// <summary>Adds every problem of <paramref name="node"/> (at key path <paramref name="path"/>) to <paramref name="problems"/>.</summary>
    public abstract void Check(ConfigNode node, string path, ProblemList problems);

    /// <summary>Any value within the reader's limits: a part another reader checks (a stack file's config).</summary>
    public static YamlSchema Anything { get; } = new AnyValue();

    public static YamlSchema Fields(params YamlField[] fields) => new FieldMap(fields);

    /// <param name="value">What each entry's value must be.</param>
    /// <param name="names">What the names the file chooses must be, or null for any (printable) name.</param>
    public static YamlSchema Entries(YamlSchema value, YamlSchema? names = null) => new EntryMap(value, names);

    public static YamlSchema Items(YamlSchema item, int max) => new ItemList(item, max);

    /// <summary>Printable text of at most <paramref name="maxLength"/> characters.</summary>
    public static YamlSchema Text(int maxLength) =>
        new ScalarValue($"text of at most {maxLength} characters", t => t.Length <= maxLength);

    /// <summary>Text that <paramref name="accepts"/> takes; <paramref name="expected"/> says what that is.</summary>
    public static YamlSchema Scalar(string expected, Func<string, bool> accepts) => new ScalarValue(expected, accepts);

    /// <summary>Text matching <paramref name="pattern"/> in full (anchor it with \A…\z).</summary>
    public static YamlSchema Matching(Regex pattern, string expected) => new ScalarValue(expected, pattern.IsMatch);

    public static YamlSchema OneOf(params string[] values) =>
        new ScalarValue($"one of {string.Join(", ", values)}", values.Contains) { Candidates = values };

    /// <summary>A culture-free number in <paramref name="range"/>: <c>0.24</c> or <c>2.4e-1</c>; <c>0,24</c> is refused, not read as 24.</summary>
    public static YamlSchema Number(NumericRange range) =>
        new ScalarValue(range.Text, t => NumericRange.TryParse(t, out var v) && range.Accepts(v) && (!range.Whole || Math.Floor(v) == v));

    /// <summary>A date yyyy-MM-dd within the tool's dates (<see cref="ToolDates"/>).</summary>
    public static YamlSchema Date() => new ScalarValue(ToolDates.Text, t => ToolDates.TryParse(t, out _));

    /// <summary>This schema, or the empty value (<c>""</c>, <c>null</c>, <c>~</c>).</summary>
    public YamlSchema OrEmpty() => new EmptyOr(this);

    private sealed class AnyValue : YamlSchema
    {
        public override string Expected => "a value";

        public override void Check(ConfigNode node, string path, ProblemList problems)
        {
        }
    }

    private sealed class FieldMap(IReadOnlyList<YamlField> fields) : YamlSchema
    {
        private readonly string[] _names = [.. fields.Select(f => f.Name)];

        public override string Expected => $"a mapping of {string.Join(", ", _names)}";

        public override void Check(ConfigNode node, string path, ProblemList problems)
        {
            if (node is not ConfigMap map)
            {
                problems.Add(node, Shown(path), $"must be {Expected}");
                return;
            }
            foreach (var (key, value) in map.Entries)
            {
                if (!_names.Contains(key))
                {
                    problems.Add(value, Join(path, key), $"unknown key{Suggestions.DidYouMean(key, _names)}; allowed: {string.Join(", ", _names)}");
                }
            }
            foreach (var field in fields)
            {
                var value = map[field.Name];
                if (value is null || value is ConfigScalar { Value: "" } && field.Schema is not EmptyOr)
                {
                    if (field.Required)
                    {
                        problems.Add(map, Join(path, field.Name), $"missing; expected {field.Schema.Expected}");
                    }
                    continue;
                }
                field.Schema.Check(value, Join(path, field.Name), problems);
            }
        }
    }

    private sealed class EntryMap(YamlSchema value, YamlSchema? names) : YamlSchema
    {
        public override string Expected => $"a mapping of names to {value.Expected}";

        public override void Check(ConfigNode node, string path, ProblemList problems)
        {
            if (node is not ConfigMap map)
            {
                problems.Add(node, Shown(path), $"must be {Expected}");
                return;
            }
            foreach (var (key, entry) in map.Entries)
            {
                names?.Check(new ConfigScalar(key, entry.Line), Join(path, key), problems);
                value.Check(entry, Join(path, key), problems);
            }
        }
    }

    private sealed class ItemList(YamlSchema item, int max) : YamlSchema
    {
        public override string Expected => $"a list of at most {max} items, each {item.Expected}";

        public override void Check(ConfigNode node, string path, ProblemList problems)
        {
            if (node is not ConfigList list)
            {
                problems.Add(node, Shown(path), $"must be {Expected}");
                return;
            }
            if (list.Items.Count > max)
            {
                problems.Add(node, Shown(path), $"has {list.Items.Count} items; at most {max}");
                return;
            }
            for (var i = 0; i < list.Items.Count; i++)
            {
                item.Check(list.Items[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), problems);
            }
        }
    }

    private sealed class ScalarValue(string expected, Func<string, bool> accepts) : YamlSchema
    {
        public IReadOnlyList<string>? Candidates { get; init; }

        public override string Expected => expected;

        public override void Check(ConfigNode node, string path, ProblemList problems)
        {
            switch (node)
            {
                case ConfigScalar s when accepts(s.Value):
                    return;
                case ConfigScalar s:
                    var hint = Candidates is null ? "" : Suggestions.DidYouMean(s.Value, Candidates);
                    problems.Add(node, Shown(path), $"must be {expected}, got {ValueText.Quote(s.Value)}{hint}");
                    return;
                case ConfigSecret:
                    problems.Add(node, Shown(path), $"must be a plain value ({expected}), not a secret");
                    return;
                default:
                    problems.Add(node, Shown(path), $"must be a single value ({expected}), not a mapping or list");
                    return;
            }
        }
    }

    private sealed class EmptyOr(YamlSchema inner) : YamlSchema
    {
        public override string Expected => $"{inner.Expected}, or empty";

        public override void Check(ConfigNode node, string path, ProblemList problems)
        {
            if (node is not ConfigScalar { Value: "" })
            {
                inner.Check(node, path, problems);
            }
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Shown(string path) => path.Length == 0 ? "(file)" : path;
}

/// <summary>A key of a <see cref="YamlSchema.Fields"/> mapping: its name, what its value must be, and whether it must be there.</summary>
public sealed record YamlField(string Name, YamlSchema Schema, bool Required = true);
