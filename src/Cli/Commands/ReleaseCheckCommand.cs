using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.Release;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>release-check --base DIR [--head DIR] [--date D] [--out FILE]</c>: the base release's plans
/// (<c>&lt;stack&gt;.&lt;season&gt;.json</c>, as <c>plan --format json</c> writes them) against the head release's, which
/// are planned from the project unless <c>--head</c> names a folder of plans too. Prints the URN changes as Markdown;
/// exits 3 when a URN disappears without an alias, a protected resource is replaced or a resource holding data is
/// deleted (docs/release-check.md).
/// </summary>
internal static partial class ReleaseCheckCommand
{
    public static Command Create(CliContext context)
    {
        var baseDir = new Option<DirectoryInfo>("--base")
        {
            Description = "Folder with the base release's plans, <stack>.<season>.json (plan --format json of the base commit).",
            Required = true,
        };
        var headDir = new Option<DirectoryInfo?>("--head")
        {
            Description = "Folder with the head release's plans; default: plan every stack and season of --base from the project.",
        };
        var date = CommonOptions.Date();
        var dir = CommonOptions.ProjectDir();
        var output = new Option<FileInfo?>("--out") { Description = "Write the Markdown to this file (atomically) instead of stdout." };
        var command = new Command("release-check", "Check the head release against the base release: URN changes, replacements of protected resources, deletions of data.")
        {
            baseDir, headDir, date, dir, output,
        };
        command.SetAction(parse =>
        {
            var day = CommonOptions.ParseDate(parse.GetValue(date), context);
            var bases = ReadPlans(Folder(parse.GetValue(baseDir)!, "--base"), "--base");
            if (bases.Count == 0)
            {
                throw new UsageException($"--base: no <stack>.<season>.json plan in {parse.GetValue(baseDir)!.FullName}");
            }
            var heads = parse.GetValue(headDir) is { } h ? ReadPlans(Folder(h, "--head"), "--head") : null;
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            // The plans read are inputs too: --out may not replace one (however it is spelt).
            var read = bases.Values.Concat(heads?.Values.AsEnumerable() ?? []).Select(p => p.Path);
            var outFile = parse.GetValue(output) is { } o ? OutputPaths.File(o, projectDir, read) : null;
            var comparisons = new List<ReleaseComparison>();
            var notes = new List<string>();
            foreach (var ((stack, season), (_, basePlan)) in bases.OrderBy(b => b.Key.Stack, StringComparer.Ordinal).ThenBy(b => b.Key.Season, StringComparer.Ordinal))
            {
                var head = heads is not null
                    ? heads.GetValueOrDefault((stack, season)).Plan
                    : File.Exists(Path.Combine(projectDir!, $"Pulumi.{stack}.yaml"))
                        ? StackPlanner.Plan(CommonOptions.LoadSettings(projectDir!, stack, season), day)
                        : null;
                if (head is null)
                {
                    notes.Add($"{stack} ({season}) is in the base release but not in the head: every resource of it counts as deleted.");
                }
                comparisons.Add(ReleaseCheck.Compare(basePlan, head ?? Empty(basePlan)));
            }
            foreach (var (stack, season) in (heads?.Keys.AsEnumerable() ?? []).Except(bases.Keys).Order())
            {
                notes.Add($"{stack} ({season}) is new in the head release: nothing to compare.");
            }
            var markdown = ReleaseReport.Markdown(comparisons, notes);
            if (outFile is null)
            {
                context.Out.Write(markdown);
            }
            else
            {
                OutputPaths.Write(context, outFile, markdown);
            }
            var refused = comparisons.SelectMany(c => c.Refusals).Distinct().ToList();
            foreach (var r in refused)
            {
                context.Error.WriteLine($"error: {ValueText.OneLine(r.ToString(), 2000)}");
            }
            return refused.Count > 0 ? CliApp.PlanningError : CliApp.Ok;
        });
        return command;
    }

    private static string Folder(DirectoryInfo given, string option) =>
        Directory.Exists(given.FullName) ? given.FullName
        : throw new UsageException(File.Exists(given.FullName) ? $"{option}: {given.FullName} is a file; expected a folder of plans" : $"{option}: no folder {given.FullName}");

    /// <summary>Every <c>&lt;stack&gt;.&lt;season&gt;.json</c> in the folder, read as a plan; other files are not read.</summary>
    private static Dictionary<(string Stack, string Season), (string Path, StackPlan Plan)> ReadPlans(string folder, string option)
    {
        var plans = new Dictionary<(string Stack, string Season), (string Path, StackPlan Plan)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var m = PlanFileName().Match(Path.GetFileName(path));
            if (!m.Success || !StackFileLoader.IsValidStackName(m.Groups[1].Value) || !SeasonNames.All.Any(s => s.ConfigName() == m.Groups[2].Value))
            {
                continue;
            }
            var (stack, season) = (m.Groups[1].Value, m.Groups[2].Value);
            PlanFileException Fail(string why) => new($"{option}: {path} {why}");
            var text = BoundedFile.ReadText(path, "plan file", "expected the JSON of plan --format json", Fail)!;
            StackPlan plan;
            try
            {
                plan = PlanJson.Deserialize(text);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or InvalidCastException or ArgumentException or OverflowException)
            {
                throw Fail($"is not a plan (plan --format json): {e.Message.ReplaceLineEndings(" ")}");
            }
            if (plan.Stack != stack || plan.Season != season)
            {
                throw Fail($"holds the plan of {plan.Stack} ({plan.Season}); its name says {stack} ({season})");
            }
            // Names and types reach the Markdown comment and the terminal: printable text only, or it forges lines.
            if (plan.Resources.Select(r => r.Name).Concat(plan.Resources.Select(r => r.Type)).Concat(plan.Retired.Select(r => r.Urn))
                    .Concat(plan.Resources.SelectMany(r => r.Options.Aliases)).FirstOrDefault(t => t.Any(Printable.Refuses)) is { } unprintable)
            {
                throw Fail($"is not a plan (plan --format json): {ValueText.Quote(unprintable)} holds a control or formatting character");
            }
            plans[(stack, season)] = (path, plan);
        }
        return plans;
    }

    private static StackPlan Empty(StackPlan like) => like with { Providers = [], Components = [], Resources = [], DrMatrix = [], Outputs = PlanMap.Empty, Retired = [] };

    [GeneratedRegex(@"\A([a-z0-9-]+)\.([a-z]+)\.json\z")]
    private static partial Regex PlanFileName();
}

/// <summary>A plan file the release check cannot read (exit 2, like other invalid input files); the message names it.</summary>
public sealed class PlanFileException(string message) : Exception(message);
