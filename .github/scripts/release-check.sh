#!/usr/bin/env bash
# Every release checked against the last: plans every stack × season of the base commit with the base's own code (a
# git worktree) and compares them with the head's (freshfoodz release-check, docs/release-check.md). Writes the
# Markdown for the pull-request comment; exits 3 when the check refuses the release (a URN gone without an alias, a
# protected resource replaced, data deleted).
# usage: release-check.sh <base-ref> <out.md>
#   RELEASE_CHECK_DATE=yyyy-MM-dd    the day both sides plan for (default: today, UTC)
#   RELEASE_CHECK_BASE_PLANS=<dir>   base plans made elsewhere (<stack>.<season>.json): no worktree, no base build
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
base_ref="${1:?usage: release-check.sh <base-ref> <out.md>}"
out="${2:?usage: release-check.sh <base-ref> <out.md>}"
day="${RELEASE_CHECK_DATE:-$(date -u +%F)}"
# The base is a commit named by a ref, never an option: git would take '--lock' or '-f' as one and check out the
# head instead, so the check compared the head with itself and passed.
if [[ "$base_ref" == -* ]]; then
  echo "release-check.sh: base ref '$base_ref' looks like an option; give a branch, tag or commit (e.g. origin/main)" >&2
  exit 1
fi
if [[ -z "${RELEASE_CHECK_BASE_PLANS:-}" ]]; then
  if ! base_commit="$(git -C "$root" rev-parse --verify --quiet --end-of-options "$base_ref^{commit}")"; then
    echo "release-check.sh: base ref '$base_ref' is no commit of $root (fetch it first, e.g. git fetch origin main)" >&2
    exit 1
  fi
fi
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# plan_all <project> <dir>: plan --format json of each stack file and season of <project>, by <project>'s own CLI.
plan_all() {
  local project="$1" dest="$2" file stack season
  mkdir -p "$dest"
  dotnet build "$project/src/Cli" -v quiet -nologo >/dev/null
  for file in "$project"/Pulumi.*.yaml; do
    stack="$(basename "$file" .yaml)"
    stack="${stack#Pulumi.}"
    for season in baseline spargel oktoberfest weihnachten; do
      if ! dotnet run --no-build --project "$project/src/Cli" -- plan --stack "$stack" --season "$season" --date "$day" \
          --format json --project-dir "$project" >"$dest/$stack.$season.json" 2>"$work/plan.err"; then
        echo "release-check.sh: $base_ref cannot plan $stack ($season), not compared: $(head -n 1 "$work/plan.err")" >&2
        rm -f "$dest/$stack.$season.json"
      fi
    done
  done
}

if [[ -n "${RELEASE_CHECK_BASE_PLANS:-}" ]]; then
  base_plans="$RELEASE_CHECK_BASE_PLANS"
else
  git -C "$root" worktree add --detach "$work/base" "$base_commit" >/dev/null
  base_plans="$work/base-plans"
  plan_all "$work/base" "$base_plans"
fi
dotnet build "$root/src/Cli" -v quiet -nologo >/dev/null
status=0
dotnet run --no-build --project "$root/src/Cli" -- release-check --base "$base_plans" --date "$day" \
  --project-dir "$root" --out "$out" || status=$?
exit "$status"
