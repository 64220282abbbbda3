#!/usr/bin/env bash
# Tests the generated HTML pages in a real browser (headless Chromium from Debian, axe-core
# from npm): layout at 1280 px and 360 px, visibility of every source item, A4 print, accessibility;
# checks their markup with the Nu HTML Checker (vnu.jar from npm, on Debian's Java): no error;
# and the live preview (`mokuteki serve`): a page reloads by itself after a save.
# Installs what is missing (Debian packages, then the npm packages pinned by package-lock.json),
# builds the default source and each fixture under tests/fixtures/render/, and runs the checks;
# then writes the documents of each revision under tests/fixtures/compare/ and checks them.
# Screenshots and PDFs are left in target/browser/<case>/browser/ for a person to look at.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
# The Nu HTML Checker runs on Java.
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# A Japanese font, without which the pages print as empty boxes.
fc-list :lang=ja 2>/dev/null | grep -q . || need+=(fonts-ipafont-gothic)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-ipafont-gothic >/dev/null
fi

(
  cd tests/browser
  if ! npm ls --depth=0 >/dev/null 2>&1; then
    # No install scripts: vnu-jar's would fetch a Java runtime of its own; the checker runs on
    # the Java installed above.
    npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
  fi
)

cargo build --locked --quiet
work=target/browser
rm -rf "$work"
cases=()
add_case() { # name source-dir
  local dir="$work/$1"
  mkdir -p "$dir"
  cp "$2/purposes.yaml" "$dir/"
  local templates=()
  [ -d "$2/templates" ] && templates=(--templates "$2/templates")
  ./target/debug/mokuteki build --source "$dir/purposes.yaml" "${templates[@]}" --out "$dir/out" >/dev/null
  cases+=("$dir")
}
add_case default .
for fixture in tests/fixtures/render/*/; do
  add_case "fixture-$(basename "$fixture")" "${fixture%/}"
done

status=0
node tests/browser/pages.test.mjs "${cases[@]}" || status=$?

# The documents of `mokuteki compare` (新旧対照表 on A4 landscape, notice of change), from
# each pair of versions under tests/fixtures/compare/ that makes them.
revisions=()
for fixture in tests/fixtures/compare/*/; do
  [ -d "$fixture/expected" ] || continue
  dir="$work/compare-$(basename "$fixture")"
  mkdir -p "$dir"
  ./target/debug/mokuteki compare "$fixture/old.yaml" "$fixture/new.yaml" --out "$dir/revision" 2>/dev/null
  revisions+=("$dir")
done
node tests/browser/compare.test.mjs "${revisions[@]}" || status=$?

# Every page above, and each fragment pasted into a host page, has no Nu HTML Checker error.
pages=()
for dir in "${cases[@]}"; do pages+=("$dir/out"); done
for dir in "${revisions[@]}"; do pages+=("$dir/revision"); done
node tests/browser/vnu.test.mjs "${pages[@]}" || status=$?

# The live preview: a page reloads by itself after a save.
node tests/browser/serve.test.mjs target/debug/mokuteki "$work/serve" || status=$?
exit "$status"
