#!/usr/bin/env bash
# Drift check for the compile-only Pulumi SDK stand-in (src/PulumiSdkStandIn).
#
# Builds the stand-in, prints its public API in the PublicAPI.Shipped.txt line format (tools/StandInApiDump) and
# reports every line that is not in the reference list of the real SDK 3.112.1. Lines that the list lacks but that
# were verified by hand in the real source are in tools/pulumi-standin-allowlist.txt, with the file each was
# verified in. Exits non-zero on any other line, or on an allow-list entry that is stale.
#
# A developer tool, not part of the test run: the reference list lives beside the checkout (../shared), not in it.
#
# Usage: tools/check-pulumi-standin.sh [path/to/PublicAPI.Shipped.txt]
#   default: ../shared/reference/pulumi-dotnet/PublicAPI.Shipped.txt, relative to the repository root.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reference="${1:-$repo_root/../shared/reference/pulumi-dotnet/PublicAPI.Shipped.txt}"
allow_list="$repo_root/tools/pulumi-standin-allowlist.txt"
standin_project="$repo_root/src/PulumiSdkStandIn/PulumiSdkStandIn.csproj"
dump_project="$repo_root/tools/StandInApiDump/StandInApiDump.csproj"

if [[ ! -f "$reference" ]]; then
    echo "Reference list not found: $reference" >&2
    echo "Pass the path of pulumi-dotnet's PublicAPI.Shipped.txt (v3.112.1) as the first argument." >&2
    exit 2
fi

build() {
    local log
    if ! log="$(dotnet build "$1" -c Release -nologo -v quiet 2>&1)"; then
        echo "$log" >&2
        echo "Build failed: $1" >&2
        exit 2
    fi
}
build "$standin_project"
build "$dump_project"
standin_dll="$(dotnet msbuild "$standin_project" -nologo -getProperty:TargetPath -p:Configuration=Release)"

dotnet run --project "$dump_project" -c Release --no-build -- check "$standin_dll" "$reference" "$allow_list"
