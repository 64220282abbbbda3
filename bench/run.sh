#!/usr/bin/env bash
# Measures every performance goal of mokuteki in one run and prints each figure beside its
# peer or floor, with the ratio: once on the machine as it is ("quiet" when nothing else
# runs) and once while another process keeps rewriting a 2 GB file ("under write load").
#
#   bash bench/run.sh                 # everything, a few minutes on 2 cores
#   BENCH_QUICK=1 bash bench/run.sh   # without the fresh clone (cargo run, cargo test)
#   BENCH_CI=1 bash bench/run.sh      # also times .ci/run on the fresh clone (minutes more)
#
#   BENCH_BIN=path bash bench/run.sh # measures that binary instead of building the release one
#
# Not run by CI. Installs hyperfine, pandoc, GNU time and a C compiler from Debian when
# missing. The data are generated into bench/data/ (not in git) by bench/generate.py.
# CPU time is user + system time of the whole process, as the kernel accounts it (hyperfine's
# means); wall times are medians. Timings are never part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=bench/data
QUICK=${BENCH_QUICK:-}
CI_TOO=${BENCH_CI:-}
# BENCH_BIN=path measures another build of mokuteki (say, with other profile settings).
BIN=${BENCH_BIN:-target/release/mokuteki}

# --- tools ---------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v pandoc >/dev/null || missing+=(pandoc)
command -v cc >/dev/null || missing+=(gcc)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -n "${BENCH_BIN:-}" ] || cargo build --release --locked --quiet

# --- data, generated at bench time --------------------------------------------------------
rm -rf "$DATA"
mkdir -p "$DATA/trash"
python3 bench/generate.py federation "$DATA/federation-1400" 1400
cp tests/fixtures/render/minimal-notice/purposes.yaml "$DATA/minimal.yaml"
cc -O2 -o "$DATA/floor" bench/floor.c
# The files a build of the default source writes, for the durability floor.
"$BIN" build --source purposes.yaml --out "$DATA/reference" 2>/dev/null
floor_files=("$DATA"/reference/* "$DATA"/reference/.mokuteki-manifest)
# Moves an output folder aside before a fresh build. Deleting it there and then would make
# the file system slower at creating the next one (ext4 skips recently deleted inodes), so
# the old folders are deleted at the end.
aside() { echo "bash bench/aside.sh $1 $DATA/trash"; }
writer=""
cleanup() {
    [ -z "$writer" ] || kill "$writer" 2>/dev/null || true
    rm -rf "$DATA/trash" "$DATA/load.bin"
}
trap cleanup EXIT
# No shell between hyperfine and the command: a shell's start-up would be most of a
# few-millisecond build.
runs=(--shell=none --style basic)

# Reads hyperfine's JSON: "median_ms cpu_ms min_ms max_ms" of the n-th command.
stats() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]
print("%.2f %.2f %.2f %.2f" % (r["median"] * 1000, (r["user"] + r["system"]) * 1000,
                               r["min"] * 1000, r["max"] * 1000))
EOF
}
field() { echo "$1" | cut -d' ' -f"$2"; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print('%.2f' % (a / b if b else float('nan')))" "$1" "$2"; }
# One line of the table: what, our figure, the peer or floor and its figure, the ratio and
# the goal it is held against.
row() { printf '  %-44s %12s   %-34s %12s   %8s   %s\n' "$@"; }
header() {
    echo
    echo "== $1 =="
    row "what" "ours" "peer or floor" "theirs" "ratio" "goal"
}

# --- every figure that varies with the machine's load ----------------------------------------
measure() {
    local label=$1 tag=$2
    header "$label"
    local json="$DATA/$tag"

    # A build that renders and writes everything into a new folder, beside one pandoc
    # conversion of the same notice's Markdown, and beside the durability floor: a minimal
    # program writing and flushing the same files.
    hyperfine "${runs[@]}" --warmup 3 --runs 20 --export-json "$json-fresh.json" \
        --prepare "$(aside "$DATA/ours")" "$BIN build --source purposes.yaml --out $DATA/ours" \
        --prepare "rm -f $DATA/pandoc.html" \
        "pandoc --standalone --metadata title=notice out/notice.md -o $DATA/pandoc.html" \
        --prepare "$(aside "$DATA/floor-out")" "$DATA/floor $DATA/floor-out ${floor_files[*]}" \
        >/dev/null 2>>"$DATA/hyperfine.log"
    local ours pandoc floor
    ours=$(stats "$json-fresh.json" 0)
    pandoc=$(stats "$json-fresh.json" 1)
    floor=$(stats "$json-fresh.json" 2)
    row "fresh build, CPU ms" "$(field "$ours" 2)" "pandoc, one conversion, CPU ms" "$(field "$pandoc" 2)" \
        "$(ratio "$(field "$pandoc" 2)" "$(field "$ours" 2)")x" "pandoc/ours >= 15"
    row "fresh build, wall ms" "$(field "$ours" 1)" "pandoc, one conversion, wall ms" "$(field "$pandoc" 1)" \
        "$(ratio "$(field "$pandoc" 1)" "$(field "$ours" 1)")x" "(for reference)"
    row "fresh build, wall ms (max $(field "$ours" 4))" "$(field "$ours" 1)" "durability floor, wall ms" "$(field "$floor" 1)" \
        "$(ratio "$(field "$ours" 1)" "$(field "$floor" 1)")x" "ours/floor, reported"

    # Fixed costs: what a command costs before and besides the source's own work.
    hyperfine "${runs[@]}" --warmup 3 --runs 30 --export-json "$json-fixed.json" \
        "$BIN --version" "$BIN check --source purposes.yaml" "$BIN check --source $DATA/minimal.yaml" \
        "$BIN schema" >/dev/null 2>>"$DATA/hyperfine.log"
    local version check minimal schema
    version=$(stats "$json-fixed.json" 0)
    check=$(stats "$json-fixed.json" 1)
    minimal=$(stats "$json-fixed.json" 2)
    schema=$(stats "$json-fixed.json" 3)
    row "check of the default source, wall ms" "$(field "$check" 1)" "goal, ms" "2.00" \
        "$(ratio "$(field "$check" 1)" 2)x" "ours/goal <= 1"
    row "check of a 14-line source, wall ms" "$(field "$minimal" 1)" "mokuteki --version, wall ms" "$(field "$version" 1)" \
        "$(ratio "$(field "$minimal" 1)" "$(field "$version" 1)")x" "(fixed cost)"
    row "schema, wall ms" "$(field "$schema" 1)" "mokuteki --version, wall ms" "$(field "$version" 1)" \
        "$(ratio "$(field "$schema" 1)" "$(field "$version" 1)")x" "(fixed cost)"
    row "check of the default source, CPU ms" "$(field "$check" 2)" "mokuteki --version, CPU ms" "$(field "$version" 2)" \
        "$(ratio "$(field "$check" 2)" "$(field "$version" 2)")x" "(fixed cost)"

    # An unchanged build: the output folder is up to date.
    "$BIN" build --source purposes.yaml --out "$DATA/unchanged" 2>/dev/null
    hyperfine "${runs[@]}" --warmup 3 --runs 30 --export-json "$json-unchanged.json" \
        "$BIN build --source purposes.yaml --out $DATA/unchanged" "$BIN --version" >/dev/null 2>>"$DATA/hyperfine.log"
    local unchanged version2
    unchanged=$(stats "$json-unchanged.json" 0)
    version2=$(stats "$json-unchanged.json" 1)
    row "unchanged build, wall ms" "$(field "$unchanged" 1)" "mokuteki --version, wall ms" "$(field "$version2" 1)" \
        "$(ratio "$(field "$unchanged" 1)" "$(field "$version2" 1)")x" "ours/--version <= 1.5"

    # A federation of 1,400 sources: everything written into a new folder, then again with
    # nothing changed.
    local federation="$BIN build --source $DATA/federation-1400 --out $DATA/federation-out"
    hyperfine "${runs[@]}" --warmup 1 --runs 3 --export-json "$json-federation.json" \
        --prepare "$(aside "$DATA/federation-out")" "$federation" >/dev/null 2>>"$DATA/hyperfine.log"
    $federation 2>/dev/null
    hyperfine "${runs[@]}" --warmup 1 --runs 10 --export-json "$json-federation-unchanged.json" "$federation" >/dev/null 2>>"$DATA/hyperfine.log"
    local fresh_federation unchanged_federation
    fresh_federation=$(stats "$json-federation.json" 0)
    unchanged_federation=$(stats "$json-federation-unchanged.json" 0)
    row "1,400 sources, fresh, wall ms" "$(field "$fresh_federation" 1)" "goal, ms" "3000" \
        "$(ratio "$(field "$fresh_federation" 1)" 3000)x" "ours/goal <= 1"
    row "1,400 sources, unchanged, wall ms (max $(field "$unchanged_federation" 4))" "$(field "$unchanged_federation" 1)" "goal, ms" "100" \
        "$(ratio "$(field "$unchanged_federation" 1)" 100)x" "ours/goal <= 1"
    $(aside "$DATA/federation-out")

    # The preview: from saving the source to the page that shows the change.
    cp purposes.yaml "$DATA/preview.yaml"
    local preview
    preview=$(python3 bench/preview.py "$BIN" "$DATA/preview.yaml" 40)
    row "preview, save to page, p95 ms (median $(field "$preview" 1))" "$(field "$preview" 2)" "goal, ms" "200" \
        "$(ratio "$(field "$preview" 2)" 200)x" "ours/goal <= 1"
}

# --- figures of the program itself ------------------------------------------------------------
header "the program"
stripped="$DATA/mokuteki.stripped"
cp "$BIN" "$stripped"
strip "$stripped"
size=$(stat -c %s "$stripped")
row "stripped binary, bytes" "$size" "goal, bytes (6 MB)" "6000000" "$(ratio "$size" 6000000)x" "ours/goal <= 1"

if [ -z "$QUICK" ]; then
    # A fresh clone with the crate cache warm: the first `cargo run -- build`, then
    # `cargo test`, as a new developer runs them (and, with BENCH_CI=1, CI's script).
    clone=$(mktemp -d)
    git clone --quiet . "$clone/mokuteki"
    seconds() { /usr/bin/time -f %e -o "$clone/time" "$@" >/dev/null 2>&1; cat "$clone/time"; }
    run_s=$(cd "$clone/mokuteki" && seconds cargo run --locked --quiet -- build)
    test_s=$(cd "$clone/mokuteki" && seconds cargo test --locked)
    row "fresh clone: cargo run -- build, s" "$run_s" "goal, s" "45" "$(ratio "$run_s" 45)x" "ours/goal <= 1"
    row "fresh clone, then: cargo test, s" "$test_s" "goal, s" "75" "$(ratio "$test_s" 75)x" "ours/goal <= 1"
    if [ -n "$CI_TOO" ]; then
        rm -rf "$clone/mokuteki"
        git clone --quiet . "$clone/mokuteki"
        ci_s=$(cd "$clone/mokuteki" && CI=true seconds bash .ci/run)
        row "fresh clone: .ci/run, s" "$ci_s" "goal, s (5 minutes)" "300" "$(ratio "$ci_s" 300)x" "ours/goal <= 1"
    fi
    rm -rf "$clone"
fi

measure "on the machine as it is (quiet when nothing else runs)" quiet

# The same, while another process keeps rewriting a 2 GB file (up to 2 GB unwritten at any
# time): a build's flushes must wait for what it wrote, not for other programs' data.
(
    trap 'kill "$dd" 2>/dev/null; exit 0' TERM
    while :; do
        dd if=/dev/zero of="$DATA/load.bin" bs=1M count=2048 conv=notrunc status=none &
        dd=$!
        wait "$dd"
    done
) &
writer=$!
sleep 3
measure "under write load (a writer keeping up to 2 GB unwritten)" load
kill "$writer"
wait "$writer" 2>/dev/null || true
writer=""

echo
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), $(df -T . | awk 'NR == 2 {print $2}')"
