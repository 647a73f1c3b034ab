using System.Security.Cryptography;
using FreshFoodz.Stacks.Settings;
using FsCheck;
using FsCheck.Fluent;

namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>
/// Issue 23's output classes as properties (FsCheck) over the real CLI: whatever text reaches it (a command-line
/// argument, a path), every error is one line and nothing reaches a terminal raw; an --out that names an input,
/// however it is spelt, is refused and the input is unchanged.
/// </summary>
public sealed class HostileProperties
{
    /// <summary>Characters that forge lines or drive a terminal, and ordinary ones.</summary>
    private static readonly char[] Awkward = ['\n', '\r', '\t', '\u001b', '\u0007', '\u0000', '\u0085', '\u009b', '\u202e', '\u2028', '\u200b', '\ufeff', 'a', '/', '.', ' ', '[', '2', 'J'];

    private static Gen<string> Hostile() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.Elements(Awkward).ArrayOf().Select(c => new string(c)));

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, TimeProvider.System);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static bool Safe(string text) => !text.Any(c => c is not ('\n' or '\t') && Printable.Refuses(c) && !char.IsSurrogate(c));

    private static bool OneLineErrors(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(l => l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("  ", StringComparison.Ordinal));

    [Fact]
    public void WhateverIsPrintedATerminalGetsNoControlCharacter() =>
        Prop.ForAll(Hostile().ToArbitrary(), text =>
        {
            var inner = new StringWriter();
            using (var writer = new TerminalSafeWriter(inner))
            {
                writer.Write(text);
                writer.WriteLine(text.ToCharArray(), 0, text.Length);
            }
            return Safe(inner.ToString());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    /// <summary>Any stack name, option value or unknown argument: exit 1 or 2, every error one line, nothing raw.</summary>
    [Fact]
    public void AnyArgumentEndsInOneLineErrors() =>
        Prop.ForAll(Hostile().ToArbitrary(), Gen.Elements("--stack", "--date", "--season", "--bogus").ToArbitrary(), (value, option) =>
        {
            var args = option == "--stack"
                ? new[] { "capacity", "--stack", value, "--project-dir", CliRunner.Root }
                : ["capacity", "--stack", "de-prod", option, value, "--project-dir", CliRunner.Root];
            var (exit, _, stderr) = Run(args);
            return (exit is 1 or 2 || (exit == 0 && option == "--season" && value is "auto" or "baseline")) && OneLineErrors(stderr) && Safe(stderr)
                && !stderr.Contains("Exception", StringComparison.Ordinal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));

    /// <summary>A path no one can write (under /proc), holding any text: exit 5 naming it on one line, escaped.</summary>
    [Fact]
    public void AnUnwritablePathWithAnyTextIsOneLine() =>
        Prop.ForAll(Hostile().Where(t => t.Length > 0 && !t.Contains('\0', StringComparison.Ordinal)).ToArbitrary(), name =>
        {
            var (exit, _, stderr) = Run("render", "k6", "--stack", "de-prod", "--out", $"/proc/freshfoodz-{name.Replace('/', '_')}/k6", "--project-dir", CliRunner.Root);
            return exit is 1 or 5 && OneLineErrors(stderr) && Safe(stderr) && stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));

    /// <summary>
    /// --out spelt any way through '.', '..', a linked folder and the project's own folders: refused (exit 1) exactly
    /// when it names one of the project's inputs, and every input is byte for byte as it was.
    /// </summary>
    [Fact]
    public void AnOutputNeverReplacesAnInputHoweverItIsSpelt()
    {
        using var sandbox = new Sandbox();
        Directory.CreateDirectory(Path.Combine(sandbox.Root, "out"));
        File.CreateSymbolicLink(Path.Combine(sandbox.Root, "linked"), sandbox.Root);
        var inputs = ProjectInputs.Of(sandbox.Root).ToDictionary(p => p, p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))));
        var steps = Gen.Elements(".", "..", "out", "prices", "linked", "esc", "freshfoodz").ArrayOf().Select(a => a.Take(4).ToArray());
        var names = Gen.Elements("Pulumi.yaml", "Pulumi.de-prod.yaml", "Pulumi.ch-prod.yaml", "de-prod.prices.yaml", "de-prod.yaml", "report.html");
        Prop.ForAll(steps.ToArbitrary(), names.ToArbitrary(), (path, name) =>
        {
            var @out = Path.Combine([sandbox.Root, .. path, name]);
            var isInput = ProjectInputs.Of(sandbox.Root).Any(i => FreshFoodz.Monitoring.Documents.FileNode.Canonical(i) == FreshFoodz.Monitoring.Documents.FileNode.Canonical(@out));
            var (exit, _, stderr) = Run("report", "--stack", "de-prod", "--year", "2026", "--out", @out, "--project-dir", sandbox.Root);
            var unchanged = inputs.All(i => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(i.Key))) == i.Value);
            return unchanged && (isInput ? exit == 1 && stderr.Contains("a file the tool reads", StringComparison.Ordinal) : exit is 0 or 1 or 5);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    /// <summary>
    /// release-check's plan files (third probe): any one node of a real plan replaced by a null, a number beyond its type,
    /// text with control characters, an empty map or list. The check ends with a verdict (0, 3) or the file named as no
    /// plan (2), never exit 70, every error on one line and nothing raw on the terminal.
    /// </summary>
    [Fact]
    public void AnyOneNodeOfAPlanFileChangedEndsInAVerdictOrOneLine()
    {
        using var sandbox = new Sandbox();
        var golden = File.ReadAllText(Path.Combine(CliRunner.Root, "tests", "FreshFoodz.Stacks.Tests", "Golden", "de-prod.baseline.json"));
        var head = Directory.CreateDirectory(Path.Combine(sandbox.Root, "head")).FullName;
        var @base = Directory.CreateDirectory(Path.Combine(sandbox.Root, "base")).FullName;
        File.WriteAllText(Path.Combine(head, "de-prod.baseline.json"), golden);
        var count = Nodes(System.Text.Json.Nodes.JsonNode.Parse(golden)!).Count;
        var replacements = Gen.Elements("null", "99999999999999999999", "-1e400", "\"\\u001b[2J\\nforged | row\"", "\"\"", "{}", "[]", "true", "{\"$ref\": 1}");
        Prop.ForAll(Gen.Choose(0, count - 1).ToArbitrary(), replacements.ToArbitrary(), (index, replacement) =>
        {
            var plan = System.Text.Json.Nodes.JsonNode.Parse(golden)!;
            var (parent, key) = Nodes(plan)[index];
            var value = System.Text.Json.Nodes.JsonNode.Parse(replacement);
            if (parent is System.Text.Json.Nodes.JsonObject o)
            {
                o[(string)key] = value;
            }
            else
            {
                ((System.Text.Json.Nodes.JsonArray)parent)[(int)key] = value;
            }
            File.WriteAllText(Path.Combine(@base, "de-prod.baseline.json"), plan.ToJsonString());
            var (exit, stdout, stderr) = Run("release-check", "--base", @base, "--head", head, "--date", "2026-12-02", "--project-dir", sandbox.Root);
            return exit is 0 or 2 or 3 && OneLineErrors(stderr) && Safe(stdout + stderr) && !stderr.Contains("Exception", StringComparison.Ordinal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    /// <summary>Every node below the root, as its parent and its key (a name or an index).</summary>
    private static List<(System.Text.Json.Nodes.JsonNode Parent, object Key)> Nodes(System.Text.Json.Nodes.JsonNode root)
    {
        var nodes = new List<(System.Text.Json.Nodes.JsonNode, object)>();
        void Walk(System.Text.Json.Nodes.JsonNode node)
        {
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        nodes.Add((o, k));
                        if (v is not null)
                        {
                            Walk(v);
                        }
                    }
                    break;
                case System.Text.Json.Nodes.JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        nodes.Add((a, i));
                        if (a[i] is { } item)
                        {
                            Walk(item);
                        }
                    }
                    break;
            }
        }
        Walk(root);
        return nodes;
    }
}
