#!/usr/bin/env bash
# One `pulumi up` of a stack: no --target and no time arithmetic here — the program registers the next safe step of a
# season switch itself and keeps compute changes to the stack's low-traffic window. It refreshes first (also set as
# options.refresh in Pulumi.yaml): the app pool's node count belongs to the autoscaler (AutoscaledPoolCountFromLive).
# Afterwards the deployed season is read back from the stack output effectiveSeason and set as the stack tag
# freshfoodz:season; the output seasonSwitch, where the program says what it did and what comes next, goes to the job
# summary. A failed up or a failed read of the outputs fails the run. A stack held by a drill (stack tag
# freshfoodz:holdUntil, lib.sh held_until) is left alone until the hold ends.
#   up.sh <stack> <message>
source "$(dirname "$0")/lib.sh"

[[ $# -eq 2 ]] || die "usage: up.sh <stack> <message>"
stack=$1 message=$2
ref=$(stack_ref "$stack")
held=$(held_until "$stack") # a failed read of the tags fails the run (held_until says why)
if [[ -n "$held" ]]; then
  # Not a failure: a drill holds the stack; the first run after the hold deploys the approved commit.
  echo "$ref: held until $held (stack tag freshfoodz:holdUntil): no update now; the first run after it deploys the approved commit"
  [[ -z "${GITHUB_STEP_SUMMARY:-}" ]] || echo "### $ref: held until $held (freshfoodz:holdUntil)" >>"$GITHUB_STEP_SUMMARY"
  exit 0
fi
override=$("$(dirname "$0")/season-override.sh" "$stack") || die "cannot tell whether $ref is between rehearsals"
read -r -a extra <<<"$override"

pulumi up --yes --refresh --non-interactive --stack "$ref" --cwd "$PROJECT_DIR" --message "$message" "${extra[@]}" ||
  die "pulumi up failed for $ref"

outputs=$(pulumi stack output --json --stack "$ref" --cwd "$PROJECT_DIR") || die "cannot read the outputs of $ref after its update"
season=$(jq -r 'if type == "object" then .effectiveSeason // empty else empty end' <<<"$outputs" 2>/dev/null) || season=""
[[ "$season" =~ ^[a-z]{1,20}$ ]] || die "$ref has no stack output effectiveSeason after its update"
pulumi stack tag set freshfoodz:season "$season" --stack "$ref" >/dev/null || die "cannot set the stack tag freshfoodz:season on $ref"

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  {
    echo "### $ref: $season"
    jq -r 'if .seasonSwitch then "```json\n\(.seasonSwitch | tojson)\n```" else "no seasonSwitch output" end' <<<"$outputs"
  } >>"$GITHUB_STEP_SUMMARY"
fi
echo "$ref: deployed, effective season $season"
