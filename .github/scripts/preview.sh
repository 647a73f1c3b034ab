#!/usr/bin/env bash
# A pull request's preview of one stack, refreshed (what the cloud holds now, not the last state file), with the
# identity of the stack's <stack>-preview environment, which can read and not write. Writes the Markdown of the
# stack's preview comment (pr-comment.sh posts it under its own marker) and exits as the preview did.
#   preview.sh <stack> <comment-file>
source "$(dirname "$0")/lib.sh"

[[ $# -eq 2 ]] || die "usage: preview.sh <stack> <comment-file>"
stack=$1 comment=$2
ref=$(stack_ref "$stack")
override=$("$(dirname "$0")/season-override.sh" "$stack") || die "cannot tell whether $ref is between rehearsals"
read -r -a extra <<<"$override"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
pulumi preview --refresh --diff --non-interactive --color never --stack "$ref" --cwd "$PROJECT_DIR" "${extra[@]}" >"$log" 2>&1 || status=$?
cat "$log"

{
  if [[ $status -eq 0 ]]; then
    echo "#### Pulumi preview of \`$ref\` (refreshed)"
  else
    echo "#### Pulumi preview of \`$ref\` failed (exit $status)"
  fi
  [[ -z "$override" ]] || echo "Between rehearsals: previewed at the floor (\`$override\`), as the pipeline deploys it."
  echo
  echo "<details><summary>Pulumi output</summary>"
  echo
  echo '```'
  # The end holds the summary and the errors; a very long diff loses its head first.
  tail -c 55000 "$log"
  echo '```'
  echo "</details>"
} >"$comment"
exit "$status"
