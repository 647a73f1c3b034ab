namespace FreshFoodz.Tools.StandInApiDump;

/// <summary>One hand-verified API line: where in the real SDK's source it was found, and why the list lacks it.</summary>
public sealed record AllowListEntry(string Source, string Note);

/// <summary>
/// Reads the allow-list: blank lines and lines starting with '#' are ignored; every other line is
/// "&lt;API line&gt; | &lt;source file under sdk/Pulumi/&gt; | &lt;why the reference list lacks it&gt;".
/// </summary>
public static class AllowList
{
    private const string Separator = " | ";

    public static (Dictionary<string, AllowListEntry> Entries, List<string> Errors) Read(string path)
    {
        var entries = new Dictionary<string, AllowListEntry>(StringComparer.Ordinal);
        var errors = new List<string>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(Separator);
            if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
            {
                errors.Add($"line {number}: expected \"<API line> | <source file> | <note>\", found \"{line}\".");
                continue;
            }

            var (api, source, note) = (parts[0].Trim(), parts[1].Trim(), parts[2].Trim());
            if (!source.StartsWith("sdk/Pulumi/", StringComparison.Ordinal) || !source.EndsWith(".cs", StringComparison.Ordinal))
            {
                errors.Add($"line {number}: the source file must be a path like sdk/Pulumi/Config.cs, found \"{source}\".");
                continue;
            }

            if (!entries.TryAdd(api, new AllowListEntry(source, note)))
            {
                errors.Add($"line {number}: \"{api}\" is listed twice.");
            }
        }

        return (entries, errors);
    }
}
