using System.Globalization;
using System.Text;

namespace FreshFoodz.Stacks.Release;

/// <summary>
/// The release check as Markdown for the pull request: the verdict, the refusals, and per stack every URN that
/// changes (renamed with an alias, added, retired, removed, replaced), each listed once with the seasons it occurs in.
/// </summary>
public static class ReleaseReport
{
    public static string Markdown(IReadOnlyList<ReleaseComparison> comparisons, IReadOnlyList<string> notes)
    {
        var md = new StringBuilder();
        var refusals = comparisons.SelectMany(c => c.Refusals.Select(r => (c.Stack, c.Season, Refusal: r))).ToList();
        md.AppendLine("## Release check (base → head)");
        md.AppendLine();
        if (refusals.Count == 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**Passed** for {comparisons.Count} stack × season plans: no URN disappears without an alias, no protected resource is replaced, no resource holding data is deleted.");
        }
        else
        {
            var distinct = refusals.GroupBy(r => r.Refusal).ToList();
            md.AppendLine(CultureInfo.InvariantCulture, $"**Refused**: {distinct.Count} change{(distinct.Count == 1 ? "" : "s")} (exit 3).");
            md.AppendLine();
            foreach (var g in distinct)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{g.Key.Rule}` `{E(g.Key.Urn)}` ({Seasons(g.Select(x => (x.Stack, x.Season)))}): {E(g.Key.Message)}");
            }
        }
        foreach (var note in notes)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Note: {E(note)}");
        }
        foreach (var stack in comparisons.GroupBy(c => c.Stack))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {stack.Key}");
            var rows = stack.SelectMany(c => c.Changes.Where(x => x.Fate != UrnFate.Kept || x.Replaced).Select(x => (Row: Row(x), c.Season)))
                .GroupBy(x => x.Row).ToList();
            var kept = stack.Max(c => c.Changes.Count(x => x.Fate == UrnFate.Kept && !x.Replaced));
            if (rows.Count == 0)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"No URN changes; {kept} resources keep their URN in every season.");
                continue;
            }
            md.AppendLine();
            md.AppendLine("| change | URN | detail | seasons |");
            md.AppendLine("|---|---|---|---|");
            foreach (var g in rows.OrderBy(g => g.Key.Order).ThenBy(g => g.Key.Urn, StringComparer.Ordinal))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {g.Key.Change} | `{E(g.Key.Urn)}` | {Cell(E(g.Key.Detail))} | {string.Join(", ", g.Select(x => x.Season).Distinct())} |");
            }
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Every other resource ({kept}) keeps its URN.");
        }
        return md.ToString();
    }

    private sealed record ReportRow(int Order, string Change, string Urn, string Detail);

    private static ReportRow Row(UrnChange c) => c.Fate switch
    {
        UrnFate.Aliased => new(0, "renamed (alias)", c.HeadUrn!, $"was `{E(c.BaseUrn!)}`{Replacing(c)}"),
        UrnFate.Removed => new(1, "removed", c.BaseUrn!, "deleted: no alias, not retired"),
        UrnFate.Retired => new(2, "retired", c.BaseUrn!, "deleted on purpose"),
        UrnFate.Added => new(3, "added", c.HeadUrn!, "created"),
        _ => new(4, "replaced", c.HeadUrn!, Replacing(c).TrimStart(';', ' ')),
    };

    private static string Replacing(UrnChange c) =>
        c.Replacements.Count == 0 ? "" : "; replaced: " + string.Join(", ", c.Replacements.Select(r => $"`{E(r.Path)}` ({r.Trigger?.Source})"));

    private static string Seasons(IEnumerable<(string Stack, string Season)> where) =>
        string.Join("; ", where.GroupBy(w => w.Stack).Select(g => $"{g.Key}: {string.Join(", ", g.Select(w => w.Season).Distinct())}"));

    /// <summary>Text from the plans (URNs, property paths, messages quoting values) on one line, control characters
    /// escaped: the Markdown goes to a pull-request comment and a terminal.</summary>
    private static string E(string text) => Settings.ValueText.Escaped(text);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
