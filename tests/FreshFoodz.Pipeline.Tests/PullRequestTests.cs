namespace FreshFoodz.Pipeline.Tests;

/// <summary>pr-comment.sh (one comment per marker, found among the bot's own) and preview.sh (refreshed previews).</summary>
public class PullRequestTests
{
    /// <summary>gh applies its --jq filter to the PR's comments (comments.json), as the real gh does to the API's answer.</summary>
    private const string Gh = """
        if [[ "$1 $2" == "api --paginate" ]]; then
          [[ ! -f "$FAKE_DIR/gh.fail" ]] || { echo "HTTP 502: Bad Gateway" >&2; exit 1; }
          jq -r "$5" "$FAKE_DIR/comments.json"
        fi
        """;

    private const string Bot = "github-actions[bot]";

    private static string Comments(params (long Id, string Login, string Body)[] comments) =>
        System.Text.Json.JsonSerializer.Serialize(comments.Select(c => new { id = c.Id, user = new { login = c.Login }, body = c.Body }));

    private static Pipeline WithComments(string json, string report = "## Offline capacity\nde-prod: 16 pods\n")
    {
        var p = new Pipeline();
        p.Handle("gh", Gh);
        p.Fixture("comments.json", json);
        File.WriteAllText(Path.Combine(p.Dir, "report.md"), report);
        return p;
    }

    [Fact]
    public void TheCapacityCommentIsCreatedWhenThePullRequestHasNone()
    {
        using var p = WithComments(Comments(
            (11, Bot, "#### :tropical_drink: `preview` on freshfoodz-infra/de-prod\n<details><summary>Pulumi report</summary>"),
            (14, Bot, "<!-- freshfoodz:preview-de-prod -->\n#### Pulumi preview")));
        var run = p.Run("pr-comment.sh", "7", "capacity", "report.md").Succeeded();
        var post = Assert.Single(run.Of("gh"), c => c.Args.Contains("--method"));
        Assert.Equal(["api", "--method", "POST", "repos/freshfoodz/infra/issues/7/comments"], post.Args.Take(4));
        var body = Assert.Single(post.Files).Value;
        Assert.StartsWith("<!-- freshfoodz:capacity -->\n## Offline capacity", body, StringComparison.Ordinal);
        Assert.Contains("created", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AReRunUpdatesOnlyItsOwnComment()
    {
        using var p = WithComments(Comments(
            (11, Bot, "#### :tropical_drink: `preview` on freshfoodz-infra/de-prod"),
            (12, "someone", "<!-- freshfoodz:capacity -->\nquoted by a person"),
            (13, Bot, "<!-- freshfoodz:capacity -->\nlast run's report"),
            (14, Bot, "<!-- freshfoodz:preview-de-prod -->\n#### Pulumi preview")));
        var run = p.Run("pr-comment.sh", "7", "capacity", "report.md").Succeeded();
        var edit = Assert.Single(run.Of("gh"), c => c.Args.Contains("--method"));
        Assert.Equal(["api", "--method", "PATCH", "repos/freshfoodz/infra/issues/comments/13"], edit.Args.Take(4));
        Assert.StartsWith("<!-- freshfoodz:capacity -->\n", Assert.Single(edit.Files).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void EachStackPreviewKeepsItsOwnComment()
    {
        using var p = WithComments(Comments(
            (13, Bot, "<!-- freshfoodz:capacity -->\nreport"),
            (14, Bot, "<!-- freshfoodz:preview-de-prod -->\nde"),
            (15, Bot, "<!-- freshfoodz:preview-ch-prod -->\nch")));
        var run = p.Run("pr-comment.sh", "7", "preview-ch-prod", "report.md").Succeeded();
        Assert.EndsWith("/issues/comments/15", Assert.Single(run.Of("gh"), c => c.Args.Contains("PATCH")).Args[3], StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedCommentListCreatesNoDuplicate()
    {
        using var p = WithComments(Comments());
        p.Fixture("gh.fail", "");
        var run = p.Run("pr-comment.sh", "7", "capacity", "report.md");
        Assert.NotEqual(0, run.Exit);
        Assert.DoesNotContain(run.Of("gh"), c => c.Args.Contains("--method"));
    }

    [Theory]
    [InlineData("7; rm -rf /", "capacity")]
    [InlineData("7", "capacity --><script>")]
    public void ABadNumberOrMarkerIsRefusedBeforeGitHubIsAsked(string pr, string marker)
    {
        using var p = WithComments(Comments());
        var run = p.Run("pr-comment.sh", pr, marker, "report.md");
        Assert.NotEqual(0, run.Exit);
        Assert.Empty(run.Calls);
    }

    [Fact]
    public void APreviewIsRefreshedAndItsCommentSaysSo()
    {
        using var p = new Pipeline().With();
        p.Fixture("preview.out", "Previewing update (acme/freshfoodz-infra/de-prod)\nResources:\n    150 unchanged\n");
        var run = p.Run("preview.sh", "de-prod", "preview.md").Succeeded();
        var preview = Assert.Single(run.Of("pulumi"));
        Assert.Equal(["preview", "--refresh"], preview.Args.Take(2));
        Assert.Contains("acme/freshfoodz-infra/de-prod", preview.Args);
        var comment = File.ReadAllText(Path.Combine(p.Dir, "preview.md"));
        Assert.StartsWith("#### Pulumi preview of `acme/freshfoodz-infra/de-prod` (refreshed)", comment, StringComparison.Ordinal);
        Assert.Contains("150 unchanged", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedPreviewFailsTheJobAndItsCommentSaysWhy()
    {
        using var p = new Pipeline().With();
        p.Fixture("preview.out", "error: opening environment: freshfoodz/de-prod-secrets: unknown property alerting.tickets\n");
        p.Fixture("preview.exit", "255");
        var run = p.Run("preview.sh", "de-prod", "preview.md");
        Assert.Equal(255, run.Exit);
        var comment = File.ReadAllText(Path.Combine(p.Dir, "preview.md"));
        Assert.StartsWith("#### Pulumi preview of `acme/freshfoodz-infra/de-prod` failed (exit 255)", comment, StringComparison.Ordinal);
        Assert.Contains("unknown property alerting.tickets", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRehearsalIsPreviewedAtTheFloorItIsDeployedAt()
    {
        using var p = new Pipeline().With(tags: "{}");
        var run = p.Run("preview.sh", "peak-weihnachten", "preview.md").Succeeded();
        Assert.Contains("--config=freshfoodz:season=baseline", Assert.Single(run.Of("pulumi"), c => c.Is("preview")).Args);
        Assert.Contains("Between rehearsals", File.ReadAllText(Path.Combine(p.Dir, "preview.md")), StringComparison.Ordinal);
    }
}
