#!/usr/bin/env bash
# Tells the territory's people what the pipeline could not do, through the receivers its Alertmanager routing
# renders (docs/metrics-contract.md, "Routing"), posting to them directly so a message still arrives when the
# cluster, and with it Alertmanager, is what failed:
#   failure  alertname PipelineRunFailed, severity sev2 -> <t>-oncall: the on-call Slack webhook (onCall.webhookUrl)
#   drift    alertname StackDrift,       severity sev3 -> <t>-tickets: the ticket webhook (tickets.url, bearer token),
#            in Alertmanager's webhook format (version 4), as the ticket system receives every sev3
# The receivers are the stack's config as the program sees it (stack file and ESC environment merged, read with
# `pulumi config get`); secrets are masked in the log and reach curl on its standard input, never its arguments.
#   notify.sh <stack> failure|drift <summary> [details-file]    GITHUB_* name the run in the message
source "$(dirname "$0")/lib.sh"

[[ $# -ge 3 && $# -le 4 ]] || die "usage: notify.sh <stack> failure|drift <summary> [details-file]"
stack=$1 kind=$2 summary=$3 details_file=${4:-}
ref=$(stack_ref "$stack")
t=$(territory "$stack")
case "$kind" in
  failure) alertname=PipelineRunFailed severity=sev2 receiver="$t-oncall" ;;
  drift) alertname=StackDrift severity=sev3 receiver="$t-tickets" ;;
  *) die "notify.sh: the kind is failure or drift, got '$kind'" ;;
esac
details=""
[[ -z "$details_file" ]] || details=$(head -c 4000 "$details_file")
run_url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-unknown}/actions/runs/${GITHUB_RUN_ID:-0}"

# alerting <path> <variable> [secret]: a value of the stack's alerting config; a secret one is masked in the log.
alerting() {
  local value
  value=$(pulumi config get --path "freshfoodz:alerting.$1" --stack "$ref" --cwd "$PROJECT_DIR") ||
    die "cannot read freshfoodz:alerting.$1 of $ref: no $receiver to tell"
  [[ -n "$value" && "$value" != *[$'"\\\n\r']* ]] || die "freshfoodz:alerting.$1 of $ref is empty or holds a quote, backslash or line break"
  [[ "${3:-}" != secret || "${GITHUB_ACTIONS:-}" != true ]] || echo "::add-mask::$value"
  printf -v "$2" '%s' "$value"
}

payload=$(mktemp)
trap 'rm -f "$payload"' EXIT
labels=$(jq -cn --arg a "$alertname" --arg s "$severity" --arg t "$t" --arg k "$stack" \
  '{alertname: $a, severity: $s, territory: $t, stack: $k}')
annotations=$(jq -cn --arg s "$summary" --arg d "$details" --arg u "$run_url" '{summary: $s, description: $d, runUrl: $u}')
config=(--header "Content-Type: application/json")
url="" channel="" token=""
if [[ "$kind" == failure ]]; then
  alerting onCall.webhookUrl url secret
  alerting onCall.channel channel
  jq -n --arg c "$channel" --arg text "[$severity] $alertname: $stack (territory $t): $summary
$run_url${details:+

$details}" '{channel: $c, text: $text}' >"$payload"
  auth=""
else
  alerting tickets.url url
  alerting tickets.token token secret
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  jq -n --arg r "$receiver" --argjson l "$labels" --argjson a "$annotations" --arg now "$now" --arg u "$run_url" '{
    version: "4", status: "firing", receiver: $r, groupKey: "{}:{stack=\"\($l.stack)\"}", truncatedAlerts: 0,
    groupLabels: {alertname: $l.alertname, stack: $l.stack}, commonLabels: $l, commonAnnotations: $a, externalURL: $u,
    alerts: [{status: "firing", labels: $l, annotations: $a, startsAt: $now, endsAt: "0001-01-01T00:00:00Z", generatorURL: $u}]
  }' >"$payload"
  auth="header = \"Authorization: Bearer $token\""
fi

echo "labels: alertname=$alertname severity=$severity territory=$t stack=$stack"
echo "receiver: $receiver"
printf 'url = "%s"\n%s\n' "$url" "$auth" |
  curl --silent --show-error --fail --max-time 20 --retry 3 --retry-all-errors \
    "${config[@]}" --data-binary "@$payload" --config - >/dev/null ||
  die "could not deliver $alertname for $ref to $receiver"
echo "$ref: $alertname sent to $receiver"
