using FreshFoodz.Components.Residency;
using FreshFoodz.Monitoring.Documents;
using static FreshFoodz.Monitoring.MetricsContract;

namespace FreshFoodz.Monitoring.Routing;

/// <summary>
/// The Alertmanager configuration of one territory. sev1 pages, sev2 goes to the on-call channel, sev3 and sev4
/// become tickets; legal, compliance and security alerts also reach their team whatever the severity; a sev1 inhibits
/// the lower severities of the same alert, territory (and SLO). Secrets are read from files of a Kubernetes Secret the
/// Prometheus Operator mounts (<c>alertmanagerSpec.secrets</c>), so the configuration itself holds none and runs on
/// Alertmanager 0.25 (Debian's amtool) as on the chart's 0.34.
/// </summary>
public static class AlertmanagerConfig
{
    /// <summary>The Kubernetes Secret with the receivers' keys, tokens and webhook URLs.</summary>
    public const string SecretName = "freshfoodz-alerting-receivers";

    /// <summary>Where the Prometheus Operator mounts <c>alertmanagerSpec.secrets</c> (its API reference).</summary>
    public const string SecretDirectory = "/etc/alertmanager/secrets/" + SecretName;

    /// <summary>Alerts of another territory (a central Prometheus sends to both) and the chart's heartbeat go nowhere.</summary>
    public const string Discard = "discard";

    /// <summary>kube-prometheus-stack's always-firing heartbeat and its inhibitor helper: no one is to be told.</summary>
    /// <summary>PagerDuty Events API v2 endpoint of the EU service region.</summary>
    public const string PagerDutyEuEventsUrl = "https://events.eu.pagerduty.com/v2/enqueue";

    public static readonly IReadOnlyList<string> SilentAlerts = ["Watchdog", "InfoInhibitor"];

    public static string Receiver(string territory, string kind) => $"{territory}-{kind}";

    public static string PageReceiver(string territory) => Receiver(territory, "page");

    public static string OnCallReceiver(string territory) => Receiver(territory, "oncall");

    public static string TicketReceiver(string territory) => Receiver(territory, "tickets");

    /// <summary>The Secret's keys and the config paths of the secrets they hold.</summary>
    public static IReadOnlyList<(string Key, SecretConfigPath Path)> SecretFiles(AlertingSettings a) =>
    [
        ("page-routing-key", a.PageRoutingKey),
        ("oncall-webhook-url", a.OnCall.WebhookUrl),
        ("tickets-token", a.Tickets.Token),
        ($"{Teams.Legal}-token", a.Teams.Legal.Token),
        ($"{Teams.Compliance}-token", a.Teams.Compliance.Token),
        ($"{Teams.Security}-token", a.Teams.Security.Token),
    ];

    public static MapNode Build(string territory, AlertingSettings alerting)
    {
        var files = SecretFiles(alerting).ToDictionary(f => f.Path, f => $"{SecretDirectory}/{f.Key}");
        var teams = new (string Team, WebhookReceiver Receiver)[]
        {
            (Teams.Legal, alerting.Teams.Legal), (Teams.Compliance, alerting.Teams.Compliance), (Teams.Security, alerting.Teams.Security),
        };
        var foreign = Territory.All.Where(t => t.Code != territory).Select(t => t.Code).ToList();

        var territoryRoutes = new List<Node>
        {
            Route(Discard, Match("alertname", "=~", string.Join("|", SilentAlerts))),
        };
        territoryRoutes.AddRange(teams.Select(t => (Node)Route(Receiver(territory, t.Team), Match(Labels.Team, "=", t.Team), @continue: true)));
        territoryRoutes.Add(Route(PageReceiver(territory), Match(Labels.Severity, "=", Severities.Sev1), groupWait: "10s", repeat: "1h"));
        territoryRoutes.Add(Route(OnCallReceiver(territory), Match(Labels.Severity, "=", Severities.Sev2)));
        territoryRoutes.Add(Route(TicketReceiver(territory), Match(Labels.Severity, "=~", $"{Severities.Sev3}|{Severities.Sev4}"), repeat: "24h"));
        // The chart's own rules use critical/warning/info: the same channels as sev2 and tickets.
        territoryRoutes.Add(Route(OnCallReceiver(territory), Match(Labels.Severity, "=", "critical")));
        territoryRoutes.Add(Route(TicketReceiver(territory), Match(Labels.Severity, "=~", "warning|info"), repeat: "24h"));

        var territoryRoute = Route(OnCallReceiver(territory), Match(Labels.Territory, "=", territory));
        territoryRoute["routes"] = Node.List(territoryRoutes);

        var routes = new List<Node>();
        if (foreign.Count > 0)
        {
            routes.Add(Route(Discard, Match(Labels.Territory, "=~", string.Join("|", foreign))));
        }
        routes.Add(territoryRoute);

        var receivers = new List<Node>
        {
            new MapNode
            {
                ["name"] = PageReceiver(territory),
                ["pagerduty_configs"] = Node.List(new MapNode
                {
                    ["routing_key_file"] = files[alerting.PageRoutingKey],
                    // The account is in PagerDuty's EU service region (DE and CH data): its Events API v2 endpoint, not
                    // Alertmanager's default events.pagerduty.com (PagerDuty docs, "Events API v2", service regions).
                    ["url"] = PagerDutyEuEventsUrl,
                    ["send_resolved"] = true,
                }),
            },
            new MapNode
            {
                ["name"] = OnCallReceiver(territory),
                ["slack_configs"] = Node.List(new MapNode
                {
                    ["api_url_file"] = files[alerting.OnCall.WebhookUrl],
                    ["channel"] = alerting.OnCall.Channel,
                    ["send_resolved"] = true,
                    ["title"] = "{{ .CommonLabels.severity }} {{ .CommonLabels.alertname }} ({{ .CommonLabels.territory }})",
                    ["text"] = "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}",
                }),
            },
            Webhook(TicketReceiver(territory), alerting.Tickets, files),
        };
        receivers.AddRange(teams.Select(t => (Node)Webhook(Receiver(territory, t.Team), t.Receiver, files)));
        receivers.Add(new MapNode { ["name"] = Discard });

        return new MapNode
        {
            ["global"] = new MapNode { ["resolve_timeout"] = "5m" },
            ["route"] = new MapNode
            {
                // Anything that matches no route (no territory label) still reaches a human.
                ["receiver"] = OnCallReceiver(territory),
                ["group_by"] = Node.List("alertname", Labels.Territory, Labels.Severity, Labels.Slo),
                ["group_wait"] = "30s",
                ["group_interval"] = "5m",
                ["repeat_interval"] = "4h",
                ["routes"] = Node.List(routes),
            },
            ["inhibit_rules"] = Node.List([
                new MapNode
                {
                    ["source_matchers"] = Node.List(Match(Labels.Severity, "=", Severities.Sev1)),
                    ["target_matchers"] = Node.List(Match(Labels.Severity, "=~", string.Join("|", Severities.All.Skip(1)))),
                    // slo: a burning SLO inhibits only its own ticket; both sides lack it for the business alerts.
                    ["equal"] = Node.List("alertname", Labels.Territory, Labels.Slo),
                },
                .. ChartInhibitRules(),
            ]),
            ["receivers"] = Node.List(receivers),
        };
    }

    /// <summary>
    /// kube-prometheus-stack's own inhibit rules (values.yaml, <c>alertmanager.config.inhibit_rules</c>, unchanged
    /// since the InfoInhibitor was added): a critical mutes its warning and info siblings, a warning its info sibling
    /// (same alertname and namespace), InfoInhibitor mutes info alerts of its namespace, and nothing lets InfoInhibitor
    /// through. Our values replace the chart's list (Helm merges maps but replaces lists), so they are restated here:
    /// the chart's alerts (critical, warning, info) reach on-call and tickets, and without these every info alert and
    /// every sibling of a critical one would notify too (docs/metrics-contract.md, "Inhibition").
    /// </summary>
    public static IEnumerable<Node> ChartInhibitRules() =>
    [
        new MapNode
        {
            ["source_matchers"] = Node.List(Match(Labels.Severity, "=", "critical")),
            ["target_matchers"] = Node.List(Match(Labels.Severity, "=~", "warning|info")),
            ["equal"] = Node.List("namespace", "alertname"),
        },
        new MapNode
        {
            ["source_matchers"] = Node.List(Match(Labels.Severity, "=", "warning")),
            ["target_matchers"] = Node.List(Match(Labels.Severity, "=", "info")),
            ["equal"] = Node.List("namespace", "alertname"),
        },
        new MapNode
        {
            ["source_matchers"] = Node.List(Match("alertname", "=", "InfoInhibitor")),
            ["target_matchers"] = Node.List(Match(Labels.Severity, "=", "info")),
            ["equal"] = Node.List("namespace"),
        },
        new MapNode { ["target_matchers"] = Node.List(Match("alertname", "=", "InfoInhibitor")) },
    ];

    private static MapNode Route(string receiver, string matcher, bool @continue = false, string? groupWait = null, string? repeat = null)
    {
        var route = new MapNode { ["receiver"] = receiver, ["matchers"] = Node.List(matcher) };
        if (@continue)
        {
            route["continue"] = true;
        }
        if (groupWait is not null)
        {
            route["group_wait"] = groupWait;
        }
        if (repeat is not null)
        {
            route["repeat_interval"] = repeat;
        }
        return route;
    }

    private static MapNode Webhook(string name, WebhookReceiver receiver, Dictionary<SecretConfigPath, string> files) => new()
    {
        ["name"] = name,
        ["webhook_configs"] = Node.List(new MapNode
        {
            ["url"] = receiver.Url,
            ["send_resolved"] = true,
            ["http_config"] = new MapNode
            {
                ["authorization"] = new MapNode { ["type"] = "Bearer", ["credentials_file"] = files[receiver.Token] },
            },
        }),
    };

    private static string Match(string label, string op, string value) => $"{label}{op}{Rules.PromQl.Quote(value)}";
}
