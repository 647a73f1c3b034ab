using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace FreshFoodz.Pipeline.Tests;

/// <summary>
/// What the workflows themselves must say: their logic lives in .github/scripts; ups of a stack share one
/// concurrency group; previews and drift use the read-only identity, deploys an approval; failures tell someone.
/// </summary>
public partial class WorkflowTests
{
    private static readonly string WorkflowDir = Path.Combine(Pipeline.Root, ".github", "workflows");

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        using var reader = File.OpenText(Path.Combine(Pipeline.Root, file));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Job(string workflow, string job) =>
        (YamlMappingNode)((YamlMappingNode)Load($".github/workflows/{workflow}")["jobs"])[job];

    private static string Text(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();

    public static TheoryData<string> Workflows() => [.. Directory.GetFiles(WorkflowDir, "*.yml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryDecisionIsAScriptCallNoPulumiAzGhOrCurlInline(string workflow)
    {
        foreach (var (name, job) in ((YamlMappingNode)Load($".github/workflows/{workflow}")["jobs"]).Children.Select(e => (((YamlScalarNode)e.Key).Value!, (YamlMappingNode)e.Value)))
        {
            foreach (var step in Steps(job).Where(s => s.Children.ContainsKey("run")))
            {
                var run = Text(step, "run");
                Assert.False(InlineTool().IsMatch(run), $"{workflow} {name}: '{run.Trim()}' calls a tool inline; put the decision in .github/scripts");
                Assert.DoesNotContain("--target", run, StringComparison.Ordinal);
                Assert.DoesNotContain("--phase-one-targets", run, StringComparison.Ordinal);
                Assert.DoesNotContain("--edit-last", run, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void EveryUpOfAStackSharesOneQueueThatCancelsNothing()
    {
        foreach (var (workflow, job) in new[] { ("deploy.yml", "up"), ("seasons.yml", "up"), ("drift.yml", "drift") })
        {
            var concurrency = (YamlMappingNode)Job(workflow, job)["concurrency"];
            Assert.Equal("pulumi-up-${{ matrix.stack }}", Text(concurrency, "group"));
            Assert.Equal("false", Text(concurrency, "cancel-in-progress"));
            Assert.Equal("max", Text(concurrency, "queue"));
        }
    }

    [Fact]
    public void DeploysNeedAnApprovalOneStackAtATimeAndStopAtTheFirstFailure()
    {
        var up = Job("deploy.yml", "up");
        Assert.Equal("${{ matrix.stack }}", Text(up, "environment"));
        var strategy = (YamlMappingNode)up["strategy"];
        Assert.Equal("1", Text(strategy, "max-parallel"));
        Assert.Equal("true", Text(strategy, "fail-fast"));
        var runs = Steps(up).Where(s => s.Children.ContainsKey("run")).Select(s => Text(s, "run")).ToList();
        // The approval is recorded before the up, so a failed up is retried with the approved code.
        Assert.True(runs.FindIndex(r => r.Contains("approved-commit.sh set", StringComparison.Ordinal))
            < runs.FindIndex(r => r.Contains("up.sh", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheCalendarDeploysOnlyTheApprovedCommitHourly()
    {
        var up = Job("seasons.yml", "up");
        Assert.Equal("${{ matrix.stack }}-calendar", Text(up, "environment"));
        var checkout = Steps(up).Single(s => s.Children.ContainsKey("with") && ((YamlMappingNode)s["with"]).Children.ContainsKey("ref"));
        Assert.Equal("${{ steps.approved.outputs.sha }}", Text(checkout["with"], "ref"));
        var upStep = Steps(up).Single(s => s.Children.ContainsKey("run") && Text(s, "run").Contains("up.sh", StringComparison.Ordinal));
        Assert.Equal("${{ github.workspace }}/deployed", Text(upStep["env"], "PROJECT_DIR"));
        var cron = Text(((YamlSequenceNode)((YamlMappingNode)Load(".github/workflows/seasons.yml")["on"])["schedule"]).Children[0], "cron");
        Assert.Equal("5 * * * *", cron);
    }

    [Theory]
    [InlineData("pull-request.yml", "preview")]
    [InlineData("drift.yml", "drift")]
    public void PreviewsAndDriftUseTheReadOnlyIdentity(string workflow, string job) =>
        Assert.Equal("${{ matrix.stack }}-preview", Text(Job(workflow, job), "environment"));

    [Theory]
    [InlineData("deploy.yml", "up")]
    [InlineData("seasons.yml", "up")]
    [InlineData("drift.yml", "drift")]
    public void AFailureTellsTheTerritorysOnCall(string workflow, string job)
    {
        var last = Steps(Job(workflow, job)).Last();
        Assert.Equal("failure()", Text(last, "if"));
        Assert.StartsWith("bash .github/scripts/notify.sh \"$STACK\" failure", Text(last, "run"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void WorkflowsGrantOnlyReadAtTheTopAndOidcWhereAJobAsksForIt(string workflow)
    {
        var root = Load($".github/workflows/{workflow}");
        var permissions = (YamlMappingNode)root["permissions"];
        Assert.Equal(["contents"], permissions.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("read", Text(permissions, "contents"));
        foreach (var job in ((YamlMappingNode)root["jobs"]).Children.Values.Cast<YamlMappingNode>())
        {
            if (Steps(job).Any(s => s.Children.ContainsKey("uses") && Text(s, "uses") == "./.github/actions/setup"))
            {
                Assert.Equal("write", Text(job["permissions"], "id-token"));
            }
        }
    }

    [Fact]
    public void TheCliIsPinnedToAVersionWithEverythingThePipelineNeeds()
    {
        var steps = ((YamlSequenceNode)((YamlMappingNode)Load(".github/actions/setup/action.yml")["runs"])["steps"]).Children.Cast<YamlMappingNode>();
        var install = steps.Single(s => s.Children.ContainsKey("uses") && Text(s, "uses").StartsWith("pulumi/actions@", StringComparison.Ordinal));
        var version = Version.Parse(Text(install["with"], "pulumi-version"));
        // 3.112.0: outputs kept on a failed update (pulumi/pulumi#15754); 3.132.0: project-scoped ESC environments;
        // 3.227.0: distinct exit codes, 7 for --expect-no-changes with changes proposed (drift.sh tells drift by it).
        Assert.True(version >= new Version(3, 227, 0), $"pulumi {version} is older than the pipeline needs");
        Assert.Equal(3, version.Major);
    }

    [Fact]
    public void ThePulumiTokenLastsAsLongAsAnyJobMayRun()
    {
        // The exchanged Pulumi token is not renewed and lasts 2 hours unless asked (pulumi.com blog "Native OIDC Token
        // Exchange for Pulumi CLI"); a GitHub-hosted job may run 6 hours (360 minutes, the default timeout-minutes).
        var steps = ((YamlSequenceNode)((YamlMappingNode)Load(".github/actions/setup/action.yml")["runs"])["steps"]).Children.Cast<YamlMappingNode>();
        var auth = steps.Single(s => s.Children.ContainsKey("uses") && Text(s, "uses").StartsWith("pulumi/auth-actions@", StringComparison.Ordinal));
        var with = (YamlMappingNode)auth["with"];
        Assert.True(with.Children.ContainsKey("token-expiration"), "pulumi/auth-actions without token-expiration: the token expires after 2 hours");
        var seconds = int.Parse(Text(with, "token-expiration"), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var workflow in Directory.GetFiles(WorkflowDir, "*.yml").Select(Path.GetFileName))
        {
            foreach (var job in ((YamlMappingNode)Load($".github/workflows/{workflow}")["jobs"]).Children.Values.Cast<YamlMappingNode>())
            {
                var minutes = job.Children.ContainsKey("timeout-minutes") ? int.Parse(Text(job, "timeout-minutes"), System.Globalization.CultureInfo.InvariantCulture) : 360;
                Assert.True(seconds >= minutes * 60, $"{workflow}: a job may run {minutes} minutes, the Pulumi token lasts {seconds} s");
            }
        }
    }

    [Fact]
    public void DriftRunsOutsideEveryStacksLowTrafficWindow()
    {
        var cron = Text(((YamlSequenceNode)((YamlMappingNode)Load(".github/workflows/drift.yml")["on"])["schedule"]).Children[0], "cron").Split(' ');
        var at = new TimeOnly(int.Parse(cron[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(cron[0], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var stack in new[] { "de-prod", "ch-prod", "peak-weihnachten" })
        {
            var window = Window().Match(File.ReadAllText(Path.Combine(Pipeline.Root, $"Pulumi.{stack}.yaml"))) is { Success: true } own ? own
                : Window().Match(File.ReadAllText(Path.Combine(Pipeline.Root, "Pulumi.yaml")));
            Assert.True(window.Success, $"{stack}: no low-traffic window found");
            var (from, to) = (TimeOnly.Parse(window.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(window.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(at.IsBetween(from, to), $"drift at {at} is inside {stack}'s window {from}-{to}: pending season steps would read as drift");
        }
    }

    [Fact]
    public void NoScriptUsesTheAzureCli()
    {
        // An azure/login token cannot be renewed once its GitHub assertion expires (Azure/azure-cli#28708): the
        // providers and kubelogin fetch fresh OIDC tokens themselves, and nothing may fall back on the CLI.
        foreach (var script in Directory.GetFiles(Path.Combine(Pipeline.Root, ".github", "scripts"), "*.sh"))
        {
            var code = File.ReadAllLines(script).Where(l => !l.TrimStart().StartsWith('#'));
            Assert.DoesNotContain(code, l => AzureCli().IsMatch(l));
        }
        foreach (var workflow in Directory.GetFiles(WorkflowDir, "*.yml").Append(Path.Combine(Pipeline.Root, ".github", "actions", "setup", "action.yml")))
        {
            Assert.DoesNotContain("azure/login", File.ReadAllText(workflow), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"(^|[\s;|&(])az\s")]
    private static partial Regex AzureCli();

    [GeneratedRegex(@"(^|[\s;|&(])(pulumi|az|gh|curl|kubelogin)\s")]
    private static partial Regex InlineTool();

    [GeneratedRegex(@"lowTrafficWindow:\s*(?:\n\s*description:.*\n\s*value:)?\s*""?(\d\d:\d\d)-(\d\d:\d\d)")]
    private static partial Regex Window();
}
