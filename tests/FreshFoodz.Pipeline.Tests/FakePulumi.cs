namespace FreshFoodz.Pipeline.Tests;

/// <summary>
/// A Pulumi CLI for the scripts' tests, driven by files in the fakes' folder: <c>tags.json</c> (stack tags; absent:
/// the read fails), <c>outputs.json</c> (stack outputs; absent: the read fails), <c>config.json</c> (the stack's config
/// as <c>pulumi config get --path</c> reads it, ESC merged), <c>up.exit</c>, <c>preview.out</c> and <c>preview.exit</c>.
/// <c>tags.readonly</c> makes <c>stack tag set</c> a no-op (a write that does not stick).
/// </summary>
internal static class FakePulumi
{
    public const string Handler = """
        cd "$FAKE_DIR"
        case "$1 $2 $3" in
          "stack tag ls")
            [[ -f tags.json ]] || { echo "error: [403] Forbidden: reading stack tags" >&2; exit 255; }
            cat tags.json ;;
          "stack tag set")
            if [[ ! -f tags.readonly ]]; then jq --arg n "$4" --arg v "$5" '. + {($n): $v}' tags.json > tags.tmp; mv tags.tmp tags.json; fi ;;
          "stack output --json")
            [[ -f outputs.json ]] || { echo "error: failed to get stack outputs" >&2; exit 255; }
            cat outputs.json ;;
          "config get --path")
            path=${4#freshfoodz:alerting.}
            value=$(jq -er --arg p "$path" 'getpath($p | split(".")) // empty' config.json) || { echo "error: configuration key '$4' not found" >&2; exit 255; }
            echo "$value" ;;
          *)
            case "$1" in
              up) echo "Updating ($*)"; exit "$(cat up.exit 2>/dev/null || echo 0)" ;;
              preview) cat preview.out 2>/dev/null || true; exit "$(cat preview.exit 2>/dev/null || echo 0)" ;;
            esac ;;
        esac
        """;

    /// <summary>The receivers of de-prod as the program sees them: the stack file's plain values, ESC's secrets.</summary>
    public const string DeProdAlerting = """
        {"pageRoutingKey": "pd-secret-key", "onCall": {"channel": "#de-oncall", "webhookUrl": "https://hooks.slack.example/services/T0/B0/secret-webhook"},
         "tickets": {"url": "https://tickets.freshfoodz.example/api/alerts/de-prod", "token": "tickets-secret-token"}}
        """;

    public static Pipeline With(this Pipeline p, string tags = "{}", string? outputs = null)
    {
        p.Handle("pulumi", Handler);
        p.Fixture("tags.json", tags);
        if (outputs is not null)
        {
            p.Fixture("outputs.json", outputs);
        }
        p.Fixture("config.json", DeProdAlerting);
        return p;
    }
}
