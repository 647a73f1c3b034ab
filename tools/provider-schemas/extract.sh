#!/usr/bin/env bash
# Regenerates tests/FreshFoodz.SchemaConformance.Tests/ProviderSchemas/*.json: the inputs of the tokens listed in
# tokens.txt, read from the published npm packages @pulumi/azure-native 3.28.0, @pulumi/kubernetes 4.34.2 and
# @pulumi/random 4.21.2 (parsed with typescript 5.9.3). Needs node and npm; downloads into a temp dir that is
# removed on exit. See README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/tests/FreshFoodz.SchemaConformance.Tests/ProviderSchemas"

# name version integrity: the integrity pins the exact published tarball, so a re-run reads the same bytes.
packages=(
    "azure-native 3.28.0 sha512-1VTBgWJ1zjcgTT+FGQ+5f9HpW7Hp6eUwHLS/YRCqG2QSY8MzswoR9F3f5ZTq77VDwJ+py0C+xsjZddvaOVJjRQ=="
    "kubernetes 4.34.2 sha512-OcIe8OUwivkEngmjinrmke54INbJ0L6u/CWm8mLh6F7pmIDXyHGTM8PzcZsg5QbSm24HnNUHLl2tEUoOBxDo3w=="
    "random 4.21.2 sha512-yQVSPeQE55oqL4KHoWwKqTTTjx3jYGaJ3RCXnlUOcqmGW5zT3hmKWqAS+5nBYCtrVPA8J06UqjC1ZOrQP+Q5yg=="
)
typescript_version="5.9.3"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The TypeScript parser, installed outside the repo so nothing downloaded can be committed.
npm install --prefix "$work/ts" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
    "typescript@$typescript_version" >/dev/null

# Only the tarballs: `npm pack` runs no install scripts and skips @pulumi/pulumi and the other
# dependencies, which the syntactic reading of the .d.ts/.js files does not need.
pkg_args=()
for entry in "${packages[@]}"; do
    read -r name version integrity <<<"$entry"
    mkdir -p "$work/$name"
    actual="$(cd "$work/$name" && npm pack --json "@pulumi/$name@$version" 2>/dev/null |
        node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(r[0].integrity)')"
    if [[ "$actual" != "$integrity" ]]; then
        echo "extract.sh: @pulumi/$name@$version has integrity $actual, expected $integrity" >&2
        exit 1
    fi
    tar -xzf "$work/$name"/*.tgz -C "$work/$name"
    pkg_args+=("$name=$version=$work/$name/package")
done

node "$here/extract.mjs" "$work/ts/node_modules/typescript" "$here/tokens.txt" "$work/out" "${pkg_args[@]}"

# Replace the committed extract only after every provider succeeded (old versions' files go too).
mkdir -p "$out"
rm -f "$out"/*.json
cp "$work/out"/*.json "$out/"
echo "extract.sh: wrote ${out#"$repo"/}/{$(cd "$out" && ls -- *.json | paste -sd, -)}"
