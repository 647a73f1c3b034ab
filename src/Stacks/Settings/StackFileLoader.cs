using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads <c>Pulumi.&lt;stack&gt;.yaml</c> (Pulumi's stack file format: a <c>config:</c> mapping of namespaced keys,
/// structured values allowed, secrets as <c>secure:</c>) into a <see cref="StackConfig"/> for offline use.
/// </summary>
public static class StackFileLoader
{
    public static string FileName(string stackName) => $"Pulumi.{stackName}.yaml";

    /// <summary>The stacks that have a file in <paramref name="projectDirectory"/>.</summary>
    public static IReadOnlyList<string> KnownStacks(string projectDirectory) =>
        Directory.EnumerateFiles(projectDirectory, "Pulumi.*.yaml")
            .Select(Path.GetFileName)
            .Select(f => f!["Pulumi.".Length..^".yaml".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Loads a stack by name from the project directory; a missing file names the stacks there are.</summary>
    public static StackConfig Load(string projectDirectory, string stackName)
    {
        var file = FileName(stackName);
        var path = Path.Combine(projectDirectory, file);
        if (!File.Exists(path))
        {
            var known = KnownStacks(projectDirectory);
            throw new StackSettingsException([new SettingsError(file, null, "stack",
                $"no stack file {file} in {projectDirectory}; stacks here: {(known.Count == 0 ? "none" : string.Join(", ", known))}")]);
        }
        return Parse(stackName, file, File.ReadAllText(path));
    }

    public static StackConfig Parse(string stackName, string source, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new StackSettingsException([new SettingsError(source, (int)e.Start.Line, "(file)",
                $"malformed YAML: {FirstLine(e.Message)}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this (not a YamlException) on some unclosed flow collections.
            throw new StackSettingsException([new SettingsError(source, LastReadableLine(yaml), "(file)",
                "malformed YAML: cannot read past this line (check for an unclosed '{' or '[', a stray quote or bad indentation)")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var line = stream.Documents.Count == 0 ? 1 : (int)stream.Documents[0].RootNode.Start.Line;
            throw new StackSettingsException([new SettingsError(source, line, "(file)",
                "a stack file must be a mapping with a 'config:' section")]);
        }
        var configKey = new YamlScalarNode("config");
        if (!root.Children.TryGetValue(configKey, out var configNode) || configNode is not YamlMappingNode config)
        {
            throw new StackSettingsException([new SettingsError(source, (int)root.Start.Line, "config",
                "missing 'config:' mapping (Pulumi stack files keep their settings under config:)")]);
        }

        // YamlDotNet already rejects duplicate keys as malformed YAML.
        var values = config.Children.ToDictionary(c => KeyText(c.Key), c => Convert(c.Value, (int)c.Key.Start.Line), StringComparer.Ordinal);
        return new StackConfig(stackName, source, values);
    }

    /// <summary>Converts a node; <paramref name="line"/> is its key's line, where a reader looks for it.</summary>
    private static ConfigNode Convert(YamlNode node, int line) =>
        node switch
        {
            YamlMappingNode m when m.Children.Count == 1 && m.Children.Keys.Single() is YamlScalarNode { Value: "secure" } =>
                new ConfigSecret(line),
            YamlMappingNode m => new ConfigMap(
                m.Children.Select(c => KeyValuePair.Create(KeyText(c.Key), Convert(c.Value, (int)c.Key.Start.Line))).ToList(), line),
            YamlSequenceNode s => new ConfigList(s.Children.Select(item => Convert(item, (int)item.Start.Line)).ToList(), line),
            YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => new ConfigScalar("", line),
            YamlScalarNode s => new ConfigScalar(s.Value ?? "", line),
            _ => new ConfigScalar("", line),
        };

    private static string KeyText(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : key.ToString();

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
}
