#!/usr/bin/env bash
# Turns every directory of SRC (one per repository) into a git repository under DEST, with a
# fixed author and date so that commit ids are the same on every machine.
set -euo pipefail
src=$1
dest=$2
rm -rf "$dest"
mkdir -p "$dest"
export GIT_AUTHOR_NAME=tracegate GIT_AUTHOR_EMAIL=fixtures@tracegate.invalid GIT_AUTHOR_DATE="2026-01-01T00:00:00Z"
export GIT_COMMITTER_NAME=tracegate GIT_COMMITTER_EMAIL=fixtures@tracegate.invalid GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
for repo in "$src"/*/; do
  name=$(basename "$repo")
  cp -r "$repo" "$dest/$name"
  git -C "$dest/$name" init -q -b main
  git -C "$dest/$name" add -A
  git -C "$dest/$name" -c commit.gpgsign=false commit -q -m "fixture $name"
done
