using System.Text.Json.Nodes;

namespace FreshFoodz.Cli.Tests;

public class PlanCommandTests
{
    [Fact]
    public void TreeShowsComponentsDrMatrixAndResidencyVerdict()
    {
        var (exit, output, error) = CliRunner.Run("plan", "--stack", "ch-prod", "--season", "baseline");
        Assert.True(exit == 0, error);
        Assert.Contains("ch-prod (ch): season baseline", output, StringComparison.Ordinal);
        Assert.Contains("data-critical  freshfoodz:data:TieredDatabase", output, StringComparison.Ordinal);
        Assert.Contains("DR matrix", output, StringComparison.Ordinal);
        Assert.Contains("Residency: every located resource is in switzerlandnorth or switzerlandwest", output, StringComparison.Ordinal);
        Assert.Contains("DR verdict: meets", output, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonIsTheSortedPlanWithItsSeason()
    {
        var (exit, output, _) = CliRunner.Run("plan", "--stack", "de-prod", "--format", "json", "--date", "2026-08-18");
        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("oktoberfest", (string?)json["season"]);
        Assert.Contains(json["resources"]!.AsArray(), r => (string?)r!["name"] == "data-critical-replica");
    }

    [Fact]
    public void DiffFlagsInPlaceChangesOfASeasonSwitch()
    {
        var (exit, output, error) = CliRunner.Run("diff", "--stack", "de-prod", "--from", "baseline", "--to", "weihnachten");
        Assert.True(exit == 0, error);
        Assert.Contains("de-prod: baseline → weihnachten:", output, StringComparison.Ordinal);
        Assert.Contains("0 replacing", output, StringComparison.Ordinal);
        Assert.Contains("platform-app-pool", output, StringComparison.Ordinal);
        Assert.Contains("in-place", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AStackThatBreaksAPolicyIsRefusedWithResourceAndRule()
    {
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, "Pulumi.de-prod.yaml"))
            .Replace("freshfoodz:environment: production", "freshfoodz:environment: production\n  freshfoodz:crossRegionReplicas: false", StringComparison.Ordinal);
        var dir = CliRunner.ProjectWith("noreplica", yaml);
        var stderr = new StringWriter();
        var exit = CliApp.Run(["plan", "--stack", "noreplica", "--season", "baseline", "--project-dir", dir], new StringWriter(), stderr, TimeProvider.System);
        Assert.Equal(3, exit);
        Assert.Contains("order processing: DrTargetsMet: order processing (critical) misses RTO < 1 h / RPO < 15 min", stderr.ToString(), StringComparison.Ordinal);
    }
}
