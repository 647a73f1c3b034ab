# shellcheck shell=bash
# Shared by the pipeline scripts: strict mode, one-line errors, and where a stack lives.
#   PROJECT_DIR  the Pulumi project (Pulumi.yaml and the stack files); default: this repository
#   PULUMI_ORG   the Pulumi organisation, the one setting that qualifies every stack name (a repository variable)
set -euo pipefail
# A failure inside $(...) fails the substitution too (bash leaves -e off there by default).
shopt -s inherit_errexit

die() {
  echo "error: $*" >&2
  exit 1
}

PROJECT_DIR=${PROJECT_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# The project's name, from Pulumi.yaml (the middle part of org/project/stack).
project_name() {
  local name
  name=$(sed -n 's/^name: *\([a-z0-9][a-z0-9._-]*\) *$/\1/p' "$PROJECT_DIR/Pulumi.yaml" | head -n 1)
  [[ -n "$name" ]] || die "no project name in $PROJECT_DIR/Pulumi.yaml"
  echo "$name"
}

# A committed stack's file; refuses a name that is not a stack of this project.
stack_file() {
  local stack=$1
  [[ "$stack" =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || die "not a stack name: '$stack'"
  [[ -f "$PROJECT_DIR/Pulumi.$stack.yaml" ]] || die "no stack file Pulumi.$stack.yaml in $PROJECT_DIR"
  echo "$PROJECT_DIR/Pulumi.$stack.yaml"
}

# The fully qualified stack name, org/project/stack: every pulumi call names its stack this way.
stack_ref() {
  local stack=$1 file
  file=$(stack_file "$stack")
  [[ -n "${PULUMI_ORG:-}" ]] || die "PULUMI_ORG is not set: set the repository variable PULUMI_ORG to the Pulumi organisation (docs/first-deployment.md)"
  [[ "$PULUMI_ORG" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]] || die "PULUMI_ORG is not an organisation name: '$PULUMI_ORG'"
  echo "$PULUMI_ORG/$(project_name)/$stack"
}

# A top-level freshfoodz: setting of a stack file (plain scalars only: territory, environment).
stack_setting() {
  local file value
  file=$(stack_file "$1")
  value=$(sed -n "s/^  freshfoodz:$2: *\"\{0,1\}\([a-z0-9-]*\)\"\{0,1\} *\$/\1/p" "$file" | head -n 1)
  echo "${value:-$3}"
}

territory() {
  local t
  t=$(stack_setting "$1" territory "")
  [[ "$t" =~ ^[a-z]{2}$ ]] || die "Pulumi.$1.yaml has no freshfoodz:territory"
  echo "$t"
}

# rehearsal or production (the project default).
stack_kind() { stack_setting "$1" environment production; }

# The stack's tags as a JSON object (pulumi stack tag ls --json); a failed read is a failed run.
stack_tags() {
  local ref tags
  ref=$(stack_ref "$1")
  tags=$(pulumi stack tag ls --json --stack "$ref") || die "cannot read the tags of $ref"
  jq -e 'type == "object"' >/dev/null 2>&1 <<<"$tags" || die "the tags of $ref are not a JSON object"
  echo "$tags"
}

# One tag's value, or nothing when the stack does not carry it.
stack_tag() {
  local tags
  tags=$(stack_tags "$1")
  jq -r --arg name "$2" '.[$name] // empty' <<<"$tags"
}

# A hold on a stack's unattended runs: the stack tag freshfoodz:holdUntil, a UTC time yyyy-MM-ddTHH:mmZ. A drill that
# swaps a primary and its replica sets it (docs/recovery-drills.md), so no calendar up asks HA of a demoted primary in
# between. At most 12 hours ahead, so a forgotten hold ends by itself. Prints the hold's end while it lasts, nothing
# otherwise; a hold that is no such time, or further ahead, fails the run. FRESHFOODZ_NOW (same format) replaces the
# clock in tests.
held_until() {
  local stack=$1 until now until_s now_s
  until=$(stack_tag "$stack" freshfoodz:holdUntil)
  [[ -n "$until" ]] || return 0
  local time='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}Z$'
  if ! [[ "$until" =~ $time ]] || ! until_s=$(date -u -d "$until" +%s 2>/dev/null); then
    die "$stack: the tag freshfoodz:holdUntil is not a UTC time (yyyy-MM-ddTHH:mmZ): '$until'"
  fi
  now=${FRESHFOODZ_NOW:-$(date -u +%FT%H:%MZ)}
  if ! [[ "$now" =~ $time ]] || ! now_s=$(date -u -d "$now" +%s 2>/dev/null); then
    die "FRESHFOODZ_NOW is not a UTC time (yyyy-MM-ddTHH:mmZ): '$now'"
  fi
  ((until_s <= now_s)) && return 0
  ((until_s - now_s <= 12 * 3600)) ||
    die "$stack: the tag freshfoodz:holdUntil ($until) is more than 12 hours ahead; a hold is for one drill (remove it: pulumi stack tag rm freshfoodz:holdUntil)"
  echo "$until"
}
