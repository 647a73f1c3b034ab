using FreshFoodz.Monitoring.Routing;

namespace FreshFoodz.Monitoring.Tests;

/// <summary>
/// <c>amtool config routes test</c> on each stack's rendered configuration, for every severity × team × territory,
/// against the documented routing (<see cref="Documented.Receivers"/>).
/// </summary>
public class RoutingTests
{
    private static readonly string[] Severities = ["sev1", "sev2", "sev3", "sev4"];
    private static readonly string[] Teams = ["sales-ops", "legal", "compliance", "security", "platform", "help-team"];
    private static readonly string[] Territories = ["de", "ch"];

    public static TheoryData<string> Stacks() => ThresholdProofTests.Stacks();

    [Theory]
    [MemberData(nameof(Stacks))]
    public void EverySeverityTeamAndTerritoryReachesTheDocumentedReceivers(string stack)
    {
        var amtool = Tools.Amtool;
        var inputs = Repo.Inputs(stack);
        var dir = Repo.Render(inputs);
        var failures = new List<string>();
        foreach (var severity in Severities)
        {
            foreach (var team in Teams)
            {
                foreach (var territory in Territories)
                {
                    var expected = Documented.Receivers(inputs.TerritoryCode, territory, severity, team);
                    var (exit, output) = Tools.Run(amtool, dir, "config", "routes", "test", $"--config.file={MonitoringRender.AlertmanagerFile}",
                        $"--verify.receivers={string.Join(",", expected)}", "alertname=AnyAlert", $"severity={severity}", $"team={team}", $"territory={territory}");
                    if (exit != 0)
                    {
                        failures.Add($"{severity} {team} {territory}: expected {string.Join(",", expected)}, amtool: {output.Trim()}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("severity=critical", "de-oncall")]
    [InlineData("severity=warning", "de-tickets")]
    [InlineData("alertname=Watchdog severity=none", "discard")]
    [InlineData("severity=sev1", "de-page")]
    [InlineData("team=security", "de-security")]
    public void ChartAlertsAndAlertsWithoutAnOwnerStillReachSomeone(string labels, string receivers)
    {
        var amtool = Tools.Amtool;
        var dir = Repo.Render(Repo.Inputs("de-prod"));
        Tools.Succeed(amtool, dir, ["config", "routes", "test", $"--config.file={MonitoringRender.AlertmanagerFile}", $"--verify.receivers={receivers}", "territory=de", .. labels.Split(' ')]);
    }

    [Fact]
    public void AWrongExpectationFails()
    {
        var amtool = Tools.Amtool;
        var dir = Repo.Render(Repo.Inputs("de-prod"));
        var (exit, _) = Tools.Run(amtool, dir, "config", "routes", "test", $"--config.file={MonitoringRender.AlertmanagerFile}",
            "--verify.receivers=de-page", "severity=sev3", "team=platform", "territory=de");
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void ASev1InhibitsLowerSeveritiesOfTheSameAlertTerritoryAndSlo()
    {
        var config = Documents.YamlText.Write(AlertmanagerConfig.Build("de", Repo.Settings("de-prod").Plan.Alerting));
        Assert.Contains("inhibit_rules:\n  - source_matchers:\n      - severity=\"sev1\"\n    target_matchers:\n      - severity=~\"sev2|sev3|sev4\"\n    equal:\n      - alertname\n      - territory\n      - slo\n", config, StringComparison.Ordinal);
        // The chart's four rules follow ours (InhibitionTests runs them in Alertmanager).
        Assert.Contains("  - source_matchers:\n      - severity=\"critical\"\n    target_matchers:\n      - severity=~\"warning|info\"\n    equal:\n      - namespace\n      - alertname\n", config, StringComparison.Ordinal);
    }
}

/// <summary>Each receiver sends to its own destination from freshfoodz:alerting, with its own secret file.</summary>
public class ReceiverTests
{
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    public void EachReceiverUsesItsOwnDestinationAndSecretFile(string stack)
    {
        var inputs = Repo.Inputs(stack);
        var a = inputs.Alerting;
        var t = inputs.TerritoryCode;
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(MonitoringRender.Render(inputs).Single(f => f.Path == MonitoringRender.AlertmanagerFile).Content));
        var receivers = ((YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode)["receivers"])
            .Cast<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .ToDictionary(r => r["name"].ToString());
        const string Dir = "/etc/alertmanager/secrets/freshfoodz-alerting-receivers/";
        string Field(string receiver, string integration, params string[] path) =>
            path.Aggregate((YamlDotNet.RepresentationModel.YamlNode)((YamlDotNet.RepresentationModel.YamlSequenceNode)receivers[receiver][integration])[0],
                (n, key) => ((YamlDotNet.RepresentationModel.YamlMappingNode)n)[key]).ToString();

        Assert.Equal(Dir + "page-routing-key", Field($"{t}-page", "pagerduty_configs", "routing_key_file"));
        Assert.Equal(Dir + "oncall-webhook-url", Field($"{t}-oncall", "slack_configs", "api_url_file"));
        Assert.Equal(a.OnCall.Channel, Field($"{t}-oncall", "slack_configs", "channel"));
        foreach (var (name, receiver, key) in new[]
        {
            ("tickets", a.Tickets, "tickets-token"), ("legal", a.Teams.Legal, "legal-token"),
            ("compliance", a.Teams.Compliance, "compliance-token"), ("security", a.Teams.Security, "security-token"),
        })
        {
            Assert.Equal(receiver.Url, Field($"{t}-{name}", "webhook_configs", "url"));
            Assert.Equal(Dir + key, Field($"{t}-{name}", "webhook_configs", "http_config", "authorization", "credentials_file"));
        }
    }
}
