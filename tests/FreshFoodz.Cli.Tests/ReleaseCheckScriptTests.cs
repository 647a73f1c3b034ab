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

    /// <summary>
    /// The base ref is a commit, never an option: git took '--lock' as one and checked out the head, so the head was
    /// compared with itself and passed. Both are refused before anything is built or checked out.
    /// </summary>
    [Theory]
    [InlineData("--lock", "looks like an option")]
    [InlineData("--upload-pack=touch /tmp/freshfoodz-owned", "looks like an option")]
    [InlineData("-f", "looks like an option")]
    [InlineData("no-such-ref-freshfoodz", "is no commit of")]
    [InlineData("HEAD:README.md", "is no commit of")]
    public void ABaseRefThatIsNoCommitIsRefusedBeforeAnyCheckout(string baseRef, string says)
    {
        var worktrees = Git("worktree", "list", "--porcelain");
        var (exit, output, comment) = Script(null, baseRef);
        Assert.True(exit == 1, output);
        Assert.Contains(says, output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Equal("", comment);
        Assert.Equal(worktrees, Git("worktree", "list", "--porcelain"));
        Assert.False(File.Exists("/tmp/freshfoodz-owned"));
    }

    private static string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, WorkingDirectory = CliRunner.Root };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var git = Process.Start(start)!;
        var text = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return text;
    }

    private static (int Exit, string Output, string Comment) Script(string? basePlans, string baseRef = "HEAD")
    {
        var comment = Path.Combine(Directory.CreateTempSubdirectory("freshfoodz-script-out-").FullName, "release-check.md");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = CliRunner.Root };
        foreach (var arg in new[] { Path.Combine(CliRunner.Root, ".github", "scripts", "release-check.sh"), baseRef, comment })
        {
            start.ArgumentList.Add(arg);
        }
        if (basePlans is not null)
        {
            start.Environment["RELEASE_CHECK_BASE_PLANS"] = basePlans;
        }
        start.Environment["RELEASE_CHECK_DATE"] = "2026-12-02";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "release-check.sh did not finish in 5 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result, File.Exists(comment) ? File.ReadAllText(comment) : "");
    }
}
