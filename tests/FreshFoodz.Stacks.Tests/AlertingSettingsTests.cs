using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests;

public class AlertingSettingsTests
{
    private static StackSettings Load(string stack) => StackSettingsReader.Read(StackFileLoader.Load(ProjectFiles.Root, stack));

    [Theory]
    [InlineData("de-prod", "#de-oncall")]
    [InlineData("ch-prod", "#ch-oncall")]
    [InlineData("peak-weihnachten", "#de-peak-rehearsal")]
    public void EachStackHasItsOwnReceiversWithSecretsByPath(string stack, string channel)
    {
        var a = Load(stack).Plan.Alerting;
        Assert.Equal(channel, a.OnCall.Channel);
        Assert.Equal(
            [
                "freshfoodz:alerting.pageRoutingKey", "freshfoodz:alerting.onCall.webhookUrl", "freshfoodz:alerting.tickets.token",
                "freshfoodz:alerting.teams.legal.token", "freshfoodz:alerting.teams.compliance.token", "freshfoodz:alerting.teams.security.token",
            ],
            a.Secrets().Select(s => s.Path));
        Assert.StartsWith("https://", a.Teams.Security.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void APlainTextTokenIsRefusedWithoutRepeatingIt()
    {
        const string Token = "xoxb-plain-text-token";
        var yaml = File.ReadAllText(Path.Combine(ProjectFiles.Root, "Pulumi.ch-prod.yaml"))
            .Replace("      url: https://tickets.freshfoodz.example/api/alerts/ch-prod\n", $"      url: https://tickets.freshfoodz.example/api/alerts/ch-prod\n      token: {Token}\n", StringComparison.Ordinal);
        Assert.Contains(Token, yaml, StringComparison.Ordinal);
        var e = Assert.Throws<StackSettingsException>(() => StackSettingsReader.Read(StackFileLoader.Parse("ch-prod", "Pulumi.ch-prod.yaml", yaml, ProjectFiles.Root)));
        var error = Assert.Single(e.Errors);
        Assert.Equal("freshfoodz:alerting.tickets.token", error.KeyPath);
        Assert.DoesNotContain(Token, e.Message, StringComparison.Ordinal);
    }
}
