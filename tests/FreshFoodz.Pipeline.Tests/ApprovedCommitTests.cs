using System.Diagnostics;

namespace FreshFoodz.Pipeline.Tests;

/// <summary>
/// approved-commit.sh: the deploy job records the commit a person approved (stack tag freshfoodz:approvedCommit);
/// the hourly job deploys only that. Reads that fail or return nonsense fail the run.
/// </summary>
public class ApprovedCommitTests
{
    private const string Tag = "freshfoodz:approvedCommit";
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void TheHourlyJobGetsTheApprovedCommit()
    {
        using var p = new Pipeline().With(tags: $$"""{"{{Tag}}": "{{Sha}}", "freshfoodz:season": "weihnachten"}""");
        var run = p.Run("approved-commit.sh", "get", "de-prod").Succeeded();
        Assert.Equal(Sha, run.Out.Trim());
        Assert.Equal("pulumi stack tag ls --json --stack acme/freshfoodz-infra/de-prod", Assert.Single(run.Calls).Line);
    }

    [Fact]
    public void NoApprovedCommitIsAFailedRunNotADeployOfMain()
    {
        using var p = new Pipeline().With(tags: """{"freshfoodz:season": "baseline"}""");
        p.Run("approved-commit.sh", "get", "de-prod").Failed("has no approved commit (freshfoodz:approvedCommit)");
    }

    [Fact]
    public void AFailedTagReadIsAFailedRun()
    {
        using var p = new Pipeline();
        p.Handle("pulumi", "echo 'error: [401] Unauthorized' >&2; exit 255");
        p.Run("approved-commit.sh", "get", "de-prod").Failed("cannot read the tags of acme/freshfoodz-infra/de-prod");
    }

    [Theory]
    [InlineData("main")]
    [InlineData("0123456")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567")]
    public void ATagThatIsNoCommitIdIsAFailedRun(string value)
    {
        using var p = new Pipeline().With(tags: $$"""{"{{Tag}}": "{{value}}"}""");
        p.Run("approved-commit.sh", "get", "de-prod").Failed("is not a commit id");
    }

    [Fact]
    public void TheApprovalIsRecordedAndReadBack()
    {
        using var repo = new GitRepo();
        using var p = new Pipeline().With(tags: $$"""{"{{Tag}}": "{{repo.First}}"}""");
        var run = p.RunIn(repo.Dir, "approved-commit.sh", "set", "de-prod", repo.Second).Succeeded();
        Assert.Contains(run.Of("pulumi"), c => c.Line == $"pulumi stack tag set {Tag} {repo.Second} --stack acme/freshfoodz-infra/de-prod");
        Assert.Contains(repo.Second, p.FixtureText("tags.json"), StringComparison.Ordinal);
        // Read before (the newer-than check) and after (the read-back).
        Assert.Equal(2, run.Of("pulumi").Count(c => c.Is("stack", "tag", "ls")));
    }

    [Fact]
    public void AnOlderApprovalNeverReplacesANewerOne()
    {
        using var repo = new GitRepo();
        using var p = new Pipeline().With(tags: $$"""{"{{Tag}}": "{{repo.Second}}"}""");
        var run = p.RunIn(repo.Dir, "approved-commit.sh", "set", "de-prod", repo.First)
            .Failed($"{repo.First} is older than {repo.Second}, already approved");
        Assert.DoesNotContain(run.Of("pulumi"), c => c.Is("stack", "tag", "set"));
    }

    [Fact]
    public void AWriteThatDoesNotStickIsAFailedRun()
    {
        using var repo = new GitRepo();
        using var p = new Pipeline().With(tags: "{}");
        p.Fixture("tags.readonly", "");
        p.RunIn(repo.Dir, "approved-commit.sh", "set", "de-prod", repo.Second).Failed("reads back differently");
    }
}

/// <summary>A throwaway git repository with two commits, the second a child of the first.</summary>
internal sealed class GitRepo : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("freshfoodz-git-").FullName;

    public string First { get; }

    public string Second { get; }

    public GitRepo()
    {
        Git("init", "-q");
        First = Commit("one");
        Second = Commit("two");
    }

    private string Commit(string message)
    {
        Git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {git.StandardError.ReadToEnd()}");
        return output;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
