using System.CommandLine;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.DeploymentRules;
using FreshFoodz.Switching;
using Spectre.Console;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>diff --stack S (--from X | --deployed GROUPS) [--to Y] [--date D]</c>: the steps a season switch takes from a
/// deployed state, as <c>pulumi up</c> applies them one run at a time inside the low-traffic window; per step what
/// changes (each property in-place or replace), what it does at run time (restart, failover, for how long, sourced),
/// and the deployment rules' findings on the step.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var stack = CommonOptions.Stack();
        var from = SeasonOption("--from", "The season every group is deployed at (or give --deployed).");
        var deployed = new Option<string?>("--deployed")
        {
            Description = $"The deployed groups, as the stack output seasonSwitch.deployed holds them: {CapacityGroups.Syntax}.",
        };
        var to = SeasonOption("--to", "The season switched to; default: the stack's season on --date.");
        var dir = CommonOptions.ProjectDir();
        var date = CommonOptions.Date();
        var command = new Command("diff", "Show the steps of a season switch, what each changes and does at run time, and the rules' findings.")
        {
            stack, from, deployed, to, dir, date,
        };
        command.SetAction(parse =>
        {
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            var settings = CommonOptions.LoadSettings(projectDir, parse.GetValue(stack)!, null);
            var day = CommonOptions.ParseDate(parse.GetValue(date), context);
            var start = Start(parse.GetValue(from), parse.GetValue(deployed));
            // The parser already limited --from and --to to season names.
            var target = parse.GetValue(to) is { } name ? SeasonNames.All.Single(s => s.ConfigName() == name) : settings.EffectiveSeason(day);
            var switchContext = SwitchContext.For(settings);
            var steps = SwitchSteps.Between(switchContext, start, target, day);
            var total = switchContext.SeasonPlans[target].Resources.Length;
            var touched = SwitchSteps.Touched(steps);
            var console = Consoles.Plain(context.Out);
            console.WriteLine($"{settings.StackName}: {start.Label} → {target.ConfigName()}: {steps.Count} step{(steps.Count == 1 ? "" : "s")}, "
                + $"{touched.Count} of {total} resources change");
            foreach (var step in steps)
            {
                WriteStep(console, step, steps.Count);
                var findings = DeploymentRuleCatalog.JudgeUpdate(new RuleContext(settings, day), step.Before, step.After, step.To.Effective(settings.Capacity.Seasons)).Findings.ToList();
                console.WriteLine(findings.Count == 0
                    ? "Deployment rules: the step keeps every rule."
                    : $"Deployment rules: {string.Join("; ", findings.Select(f => f.ToString()))}");
            }
            if (steps.Count > 0)
            {
                var window = settings.Plan.Deployment.LowTrafficWindowText;
                console.WriteLine($"pulumi up applies one step per run inside the low-traffic window {window}, each decided by the run before it "
                    + "(docs/seasonal-operations.md): the hourly seasons workflow, or any person's pulumi up.");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static CapacityGroups Start(string? from, string? deployed)
    {
        if ((from is null) == (deployed is null))
        {
            throw new UsageException("give exactly one of --from <season> and --deployed <groups>");
        }
        if (from is not null)
        {
            return CapacityGroups.All(SeasonNames.All.Single(s => s.ConfigName() == from));
        }
        try
        {
            return CapacityGroups.Parse(deployed!);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--deployed: {e.Message}, got {CommonOptions.Shown(deployed!)}");
        }
    }

    private static void WriteStep(IAnsiConsole console, SwitchStep step, int count)
    {
        var replacing = step.Changes.Count(c => c.Kind == ChangeKind.Replace);
        console.WriteLine($"Step {step.Number} of {count}: {Stepper.Moves(step.From, step.To)} → {step.To.Label}: "
            + $"{step.Changes.Count} change{(step.Changes.Count == 1 ? "" : "s")} in {step.Resources.Count} resource{(step.Resources.Count == 1 ? "" : "s")}, {replacing} replacing");
        if (step.Changes.Count == 0)
        {
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumn("resource").AddColumn("property").AddColumn("from").AddColumn("to").AddColumn("change");
        foreach (var c in step.Changes)
        {
            table.AddRow(Markup.Escape(c.Resource), Markup.Escape(c.Path), Markup.Escape(Show(c.From)), Markup.Escape(Show(c.To)),
                c.Kind == ChangeKind.InPlace ? "in-place" : c.Kind.ToString().ToLowerInvariant());
        }
        console.Write(table);
        var effects = new Table().Border(TableBorder.Rounded).Title($"Step {step.Number} at run time")
            .AddColumn("resource").AddColumn("property").AddColumn("effect").AddColumn("unavailability").AddColumn("source");
        foreach (var e in step.Effects.OrderBy(e => e.Resource, StringComparer.Ordinal))
        {
            effects.AddRow(Markup.Escape(e.Resource), Markup.Escape(e.Property), Markup.Escape(e.Effect), Markup.Escape(e.Unavailability), Markup.Escape(e.Source));
        }
        console.Write(effects);
    }

    private static Option<string?> SeasonOption(string name, string description) => new Option<string?>(name)
    {
        Description = description,
    }.AcceptOnlyFromAmong([.. SeasonNames.All.Select(s => s.ConfigName())]);

    private static string Show(PlanValue? value) => value is null ? "—" : PlanCommand.Show(value);
}
