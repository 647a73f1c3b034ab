using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace FreshFoodz.Monitoring.Tests;

/// <summary>
/// Inhibition as Alertmanager itself computes it: the rendered configuration runs in Debian's Alertmanager on
/// loopback, alerts are posted with <c>amtool alert add</c>, and <c>amtool alert query --inhibited</c> says which are
/// suppressed. Our release's <c>inhibit_rules</c> replace kube-prometheus-stack's list (Helm replaces lists), so they
/// restate the chart's rules beside ours (docs/metrics-contract.md, "Inhibition").
/// </summary>
public class InhibitionTests
{
    [Fact]
    public void OurRuleAndTheChartsRulesAllInhibit()
    {
        var suppressed = Suppressed("de-prod",
        [
            // Ours: a sev1 mutes lower severities of the same alert, territory and SLO, and nothing else.
            "alertname=ErrorBudgetBurn severity=sev1 territory=de slo=api-availability",
            "alertname=ErrorBudgetBurn severity=sev3 territory=de slo=api-availability",
            "alertname=ErrorBudgetBurn severity=sev3 territory=de slo=checkout-latency",
            "alertname=OrderDelayHigh severity=sev2 territory=de",
            // The chart's: a critical mutes its warning sibling (same alertname and namespace) ...
            "alertname=KubePodCrashLooping severity=critical namespace=sales territory=de",
            "alertname=KubePodCrashLooping severity=warning namespace=sales territory=de",
            "alertname=KubePodCrashLooping severity=warning namespace=crm territory=de",
            // ... a warning its info sibling, InfoInhibitor the info alerts of its namespace, and InfoInhibitor is muted.
            "alertname=KubeQuotaAlmostFull severity=warning namespace=help territory=de",
            "alertname=KubeQuotaAlmostFull severity=info namespace=help territory=de",
            "alertname=CPUThrottlingHigh severity=info namespace=crm territory=de",
            "alertname=InfoInhibitor severity=none namespace=crm territory=de",
            "alertname=CPUThrottlingHigh severity=info namespace=monitoring territory=de",
        ]);
        Assert.Equal(
            [
                "CPUThrottlingHigh info crm", "ErrorBudgetBurn sev3 api-availability", "InfoInhibitor none crm",
                "KubePodCrashLooping warning sales", "KubeQuotaAlmostFull info help",
            ],
            suppressed);
    }

    /// <summary>Posts the alerts to a fresh Alertmanager running the stack's rendered configuration; the suppressed ones,
    /// as "alertname severity namespace-or-slo", sorted.</summary>
    private static List<string> Suppressed(string stack, string[] alerts)
    {
        var amtool = Tools.Amtool;
        var alertmanager = Tools.Require("prometheus-alertmanager", "prometheus-alertmanager");
        var dir = Repo.Render(Repo.Inputs(stack));
        var port = FreePort();
        var start = new ProcessStartInfo(alertmanager)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            $"--config.file={MonitoringRender.AlertmanagerFile}", $"--storage.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
        })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var log = process.StandardError.ReadToEndAsync();
        try
        {
            var url = $"--alertmanager.url=http://127.0.0.1:{port}";
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Tools.Run(amtool, dir, "check-config", MonitoringRender.AlertmanagerFile).Exit == 0 && Tools.Run(amtool, dir, "alert", "query", url).Exit != 0)
            {
                Assert.False(process.HasExited || DateTime.UtcNow > deadline, $"Alertmanager did not start on port {port}");
                Thread.Sleep(200);
            }
            foreach (var alert in alerts)
            {
                Tools.Succeed(amtool, dir, ["alert", "add", url, .. alert.Split(' ')]);
            }
            var json = JsonNode.Parse(Tools.Succeed(amtool, dir, "alert", "query", url, "--inhibited", "--active", "-o", "json"))!.AsArray();
            Assert.Equal(alerts.Length, json.Count);
            return [.. json.Where(a => (string?)a!["status"]!["state"] == "suppressed" && a!["status"]!["inhibitedBy"]!.AsArray().Count > 0)
                .Select(a => a!["labels"]!)
                .Select(l => $"{l["alertname"]} {l["severity"]} {(string?)l["namespace"] ?? (string?)l["slo"]}")
                .Order(StringComparer.Ordinal)];
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
