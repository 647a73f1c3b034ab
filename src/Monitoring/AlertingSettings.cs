namespace FreshFoodz.Monitoring;

/// <summary>
/// A secret stack-config value by its Pulumi <c>--path</c> (<c>freshfoodz:alerting.tickets.token</c>). Offline only the
/// path is known; the Pulumi program resolves it as a secret, so the value never reaches the plan or a file.
/// </summary>
public sealed record SecretConfigPath(string Path)
{
    public override string ToString() => Path;
}

/// <summary>A Slack channel reached through an incoming webhook, whose URL is the secret.</summary>
public sealed record SlackReceiver(string Channel, SecretConfigPath WebhookUrl);

/// <summary>An HTTPS webhook (ticket system, a team's queue) that takes a bearer token.</summary>
public sealed record WebhookReceiver(string Url, SecretConfigPath Token);

/// <summary>The teams that get their alerts whatever the severity.</summary>
public sealed record TeamReceivers(WebhookReceiver Legal, WebhookReceiver Compliance, WebhookReceiver Security);

/// <summary>
/// Where a territory's alerts go (<c>freshfoodz:alerting</c>): sev1 pages through PagerDuty, sev2 posts to the on-call
/// channel, sev3/sev4 open tickets; legal, compliance and security alerts also reach their teams.
/// </summary>
public sealed record AlertingSettings(SecretConfigPath PageRoutingKey, SlackReceiver OnCall, WebhookReceiver Tickets, TeamReceivers Teams)
{
    /// <summary>Every secret the receivers need, in a fixed order.</summary>
    public IEnumerable<SecretConfigPath> Secrets()
    {
        yield return PageRoutingKey;
        yield return OnCall.WebhookUrl;
        yield return Tickets.Token;
        yield return Teams.Legal.Token;
        yield return Teams.Compliance.Token;
        yield return Teams.Security.Token;
    }
}
