using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Stacks.Settings;
using YamlDotNet.RepresentationModel;

namespace FreshFoodz.Calibration;

/// <summary>A new value for a scalar at a key path: <c>("freshfoodz:workload", ["api", "baselineRequestsPerSecond"])</c>.</summary>
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
    /// Applies the edits to the file, checks the result is valid stack settings, and replaces it atomically. A
    /// symbolic link stays a link (its target is written), and the file keeps its permissions and byte-order mark.
    /// </summary>
    public static void Write(string path, string stackName, IEnumerable<ScalarEdit> edits)
    {
        var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        var bytes = File.ReadAllBytes(target);
        var bom = bytes.AsSpan().StartsWith(Utf8Bom);
        var updated = Apply(AtomicFile.Utf8.GetString(bom ? bytes.AsSpan(Utf8Bom.Length) : bytes), edits);
        try
        {
            StackSettingsReader.Read(StackFileLoader.Parse(stackName, Path.GetFileName(path), updated));
        }
        catch (StackSettingsException e)
        {
            throw new CalibrationException($"the measured values would make {Path.GetFileName(path)} invalid ({e.Errors[0]}); the file is unchanged");
        }
        var text = AtomicFile.Utf8.GetBytes(updated);
        AtomicFile.WriteAllBytes(target, bom ? [.. Utf8Bom, .. text] : text, OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(target));
    }

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
}
