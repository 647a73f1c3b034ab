using System.Diagnostics;

namespace FreshFoodz.Cli.Tests;

/// <summary>
/// .github/scripts/release-check.sh, the PR workflow's step, run as the workflow runs it: its compare half against base
/// plans made here (RELEASE_CHECK_BASE_PLANS; planning a base commit in a worktree builds a second copy of the tool,
/// which the workflow does and the suite leaves out). It writes the comment and passes the check's exit code on.
/// </summary>
public class ReleaseCheckScriptTests
{
    [Fact]
    public void TheScriptWritesTheCommentAndExitsLikeTheCheck()
    {
        var (exit, plan, err) = CliRunner.Run("plan", "--stack", "ch-prod", "--season", "spargel", "--date", "2026-12-02", "--format", "json");
        Assert.True(exit == 0, err);
        var same = Directory.CreateTempSubdirectory("freshfoodz-script-same-").FullName;
        File.WriteAllText(Path.Combine(same, "ch-prod.spargel.json"), plan);
        // A base release whose zone link had another name: the head has no alias for it, so the check refuses.
        var renamed = Directory.CreateTempSubdirectory("freshfoodz-script-renamed-").FullName;
        File.WriteAllText(Path.Combine(renamed, "ch-prod.spargel.json"), plan.Replace("\"network-zone-vault-link-dr\"", "\"network-zone-vault-link-drx\"", StringComparison.Ordinal));

        var passed = Script(same);
        Assert.True(passed.Exit == 0, passed.Output);
        Assert.Contains("**Passed** for 1 stack × season plans", passed.Comment, StringComparison.Ordinal);

        var refused = Script(renamed);
        Assert.True(refused.Exit == 3, refused.Output);
        Assert.Contains("`UrnDisappearsWithoutAlias` `urn:pulumi:ch-prod::freshfoodz-infra::freshfoodz:network:TerritoryNetwork$azure-native:privatedns:VirtualNetworkLink::network-zone-vault-link-drx`", refused.Comment, StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Comment) Script(string basePlans)
    {
        var comment = Path.Combine(Directory.CreateTempSubdirectory("freshfoodz-script-out-").FullName, "release-check.md");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = CliRunner.Root };
        foreach (var arg in new[] { Path.Combine(CliRunner.Root, ".github", "scripts", "release-check.sh"), "HEAD", comment })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["RELEASE_CHECK_BASE_PLANS"] = basePlans;
        start.Environment["RELEASE_CHECK_DATE"] = "2026-12-02";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "release-check.sh did not finish in 5 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result, File.Exists(comment) ? File.ReadAllText(comment) : "");
    }
}
