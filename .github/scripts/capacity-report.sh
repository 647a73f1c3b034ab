#!/usr/bin/env bash
# Markdown for the pull-request comment: each stack's capacity today, and what its next season switch changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/Cli -v quiet -nologo >/dev/null
cli() { dotnet run --no-build --project src/Cli -- "$@"; }
echo "## Offline capacity and season diff"
for stack in de-prod ch-prod peak-weihnachten; do
  season=$(cli capacity --stack "$stack" --format json | jq -r .season)
  echo; echo "### $stack ($season today)"; echo '```'
  cli capacity --stack "$stack"
  echo '```'
  next=$(case "$season" in baseline) echo spargel;; spargel) echo baseline;; oktoberfest) echo baseline;; weihnachten) echo baseline;; esac)
  echo "<details><summary>$season → $next</summary>"; echo; echo '```'
  cli diff --stack "$stack" --from "$season" --to "$next"
  echo '```'; echo "</details>"
done
