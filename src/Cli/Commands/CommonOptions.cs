using System.CommandLine;
using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli.Commands;

/// <summary>Options several commands share, and how they turn into settings.</summary>
internal static class CommonOptions
{
    public static Option<string> Stack() => new("--stack", "-s")
    {
        Description = "Stack name: reads Pulumi.<stack>.yaml (de-prod, ch-prod, peak-weihnachten).",
        Required = true,
    };

    public static Option<string?> Season() => new Option<string?>("--season")
    {
        Description = $"Override the stack's season: {SeasonNames.Allowed}.",
    }.AcceptOnlyFromAmong(SeasonNames.Allowed.Split('|'));

    public static Option<string?> Date() => new("--date")
    {
        Description = "Date (yyyy-MM-dd) that resolves 'auto' and the cost year; default today (UTC).",
    };

    public static Option<DirectoryInfo?> ProjectDir() => new("--project-dir")
    {
        Description = "Folder with Pulumi.yaml and the stack files; default: the nearest one above the current folder.",
    };

    /// <summary>Dates the tool plans for: the season catalog's years (2000–2100), so no date arithmetic leaves DateOnly's range.</summary>
    public static readonly DateOnly FirstDate = ToolDates.First;
    public static readonly DateOnly LastDate = ToolDates.Last;

    public static DateOnly ParseDate(string? text, CliContext context)
    {
        if (text is null)
        {
            return context.Today;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new UsageException($"--date: expected yyyy-MM-dd, got {Shown(text)}");
        }
        return date >= FirstDate && date <= LastDate
            ? date
            : throw new UsageException($"--date: expected a date from {ToolDates.Show(FirstDate)} to {ToolDates.Show(LastDate)}, got {Shown(text)}");
    }

    /// <summary>A user's value in a message: quoted, one line, at most 80 characters.</summary>
    public static string Shown(string text) => ValueText.Quote(text);

    /// <summary>The stack name as given, if it is a safe file-name part (<see cref="StackFileLoader.IsValidStackName"/>).</summary>
    public static string StackName(string text) =>
        StackFileLoader.IsValidStackName(text)
            ? text
            : throw new UsageException($"--stack: expected {StackFileLoader.StackNameRule}, got {Shown(text)}");

    /// <summary>The folder holding Pulumi.yaml: the given one, or the nearest at or above the current folder.</summary>
    public static string FindProjectDir(DirectoryInfo? given)
    {
        if (given is not null)
        {
            if (!Directory.Exists(given.FullName))
            {
                throw new UsageException(File.Exists(given.FullName)
                    ? $"--project-dir: {ValueText.Escaped(given.FullName)} is a file; expected the folder with Pulumi.yaml"
                    : $"--project-dir: no folder {ValueText.Escaped(given.FullName)}");
            }
            return given.FullName;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }
        throw new UsageException("no Pulumi.yaml in this folder or above it; run inside the project or pass --project-dir");
    }

    /// <summary>The project's name from Pulumi.yaml's <c>name:</c> line (part of every URN and stack reference).</summary>
    public static string ProjectName(string projectDir) =>
        File.ReadLines(Path.Combine(projectDir, "Pulumi.yaml")).Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("name:", StringComparison.Ordinal))?["name:".Length..].Trim()
        ?? throw new UsageException($"{Path.Combine(projectDir, "Pulumi.yaml")} has no name: line");

    /// <summary>Loads and validates a stack, with the season option (if given) overriding its config.</summary>
    public static StackSettings LoadSettings(string projectDir, string stack, string? season)
    {
        var config = StackFileLoader.Load(projectDir, StackName(stack));
        if (season is not null)
        {
            var values = new Dictionary<string, ConfigNode>(config.Values) { [ConfigKeys.Season.Key] = new ConfigScalar(season, null) };
            config = config with { Values = values };
        }
        return StackSettingsReader.Read(config);
    }
}

/// <summary>The options that pick a stack, its season and date, shared by the commands that size or plan one.</summary>
internal sealed class StackSelection
{
    private readonly Option<string> _stack = CommonOptions.Stack();
    private readonly Option<string?> _season = CommonOptions.Season();
    private readonly Option<string?> _date = CommonOptions.Date();
    private readonly Option<DirectoryInfo?> _dir = CommonOptions.ProjectDir();

    public void AddTo(Command command)
    {
        command.Add(_stack);
        command.Add(_season);
        command.Add(_date);
        command.Add(_dir);
    }

    /// <summary>The validated settings (with --season applied) and the date that resolves auto.</summary>
    public (StackSettings Settings, DateOnly Date) Read(ParseResult parse, CliContext context) => (
        CommonOptions.LoadSettings(CommonOptions.FindProjectDir(parse.GetValue(_dir)), parse.GetValue(_stack)!, parse.GetValue(_season)),
        CommonOptions.ParseDate(parse.GetValue(_date), context));

    /// <summary>The project folder the stack was read from.</summary>
    public string ProjectDir(ParseResult parse) => CommonOptions.FindProjectDir(parse.GetValue(_dir));

    /// <summary>A --format option: a readable default and json.</summary>
    public static Option<string> Format(string readable, string description) => new Option<string>("--format")
    {
        Description = description,
        DefaultValueFactory = _ => readable,
    }.AcceptOnlyFromAmong(readable, "json");
}
