#!/usr/bin/env bash
# Moves an output folder aside (into bench/data/trash/) before a fresh build; see run.sh.
set -eu
[ -e "$1" ] || exit 0
mkdir -p "$2"
mv "$1" "$2/$(date +%s%N)"
