#!/usr/bin/env bash
# The stacks the workflows run, as a JSON matrix: every committed stack file, the rehearsal stacks first (a change
# reaches the rehearsal before production when deploys run one stack at a time), then production by name.
#   stacks.sh   ->  [{"stack":"peak-weihnachten","territory":"de","kind":"rehearsal"}, ...]
source "$(dirname "$0")/lib.sh"

rows=()
for file in "$PROJECT_DIR"/Pulumi.*.yaml; do
  stack=${file##*/Pulumi.}
  stack=${stack%.yaml}
  [[ "$stack" =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || continue
  kind=$(stack_kind "$stack")
  rows+=("$([[ "$kind" == rehearsal ]] && echo 0 || echo 1) $stack $(territory "$stack") $kind")
done
[[ ${#rows[@]} -gt 0 ]] || die "no stack files Pulumi.<stack>.yaml in $PROJECT_DIR"
printf '%s\n' "${rows[@]}" | sort | jq -R -s -c 'split("\n") | map(select(length > 0) | split(" ") | {stack: .[1], territory: .[2], kind: .[3]})'
