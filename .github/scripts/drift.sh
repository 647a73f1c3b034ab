#!/usr/bin/env bash
# The daily drift check of one stack: a refreshed preview of the approved commit (checked out in PROJECT_DIR) that
# expects no changes, with the read-only <stack>-preview identity. Run outside the low-traffic window, where the
# program holds compute at the deployed season, any change it proposes means the cloud no longer matches what was
# deployed: drift. Drift is reported to the territory's tickets route (notify.sh drift) and the check passes; a
# preview that could not run fails the check, and the workflow tells the on-call.
#   drift.sh <stack>
source "$(dirname "$0")/lib.sh"

[[ $# -eq 1 ]] || die "usage: drift.sh <stack>"
stack=$1
ref=$(stack_ref "$stack")
held=$(held_until "$stack") # a failed read of the tags fails the run (held_until says why)
if [[ -n "$held" ]]; then
  # A drill holds the stack and has changed it on purpose (roles swapped, HA off): not drift.
  echo "$ref: held until $held (stack tag freshfoodz:holdUntil): no drift check now"
  exit 0
fi
override=$("$(dirname "$0")/season-override.sh" "$stack") || die "cannot tell whether $ref is between rehearsals"
read -r -a extra <<<"$override"

out=$(mktemp)
report=$(mktemp)
trap 'rm -f "$out" "$report"' EXIT
status=0
pulumi preview --refresh --expect-no-changes --json --non-interactive --stack "$ref" --cwd "$PROJECT_DIR" "${extra[@]}" >"$out" || status=$?
if [[ $status -eq 0 ]]; then
  echo "$ref: no drift"
  exit 0
fi

# --expect-no-changes with changes proposed exits 7 (ExitNoChanges, pulumi/pulumi pkg/cmd/pulumi/cmd/exit_codes.go,
# distinct exit codes since 3.227.0); any other non-zero exit is a preview that failed, even if it proposed changes
# before it did, and must not pass as drift. The JSON digest's changeSummary counts steps by operation.
if [[ $status -ne 7 ]]; then
  cat "$out" >&2
  echo >&2
  die "the drift preview of $ref failed (exit $status): see the log; no drift reported"
fi
if ! jq -r '"Drift on '"$ref"': " + ([.changeSummary // {} | to_entries[] | select(.key != "same" and .key != "read" and .key != "refresh" and .value > 0) | "\(.value) \(.key)"] | join(", ")),
  (.steps // [] | .[] | select(.op != "same" and .op != "read" and .op != "refresh") | "  \(.op) \(.urn)")' "$out" >"$report" 2>/dev/null; then
  echo "Drift on $ref: pulumi proposed changes (its JSON could not be read: see the run)" >"$report"
fi
cat "$report"
"$(dirname "$0")/notify.sh" "$stack" drift "$(head -n 1 "$report")" "$report"
