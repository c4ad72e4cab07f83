#!/usr/bin/env bash
# Prints what the app costs to download: the wasm module, its JS glue and every JS module and
# stylesheet of the page and its worker, each compressed with `gzip -9 -n`, and the total in KB
# (1 KB = 1000 bytes). The same files as the size check in tests/e2e/singlefile.test.mjs:
# embed.js (loaded by pages that embed the app, not by the app) and sw.js (the offline cache's
# service worker) are listed but not counted, and so is the second wasm module (pkg/multi/),
# which the worker fetches only when several files are dropped: its size is printed after, as
# are the page's modules in later/ (the report, the host API), fetched only when needed.
#
#   tools/size.sh [site]    site defaults to www/ (run ./build.sh build first)
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-www}"
if [ ! -f "$site/pkg/tilfreds_web_bg.wasm" ]; then
  echo "$site/pkg/tilfreds_web_bg.wasm is missing: run ./build.sh build" >&2
  exit 1
fi

total_raw=0
total_gz=0
row() { printf '%9s %9s  %s\n' "$1" "$2" "$3"; }
row raw gzip-9 file
# The page's modules in subfolders too (every folder but pkg/, whose files are listed first).
for file in "$site"/pkg/*.wasm "$site"/pkg/*.js \
  $(find "$site" \( -path "$site/pkg" -o -path "$site/later" \) -prune -o -type f \( -name '*.js' -o -name '*.css' \) -print | LC_ALL=C sort); do
  [ -f "$file" ] || continue
  raw=$(wc -c < "$file")
  gz=$(gzip -9 -n -c "$file" | wc -c)
  case "$(basename "$file")" in
    embed.js | sw.js)
      row "$raw" "$gz" "$file (not counted)"
      continue
      ;;
  esac
  row "$raw" "$gz" "$file"
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
done
row "$total_raw" "$total_gz" "total"
awk -v b="$total_gz" 'BEGIN { printf "app: %.1f KB gzip -9\n", b / 1000 }'

# Files counted apart: `$1` labels each file in the list, `$2` labels their sum, the rest are the files.
apart() {
  local label="$1" sum_label="$2" total=0 file gz
  shift 2
  for file in "$@"; do
    [ -f "$file" ] || continue
    gz=$(gzip -9 -n -c "$file" | wc -c)
    row "$(wc -c < "$file")" "$gz" "$file ($label)"
    total=$((total + gz))
  done
  awk -v b="$total" -v what="$sum_label" 'BEGIN { printf "%s: %.1f KB gzip -9\n", what, b / 1000 }'
}
apart "second module" "second module (several files at once)" "$site"/pkg/multi/*.wasm "$site"/pkg/multi/*.js
# The page's modules fetched only when needed (later/: the report, the host API when framed,
# the English texts).
apart "when needed" "modules fetched when needed" "$site"/later/*.js
