using System.Text.RegularExpressions;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads <c>Pulumi.&lt;stack&gt;.yaml</c> (Pulumi's stack file format: a <c>config:</c> mapping of namespaced keys,
/// structured values allowed, secrets as <c>secure:</c>) into a <see cref="StackConfig"/> for offline use, through
/// the one reader of YAML files (<see cref="YamlFile"/>): a hostile file ends in a <see cref="StackSettingsException"/>
/// naming the file, within bounded time and memory.
/// </summary>
public static partial class StackFileLoader
{
    /// <summary>The stack files here are about 5 KB; 1 MiB leaves room and bounds parsing (about 0.1 s).</summary>
    public const int MaxBytes = YamlFile.MaxBytes;

    public const string StackNameRule = "a stack name of lowercase letters, digits and '-' (1-63 characters, starting with a letter or digit)";

    /// <summary>
    /// The keys Pulumi's stack file has (pulumi/pulumi, sdk/go/common/workspace/project.go, <c>ProjectStack</c>):
    /// the settings under <c>config</c> (checked by <see cref="StackSettingsReader"/>), the secrets provider's keys,
    /// and <c>environment</c>, the Pulumi ESC environments the stack imports. Any other top-level key is a typo.
    /// </summary>
    public static YamlFileKind Kind { get; } = new(
        "stack file", "a stack file is YAML with a 'config:' mapping", 6,
        YamlSchema.Fields(
            new YamlField("config", YamlSchema.Entries(YamlSchema.Anything)),
            new YamlField("secretsprovider", YamlSchema.Text(4096), Required: false),
            new YamlField("encryptedkey", YamlSchema.Text(4096), Required: false),
            new YamlField("encryptionsalt", YamlSchema.Text(4096), Required: false),
            new YamlField("environment", YamlSchema.Anything, Required: false)),
        errors => new StackSettingsException(errors))
    {
        Section = "config",
    };

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
        BoundedFile.ReadText(path, Kind.Noun, Kind.Shape, message => Problem(file, null, "(file)", message))
        ?? throw Problem(file, null, "stack",
            $"no stack file {file} in {ValueText.Escaped(projectDirectory)}; stacks here: {(KnownStacks(projectDirectory) is { Count: > 0 } known ? string.Join(", ", known) : "none")}");

    /// <summary>
    /// The stack file's config, with the Pulumi ESC environments it imports (<c>environment:</c>) merged in from
    /// their committed definitions in <paramref name="projectDirectory"/> (<see cref="EnvironmentImports"/>).
    /// </summary>
    public static StackConfig Parse(string stackName, string source, string yaml, string? projectDirectory = null)
    {
        var root = YamlFile.Read(Kind, source, yaml);
        if (root is not ConfigMap map)
        {
            throw Problem(source, root?.Line ?? 1, "(file)", "a stack file must be a mapping with a 'config:' section");
        }
        if (map["config"] is not ConfigMap config)
        {
            throw Problem(source, map.Line, "config", "missing 'config:' mapping (Pulumi stack files keep their settings under config:)");
        }
        var problems = new ProblemList(source);
        Kind.Schema.Check(map, "", problems);
        if (problems.Any)
        {
            throw Kind.Fail(problems.Errors);
        }
        // The reader refused duplicate keys (whatever their tags), so keys are unique.
        var values = config.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var stack = new StackConfig(stackName, source, values);
        return map["environment"] is not { } imports ? stack
            : projectDirectory is null ? throw Problem(source, imports.Line, "environment",
                $"imports Pulumi ESC environments, whose definitions are read from {EnvironmentImports.Folder}/ in the project directory; no project directory was given")
            : EnvironmentImports.Merge(stack, imports, projectDirectory);
    }

    private static StackSettingsException Problem(string source, int? line, string key, string message) =>
        new([new SettingsError(source, line, key, message)]);

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex StackNamePattern();
}
