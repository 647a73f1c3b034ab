namespace FreshFoodz.Cli.Tests;

/// <summary>A stack file whose imported ESC environment has no committed definition is invalid settings (exit 2).</summary>
public class EnvironmentImportCommandTests
{
    [Fact]
    public void AnImportWithoutItsCommittedDefinitionIsExitTwoNamingTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("freshfoodz-cli-esc-").FullName;
        File.WriteAllText(Path.Combine(dir, "Pulumi.yaml"), "name: freshfoodz-infra\nruntime: dotnet\n");
        File.Copy(Path.Combine(CliRunner.Root, "Pulumi.de-prod.yaml"), Path.Combine(dir, "Pulumi.de-prod.yaml"));
        var stderr = new StringWriter();
        var exit = CliApp.Run(["capacity", "--stack", "de-prod", "--project-dir", dir], new StringWriter(), stderr, TimeProvider.System);
        Assert.Equal(2, exit);
        Assert.Contains("imports the ESC environment freshfoodz/de-prod", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(Path.Combine("esc", "freshfoodz", "de-prod.yaml"), stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("error: 1 problem in the stack settings:", stderr.ToString().Trim().Split('\n')[0].Trim());
    }
}
