using System.CommandLine;
using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.DeploymentRules;
using Spectre.Console;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>diff --stack S --from X --to Y [--date D] [--phase-one-targets]</c>: what a season switch changes, each property
/// flagged in-place or replace; what each change does at run time (restart, failover, unavailability, sourced); the
/// apply it needs (replicas first on a scale-up); and the deployment rules' findings on the switch.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var stack = CommonOptions.Stack();
        var from = SeasonOption("--from", "The season switched from.");
        var to = SeasonOption("--to", "The season switched to.");
        var dir = CommonOptions.ProjectDir();
        var date = CommonOptions.Date();
        var targets = new Option<bool>("--phase-one-targets")
        {
            Description = "Print only the URNs to apply first with pulumi up --target (replicas on a scale-up), one per line; none: nothing.",
        };
        var command = new Command("diff", "Show what a season switch changes, what each change does at run time, and the apply it needs.")
        {
            stack, from, to, dir, date, targets,
        };
        command.SetAction(parse =>
        {
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            var settings = CommonOptions.LoadSettings(projectDir, parse.GetValue(stack)!, null);
            // The parser already limited both options to season names.
            var a = SeasonNames.All.Single(s => s.ConfigName() == parse.GetValue(from));
            var b = SeasonNames.All.Single(s => s.ConfigName() == parse.GetValue(to));
            var day = CommonOptions.ParseDate(parse.GetValue(date), context);
            var (before, after) = (StackPlanner.Plan(settings, a, day), StackPlanner.Plan(settings, b, day));
            var changes = PlanDiff.Between(before, after);
            var apply = RuntimeEffects.Between(before, after, settings);
            var project = ProjectName(projectDir);
            if (parse.GetValue(targets))
            {
                foreach (var resource in apply.PhaseOne)
                {
                    context.Out.WriteLine(RuntimeEffects.Urn(after, project, resource));
                }
                return CliApp.Ok;
            }
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
                WriteRunTime(console, apply, after, project);
            }
            var findings = DeploymentRuleCatalog.JudgeUpdate(new RuleContext(settings, day), before, after, b).Findings.ToList();
            console.WriteLine(findings.Count == 0
                ? "Deployment rules: the switch keeps every rule."
                : $"Deployment rules: {string.Join("; ", findings.Select(f => f.ToString()))}");
            return CliApp.Ok;
        });
        return command;
    }

    private static void WriteRunTime(IAnsiConsole console, SwitchApply apply, StackPlan after, string project)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("At run time")
            .AddColumn("phase").AddColumn("resource").AddColumn("property").AddColumn("effect").AddColumn("unavailability").AddColumn("source");
        foreach (var e in apply.Effects.OrderBy(e => e.Phase).ThenBy(e => e.Resource, StringComparer.Ordinal))
        {
            table.AddRow(e.Phase.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Resource), Markup.Escape(e.Property), Markup.Escape(e.Effect),
                Markup.Escape(e.Unavailability), Markup.Escape(e.Source));
        }
        console.Write(table);
        var stack = after.Stack;
        console.WriteLine(apply.TwoPhase
            ? "Apply in two phases (replicas before their primaries on a scale-up; docs/disaster-recovery.md):" + Environment.NewLine
                + string.Join(Environment.NewLine, apply.PhaseOne.Select(r => $"  1. pulumi up --refresh --stack {stack} --target '{RuntimeEffects.Urn(after, project, r)}'"))
                + Environment.NewLine + $"  2. pulumi up --refresh --stack {stack}"
            : $"Apply in one phase: pulumi up --refresh --stack {stack} (Pulumi updates replicas after their primaries, the order a scale-down needs).");
    }

    /// <summary>The project's name from Pulumi.yaml's <c>name:</c> line (part of every URN).</summary>
    private static string ProjectName(string projectDir) =>
        File.ReadLines(Path.Combine(projectDir, "Pulumi.yaml")).Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("name:", StringComparison.Ordinal))?["name:".Length..].Trim()
        ?? throw new UsageException($"{Path.Combine(projectDir, "Pulumi.yaml")} has no name: line");

    private static Option<string> SeasonOption(string name, string description) => new Option<string>(name)
    {
        Description = description,
        Required = true,
    }.AcceptOnlyFromAmong([.. SeasonNames.All.Select(s => s.ConfigName())]);

    private static string Show(PlanValue? value) => value is null ? "—" : PlanCommand.Show(value);
}
