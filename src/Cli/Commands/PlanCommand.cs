using System.CommandLine;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Stacks.DeploymentRules;
using FreshFoodz.Switching;
using Spectre.Console;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>plan --stack S [--season X] [--date D] [--format tree|json]</c>: what the Pulumi program registers for a stack
/// steady at the season of --date (every capacity group there; <c>diff</c> shows the steps on the way).
/// </summary>
internal static class PlanCommand
{
    /// <summary>The inputs worth seeing in the tree, per resource type (the JSON has everything).</summary>
    private static readonly string[] KeyInputs =
    [
        "location", "sku.name", "vmSize", "minCount", "maxCount", "highAvailability.mode", "backup.geoRedundantBackup",
        "backup.backupRetentionDays", "storage.storageSizeGB", "createMode", "immutableStorageWithVersioning.immutabilityPolicy.state",
        "immutableStorageWithVersioning.immutabilityPolicy.immutabilityPeriodSinceCreationInDays", "spec.minReplicas",
        "spec.maxReplicas", "value", "amount",
    ];

    public static Command Create(CliContext context)
    {
        var selection = new StackSelection();
        var format = StackSelection.Format("tree", "tree (readable) or json (stable, sorted; what golden files hold).");
        var command = new Command("plan", "Plan a stack offline: components, resources, DR matrix and residency verdict.") { format };
        selection.AddTo(command);
        command.SetAction(parse =>
        {
            var (settings, date) = selection.Read(parse, context);
            var switchContext = SwitchContext.For(settings);
            var plan = SwitchPlanner.Steady(switchContext, date, CommonOptions.ProjectName(selection.ProjectDir(parse)));
            if (parse.GetValue(format) == "json")
            {
                context.Out.Write(PlanJson.Serialize(plan));
            }
            else
            {
                WriteTree(plan, context.Out);
                WriteRules(SwitchPlanner.Rules(switchContext, plan, settings.EffectiveSeason(date), date), context.Out);
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static void WriteTree(StackPlan plan, TextWriter output)
    {
        var console = Consoles.Plain(output);
        var tree = new Tree($"{plan.Stack} ({plan.Territory}): season {plan.Season}");
        var providers = tree.AddNode("providers");
        foreach (var p in plan.Providers)
        {
            providers.AddNode(Markup.Escape($"{p.Name}  pulumi:providers:{p.Package} {p.Version}"));
        }
        var nodes = new Dictionary<string, TreeNode>();
        foreach (var c in plan.Components.OrderBy(c => c.Parent is null ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var parent = c.Parent is null ? null : nodes[c.Parent];
            var label = Markup.Escape($"{c.Name}  {c.Type}");
            nodes[c.Name] = parent is null ? tree.AddNode(label) : parent.AddNode(label);
        }
        foreach (var r in plan.Resources)
        {
            var keys = KeyInputs.Select(k => (k, v: r.Inputs.At(k))).Where(x => x.v is PlanString or PlanInt or PlanDouble or PlanBool)
                .Select(x => $"{x.k}={Show(x.v!)}");
            var flags = r.Options.Protect ? " [protected]" : "";
            nodes[r.Options.Parent!].AddNode(Markup.Escape($"{r.Name}  {r.Type}{flags}  {string.Join(" ", keys)}".TrimEnd()));
        }
        console.Write(tree);
        foreach (var reference in plan.StackReferences)
        {
            console.WriteLine(Markup.Escape($"Reads stack <organization>/{reference.Stack} as {reference.Name}: the season switch's recorded state (output {SwitchRecord.OutputName})"));
        }

        var dr = new Table().Border(TableBorder.Rounded).Title("DR matrix")
            .AddColumn("function").AddColumn("tier").AddColumn("server / zone / region").AddColumn("worst RTO").AddColumn("worst RPO").AddColumn("verdict");
        foreach (var row in plan.DrMatrix)
        {
            dr.AddRow(
                Markup.Escape(row.Function), row.Tier.Code(), Markup.Escape(string.Join(" / ", row.Paths.Select(p => p.Mechanism.Name))),
                DrMatrixRow.Format(row.WorstRto), DrMatrixRow.Format(row.WorstRpo), row.Verdict.ToString());
        }
        console.Write(dr);

        var located = plan.Resources.Where(r => !Stacks.Policies.StackPolicies.GlobalTypes.Contains(r.Type));
        var regions = located.Select(r => r.Inputs["location"]).OfType<PlanString>().Select(s => s.Value).Distinct().Order(StringComparer.Ordinal);
        console.WriteLine($"Residency: every located resource is in {string.Join(" or ", regions)} (private DNS zones are global: names only); every reference stays inside {plan.Stack} ({plan.Territory}).");
        console.WriteLine($"DR verdict: {Show(plan.Outputs["drVerdict"]!)}");
    }

    /// <summary>Every deployment rule's verdict on this plan and the stack's season switches (docs/deployment-rules.md).</summary>
    private static void WriteRules(RuleReport report, TextWriter output)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Deployment rules on {report.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} (plan and every season switch)")
            .AddColumn("rule").AddColumn("verdict").AddColumn("finding");
        foreach (var verdict in report.Verdicts)
        {
            var findings = verdict.Findings.Select(f => $"{f.Resource} '{f.Property}' {f.Message}").ToList();
            table.AddRow(Markup.Escape(verdict.Rule.Id), verdict.Outcome, Markup.Escape(findings.Count == 0 ? "" : string.Join(Environment.NewLine, findings)));
        }
        Consoles.Plain(output).Write(table);
    }

    internal static string Show(PlanValue value) => value switch
    {
        PlanString s => s.Value,
        PlanInt i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PlanDouble d => d.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        PlanBool b => b.Value ? "true" : "false",
        _ => PlanJson.Value(value)?.ToJsonString(Readable) ?? "null",
    };

    /// <summary>JSON for people: quotes and '&lt;', '&gt;' as themselves (not \u0022), control characters still escaped.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Readable =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
