using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests;

/// <summary>
/// Stack files import Pulumi ESC environments (<c>environment:</c>); the offline tool reads their committed
/// definitions under esc/ and merges each one's pulumiConfig as the CLI does, a computed value present but unknown.
/// </summary>
public sealed class EnvironmentImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("freshfoodz-esc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    [InlineData("peak-weihnachten")]
    public void TheCommittedStacksTakeEveryAlertingSecretFromTheirEnvironmentAndNoneFromTheFile(string stack)
    {
        var text = File.ReadAllText(Path.Combine(ProjectFiles.Root, $"Pulumi.{stack}.yaml"));
        Assert.DoesNotContain("secure:", text, StringComparison.Ordinal);
        var alerting = Assert.IsType<ConfigMap>(StackFileLoader.Load(ProjectFiles.Root, stack).Values["freshfoodz:alerting"]);
        var page = Assert.IsType<ConfigSecret>(alerting["pageRoutingKey"]);
        Assert.Equal($"freshfoodz/{stack}", page.Environment);
        // The stack file's plain values stay beside the environment's secrets in the same mapping.
        var onCall = Assert.IsType<ConfigMap>(alerting["onCall"]);
        Assert.IsType<ConfigScalar>(onCall["channel"]);
        Assert.Equal($"freshfoodz/{stack}", Assert.IsType<ConfigSecret>(onCall["webhookUrl"]).Environment);
        Assert.Equal(6, StackSettingsReader.Read(StackFileLoader.Load(ProjectFiles.Root, stack)).Plan.Alerting.Secrets().Count());
    }

    [Fact]
    public void AKeyNeitherInTheFileNorInAnEnvironmentIsStillNamedMissing()
    {
        Project(Definition.Replace("      pageRoutingKey: ${alerting.pageRoutingKey}\n", "", StringComparison.Ordinal));
        var e = Assert.Throws<StackSettingsException>(() => StackSettingsReader.Read(StackFileLoader.Load(_dir, "de-prod")));
        var error = Assert.Single(e.Errors);
        Assert.Equal("freshfoodz:alerting.pageRoutingKey", error.KeyPath);
        Assert.StartsWith("missing; expected a secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALiteralInADefinitionIsReadAsWrittenAndTheStackFileWins()
    {
        Project(Definition + "    freshfoodz:costCentre: CC-FROM-ESC\n    freshfoodz:leadTimeDays: \"21\"\n",
            stackEdit: text => text.Replace("  freshfoodz:costCentre: CC-DE-4100\n", "", StringComparison.Ordinal));
        var settings = StackSettingsReader.Read(StackFileLoader.Load(_dir, "de-prod"));
        Assert.Equal("CC-FROM-ESC", settings.Plan.CostCentre);
        // leadTimeDays is not in de-prod's file: the environment's 21 applies, not the project default 14.
        Assert.Equal(21, settings.Capacity.LeadTimeDays);
        Project(Definition + "    freshfoodz:costCentre: CC-FROM-ESC\n");
        Assert.Equal("CC-DE-4100", StackSettingsReader.Read(StackFileLoader.Load(_dir, "de-prod")).Plan.CostCentre);
    }

    [Fact]
    public void AComputedValueWhereThePlanNeedsTheValueNamesTheEnvironment()
    {
        Project(Definition + "    freshfoodz:costCentre: ${costCentre}\n",
            stackEdit: text => text.Replace("  freshfoodz:costCentre: CC-DE-4100\n", "", StringComparison.Ordinal));
        var e = Assert.Throws<StackSettingsException>(() => StackSettingsReader.Read(StackFileLoader.Load(_dir, "de-prod")));
        var error = Assert.Single(e.Errors);
        Assert.Equal("freshfoodz:costCentre", error.KeyPath);
        Assert.Contains("comes from the ESC environment freshfoodz/de-prod", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown offline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImportWithoutACommittedDefinitionIsRefusedNamingTheFile()
    {
        Project(Definition, stackEdit: text => text.Replace("  - freshfoodz/de-prod\n", "  - freshfoodz/de-prod\n  - freshfoodz/de-extra\n", StringComparison.Ordinal));
        var e = Assert.Throws<StackSettingsException>(() => StackFileLoader.Load(_dir, "de-prod"));
        Assert.Contains("imports the ESC environment freshfoodz/de-extra", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("esc", "freshfoodz", "de-extra.yaml"), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("de-prod")]
    [InlineData(".hidden/x")]
    public void AnEnvironmentNameOutsideProjectSlashNameIsRefused(string name)
    {
        Project(Definition, stackEdit: text => text.Replace("  - freshfoodz/de-prod\n", $"  - \"{name}\"\n", StringComparison.Ordinal));
        var e = Assert.Throws<StackSettingsException>(() => StackFileLoader.Load(_dir, "de-prod"));
        Assert.Contains("an ESC environment name is project/name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefinitionThatImportsItselfIsRefused()
    {
        Project(Definition.Replace("  - freshfoodz/de-prod-secrets\n", "  - freshfoodz/de-prod-secrets\n  - freshfoodz/de-prod\n", StringComparison.Ordinal));
        var e = Assert.Throws<StackSettingsException>(() => StackFileLoader.Load(_dir, "de-prod"));
        Assert.Contains("imports itself", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsingWithoutAProjectDirectoryCannotResolveImports()
    {
        var text = File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.de-prod.yaml"));
        var e = Assert.Throws<StackSettingsException>(() => StackFileLoader.Parse("de-prod", "Pulumi.de-prod.yaml", text));
        Assert.Equal("environment", Assert.Single(e.Errors).KeyPath);
    }

    private static string Definition { get; } = File.ReadAllText(Path.Combine(ProjectFiles.Root, "esc", "freshfoodz", "de-prod.yaml"));

    /// <summary>A project folder with de-prod's stack file (edited) and the given definition of freshfoodz/de-prod.</summary>
    private void Project(string definition, Func<string, string>? stackEdit = null)
    {
        var text = File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.de-prod.yaml"));
        var edited = stackEdit?.Invoke(text) ?? text;
        Assert.True(stackEdit is null || edited != text, "the stack-file edit changed nothing");
        File.WriteAllText(Path.Combine(_dir, "Pulumi.de-prod.yaml"), edited);
        Directory.CreateDirectory(Path.Combine(_dir, "esc", "freshfoodz"));
        File.WriteAllText(EnvironmentImports.DefinitionPath(_dir, "freshfoodz/de-prod"), definition);
    }
}
