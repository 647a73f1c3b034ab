using System.CommandLine;
using System.Globalization;
using FreshFoodz.Operations.Playbooks;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli.Commands;

/// <summary>Options and look-ups the seasonal operations commands (render, report) share.</summary>
internal static class OperationsOptions
{
    public static Option<int?> Year() => new("--year")
    {
        Description = "Calendar year (e.g. 2026); default: this year (UTC).",
    };

    public static Option<DirectoryInfo> OutDir() => new("--out")
    {
        Description = "Folder to write into (created if missing).",
        Required = true,
    };

    public static int YearOrThisYear(int? year, CliContext context) =>
        year is { } y
            ? y is >= 2000 and <= 2100 ? y : throw new UsageException($"--year: expected a year from 2000 to 2100, got {y.ToString(CultureInfo.InvariantCulture)}")
            : context.Today.Year;

    /// <summary>
    /// Where load tests run: the project's rehearsal stack in the same territory, else any rehearsal stack, else none.
    /// A stack file that does not validate is not a candidate (its own commands report it).
    /// </summary>
    public static PlaybookOptions Rehearsal(string projectDir, StackSettings settings)
    {
        if (settings.Plan.Environment == StackEnvironment.Rehearsal)
        {
            return PlaybookOptions.For(settings);
        }
        var candidates = new List<StackSettings>();
        foreach (var name in StackFileLoader.KnownStacks(projectDir).Where(n => n != settings.StackName))
        {
            try
            {
                var other = StackSettingsReader.Read(StackFileLoader.Load(projectDir, name));
                if (other.Plan.Environment == StackEnvironment.Rehearsal)
                {
                    candidates.Add(other);
                }
            }
            catch (StackSettingsException)
            {
                // Not a candidate; see the summary.
            }
        }
        return PlaybookOptions.For(candidates.FirstOrDefault(c => c.Territory == settings.Territory) ?? candidates.FirstOrDefault());
    }
}
