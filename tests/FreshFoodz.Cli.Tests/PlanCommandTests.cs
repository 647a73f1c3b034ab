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

    [Fact]
    public void PlanReportsEveryDeploymentRulesVerdict()
    {
        var (exit, output, error) = CliRunner.Run("plan", "--stack", "de-prod", "--date", "2026-12-02");
        Assert.True(exit == 0, error);
        Assert.Contains("Deployment rules on 2026-12-02", output, StringComparison.Ordinal);
        Assert.Matches(@"AksVersionSupported\s+│ kept", output);
        // de-prod is created 2026-12-02 with the archive Unlocked: lock it within 30 days.
        Assert.Matches(@"AuditArchiveLockedInTime\s+│ warning", output);
        Assert.Contains("lock it by", output, StringComparison.Ordinal);
        Assert.Contains("2027-01-01", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AVersionAksCanNoLongerCreateIsRefusedWithResourcePropertyAndRule()
    {
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, "Pulumi.de-prod.yaml"))
            .Replace("kubernetesVersion: \"1.36\"", "kubernetesVersion: \"1.33\"", StringComparison.Ordinal);
        var dir = CliRunner.ProjectWith("oldk8s", yaml);
        var stderr = new StringWriter();
        var exit = CliApp.Run(["plan", "--stack", "oldk8s", "--date", "2026-12-02", "--project-dir", dir], new StringWriter(), stderr, TimeProvider.System);
        Assert.Equal(3, exit);
        Assert.Contains("platform-cluster: AksVersionSupported: 'kubernetesVersion' 1.33 reached its end of life on 2026-07-31", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DiffShowsTheStepsOfAScaleUpAndWhatEachDoesAtRunTime()
    {
        var (exit, output, error) = CliRunner.Run("diff", "--stack", "de-prod", "--from", "baseline", "--to", "weihnachten", "--date", "2026-12-02");
        Assert.True(exit == 0, error);
        Assert.Matches(@"de-prod: baseline → weihnachten: 2 steps, 17 of \d+ resources change", output);
        // The replicas (with the app capacity) in one run, the primaries in the next: never a one-step scale-up.
        Assert.Contains("Step 1 of 2: replicas and app capacity → apps=weihnachten,primaries=baseline,replicas=weihnachten", output, StringComparison.Ordinal);
        Assert.Contains("Step 2 of 2: primaries → weihnachten: 1 change in 1 resource, 0 replacing", output, StringComparison.Ordinal);
        Assert.Contains("Step 1 at run time", output, StringComparison.Ordinal);
        Assert.Contains("under 30 s (failover)", output, StringComparison.Ordinal);   // the critical primary has HA
        // The app pool's minimum (the daily floor's off-hours nodes) rises 5 → 6; its count is the live one (every up refreshes).
        Assert.Contains("autoscaler minimum raised 5", output, StringComparison.Ordinal);
        Assert.Contains("one step per run inside the low-traffic window 01:00–04:00 UTC", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--target", output, StringComparison.Ordinal);
        Assert.DoesNotContain("tags.season", output, StringComparison.Ordinal);
        // A changed alert threshold shows as its own leaf, not as the whole rule file, and JSON reads as typed.
        Assert.Matches(@"monitoring-rules-plan +│ spec\.groups\[0\]\.rules\[", output);
        Assert.DoesNotContain("\\u0022", output, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffOfAScaleDownMovesThePrimariesFirst()
    {
        var (exit, output, error) = CliRunner.Run("diff", "--stack", "de-prod", "--from", "weihnachten", "--to", "baseline");
        Assert.True(exit == 0, error);
        Assert.Contains("Step 1 of 2: primaries → apps=weihnachten,primaries=baseline,replicas=weihnachten", output, StringComparison.Ordinal);
        Assert.Contains("Step 2 of 2: replicas and app capacity → baseline", output, StringComparison.Ordinal);
    }

    /// <summary>From a state mid-switch, as the stack output seasonSwitch.deployed holds it; --to defaults to the day's season.</summary>
    [Fact]
    public void DiffFromADeployedStateShowsTheStepsLeft()
    {
        var (exit, output, error) = CliRunner.Run("diff", "--stack", "de-prod", "--deployed", "apps=weihnachten,primaries=baseline,replicas=weihnachten", "--date", "2026-11-22");
        Assert.True(exit == 0, error);
        Assert.Matches(@"de-prod: apps=weihnachten,primaries=baseline,replicas=weihnachten → weihnachten: 1 step, 1 of \d+ resources change", output);
        var (bad, _, message) = CliRunner.Run("diff", "--stack", "de-prod", "--deployed", "apps=weihnachten");
        Assert.Equal(1, bad);
        Assert.StartsWith("error: --deployed: expected apps=<season>,primaries=<season>,replicas=<season>", message, StringComparison.Ordinal);
        var (both, _, twice) = CliRunner.Run("diff", "--stack", "de-prod", "--deployed", "baseline", "--from", "baseline");
        Assert.Equal(1, both);
        Assert.Equal("error: give exactly one of --from <season> and --deployed <groups>\n", twice.ReplaceLineEndings("\n"));
    }
}
