using System.Text.RegularExpressions;

using FreshFoodz.Monitoring;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads <c>freshfoodz:alerting</c> (see <see cref="AlertingSettings"/>), reporting every problem with its key path.
/// Keys, tokens and webhook URLs must be secrets: a plain value would sit in a committed stack file, so it is refused
/// (and never repeated in the message).
/// </summary>
internal static partial class AlertingSettingsReader
{
    private static readonly string[] RootKeys = ["pageRoutingKey", "onCall", "tickets", "teams"];
    private static readonly string[] TeamKeys = ["legal", "compliance", "security"];

    public static AlertingSettings? Read(ConfigCursor c)
    {
        var root = ConfigKeys.Alerting.Key;
        var m = c.Map(c.Key(ConfigKeys.Alerting), root, RootKeys);
        var page = Secret(c, m, root, "pageRoutingKey");
        var onCall = ReadSlack(c, m, root, "onCall");
        var tickets = ReadWebhook(c, m, root, "tickets");
        var teamsPath = $"{root}.teams";
        var teams = c.Map(c.Child(m, root, "teams", $"a mapping of {string.Join(", ", TeamKeys)}"), teamsPath, TeamKeys);
        var legal = ReadWebhook(c, teams, teamsPath, "legal");
        var compliance = ReadWebhook(c, teams, teamsPath, "compliance");
        var security = ReadWebhook(c, teams, teamsPath, "security");
        return page is null || onCall is null || tickets is null || legal is null || compliance is null || security is null
            ? null
            : new AlertingSettings(page, onCall, tickets, new TeamReceivers(legal, compliance, security));
    }

    private static SlackReceiver? ReadSlack(ConfigCursor c, ConfigMap? parent, string root, string key)
    {
        var path = $"{root}.{key}";
        var m = c.Map(c.Child(parent, root, key, "a mapping of channel, webhookUrl"), path, ["channel", "webhookUrl"]);
        var channel = c.Word(m, path, "channel", "a Slack channel like #de-oncall");
        if (channel is not null && !SlackChannelPattern().IsMatch(channel))
        {
            // Slack channel names: lowercase letters, digits, hyphens, underscores and periods, at most 80 characters.
            c.Error(m?["channel"], $"{path}.channel",
                $"must be a Slack channel like #de-oncall ('#' and up to 80 lowercase letters, digits, '-', '_' or '.'), got {ValueText.Quote(channel)}");
            channel = null;
        }
        var url = Secret(c, m, path, "webhookUrl");
        return channel is null || url is null ? null : new SlackReceiver(channel, url);
    }

    private static WebhookReceiver? ReadWebhook(ConfigCursor c, ConfigMap? parent, string root, string key)
    {
        var path = $"{root}.{key}";
        var m = c.Map(c.Child(parent, root, key, "a mapping of url, token"), path, ["url", "token"]);
        var url = c.Word(m, path, "url", "an https URL");
        if (url is not null && UrlProblem(url) is { } problem)
        {
            c.Error(m?["url"], $"{path}.url", problem);
            url = null;
        }
        var token = Secret(c, m, path, "token");
        return url is null || token is null ? null : new WebhookReceiver(url, token);
    }

    /// <summary>
    /// Why a receiver URL is refused, or null. No credentials in it: the token is the secret, the URL is committed
    /// and rendered into alertmanager.yaml. A URL that may hold a password is never repeated.
    /// </summary>
    private static string? UrlProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return url.Contains('@', StringComparison.Ordinal)
                ? "must be an https URL without credentials (the value is not repeated: it may hold a password)"
                : $"must be an https URL without credentials, got {ValueText.Quote(url)}";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "must be an https URL without credentials: 'user:password@' is refused (the value is not repeated); put the secret in token";
        }
        return UrlCredentials.QueryParameter(uri) is { } name
            ? $"must be an https URL without credentials: the query parameter '{name}' looks like one (the value is not repeated); put the secret in token"
            : null;
    }

    private static SecretConfigPath? Secret(ConfigCursor c, ConfigMap? parent, string path, string key)
    {
        var full = $"{path}.{key}";
        var node = c.Child(parent, path, key, $"a secret (pulumi config set --secret --path '{full}' <value>)");
        switch (node)
        {
            case null:
                return null;
            case ConfigSecret:
                return new SecretConfigPath(full);
            case ConfigScalar:
                c.Error(node, full, $"must be a secret, not plain text: pulumi config set --secret --path '{full}' <value>");
                return null;
            default:
                c.Error(node, full, "must be a secret (secure: …), not a mapping or list");
                return null;
        }
    }

    [GeneratedRegex(@"\A#[a-z0-9][a-z0-9._-]{0,79}\z")]
    private static partial Regex SlackChannelPattern();
}
