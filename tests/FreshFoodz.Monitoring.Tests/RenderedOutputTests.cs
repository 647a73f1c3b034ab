using System.Text.Json.Nodes;
using FreshFoodz.Monitoring.Dashboards;
using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Monitoring.Rules;
using FreshFoodz.Monitoring.Testing;

namespace FreshFoodz.Monitoring.Tests;

/// <summary>
/// What <c>render monitoring</c> writes, for every stack and a couple of seasons, checked by Prometheus' own tools:
/// the rules load (<c>promtool check rules</c>), their unit tests pass (<c>promtool test rules</c>), the Alertmanager
/// configuration loads (<c>amtool check-config</c>), and every dashboard query parses.
/// </summary>
public class RenderedOutputTests
{
    public static TheoryData<string, string?> Renders() => ThresholdProofTests.StacksAndSeasons();

    [Theory]
    [MemberData(nameof(Renders))]
    public void RulesLoadInPromtool(string stack, string? season)
    {
        var promtool = Tools.Promtool;
        var dir = Repo.Render(Repo.Inputs(stack, season));
        var files = Directory.GetFiles(Path.Combine(dir, "rules"), "*.rules.yaml").Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(5, files.Length);
        var output = Tools.Succeed(promtool, dir, ["check", "rules", .. files]);
        Assert.DoesNotContain("FAILED", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Renders))]
    public void RenderedUnitTestsPassInPromtool(string stack, string? season)
    {
        var promtool = Tools.Promtool;
        var dir = Repo.Render(Repo.Inputs(stack, season));
        var tests = Path.Combine(dir, "tests");
        var files = Directory.GetFiles(tests, "*.test.yaml").Select(f => Path.GetRelativePath(tests, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["business.test.yaml", "central.test.yaml", "drills.test.yaml", "peak.test.yaml", "plan.test.yaml", "slo.test.yaml"], files);
        Tools.Succeed(promtool, tests, ["test", "rules", .. files]);
    }

    /// <summary>A rendered test that expects the wrong thing fails: promtool really checks what it is given.</summary>
    [Fact]
    public void PromtoolRejectsARenderedTestWithAWrongExpectation()
    {
        var promtool = Tools.Promtool;
        var dir = Repo.Render(Repo.Inputs("de-prod"));
        var path = Path.Combine(dir, "tests", "business.test.yaml");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("team: sales-ops", "team: platform", StringComparison.Ordinal));
        var (exit, output) = Tools.Run(promtool, Path.GetDirectoryName(path)!, "test", "rules", "business.test.yaml");
        Assert.NotEqual(0, exit);
        Assert.Contains("OrderConfirmationDelayed", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Renders))]
    public void AlertmanagerConfigurationLoadsInAmtool(string stack, string? season)
    {
        var amtool = Tools.Amtool;
        var dir = Repo.Render(Repo.Inputs(stack, season));
        var output = Tools.Succeed(amtool, dir, "check-config", MonitoringRender.AlertmanagerFile);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
        // Ours and the chart's four, restated because our values replace its list (InhibitionTests).
        Assert.Contains(" - 5 inhibit rules", output, StringComparison.Ordinal);
    }

    /// <summary>promtool parses each dashboard query as the expression of a throwaway recording rule.</summary>
    [Theory]
    [MemberData(nameof(Renders))]
    public void EveryDashboardQueryParses(string stack, string? season)
    {
        var promtool = Tools.Promtool;
        var inputs = Repo.Inputs(stack, season);
        var dir = Repo.Render(inputs);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "dashboards", WarRoomDashboard.FileName(inputs.TerritoryCode))))!;
        var exprs = json["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => (string)t!["expr"]!).ToList();
        Assert.True(exprs.Count >= 20, $"only {exprs.Count} queries");
        var rules = new RuleFile("dashboard-queries",
            [new RuleGroup("dashboard-queries", [.. exprs.Select((e, i) => (Rule)new RecordingRule($"dashboard:query_{i}:parse", e, LabelSet.Empty))])]);
        File.WriteAllText(Path.Combine(dir, "queries.rules.yaml"), YamlText.Write(rules.ToNode()));
        var output = Tools.Succeed(promtool, dir, "check", "rules", "queries.rules.yaml");
        Assert.Contains($"SUCCESS: {exprs.Count} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConnectionsPanelReadsThePlannedExportersByTheLabelTheirPodMonitorSets()
    {
        var panel = WarRoomDashboard.Panels(Repo.Inputs("de-prod")).Single(p => p.Title.StartsWith("Database connections", StringComparison.Ordinal));
        var backends = panel.Queries.Single(q => q.Expr.Contains(MetricsContract.Infrastructure.PostgresBackends, StringComparison.Ordinal));
        Assert.Equal($"sum by ({FreshFoodz.Monitoring.Plan.PostgresExporters.TierLabel}) (pg_stat_database_numbackends)", backends.Expr);
    }

    [Fact]
    public void ABrokenQueryIsCaughtByTheParseCheck()
    {
        var promtool = Tools.Promtool;
        var dir = Directory.CreateTempSubdirectory("freshfoodz-parse-").FullName;
        var rules = new RuleFile("q", [new RuleGroup("q", [new RecordingRule("dashboard:query_0:parse", "sum(rate(http_requests_total[5m])", LabelSet.Empty)])]);
        File.WriteAllText(Path.Combine(dir, "q.rules.yaml"), YamlText.Write(rules.ToNode()));
        Assert.NotEqual(0, Tools.Run(promtool, dir, "check", "rules", "q.rules.yaml").Exit);
    }

    [Theory]
    [MemberData(nameof(Renders))]
    public void EveryAlertHasAFiringAndASilentRenderedCase(string stack, string? season)
    {
        var inputs = Repo.Inputs(stack, season);
        var tests = RenderedTests.Build(inputs, TerritoryRules.Business(inputs), TerritoryRules.SloRules(inputs), TerritoryRules.Plan(inputs), CentralRules.Build(), DrillRules.Build(inputs));
        var checks = tests.SelectMany(t => t.Checks()).ToList();
        foreach (var alert in MetricsContract.Alerts.All)
        {
            Assert.Contains((alert, true), checks);
            Assert.Contains((alert, false), checks);
        }
    }

    [Theory]
    [MemberData(nameof(Renders))]
    public void FilesCarryTheGeneratedHeaderAndNoSecret(string stack, string? season)
    {
        var inputs = Repo.Inputs(stack, season);
        foreach (var file in MonitoringRender.Render(inputs))
        {
            if (file.Path.EndsWith(".yaml", StringComparison.Ordinal))
            {
                Assert.StartsWith("# generated by freshfoodz render monitoring — do not edit\n", file.Content, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("generated by freshfoodz render monitoring — do not edit", (string?)JsonNode.Parse(file.Content)!["description"]);
            }
            Assert.DoesNotContain("secure", file.Content, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("v1:", file.Content, StringComparison.Ordinal);
        }
        var am = MonitoringRender.Render(inputs).Single(f => f.Path == MonitoringRender.AlertmanagerFile).Content;
        // Keys, tokens and webhook URLs are read from the mounted Secret's files only.
        Assert.Equal(6, am.Split('\n').Count(l => l.Contains("_file: /etc/alertmanager/secrets/freshfoodz-alerting-receivers/", StringComparison.Ordinal)));
        Assert.DoesNotContain("routing_key:", am, StringComparison.Ordinal);
        Assert.DoesNotContain("api_url:", am, StringComparison.Ordinal);
        Assert.DoesNotContain("credentials:", am, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        var a = MonitoringRender.Render(Repo.Inputs("ch-prod"));
        var b = MonitoringRender.Render(Repo.Inputs("ch-prod"));
        Assert.Equal(a, b);
    }

    /// <summary>Dashboards draw limits from recorded plan values, so a season switch never changes them.</summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    public void DashboardsAreTheSameInEverySeason(string stack)
    {
        var settings = Repo.Settings(stack);
        var dashboards = Capacity.Seasons.SeasonNames.All.Select(s => WarRoomDashboard.Json(MonitoringInputs.For(settings.Monitored(), s))).Distinct().ToList();
        Assert.Single(dashboards);
        Assert.DoesNotContain("vector(320)", dashboards[0], StringComparison.Ordinal);
    }
}
