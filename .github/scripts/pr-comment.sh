#!/usr/bin/env bash
# Creates or updates one comment of this pipeline on a pull request, found by a hidden marker at the start of its
# body (<!-- freshfoodz:<marker> -->) among the comments of the workflow's own bot: each stack's preview and the
# capacity report keep one comment each, re-runs edit it, and no other comment (pulumi/actions', a person's) is ever
# touched — `gh pr comment --edit-last` edits the bot's last comment, whichever that is.
#   pr-comment.sh <pr-number> <marker> <body-file>     needs GH_TOKEN, GITHUB_REPOSITORY
#   COMMENT_AUTHOR  the login whose comments are ours (default github-actions[bot], the GITHUB_TOKEN's)
source "$(dirname "$0")/lib.sh"

[[ $# -eq 3 ]] || die "usage: pr-comment.sh <pr-number> <marker> <body-file>"
pr=$1 marker=$2 file=$3
[[ "$pr" =~ ^[1-9][0-9]{0,9}$ ]] || die "not a pull request number: '$pr'"
[[ "$marker" =~ ^[a-z0-9-]{1,64}$ ]] || die "a marker is 1-64 of a-z 0-9 -, got '$marker'"
[[ -f "$file" ]] || die "no comment body file $file"
repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}
author=${COMMENT_AUTHOR:-github-actions[bot]}
[[ "$author" =~ ^[A-Za-z0-9-]+(\[bot\])?$ ]] || die "not a GitHub login: '$author'"

tag="<!-- freshfoodz:$marker -->"
body=$(mktemp)
trap 'rm -f "$body"' EXIT
# GitHub keeps at most 65,536 characters per comment; the end of a long report (its summary) is the part to keep.
{ echo "$tag"; tail -c 60000 "$file"; } >"$body"

ids=$(gh api --paginate "repos/$repo/issues/$pr/comments" \
  --jq ".[] | select(.user.login == \"$author\" and (.body | startswith(\"$tag\"))) | .id")
id=$(head -n 1 <<<"$ids")
if [[ -n "$id" ]]; then
  [[ "$id" =~ ^[0-9]+$ ]] || die "GitHub returned a comment id that is not a number"
  gh api --method PATCH "repos/$repo/issues/comments/$id" -F "body=@$body" >/dev/null
  echo "updated comment $id ($marker)"
else
  gh api --method POST "repos/$repo/issues/$pr/comments" -F "body=@$body" >/dev/null
  echo "created a comment ($marker)"
fi
