using System.CommandLine;
using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Monitoring;
using FreshFoodz.Operations.Drills;
using FreshFoodz.Operations.LoadTests;
using FreshFoodz.Operations.Playbooks;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>render monitoring --stack S [--season X] [--date D] --out DIR</c> (rules, promtool tests, Alertmanager, dashboards),
/// <c>render playbooks --stack S --year Y --out DIR</c> (Markdown and iCalendar) and <c>render k6 --stack S --out DIR</c>
/// (one peak test per season): generated files from the season catalog and the stack settings.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(CliContext context) =>
        new("render", "Generate files from the season catalog and the stack settings.")
        {
            MonitoringCommand(context),
            Playbooks(context),
            K6(context),
            Drills(context),
        };

    private static Command Playbooks(CliContext context)
    {
        var stack = CommonOptions.Stack();
        var year = OperationsOptions.Year();
        var output = OperationsOptions.OutDir();
        var now = new Option<string?>("--now")
        {
            Description = "DTSTAMP of the calendar's events (yyyy-MM-ddTHH:mm:ssZ); default: January 1 of --year, 00:00 UTC, so a render is reproducible.",
        };
        var dir = CommonOptions.ProjectDir();
        var command = new Command("playbooks", "Season playbooks of a year: T-30, T-14, T-7, T-0 and review, as Markdown and as an iCalendar file.")
        {
            stack, year, output, now, dir,
        };
        command.SetAction(parse =>
        {
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            var settings = CommonOptions.LoadSettings(projectDir, parse.GetValue(stack)!, null);
            var y = OperationsOptions.YearOrThisYear(parse.GetValue(year), context);
            var stamp = ParseStamp(parse.GetValue(now), y);
            var prices = PriceSheetFile.Load(projectDir, settings.StackName);
            var calendar = PlaybookPlanner.Create(settings, y, OperationsOptions.Rehearsal(projectDir, settings) with { Prices = prices });
            var folder = OutputPaths.Folder(parse.GetValue(output)!);
            OutputPaths.Write(context, Path.Combine(folder, PlaybookMarkdown.FileName(settings.StackName, y)), PlaybookMarkdown.Render(calendar));
            OutputPaths.Write(context, Path.Combine(folder, ICalendarWriter.FileName(settings.StackName, y)), ICalendarWriter.Render(calendar, stamp));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command K6(CliContext context)
    {
        var stack = CommonOptions.Stack();
        var output = OperationsOptions.OutDir();
        var dir = CommonOptions.ProjectDir();
        var command = new Command("k6", "k6 peak-test scripts, one per season: baseline to baseline × multiplier, hold, ramp down, SLO thresholds.")
        {
            stack, output, dir,
        };
        command.SetAction(parse =>
        {
            var settings = CommonOptions.LoadSettings(CommonOptions.FindProjectDir(parse.GetValue(dir)), parse.GetValue(stack)!, null);
            var folder = OutputPaths.Folder(parse.GetValue(output)!);
            // The peak tests for every stack; the seasonal plan's floods only where the stack plans chaos (a rehearsal).
            foreach (var (file, script) in K6Script.RenderAll(settings).Concat(FloodScripts.RenderAll(settings)))
            {
                OutputPaths.Write(context, Path.Combine(folder, file), script);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Drills(CliContext context)
    {
        var stack = CommonOptions.Stack();
        var output = OperationsOptions.OutDir();
        var dir = CommonOptions.ProjectDir();
        var command = new Command("drills", "Failover drill scripts, one per replicated tier: a planned switchover through the writer endpoint, measured, and back (docs/recovery-drills.md).")
        {
            stack, output, dir,
        };
        command.SetAction(parse =>
        {
            var settings = CommonOptions.LoadSettings(CommonOptions.FindProjectDir(parse.GetValue(dir)), parse.GetValue(stack)!, null);
            var scripts = FailoverDrill.RenderAll(settings);
            if (scripts.Count == 0)
            {
                context.Out.WriteLine($"{settings.StackName} keeps no replica (freshfoodz:crossRegionReplicas: false): no tier to switch over, nothing written");
                return CliApp.Ok;
            }
            var folder = OutputPaths.Folder(parse.GetValue(output)!);
            foreach (var (file, script) in scripts)
            {
                OutputPaths.Write(context, Path.Combine(folder, file), script);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static DateTimeOffset ParseStamp(string? text, int year)
    {
        if (text is null)
        {
            return new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }
        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            throw new UsageException($"--now: expected yyyy-MM-ddTHH:mm:ssZ, got {CommonOptions.Shown(text)}");
        }
        var day = DateOnly.FromDateTime(stamp.UtcDateTime);
        return day >= CommonOptions.FirstDate && day <= CommonOptions.LastDate
            ? stamp.ToUniversalTime()
            : throw new UsageException($"--now: expected a time from {ToolDates.Show(CommonOptions.FirstDate)} to {ToolDates.Show(CommonOptions.LastDate)}, got {CommonOptions.Shown(text)}");
    }

    private static Command MonitoringCommand(CliContext context)
    {
        var selection = new StackSelection();
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Folder to write into (created if missing): rules/, tests/, alertmanager/, dashboards/.",
            Required = true,
        };
        var command = new Command("monitoring",
            "Prometheus rules, their promtool unit tests, the Alertmanager configuration and the war-room dashboard of a stack's season.")
        {
            output,
        };
        selection.AddTo(command);
        command.SetAction(parse =>
        {
            var (settings, date) = selection.Read(parse, context);
            var effective = settings.EffectiveSeason(date);
            var target = OutputPaths.Folder(parse.GetValue(output)!);
            var files = MonitoringRender.Render(MonitoringInputs.For(settings.Monitored(), effective));
            var written = MonitoringRender.WriteTo(target, files);
            context.Out.WriteLine($"{settings.StackName} ({settings.Territory.Code}), season {effective.ConfigName()}: {written.Count} files in {OutputPaths.Shown(target)}");
            foreach (var path in written)
            {
                context.Out.WriteLine($"  {Path.GetRelativePath(target, path)}");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
