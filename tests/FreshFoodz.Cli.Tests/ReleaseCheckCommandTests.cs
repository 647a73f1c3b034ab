using System.Text.Json.Nodes;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Cli.Tests;

/// <summary><c>release-check</c> on plan folders as the PR workflow writes them (plan --format json of each side).</summary>
public class ReleaseCheckCommandTests
{
    private const string Day = "2026-12-02";
    private const string Server = "data-standard-server";

    /// <summary>A folder with de-prod's baseline plan, as plan --format json writes it.</summary>
    private static string PlanFolder(Func<string, string>? edit = null)
    {
        var (exit, json, err) = CliRunner.Run("plan", "--stack", "de-prod", "--season", "baseline", "--date", Day, "--format", "json");
        Assert.True(exit == 0, err);
        var dir = Directory.CreateTempSubdirectory("freshfoodz-release-").FullName;
        File.WriteAllText(Path.Combine(dir, "de-prod.baseline.json"), edit?.Invoke(json) ?? json);
        return dir;
    }

    /// <summary>The plan with data-standard-server renamed (references and dependencies follow), with or without an alias.</summary>
    private static string Renamed(string json, bool alias)
    {
        var renamed = JsonNode.Parse(json.Replace($"\"{Server}\"", "\"data-standard-postgres\"", StringComparison.Ordinal))!;
        if (alias)
        {
            var options = renamed["resources"]!.AsArray().Single(r => (string?)r!["name"] == "data-standard-postgres")!["options"]!.AsObject();
            options["aliases"] = new JsonArray(Urns.Of("de-prod", "freshfoodz:data:TieredDatabase$azure-native:dbforpostgresql:Server", Server));
        }
        return renamed.ToJsonString();
    }

    [Fact]
    public void TheHeadAgainstItselfPasses()
    {
        var (exit, md, err) = CliRunner.Run("release-check", "--base", PlanFolder(), "--date", Day);
        Assert.True(exit == 0, err);
        Assert.StartsWith("## Release check (base → head)\n\n**Passed** for 1 stack × season plans", md, StringComparison.Ordinal);
        Assert.Contains("No URN changes;", md, StringComparison.Ordinal);
    }

    [Fact]
    public void ARenameWithAnAliasPassesAndOneWithoutIsRefusedWithExit3()
    {
        var head = PlanFolder(j => Renamed(j, alias: true));
        var (exit, md, err) = CliRunner.Run("release-check", "--base", PlanFolder(), "--head", head, "--date", Day);
        Assert.True(exit == 0, err);
        Assert.Contains("| renamed (alias) | `urn:pulumi:de-prod::freshfoodz-infra::freshfoodz:data:TieredDatabase$azure-native:dbforpostgresql:Server::data-standard-postgres` |", md, StringComparison.Ordinal);

        var (refused, report, errors) = CliRunner.Run("release-check", "--base", PlanFolder(), "--head", PlanFolder(j => Renamed(j, alias: false)), "--date", Day);
        Assert.Equal(3, refused);
        Assert.Contains("**Refused**", report, StringComparison.Ordinal);
        Assert.Contains($"error: urn:pulumi:de-prod::freshfoodz-infra::freshfoodz:data:TieredDatabase$azure-native:dbforpostgresql:Server::{Server}: UrnDisappearsWithoutAlias:", errors, StringComparison.Ordinal);
        Assert.Contains("StatefulResourceDeleted", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportGoesToOutAtomically()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("freshfoodz-release-out-").FullName, "comment.md");
        var (exit, stdout, err) = CliRunner.Run("release-check", "--base", PlanFolder(), "--date", Day, "--out", file);
        Assert.True(exit == 0, err);
        Assert.Equal($"wrote {file}\n", stdout);
        Assert.StartsWith("## Release check", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(["comment.md"], Directory.GetFiles(Path.GetDirectoryName(file)!).Select(Path.GetFileName));
    }

    [Fact]
    public void AStackGoneFromTheHeadCountsAsDeleted()
    {
        var head = Directory.CreateTempSubdirectory("freshfoodz-release-empty-").FullName;
        File.WriteAllText(Path.Combine(head, "ch-prod.baseline.json"), File.ReadAllText(Path.Combine(CliRunner.Root, "tests", "FreshFoodz.Stacks.Tests", "Golden", "ch-prod.baseline.json")));
        var (exit, md, _) = CliRunner.Run("release-check", "--base", PlanFolder(), "--head", head, "--date", Day);
        Assert.Equal(3, exit);
        Assert.Contains("Note: de-prod (baseline) is in the base release but not in the head: every resource of it counts as deleted.", md, StringComparison.Ordinal);
        Assert.Contains("Note: ch-prod (baseline) is new in the head release: nothing to compare.", md, StringComparison.Ordinal);
    }
}
