using System.Diagnostics;
using System.Text.Json;
using FreshFoodz.Monitoring;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Pipeline.Tests;

/// <summary>
/// notify.sh (failures to the on-call, drift to tickets, through the receivers the routing renders) and drift.sh
/// (a refreshed preview that expects no changes, telling drift from a check that could not run).
/// </summary>
public class NotifyTests
{
    private const string Webhook = "https://hooks.slack.example/services/T0/B0/secret-webhook";
    private const string Token = "tickets-secret-token";

    [Fact]
    public void AFailureReachesTheOnCallWebhookWithTheSecretKeptOffTheCommandLine()
    {
        using var p = new Pipeline().With();
        var run = p.Run("notify.sh", "de-prod", "failure", "deploy of 0123456789ab failed").Succeeded();
        Assert.Contains("receiver: de-oncall", run.Out, StringComparison.Ordinal);
        var curl = Assert.Single(run.Of("curl"));
        Assert.Contains($"url = \"{Webhook}\"", curl.Stdin, StringComparison.Ordinal);
        Assert.DoesNotContain(curl.Args, a => a.Contains("secret", StringComparison.Ordinal));
        var payload = JsonDocument.Parse(Assert.Single(curl.Files).Value).RootElement;
        Assert.Equal("#de-oncall", payload.GetProperty("channel").GetString());
        var text = payload.GetProperty("text").GetString()!;
        Assert.StartsWith("[sev2] PipelineRunFailed: de-prod (territory de): deploy of 0123456789ab failed", text, StringComparison.Ordinal);
        Assert.Contains("https://github.example/freshfoodz/infra/actions/runs/4242", text, StringComparison.Ordinal);
        Assert.Contains(run.Of("pulumi"), c => c.Line.StartsWith("pulumi config get --path freshfoodz:alerting.onCall.webhookUrl --stack acme/freshfoodz-infra/de-prod", StringComparison.Ordinal));
    }

    [Fact]
    public void DriftOpensATicketInAlertmanagersWebhookFormatWithTheBearerToken()
    {
        using var p = new Pipeline().With();
        File.WriteAllText(Path.Combine(p.Dir, "report.txt"), "Drift on de-prod: 1 update\n  update urn:pulumi:de-prod::freshfoodz-infra::azure-native:network:NatGateway::nat\n");
        var run = p.Run("notify.sh", "de-prod", "drift", "Drift on de-prod: 1 update", Path.Combine(p.Dir, "report.txt")).Succeeded();
        Assert.Contains("receiver: de-tickets", run.Out, StringComparison.Ordinal);
        var curl = Assert.Single(run.Of("curl"));
        Assert.Contains("url = \"https://tickets.freshfoodz.example/api/alerts/de-prod\"", curl.Stdin, StringComparison.Ordinal);
        Assert.Contains($"header = \"Authorization: Bearer {Token}\"", curl.Stdin, StringComparison.Ordinal);
        Assert.DoesNotContain(curl.Args, a => a.Contains(Token, StringComparison.Ordinal));
        var payload = JsonDocument.Parse(Assert.Single(curl.Files).Value).RootElement;
        Assert.Equal("4", payload.GetProperty("version").GetString());
        Assert.Equal("de-tickets", payload.GetProperty("receiver").GetString());
        var alert = Assert.Single(payload.GetProperty("alerts").EnumerateArray());
        Assert.Equal("sev3", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("StackDrift", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Contains("NatGateway", alert.GetProperty("annotations").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The labels notify.sh sends are routed by the stack's rendered Alertmanager config to the receiver it posts to.</summary>
    [Theory]
    [InlineData("de-prod", "failure")]
    [InlineData("de-prod", "drift")]
    [InlineData("ch-prod", "failure")]
    [InlineData("ch-prod", "drift")]
    [InlineData("peak-weihnachten", "failure")]
    public void TheReceiverIsTheOneTheRenderedRoutingChooses(string stack, string kind)
    {
        using var p = new Pipeline().With();
        var run = p.Run("notify.sh", stack, kind, "s").Succeeded();
        var labels = run.Out.Split('\n').Single(l => l.StartsWith("labels: ", StringComparison.Ordinal))["labels: ".Length..].Split(' ');
        var receiver = run.Out.Split('\n').Single(l => l.StartsWith("receiver: ", StringComparison.Ordinal))["receiver: ".Length..];

        var settings = StackSettingsReader.Read(StackFileLoader.Load(Pipeline.Root, stack));
        var inputs = MonitoringInputs.For(settings.Monitored(), settings.EffectiveSeason(new DateOnly(2026, 12, 6)));
        var dir = Path.Combine(p.Dir, "monitoring");
        MonitoringRender.WriteTo(dir, MonitoringRender.Render(inputs));
        var (exit, output) = Amtool(dir, ["config", "routes", "test", $"--config.file={MonitoringRender.AlertmanagerFile}", $"--verify.receivers={receiver}", .. labels]);
        Assert.True(exit == 0, $"{string.Join(' ', labels)} should route to {receiver}: {output}");
    }

    [Fact]
    public void AReceiverThatCannotBeReadIsNamedAndNothingIsSent()
    {
        using var p = new Pipeline().With();
        p.Fixture("config.json", """{"onCall": {"channel": "#de-oncall"}}""");
        var run = p.Run("notify.sh", "de-prod", "failure", "s").Failed("cannot read freshfoodz:alerting.onCall.webhookUrl");
        Assert.Empty(run.Of("curl"));
    }

    [Fact]
    public void AnUndeliveredMessageFailsTheStep()
    {
        using var p = new Pipeline().With();
        p.Handle("curl", "echo 'curl: (22) The requested URL returned error: 404' >&2; exit 22");
        p.Run("notify.sh", "de-prod", "failure", "s").Failed("could not deliver PipelineRunFailed");
    }

    [Fact]
    public void InAWorkflowTheSecretsAreMasked()
    {
        using var p = new Pipeline().With();
        p.Env["GITHUB_ACTIONS"] = "true";
        var run = p.Run("notify.sh", "de-prod", "drift", "s").Succeeded();
        Assert.Contains($"::add-mask::{Token}", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("::add-mask::https://tickets", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void NoDriftTellsNobody()
    {
        using var p = new Pipeline().With();
        p.Fixture("preview.out", """{"changeSummary": {"same": 150}, "steps": []}""");
        var run = p.Run("drift.sh", "de-prod").Succeeded();
        var preview = Assert.Single(run.Of("pulumi"), c => c.Is("preview"));
        Assert.Equal(["preview", "--refresh", "--expect-no-changes", "--json"], preview.Args.Take(4));
        Assert.Empty(run.Of("curl"));
    }

    /// <summary>A drill's hold (freshfoodz:holdUntil) changes the stack on purpose: no drift preview, no ticket.</summary>
    [Fact]
    public void AHeldStackIsNotCheckedForDrift()
    {
        using var p = new Pipeline().With(tags: """{"freshfoodz:holdUntil": "2026-11-10T03:45Z"}""");
        p.Env["FRESHFOODZ_NOW"] = "2026-11-10T02:00Z";
        p.Fixture("preview.out", """{"changeSummary": {"update": 2}, "steps": []}""");
        p.Fixture("preview.exit", "7");
        var run = p.Run("drift.sh", "de-prod").Succeeded();
        Assert.DoesNotContain(run.Calls, c => c.Is("preview"));
        Assert.Empty(run.Of("curl"));
        Assert.Contains("held until 2026-11-10T03:45Z", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void APreviewWithDriftGoesToTheTicketsRoute()
    {
        using var p = new Pipeline().With();
        p.Fixture("preview.out", """
            {"steps": [{"op": "same", "urn": "urn:pulumi:de-prod::freshfoodz-infra::pulumi:pulumi:Stack::x"},
                       {"op": "update", "urn": "urn:pulumi:de-prod::freshfoodz-infra::azure-native:network:NatGateway::nat"},
                       {"op": "refresh", "urn": "urn:pulumi:de-prod::freshfoodz-infra::azure-native:resources:ResourceGroup::rg"}],
             "changeSummary": {"same": 148, "refresh": 1, "update": 1}}
            """);
        // pulumi >= 3.227.0: --expect-no-changes exits 7 when changes are proposed (ExitNoChanges).
        p.Fixture("preview.exit", "7");
        var run = p.Run("drift.sh", "de-prod").Succeeded();
        Assert.Contains("Drift on acme/freshfoodz-infra/de-prod: 1 update", run.Out, StringComparison.Ordinal);
        var curl = Assert.Single(run.Of("curl"));
        Assert.Contains("tickets.freshfoodz.example/api/alerts/de-prod", curl.Stdin, StringComparison.Ordinal);
        var description = JsonDocument.Parse(Assert.Single(curl.Files).Value).RootElement
            .GetProperty("commonAnnotations").GetProperty("description").GetString()!;
        Assert.Contains("update urn:pulumi:de-prod::freshfoodz-infra::azure-native:network:NatGateway::nat", description, StringComparison.Ordinal);
        Assert.DoesNotContain("ResourceGroup", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: [401] Unauthorized", "1")]
    [InlineData("""{"changeSummary": {"same": 10}, "diagnostics": [{"severity": "error", "message": "listManagedClusterUserCredentials: AuthorizationFailed"}]}""", "1")]
    [InlineData("error: [403] Forbidden: reading the stack", "3")]
    public void ADriftCheckThatCouldNotRunFailsAndOpensNoTicket(string output, string exit)
    {
        using var p = new Pipeline().With();
        p.Fixture("preview.out", output);
        p.Fixture("preview.exit", exit);
        var run = p.Run("drift.sh", "de-prod").Failed($"the drift preview of acme/freshfoodz-infra/de-prod failed (exit {exit})");
        Assert.Empty(run.Of("curl"));
    }

    [Fact]
    public void APreviewThatFailedAfterProposingChangesIsAFailureNotDrift()
    {
        // A failed preview (exit 1) still prints its digest, with the steps it planned before the error: only exit 7
        // means "changes proposed" (pulumi/pulumi pkg/cmd/pulumi/cmd/exit_codes.go, ExitNoChanges).
        using var p = new Pipeline().With();
        p.Fixture("preview.out", """
            {"steps": [{"op": "update", "urn": "urn:pulumi:de-prod::freshfoodz-infra::azure-native:network:NatGateway::nat"}],
             "changeSummary": {"same": 60, "update": 1},
             "diagnostics": [{"severity": "error", "message": "configmaps is forbidden"}]}
            """);
        p.Fixture("preview.exit", "1");
        var run = p.Run("drift.sh", "de-prod").Failed("failed (exit 1)");
        Assert.Empty(run.Of("curl"));
        Assert.DoesNotContain("Drift on", run.Out, StringComparison.Ordinal);
    }

    private static (int Exit, string Output) Amtool(string dir, string[] args)
    {
        var amtool = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "amtool")).FirstOrDefault(File.Exists);
        Assert.True(amtool is not null, "amtool not found: install the Debian package prometheus-alertmanager");
        var start = new ProcessStartInfo(amtool) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "amtool did not finish in a minute");
        return (process.ExitCode, output);
    }
}
