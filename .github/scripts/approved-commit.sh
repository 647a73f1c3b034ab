#!/usr/bin/env bash
# The commit a person last approved for a stack, kept as the stack tag freshfoodz:approvedCommit. The deploy workflow
# records it once the stack's approval is given, before its `pulumi up` (so a failed up is retried with the same
# approved code, never undone by older code); the hourly season job deploys only that commit, so no code reaches a
# stack without an approval. A failed or malformed read is a failed run.
#   approved-commit.sh get <stack>          prints the 40-hex commit
#   approved-commit.sh set <stack> <sha>    records it (needs the repository's history: a commit older than the
#                                           approved one is refused) and reads it back
source "$(dirname "$0")/lib.sh"

readonly TAG=freshfoodz:approvedCommit
[[ $# -ge 2 ]] || die "usage: approved-commit.sh get <stack> | set <stack> <sha>"
action=$1 stack=$2
ref=$(stack_ref "$stack")

case "$action" in
  get)
    sha=$(stack_tag "$stack" "$TAG")
    [[ -n "$sha" ]] || die "$ref has no approved commit ($TAG): deploy it once through the deploy workflow, whose approval records it"
    [[ "$sha" =~ ^[0-9a-f]{40}$ ]] || die "$ref: $TAG is not a commit id"
    echo "$sha"
    ;;
  set)
    [[ $# -eq 3 ]] || die "usage: approved-commit.sh set <stack> <sha>"
    sha=$3
    [[ "$sha" =~ ^[0-9a-f]{40}$ ]] || die "not a full commit id: '$sha'"
    current=$(stack_tag "$stack" "$TAG")
    if [[ -n "$current" && "$current" != "$sha" ]]; then
      git cat-file -e "$sha^{commit}" 2>/dev/null || die "commit $sha is not in this checkout (fetch the full history)"
      if git cat-file -e "$current^{commit}" 2>/dev/null && git merge-base --is-ancestor "$sha" "$current"; then
        die "$sha is older than $current, already approved for $ref: an older approval never replaces a newer one; nothing deployed"
      fi
    fi
    pulumi stack tag set "$TAG" "$sha" --stack "$ref" >/dev/null || die "cannot record $TAG on $ref"
    [[ "$(stack_tag "$stack" "$TAG")" == "$sha" ]] || die "$ref: $TAG reads back differently after it was set"
    echo "$ref: approved $sha"
    ;;
  *) die "usage: approved-commit.sh get <stack> | set <stack> <sha>" ;;
esac
