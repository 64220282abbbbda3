#!/usr/bin/env bash
# Benchmarks mokuteki against the peers that do the same job (pandoc, Hugo) and at scale
# (a federation of 1,400 sources; 10,000 items), then prints medians and ratios.
#
#   bash bench/run.sh            # everything, a few minutes
#   BENCH_QUICK=1 bash bench/run.sh   # skips the clean release build
#
# Not run by CI: it takes minutes. Installs hyperfine, pandoc, hugo and GNU time from
# Debian when missing; a peer that cannot be installed is skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=bench/data
QUICK=${BENCH_QUICK:-}
BIN=target/release/mokuteki

# --- tools ---------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v pandoc >/dev/null || missing+=(pandoc)
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    for package in "${missing[@]}"; do
        if apt-cache show "$package" >/dev/null 2>&1; then
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
        else
            echo "note: Debian has no package '$package' here; skipping what needs it"
        fi
    done
fi
command -v hyperfine >/dev/null || { echo "hyperfine is required"; exit 1; }

cargo build --release --locked --quiet

# --- data, generated at bench time (bench/data/ is not in git) --------------------------
rm -rf "$DATA"
mkdir -p "$DATA"
python3 bench/generate.py federation "$DATA/federation-1400" 1400
all=("$DATA"/federation-1400/*.yaml)
for n in 1 10 100; do
    mkdir -p "$DATA/federation-$n"
    cp "${all[@]:0:n}" "$DATA/federation-$n/"
done
for n in 100 1000 10000; do
    python3 bench/generate.py large "$DATA/items-$n/purposes.yaml" "$n"
done

warmup=3
# Moves an output folder aside before a fresh build. Deleting it there and then would make
# the file system slower at creating the next one (ext4 skips recently deleted inodes,
# which dominated a 1,400-folder build), so the old folders are deleted at the end.
mkdir -p "$DATA/trash"
aside() { echo "bash bench/aside.sh $1 $DATA/trash"; }
trap 'rm -rf "$DATA/trash"' EXIT
# No shell between hyperfine and the command: a shell's start-up would be most of a
# few-millisecond build.
runs=(--shell=none)

# Prints "median_ms" of a hyperfine JSON export's n-th result.
median() { python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"]*1000))' "$1" "$2"; }
# Peak resident memory of one run, in MB.
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {printf "%.1f", $2/1024}'; }

# --- the peers --------------------------------------------------------------------------
echo
echo "== the default purposes.yaml: mokuteki build vs pandoc vs Hugo =="
commands=(--command-name "mokuteki build (every output, checked, written atomically and flushed)"
    --prepare "$(aside "$DATA/ours")" "$BIN build --source purposes.yaml --out $DATA/ours")
peers=()
if command -v pandoc >/dev/null; then
    commands+=(--command-name "pandoc notice.md → standalone HTML"
        --prepare "rm -f $DATA/pandoc.html"
        "pandoc --standalone --metadata title=notice out/notice.md -o $DATA/pandoc.html")
    peers+=(pandoc)
else
    echo "note: pandoc is not installed; skipped"
fi
if command -v hugo >/dev/null; then
    site="$DATA/hugo-site"
    mkdir -p "$site/content" "$site/layouts"
    printf 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n' >"$site/config.toml"
    printf '<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n' >"$site/layouts/index.html"
    { printf -- '---\ntitle: 個人情報の利用目的\n---\n'; cat out/notice.md; } >"$site/content/_index.md"
    commands+=(--command-name "hugo one-page site from notice.md"
        --prepare "$(aside "$site/public")" "hugo --quiet --source $site")
    peers+=(hugo)
else
    echo "note: hugo is not installed; skipped"
fi
hyperfine --style basic --warmup "$warmup" "${runs[@]}" --export-json "$DATA/peers.json" "${commands[@]}" >/dev/null
ours=$(median "$DATA/peers.json" 0)
printf '  %-28s %8s ms\n' "mokuteki build" "$ours"
i=1
for peer in "${peers[@]}"; do
    theirs=$(median "$DATA/peers.json" "$i")
    ratio=$(python3 -c "print('%.1f' % ($theirs / $ours))")
    printf '  %-28s %8s ms   (mokuteki is %sx faster)\n' "$peer" "$theirs" "$ratio"
    i=$((i + 1))
done

# --- beside a writer --------------------------------------------------------------------------
# A scheduled build shares the disk with backups and logs. Its flushes must wait for what it
# wrote, not for other programs' unwritten data: the same build, quiet and while another
# process keeps rewriting a 2 GB file (up to 2 GB unwritten at any time).
echo
echo "== the default purposes.yaml, quiet and under write load (a writer keeping up to 2 GB unwritten) =="
load_cmd="$BIN build --source purposes.yaml --out $DATA/load-out"
hyperfine --style basic --warmup "$warmup" --runs 30 "${runs[@]}" --prepare "$(aside "$DATA/load-out")" \
    --export-json "$DATA/quiet.json" "$load_cmd" >/dev/null
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
hyperfine --style basic --warmup "$warmup" --runs 30 "${runs[@]}" --prepare "$(aside "$DATA/load-out")" \
    --export-json "$DATA/load.json" "$load_cmd" >/dev/null
kill "$writer"
wait "$writer" 2>/dev/null || true
rm -f "$DATA/load.bin"
# Prints "median_ms max_ms" of a hyperfine JSON export's first result.
median_max() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f ms (max %.1f ms)" % (r["median"]*1000, r["max"]*1000))' "$1"; }
printf '  %-12s %s\n' quiet "$(median_max "$DATA/quiet.json")" "under load" "$(median_max "$DATA/load.json")"
$(aside "$DATA/load-out")

# --- scale: a federation ------------------------------------------------------------------
echo
echo "== a federation: N sources, each into its own folder, on $(nproc) cores =="
printf '  %6s %10s %14s %12s\n' sources "median ms" "ms per source" "peak RSS MB"
for n in 1 10 100 1400; do
    cmd="$BIN build --source $DATA/federation-$n --out $DATA/federation-out"
    hyperfine --style basic --warmup "$warmup" "${runs[@]}" --prepare "$(aside "$DATA/federation-out")" \
        --export-json "$DATA/federation-$n.json" "$cmd" >/dev/null
    $(aside "$DATA/federation-out")
    ms=$(median "$DATA/federation-$n.json" 0)
    printf '  %6s %10s %14s %12s\n' "$n" "$ms" "$(python3 -c "print('%.2f' % ($ms / $n))")" "$(peak_mb $cmd)"
done
fresh_federation=$ms
# The scheduled case: the same 1,400 sources again, nothing changed (peak_mb built them).
hyperfine --style basic --warmup 1 "${runs[@]}" --export-json "$DATA/federation-rebuild.json" "$cmd" >/dev/null
unchanged_federation=$(median "$DATA/federation-rebuild.json" 0)
printf '  %6s %10s %14s   (rebuild, nothing changed)\n' 1400 "$unchanged_federation" \
    "$(python3 -c "print('%.2f' % ($unchanged_federation / 1400))")"
# One source of the 1,400 changed (its society's name), built once: only it is rendered and
# written. The summary line says how many sources were rendered and files written.
changed_source="$DATA/federation-1400/kumiai-0700.yaml"
cp "$changed_source" "$DATA/kumiai-0700.yaml.orig"
sed -i '0,/健康保険組合/s//健康保険組合（名称変更）/' "$changed_source"
start=$(date +%s%N)
changed_summary=$($cmd 2>&1 | tail -1)
changed_ms=$(python3 -c "print('%.1f' % (($(date +%s%N) - $start) / 1e6))")
mv "$DATA/kumiai-0700.yaml.orig" "$changed_source"
$(aside "$DATA/federation-out")

# --- incremental builds: nothing changed, or one source of many -------------------------------
echo
echo "== incremental builds (the manifest's fingerprint), beside the fresh build =="
fresh_single=$ours
single="$BIN build --source purposes.yaml --out $DATA/ours"
$single 2>/dev/null
hyperfine --style basic --warmup "$warmup" "${runs[@]}" --export-json "$DATA/incremental.json" \
    --command-name "mokuteki --version" "$BIN --version" \
    --command-name "unchanged build" "$single" >/dev/null
version_ms=$(median "$DATA/incremental.json" 0)
unchanged_single=$(median "$DATA/incremental.json" 1)
printf '  %-34s %10s %12s   %s\n' what "fresh ms" "again ms" "target"
printf '  %-34s %10s %12s   %s\n' "default source, nothing changed" "$fresh_single" "$unchanged_single" \
    "within 2x of mokuteki --version ($version_ms ms): $(python3 -c "print('%.2fx' % ($unchanged_single / $version_ms))")"
printf '  %-34s %10s %12s   %s\n' "1,400 sources, nothing changed" "$fresh_federation" "$unchanged_federation" \
    "under 100 ms on $(nproc) cores"
printf '  %-34s %10s %12s   %s\n' "1,400 sources, one changed" "$fresh_federation" "$changed_ms" \
    "only it rendered and written:"
printf '  %34s   %s\n' "" "$changed_summary"
$(aside "$DATA/ours")

# --- scale: one large source ---------------------------------------------------------------
echo
echo "== one source with N purpose items =="
printf '  %6s %10s %16s %12s\n' items "median ms" "µs per item" "peak RSS MB"
for n in 100 1000 10000; do
    cmd="$BIN build --source $DATA/items-$n/purposes.yaml --out $DATA/items-out"
    hyperfine --style basic --warmup "$warmup" "${runs[@]}" --prepare "$(aside "$DATA/items-out")" \
        --export-json "$DATA/items-$n.json" "$cmd" >/dev/null
    $(aside "$DATA/items-out")
    ms=$(median "$DATA/items-$n.json" 0)
    printf '  %6s %10s %16s %12s\n' "$n" "$ms" "$(python3 -c "print('%.1f' % ($ms * 1000 / $n))")" "$(peak_mb $cmd)"
done

# --- the tool's own cost ---------------------------------------------------------------------
echo
echo "== the tool itself =="
printf '  release binary: %s bytes (%.2f MB)\n' "$(stat -c %s "$BIN")" "$(python3 -c "print($(stat -c %s "$BIN") / 1048576)")"
if [ -z "$QUICK" ]; then
    clean=$(mktemp -d)
    start=$(date +%s.%N)
    CARGO_TARGET_DIR="$clean" cargo build --release --locked --quiet
    end=$(date +%s.%N)
    rm -rf "$clean"
    printf '  clean cargo build --release: %.1f s on %s cores\n' "$(python3 -c "print($end - $start)")" "$(nproc)"
fi
echo
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
