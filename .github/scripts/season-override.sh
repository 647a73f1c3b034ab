#!/usr/bin/env bash
# Between rehearsals a rehearsal stack runs at its floor: the baseline season. Its stack file keeps the season it
# rehearses (peak-weihnachten: weihnachten), which plans, playbooks and tests read; a rehearsal is opened by a person
# with the stack tag freshfoodz:rehearsalUntil (yyyy-MM-dd, the last day), and until then every pulumi command runs
# the stack file's season. Scaling down keeps every resource (SeasonSwitchKeepsResources), so the protected data stays.
# Prints the pulumi arguments to add (nothing, or --config=freshfoodz:season=baseline); production stacks get none.
#   season-override.sh <stack> [today]          today defaults to the UTC date
source "$(dirname "$0")/lib.sh"

[[ $# -ge 1 && $# -le 2 ]] || die "usage: season-override.sh <stack> [yyyy-MM-dd]"
stack=$1
today=${2:-$(date -u +%F)}
[[ "$today" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "not a date: '$today'"
[[ "$(stack_kind "$stack")" == rehearsal ]] || exit 0

until=$(stack_tag "$stack" freshfoodz:rehearsalUntil)
if [[ -n "$until" ]]; then
  [[ "$until" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "$stack: the tag freshfoodz:rehearsalUntil is not a date (yyyy-MM-dd): '$until'"
  # ISO dates compare as text.
  [[ "$today" > "$until" ]] || exit 0
fi
echo "--config=freshfoodz:season=baseline"
