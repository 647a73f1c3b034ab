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
        var steps = Gen.Elements(".", "..", "out", "prices", "linked").ArrayOf().Select(a => a.Take(4).ToArray());
        var names = Gen.Elements("Pulumi.yaml", "Pulumi.de-prod.yaml", "Pulumi.ch-prod.yaml", "de-prod.prices.yaml", "report.html");
        Prop.ForAll(steps.ToArbitrary(), names.ToArbitrary(), (path, name) =>
        {
            var @out = Path.Combine([sandbox.Root, .. path, name]);
            var isInput = ProjectInputs.Of(sandbox.Root).Any(i => FreshFoodz.Monitoring.Documents.FileNode.Canonical(i) == FreshFoodz.Monitoring.Documents.FileNode.Canonical(@out));
            var (exit, _, stderr) = Run("report", "--stack", "de-prod", "--year", "2026", "--out", @out, "--project-dir", sandbox.Root);
            var unchanged = inputs.All(i => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(i.Key))) == i.Value);
            return unchanged && (isInput ? exit == 1 && stderr.Contains("a file the tool reads", StringComparison.Ordinal) : exit is 0 or 1 or 5);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }
}
