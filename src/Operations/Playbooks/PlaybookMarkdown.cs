using System.Globalization;
using System.Text;

namespace FreshFoodz.Operations.Playbooks;

/// <summary>The playbooks as Markdown: a milestone overview, then each season's milestones with their actions.</summary>
public static class PlaybookMarkdown
{
    public static string FileName(string stack, int year) => $"{stack}-{year.ToString(CultureInfo.InvariantCulture)}-playbooks.md";

    public static string Render(PlaybookCalendar calendar)
    {
        var b = new StringBuilder();
        var year = calendar.Year.ToString(CultureInfo.InvariantCulture);
        b.Append("<!-- ").Append(Generated.Notice($"render playbooks --stack {calendar.Stack} --year {year}")).Append(" -->\n");
        b.Append("# Seasonal playbooks: ").Append(calendar.Stack).Append(", ").Append(year).Append("\n\n");
        b.Append("T-x counts days before the season's first day. The season switch is the day `auto` applies the season's capacity.\n\n");
        b.Append("| date | milestone | season |\n|---|---|---|\n");
        foreach (var m in calendar.Milestones)
        {
            b.Append("| ").Append(Dates(m)).Append(" | ").Append(m.Label).Append(' ').Append(Escape(Short(m))).Append(" | ")
                .Append(PlaybookPlanner.Display(m.Season)).Append(" |\n");
        }
        foreach (var season in calendar.Seasons)
        {
            b.Append("\n## ").Append(PlaybookPlanner.Display(season.Season)).Append(' ').Append(season.Year.ToString(CultureInfo.InvariantCulture))
                .Append(": ×").Append(season.LoadMultiplier.ToString("0.##", CultureInfo.InvariantCulture))
                .Append(", ").Append(Date(season.Window.FirstDay)).Append(" – ").Append(Date(season.Window.LastDay))
                .Append(", capacity from ").Append(Date(season.Window.CapacityFrom)).Append('\n');
            foreach (var m in season.Milestones)
            {
                b.Append("\n### ").Append(m.Label).Append(", ").Append(Dates(m)).Append(": ").Append(Escape(Short(m))).Append("\n\n");
                foreach (var a in m.Actions)
                {
                    b.Append("- ").Append(Escape(a.What)).Append(": ");
                    b.Append(a.IsCommand ? $"`{a.Run.Replace("`", "'", StringComparison.Ordinal)}`" : Escape(a.Run)).Append('\n');
                }
            }
        }
        return b.ToString();
    }

    private static string Short(Milestone m) => m.Title[(m.Title.IndexOf(": ", StringComparison.Ordinal) + 2)..];

    private static string Dates(Milestone m) => m.End == m.Start ? Date(m.Start) : $"{Date(m.Start)} – {Date(m.End)}";

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Table cells and list items: a '|' would end the cell, '*' and '_' would start emphasis.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
