using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Stacks.Settings;
using YamlDotNet.RepresentationModel;

namespace FreshFoodz.Calibration;

/// <summary>
/// A new value for a scalar at a key path: <c>("freshfoodz:workload", ["api", "baselineRequestsPerSecond"])</c>. With an
/// empty path, a top-level key's whole value (a scalar or a list, e.g. <c>freshfoodz:dailyLoad</c>), which is added as
/// the last key of <c>config:</c> when the file does not set it.
/// </summary>
public sealed record ScalarEdit(string Key, IReadOnlyList<string> Path, string Value)
{
    public string KeyPath => string.Join(".", new[] { Key }.Concat(Path));
}

/// <summary>
/// Changes scalar values in a stack file and nothing else: every other byte — comments, key order, quoting, blank
/// lines — stays as it was, because only the characters of the edited scalars are replaced (their positions come
/// from the YAML parser). The result is validated as stack settings before it is written, and written atomically
/// (a temporary file in the same folder, then a rename), so a crash never leaves a half-written stack file.
/// </summary>
public static class StackFileEditor
{
    public static string Apply(string yaml, IEnumerable<ScalarEdit> edits)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var config = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("config")];
        var spans = new List<(int Start, int End, string Value)>();
        foreach (var edit in edits)
        {
            if (edit.Path.Count == 0)
            {
                spans.Add(WholeValue(yaml, config, edit));
                continue;
            }
            YamlNode node = config.Children.TryGetValue(new YamlScalarNode(edit.Key), out var top)
                ? top
                : throw new CalibrationException($"the stack file has no {edit.Key}; add it before calibrating");
            foreach (var key in edit.Path)
            {
                node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child)
                    ? child
                    : throw new CalibrationException($"the stack file has no {edit.KeyPath}; add it before calibrating");
            }
            if (node is not YamlScalarNode scalar)
            {
                throw new CalibrationException($"{edit.KeyPath} in the stack file is not a single value");
            }
            spans.Add(((int)scalar.Start.Index, (int)scalar.End.Index, edit.Value));
        }
        var text = yaml;
        foreach (var (start, end, value) in spans.OrderByDescending(s => s.Start))
        {
            text = string.Concat(text.AsSpan(0, start), value, text.AsSpan(end));
        }
        return text;
    }

    /// <summary>
    /// The span of a top-level key's value (a scalar, or a list: flow <c>[…]</c> or block <c>- …</c> lines up to its last
    /// item), or, when the file lacks the key, an empty span at the start of the line after config's last value, where
    /// the key is added with the indentation of config's keys.
    /// </summary>
    private static (int Start, int End, string Value) WholeValue(string yaml, YamlMappingNode config, ScalarEdit edit)
    {
        if (config.Children.TryGetValue(new YamlScalarNode(edit.Key), out var node))
        {
            return node switch
            {
                YamlScalarNode s => ((int)s.Start.Index, (int)s.End.Index, edit.Value),
                YamlSequenceNode { Children.Count: > 0 } q => ((int)q.Start.Index, LastEnd(yaml, q), edit.Value),
                _ => throw new CalibrationException($"{edit.Key} in the stack file is neither a single value nor a list"),
            };
        }
        var last = LastEnd(yaml, config);
        var lineEnd = yaml.IndexOf('\n', last);
        var indent = new string(' ', (int)config.Children.First().Key.Start.Column - 1);
        var line = $"{indent}{edit.Key}: {edit.Value}\n";
        return lineEnd < 0 ? (yaml.Length, yaml.Length, "\n" + line) : (lineEnd + 1, lineEnd + 1, line);
    }

    /// <summary>
    /// Where a node's text ends: a block mapping or list with its last value or item, a flow one at its closing
    /// bracket (the parser's end mark of a collection is not past it).
    /// </summary>
    private static int LastEnd(string yaml, YamlNode node) => node switch
    {
        YamlMappingNode { Style: YamlDotNet.Core.Events.MappingStyle.Flow } m =>
            yaml.IndexOf('}', m.Children.Count > 0 ? LastEnd(yaml, m.Children.Last().Value) : (int)m.Start.Index) + 1,
        YamlSequenceNode { Style: YamlDotNet.Core.Events.SequenceStyle.Flow } q =>
            yaml.IndexOf(']', q.Children.Count > 0 ? LastEnd(yaml, q.Children[^1]) : (int)q.Start.Index) + 1,
        YamlMappingNode { Children.Count: > 0 } m => LastEnd(yaml, m.Children.Last().Value),
        YamlSequenceNode { Children.Count: > 0 } q => LastEnd(yaml, q.Children[^1]),
        _ => (int)node.End.Index,
    };

    /// <summary>
    /// Applies the edits to the file, checks the result is valid stack settings, and replaces it through the one
    /// writer (<see cref="AtomicFile.Update"/>): a symbolic link stays a link (its target is written), and the file
    /// keeps its permissions and byte-order mark. A failed write is a <see cref="FileWriteException"/> naming the file.
    /// </summary>
    public static void Write(string path, string stackName, IEnumerable<ScalarEdit> edits)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileWriteException(Path.GetFullPath(path), $"it cannot be read back to be updated ({e.Message})");
        }
        var bom = bytes.AsSpan().StartsWith(Utf8Bom);
        var updated = Apply(AtomicFile.Utf8.GetString(bom ? bytes.AsSpan(Utf8Bom.Length) : bytes), edits);
        try
        {
            StackSettingsReader.Read(StackFileLoader.Parse(stackName, Path.GetFileName(path), updated, Path.GetDirectoryName(Path.GetFullPath(path))));
        }
        catch (StackSettingsException e)
        {
            throw new CalibrationException($"the measured values would make {Path.GetFileName(path)} invalid ({e.Errors[0]}); the file is unchanged");
        }
        var text = AtomicFile.Utf8.GetBytes(updated);
        AtomicFile.Update(path, bom ? [.. Utf8Bom, .. text] : text);
    }

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
}
