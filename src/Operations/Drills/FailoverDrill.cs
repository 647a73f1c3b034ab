using System.Globalization;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Naming;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Monitoring;
using FreshFoodz.Monitoring.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Operations.Drills;

/// <summary>
/// The failover drill of a replicated tier as a script: a planned switchover to the in-country replica through the
/// writer virtual endpoint (Microsoft's promote with switchover), measured by the canary (data lost, time until the
/// apps' path takes writes again) and the apps' 5xx share and reconnect time from Prometheus, then the switch back.
/// It refuses any day inside a peak's capacity window (and the day after, when the seasons workflow switches back),
/// and on a production stack any time outside its low-traffic window. docs/recovery-drills.md is its runbook.
/// </summary>
public static class FailoverDrill
{
    /// <summary>Days in a peak's window that are never a drill day: from its capacity's first day to the day after its last.</summary>
    public static IReadOnlyList<(MonthDay From, MonthDay To, Season Season)> RefusedWindows(StackSettings settings) =>
        [
            .. settings.Capacity.Seasons.WindowsAround(2001, settings.Capacity.LeadTimeDays) // any non-leap year
                .Where(w => w.FirstDay.Year == 2001)
                .Select(w => (new MonthDay(w.CapacityFrom.Month, w.CapacityFrom.Day), new MonthDay(w.LastDay.AddDays(1).Month, w.LastDay.AddDays(1).Day), w.Season)),
        ];

    /// <summary>The tiers that keep a replica in this stack: the only ones a switchover drill can run on.</summary>
    public static IReadOnlyList<DrTier> Tiers(StackSettings settings) =>
        settings.Plan.CrossRegionReplicas ? [DrTier.Critical, DrTier.High] : [];

    public static string FileName(string stack, DrTier tier) => $"{stack}-failover-{tier.Code()}.sh";

    public static IReadOnlyDictionary<string, string> RenderAll(StackSettings settings) =>
        new SortedDictionary<string, string>(Tiers(settings).ToDictionary(t => FileName(settings.StackName, t), t => Render(settings, t)), StringComparer.Ordinal);

    public static string Render(StackSettings settings, DrTier tier)
    {
        if (!Tiers(settings).Contains(tier))
        {
            throw new ArgumentException($"{settings.StackName} keeps no replica of the {tier.Code()} tier (freshfoodz:crossRegionReplicas), so there is nothing to switch over to", nameof(tier));
        }
        var s = settings.StackName;
        var t = tier.Code();
        var names = new AzureNames(s, settings.Plan.ShortName);
        var primary = names.PostgresServer(t, replica: false);
        var target = tier.Target();
        var modules = settings.Plan.Modules.Where(m => m.Tier == tier).Select(m => m.Name).ToList();
        var territory = settings.Territory.Code;
        var window = settings.Plan.Deployment.LowTrafficWindow;
        var production = settings.Plan.Environment == StackEnvironment.Production;
        var windows = string.Join(" ", RefusedWindows(settings).Select(w => $"\"{Md(w.From)} {Md(w.To)} {w.Season.ConfigName()}\""));
        var canary = $"{DrillMetrics.CanaryLastWrite}{{territory=\"{territory}\",tier=\"{t}\"}}";
        var newest = $"{DrillMetrics.CanaryNewestRow}{{territory=\"{territory}\",tier=\"{t}\"}}";
        var apps = $"territory=\"{territory}\",namespace=~\"{string.Join("|", modules)}\"";
        var ratio = $"sum(rate({MetricsContract.Metrics.HttpRequests}{{{apps},code=~\"5..\"}}[1m])) / sum(rate({MetricsContract.Metrics.HttpRequests}{{{apps}}}[1m]))";
        var ha = tier == DrTier.Critical;
        var script = $$"""
#!/usr/bin/env bash
# {{Generated.Notice($"render drills --stack {s}")}}
# Failover drill of the {{t}} tier of {{s}}: a planned switchover to its in-country replica through the writer virtual
# endpoint, measured by the canary and Prometheus, then the switch back (runbook: docs/recovery-drills.md).
# Needs az (signed in, Contributor on the subscription), kubectl (the cluster's credentials; kubelogin), curl and jq.
# Run: ./{{FileName(s, tier)}}             checks when and what, changes nothing
#      ./{{FileName(s, tier)}} --execute   switches over, measures, pushes the result, switches back
set -euo pipefail

STACK={{s}}
TIER={{t}}
TERRITORY={{territory}}
SUBSCRIPTION={{settings.Plan.SubscriptionId}}
PRIMARY_GROUP={{names.ResourceGroup(settings.Region)}}
DR_GROUP={{names.ResourceGroup(settings.Territory.DisasterRecovery)}}
PRIMARY={{primary}}
REPLICA={{names.PostgresServer(t, replica: true)}}
ENDPOINT={{primary}}-writer
RTO_TARGET={{N(target.Rto.TotalSeconds)}}
RPO_TARGET={{N(target.Rpo.TotalSeconds)}}
PRODUCTION={{(production ? "true" : "false")}}
LOW_TRAFFIC_FROM={{window.From.ToString("HH:mm", CultureInfo.InvariantCulture)}}
LOW_TRAFFIC_TO={{window.To.ToString("HH:mm", CultureInfo.InvariantCulture)}}
# Refused: every peak's capacity window and the day after it (MM-DD, UTC), from the season catalog and leadTimeDays.
REFUSED=({{windows}})
# The 5xx share of the tier's apps (their module namespaces).
ERRORS='{{ratio}}'

execute=false
if [[ "${1:-}" == "--execute" ]]; then execute=true; elif [[ $# -gt 0 ]]; then echo "usage: $0 [--execute]" >&2; exit 64; fi
refuse() { echo "failover drill of $STACK/$TIER refused: $*" >&2; exit 1; }

# 1. When: never inside a peak's capacity window; on production only inside the low-traffic window.
today=$(date -u +%m-%d)
now=$(date -u +%H:%M)
for w in "${REFUSED[@]}"; do
  read -r from to season <<<"$w"
  if { [[ "$from" < "$to" ]] && [[ ! "$today" < "$from" ]] && [[ ! "$to" < "$today" ]]; } ||
     { [[ "$to" < "$from" ]] && { [[ ! "$today" < "$from" ]] || [[ ! "$to" < "$today" ]]; }; }; then
    refuse "today ($today) is in the $season capacity window $from to $to"
  fi
done
if $PRODUCTION && { [[ "$now" < "$LOW_TRAFFIC_FROM" ]] || [[ ! "$now" < "$LOW_TRAFFIC_TO" ]]; }; then
  refuse "$STACK is production: run inside its low-traffic window $LOW_TRAFFIC_FROM-$LOW_TRAFFIC_TO UTC (now $now)"
fi

# 2. What: both servers Ready, and the replica the reader endpoint's target ({{DrillSources.Promote}}).
az account set --subscription "$SUBSCRIPTION"
state() { az postgres flexible-server show --resource-group "$1" --name "$2" --query state --output tsv; }
[[ "$(state "$PRIMARY_GROUP" "$PRIMARY")" == Ready ]] || refuse "$PRIMARY is not Ready"
[[ "$(state "$DR_GROUP" "$REPLICA")" == Ready ]] || refuse "$REPLICA is not Ready"
az postgres flexible-server virtual-endpoint show --resource-group "$PRIMARY_GROUP" --server-name "$PRIMARY" --name "$ENDPOINT" --query members --output tsv |
  grep -qw "$REPLICA" || refuse "$REPLICA is not a member of the virtual endpoint $ENDPOINT"
# Server symmetry: a switchover needs the same SKU, tier and storage size on both servers; autogrow or a season
# step may have left them apart ({{DrillSources.Promote}}, "Server Symmetry").
shape() { az postgres flexible-server show --resource-group "$1" --name "$2" --output json |
  jq -r '[.sku.name, .sku.tier, ([(.storage // {}) | to_entries[] | select(.key | ascii_downcase == "storagesizegb") | .value][0])] | map(tostring) | join(" ")'; }
primary_shape=$(shape "$PRIMARY_GROUP" "$PRIMARY")
replica_shape=$(shape "$DR_GROUP" "$REPLICA")
[[ "$primary_shape" == "$replica_shape" ]] ||
  refuse "$PRIMARY ($primary_shape) and $REPLICA ($replica_shape) differ in SKU, tier or storage GiB: a switchover needs them equal (raise the smaller by hand, the replica first: docs/deployment-rules.md, PostgresStorageIsAFloor)"

# 3. The cluster's Prometheus and Pushgateway, through port-forwards.
kubectl -n {{MonitoringComponent.Namespace}} port-forward svc/{{MonitoringComponent.ReleaseName}}-prometheus 19090:9090 >/dev/null 2>&1 &
forward_prometheus=$!
kubectl -n {{MonitoringComponent.Namespace}} port-forward svc/{{Pushgateway.ReleaseName}} 19091:9091 >/dev/null 2>&1 &
forward_pushgateway=$!
trap 'kill "$forward_prometheus" "$forward_pushgateway" 2>/dev/null || true' EXIT
sleep 5
query() { curl -fsS --get --data-urlencode "query=$1" ${2:+--data-urlencode "time=$2"} http://127.0.0.1:19090/api/v1/query | jq -r '.data.result[0].value[1] // "NaN"'; }
canary=$(query 'max({{canary}})')
[[ "$canary" != NaN ]] || refuse "the $TIER canary has never written: nothing would measure the drill"

if ! $execute; then
  echo "checks passed; --execute would run: az postgres flexible-server replica promote --resource-group $DR_GROUP --name $REPLICA --promote-mode switchover --promote-option planned --yes"
  exit 0
fi

# 4. Switch over (planned: the replica catches up first).
wait_for_write() { # the canary's first write after $1, or give up after the RTO target
  local since=$1 deadline=$(( $1 + RTO_TARGET )) written
  while :; do
    written=$(query 'max({{canary}})')
    if [[ "$written" != NaN ]] && awk -v w="$written" -v s="$since" 'BEGIN { exit !(w > s) }'; then echo "$written"; return 0; fi
    (( $(date -u +%s) < deadline )) || return 1
    sleep 15
  done
}
started=$(date -u +%s)
az postgres flexible-server replica promote --resource-group "$DR_GROUP" --name "$REPLICA" --promote-mode switchover --promote-option planned --yes
promoted=$(date -u +%s)
acknowledged=$(query 'max(max_over_time({{canary}}[5m]))' "$promoted")
success=1
back=$(wait_for_write "$promoted") || { success=0; back=$(date -u +%s); }

# 5. Measure: RTO until the apps' path took a write again; RPO = acknowledged writes the promoted server lacks.
# The same push as that write: the newest row the promoted server held just before it.
newest=$(query 'max({{newest}})')
[[ "$newest" != NaN && "$acknowledged" != NaN ]] || { success=0; newest=0; acknowledged=0; }
rto=$(awk -v a="$back" -v b="$started" 'BEGIN { printf "%.0f", a - b }')
rpo=$(awk -v a="$acknowledged" -v b="$newest" 'BEGIN { d = a - b; if (d < 0) d = 0; printf "%.0f", d }')
span=$(( $(date -u +%s) - started + 60 ))
errors=$(query "max_over_time(($ERRORS)[${span}s:15s])")
reconnect=$(query "count_over_time((($ERRORS) > 0.01)[${span}s:15s]) * 15")
cat > /tmp/freshfoodz-failover-metrics <<EOF
# TYPE {{DrillMetrics.Started}} gauge
{{DrillMetrics.Started}}{drill="$(date -u +%Y%m%d)"} $started
# TYPE {{DrillMetrics.Rto}} gauge
{{DrillMetrics.Rto}}{drill="$(date -u +%Y%m%d)"} $rto
# TYPE {{DrillMetrics.Rpo}} gauge
{{DrillMetrics.Rpo}}{drill="$(date -u +%Y%m%d)"} $rpo
# TYPE {{DrillMetrics.ErrorRatioMax}} gauge
{{DrillMetrics.ErrorRatioMax}}{drill="$(date -u +%Y%m%d)"} ${errors/NaN/0}
# TYPE {{DrillMetrics.ReconnectSeconds}} gauge
{{DrillMetrics.ReconnectSeconds}}{drill="$(date -u +%Y%m%d)"} ${reconnect/NaN/0}
# TYPE {{DrillMetrics.Success}} gauge
{{DrillMetrics.Success}}{drill="$(date -u +%Y%m%d)"} $success
EOF
if [[ "$success" == 1 ]]; then
  printf '# TYPE {{DrillMetrics.Verified}} gauge\n{{DrillMetrics.Verified}}{drill="%s"} %s\n' "$(date -u +%Y%m%d)" "$back" >> /tmp/freshfoodz-failover-metrics
fi
curl -fsS --data-binary @/tmp/freshfoodz-failover-metrics "http://127.0.0.1:19091/metrics/job/{{DrillMetrics.FailoverJob}}/territory/$TERRITORY/tier/$TIER/{{DrillMetrics.KindLabel}}/{{DrillMetrics.FailoverKind}}"
echo "switchover of $STACK/$TIER: RTO $rto s (target < $RTO_TARGET s), data lost $rpo s (target < $RPO_TARGET s), 5xx share at most ${errors}, ${reconnect} s above 1 %"

# 6. Switch back: the original primary, now the replica, takes its role again.
az postgres flexible-server replica promote --resource-group "$PRIMARY_GROUP" --name "$PRIMARY" --promote-mode switchover --promote-option planned --yes
wait_for_write "$(date -u +%s)" >/dev/null || refuse "no canary write after switching back within $RTO_TARGET s: page the database owner"
{{(ha ? "echo \"switched back. The promotion turned HA off on $PRIMARY: run pulumi up --refresh --stack $STACK now to enable it again as planned\"" : "echo \"switched back\"")}}
(( success == 1 && rto < RTO_TARGET && rpo < RPO_TARGET )) || { echo "the drill missed its targets or did not complete: see the RecoveryDrill alerts" >&2; exit 2; }

""";
        return script.ReplaceLineEndings("\n");
    }

    private static string Md(MonthDay d) => $"{d.Month.ToString("00", CultureInfo.InvariantCulture)}-{d.Day.ToString("00", CultureInfo.InvariantCulture)}";

    private static string N(double v) => v.ToString("0", CultureInfo.InvariantCulture);
}
