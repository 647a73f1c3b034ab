namespace FreshFoodz.Pipeline.Tests;

/// <summary>
/// up.sh (one plain pulumi up, the deployed season read back as a stack tag) and season-override.sh (a rehearsal
/// stack runs at its floor between rehearsals).
/// </summary>
public class SeasonTests
{
    private const string Outputs = """{"effectiveSeason": "weihnachten", "seasonSwitch": {"deployed": "weihnachten", "step": "2 of 2", "next": "none"}}""";

    [Fact]
    public void UpIsOnePlainRefreshingUpThenTheSeasonTagFromTheOutput()
    {
        using var p = new Pipeline().With(outputs: Outputs);
        var run = p.Run("up.sh", "de-prod", "hourly season step").Succeeded();
        var stack = "acme/freshfoodz-infra/de-prod";
        Assert.Equal(
            [
                $"pulumi stack tag ls --json --stack {stack}",   // is a drill holding the stack? (freshfoodz:holdUntil)
                $"pulumi up --yes --refresh --non-interactive --stack {stack} --cwd {Pipeline.Root} --message hourly season step",
                $"pulumi stack output --json --stack {stack} --cwd {Pipeline.Root}",
                $"pulumi stack tag set freshfoodz:season weihnachten --stack {stack}",
            ],
            run.Calls.Select(c => c.Line));
        Assert.DoesNotContain(run.Calls, c => c.Args.Any(a => a.StartsWith("--target", StringComparison.Ordinal)));
        Assert.Contains("\"step\":\"2 of 2\"", File.ReadAllText(p.Env["GITHUB_STEP_SUMMARY"]), StringComparison.Ordinal);
    }

    [Fact]
    public void AStackOutputMissingAfterTheUpIsAFailedRun()
    {
        using var p = new Pipeline().With(outputs: """{"territory": "de"}""");
        var run = p.Run("up.sh", "de-prod", "m").Failed("has no stack output effectiveSeason");
        Assert.DoesNotContain(run.Calls, c => c.Is("stack", "tag", "set"));
    }

    [Fact]
    public void AFailedOutputReadIsAFailedRun()
    {
        using var p = new Pipeline().With(outputs: null);
        var run = p.Run("up.sh", "de-prod", "m").Failed("cannot read the outputs of acme/freshfoodz-infra/de-prod");
        Assert.DoesNotContain(run.Calls, c => c.Is("stack", "tag", "set"));
    }

    [Fact]
    public void AFailedUpReadsNothingAndTagsNothing()
    {
        using var p = new Pipeline().With(outputs: Outputs);
        p.Fixture("up.exit", "255");
        var run = p.Run("up.sh", "de-prod", "m").Failed("pulumi up failed for acme/freshfoodz-infra/de-prod");
        Assert.Equal(["stack", "up"], run.Calls.Select(c => c.Args[0]));
    }

    [Fact]
    public void AProductionStackHasNoSeasonOverrideAndCostsNoRead()
    {
        using var p = new Pipeline().With();
        var run = p.Run("season-override.sh", "de-prod", "2026-08-01").Succeeded();
        Assert.Equal("", run.Out);
        Assert.Empty(run.Calls);
    }

    [Theory]
    [InlineData("{}", "2026-11-01", "--config=freshfoodz:season=baseline")]                                           // no rehearsal open
    [InlineData("""{"freshfoodz:rehearsalUntil": "2026-11-27"}""", "2026-11-01", "")]                                 // open
    [InlineData("""{"freshfoodz:rehearsalUntil": "2026-11-27"}""", "2026-11-27", "")]                                 // its last day
    [InlineData("""{"freshfoodz:rehearsalUntil": "2026-11-27"}""", "2026-11-28", "--config=freshfoodz:season=baseline")] // over
    public void ARehearsalStackRunsAtItsFloorBetweenRehearsals(string tags, string today, string expected)
    {
        using var p = new Pipeline().With(tags: tags);
        Assert.Equal(expected, p.Run("season-override.sh", "peak-weihnachten", today).Succeeded().Out.Trim());
    }

    [Fact]
    public void ARehearsalDateThatIsNoDateIsAFailedRun()
    {
        using var p = new Pipeline().With(tags: """{"freshfoodz:rehearsalUntil": "next friday"}""");
        p.Run("season-override.sh", "peak-weihnachten", "2026-11-01").Failed("is not a date");
    }

    [Fact]
    public void TheRehearsalUpCarriesTheFloor()
    {
        using var p = new Pipeline().With(tags: "{}", outputs: """{"effectiveSeason": "weihnachten"}""");
        var run = p.Run("up.sh", "peak-weihnachten", "m").Succeeded();
        var up = Assert.Single(run.Of("pulumi"), c => c.Is("up"));
        Assert.Equal("--config=freshfoodz:season=baseline", up.Args[^1]);
    }

    [Fact]
    public void ATagReadFailingForTheRehearsalIsAFailedRunNotTheFloor()
    {
        using var p = new Pipeline();
        p.Handle("pulumi", "exit 255");
        var run = p.Run("up.sh", "peak-weihnachten", "m").Failed("cannot read the tags of acme/freshfoodz-infra/peak-weihnachten");
        Assert.DoesNotContain(run.Calls, c => c.Is("up"));
    }

    /// <summary>A drill that swaps a primary and its replica holds the stack (stack tag freshfoodz:holdUntil): the
    /// calendar's up leaves it alone until the hold ends, then runs as before.</summary>
    [Theory]
    [InlineData("2026-11-10T02:00Z", true)]    // the drill's hold
    [InlineData("2026-11-10T03:40Z", true)]    // the hold's last minute
    [InlineData("2026-11-10T03:45Z", false)]   // over: the run deploys the approved commit
    public void AHeldStackIsLeftAloneUntilTheHoldEnds(string now, bool held)
    {
        using var p = new Pipeline().With(tags: """{"freshfoodz:holdUntil": "2026-11-10T03:45Z"}""", outputs: Outputs);
        p.Env["FRESHFOODZ_NOW"] = now;
        var run = p.Run("up.sh", "de-prod", "hourly season step").Succeeded();
        Assert.Equal(!held, run.Calls.Any(c => c.Is("up")));
        Assert.Equal(held, run.Out.Contains("held until 2026-11-10T03:45Z", StringComparison.Ordinal));
        if (held)
        {
            Assert.Contains("held until 2026-11-10T03:45Z", File.ReadAllText(p.Env["GITHUB_STEP_SUMMARY"]), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("tomorrow", "is not a UTC time (yyyy-MM-ddTHH:mmZ): 'tomorrow'")]
    [InlineData("2026-11-10T03:45", "is not a UTC time")]                 // no zone: ambiguous
    [InlineData("2026-13-40T03:45Z", "is not a UTC time")]                // no such day
    [InlineData("2026-11-10T14:01Z", "is more than 12 hours ahead")]      // a forgotten hold would stop the calendar
    public void AHoldThatIsNoTimeOrTooLongIsAFailedRun(string until, string because)
    {
        using var p = new Pipeline().With(tags: $$"""{"freshfoodz:holdUntil": "{{until}}"}""", outputs: Outputs);
        p.Env["FRESHFOODZ_NOW"] = "2026-11-10T02:00Z";
        var run = p.Run("up.sh", "de-prod", "m").Failed(because);
        Assert.DoesNotContain(run.Calls, c => c.Is("up"));
    }

    [Fact]
    public void ATagReadFailingForAProductionStackIsAFailedRunNotAnUp()
    {
        using var p = new Pipeline().With(outputs: Outputs);
        File.Delete(Path.Combine(p.Env["FAKE_DIR"], "tags.json"));   // the fake's tag read then fails (403)
        var run = p.Run("up.sh", "de-prod", "m").Failed("cannot read the tags of acme/freshfoodz-infra/de-prod");
        Assert.DoesNotContain(run.Calls, c => c.Is("up"));
    }
}
