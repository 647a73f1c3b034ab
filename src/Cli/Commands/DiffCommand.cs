using System.CommandLine;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;
using Spectre.Console;

namespace FreshFoodz.Cli.Commands;

/// <summary><c>diff --stack S --from X --to Y</c>: what a season switch changes, each property flagged in-place or replace.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var stack = CommonOptions.Stack();
        var from = SeasonOption("--from", "The season switched from.");
        var to = SeasonOption("--to", "The season switched to.");
        var dir = CommonOptions.ProjectDir();
        var command = new Command("diff", "Show the properties a season switch changes, flagged in-place or replace.") { stack, from, to, dir };
        command.SetAction(parse =>
        {
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            var settings = CommonOptions.LoadSettings(projectDir, parse.GetValue(stack)!, null);
            // The parser already limited both options to season names.
            var a = SeasonNames.All.Single(s => s.ConfigName() == parse.GetValue(from));
            var b = SeasonNames.All.Single(s => s.ConfigName() == parse.GetValue(to));
            var changes = PlanDiff.Between(StackPlanner.Plan(settings, a), StackPlanner.Plan(settings, b));
            var console = Consoles.Plain(context.Out);
            console.WriteLine($"{settings.StackName}: {a.ConfigName()} → {b.ConfigName()}: {changes.Count} change{(changes.Count == 1 ? "" : "s")}, {changes.Count(c => c.Kind == ChangeKind.Replace)} replacing");
            if (changes.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn("resource").AddColumn("property").AddColumn("from").AddColumn("to").AddColumn("change");
                foreach (var c in changes)
                {
                    table.AddRow(Markup.Escape(c.Resource), Markup.Escape(c.Path), Markup.Escape(Show(c.From)), Markup.Escape(Show(c.To)),
                        c.Kind == ChangeKind.InPlace ? "in-place" : c.Kind.ToString().ToLowerInvariant());
                }
                console.Write(table);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static Option<string> SeasonOption(string name, string description) => new Option<string>(name)
    {
        Description = description,
        Required = true,
    }.AcceptOnlyFromAmong([.. SeasonNames.All.Select(s => s.ConfigName())]);

    private static string Show(PlanValue? value) => value is null ? "—" : PlanCommand.Show(value);
}
