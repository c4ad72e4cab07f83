#!/usr/bin/env bash
# Tilfreds benchmark: Tilfreds against PapaParse, DuckDB-Wasm and a plain `csv`-crate wasm build
# in headless Chromium (bench/run.mjs), native stage timings (cargo example `stages`), and the
# real page streaming a file (bench/page.mjs). See bench/README.md.
#
#   bench/run.sh [--rows N] [--runs N]   default: 1,000,000 rows (~208 MB), 5 timed runs
#   bench/run.sh --smoke                 2,000 rows, 1 run, counts checked, no timing claims
#   ./build.sh bench [...]               the same
#
# Everything runs on 127.0.0.1 with /usr/bin/chromium; no browser is downloaded. Exit status is
# non-zero when a step fails or a contestant's counts do not match (never because of a time).
set -euo pipefail

cd "$(dirname "$0")/.."
REPO="$(pwd)"
BENCH="$REPO/bench"
export PATH="$HOME/.cargo/bin:$PATH"

ROWS=1000000
RUNS=5
SMOKE=0
PAGE=1
usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; echo "options: --rows N --runs N --smoke --no-page" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1; ROWS=2000; RUNS=1 ;;
    --rows) ROWS="${2:?--rows needs a number}"; shift ;;
    --runs) RUNS="${2:?--runs needs a number}"; shift ;;
    --no-page) PAGE=0 ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
  shift
done
[[ "$ROWS" =~ ^[1-9][0-9]*$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "--rows and --runs take positive integers" >&2; exit 2; }

log() { printf '\n==> %s\n' "$*" >&2; }
load() { printf 'load: %s (%s CPUs)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"; }

# ---- node packages (papaparse, @duckdb/duckdb-wasm, playwright-core, binaryen: root package.json)
if [ ! -d node_modules ] || [ ! -f node_modules/papaparse/package.json ] || [ ! -f node_modules/@duckdb/duckdb-wasm/package.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi

# ---- the app's wasm, copied for bench/adapter.mjs
if [ ! -f www/pkg/tilfreds_web_bg.wasm ] || [ ! -f www/pkg/tilfreds_web.js ]; then
  log "./build.sh build (www/pkg is missing)"
  ./build.sh build
fi
rm -rf bench/pkg
cp -R www/pkg bench/pkg

# ---- rustref: the csv-crate reference, its own workspace and target dir
RUSTREF="$BENCH/rustref"
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
want_wb="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$RUSTREF/Cargo.lock")"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wb" != "$want_wb" ]; then
  echo "rustref needs the wasm-bindgen CLI $want_wb (found: ${have_wb:-none}); run ./build.sh setup or cargo install wasm-bindgen-cli --version $want_wb" >&2
  exit 1
fi
log "cargo build --release (bench/rustref: wasm32 lib + native binary)"
CARGO_TARGET_DIR="$RUSTREF/target" cargo build --quiet --release --manifest-path "$RUSTREF/Cargo.toml" --lib --target wasm32-unknown-unknown
CARGO_TARGET_DIR="$RUSTREF/target" cargo build --quiet --release --manifest-path "$RUSTREF/Cargo.toml" --bin rustref
RS_WASM="$RUSTREF/target/wasm32-unknown-unknown/release/rustref.wasm"
RS_PKG="$BENCH/contestants/rust-csv/pkg"
if [ ! -f "$RS_PKG/rustref_bg.wasm" ] || [ "$RS_WASM" -nt "$RS_PKG/rustref_bg.wasm" ]; then
  rm -rf "$RS_PKG"
  wasm-bindgen --target web --out-dir "$RS_PKG" "$RS_WASM"
  # binaryen from npm (>= 116; Debian's wasm-opt 108 mistypes wasm-bindgen's externref table)
  WASM_OPT=""
  for c in node_modules/.bin/wasm-opt "$(command -v wasm-opt || true)"; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v="$("$c" --version 2>/dev/null | sed -n 's/^wasm-opt version \([0-9]*\).*/\1/p')"
    if [ -n "$v" ] && [ "$v" -ge 116 ]; then WASM_OPT="$c"; break; fi
  done
  if [ -n "$WASM_OPT" ]; then
    "$WASM_OPT" -O3 "$RS_PKG/rustref_bg.wasm" -o "$RS_PKG/rustref_bg.opt.wasm"
    mv "$RS_PKG/rustref_bg.opt.wasm" "$RS_PKG/rustref_bg.wasm"
    echo "rustref: wasm-opt -O3 ($("$WASM_OPT" --version))" >&2
  else
    echo "rustref: no wasm-opt >= 116 found, the reference wasm is not optimised" >&2
  fi
fi

# ---- input: deterministic, regenerated only when missing
if [ "$SMOKE" = 1 ]; then NAME="survey_smoke_${ROWS}"; else NAME="survey_${ROWS}"; fi
[ "$ROWS" = 1000000 ] && NAME=survey_1m
CSV="bench/data/$NAME.csv"
if [ ! -f "$CSV" ] || [ ! -f "bench/data/$NAME.expected.json" ]; then
  log "python3 bench/gen_survey.py --rows $ROWS --out $CSV"
  python3 bench/gen_survey.py --rows "$ROWS" --out "$CSV"
fi

status=0
mkdir -p bench/results

# ---- contestants in headless Chromium + native reference
log "contestants ($CSV)"
load
if [ "$SMOKE" = 1 ]; then
  node bench/run.mjs --csv "$CSV" --runs 1 --warmup 0 --no-timing --out "bench/results/$NAME.json" || status=$?
else
  node bench/run.mjs --csv "$CSV" --runs "$RUNS" --warmup 1 --out "bench/results/$NAME.json" || status=$?
fi
load

# ---- native stage timings of the engine
log "cargo run --release --example stages -- $CSV --by ydelse"
if [ "$SMOKE" = 1 ]; then
  cargo run --quiet --release --example stages -- "$CSV" --by ydelse --runs 1 || status=$?
  echo "(smoke: one run on a small file, no timing claims)"
else
  load
  cargo run --quiet --release --example stages -- "$CSV" --by ydelse || status=$?
fi

# ---- the real page: File -> worker stream -> charts
if [ "$PAGE" = 1 ]; then
  log "real page (bench/page.mjs, $CSV)"
  load
  if [ "$SMOKE" = 1 ]; then
    node bench/page.mjs --csv "$CSV" --runs 1 --smoke --out "bench/results/${NAME}_page.json" || status=$?
  else
    node bench/page.mjs --csv "$CSV" --runs 3 --out "bench/results/${NAME}_page.json" || status=$?
  fi
  load
fi

# ---- the real page with an Excel workbook: the first ROWS rows (at most 20,000) widened to 25
# columns (bench/gen_workbook.mjs), read whole by the second module; no cancel runs
if [ "$PAGE" = 1 ]; then
  BOOK_ROWS=$((ROWS < 20000 ? ROWS : 20000))
  BOOK="bench/data/${NAME}_book_${BOOK_ROWS}x25.xlsx"
  if [ ! -f "$BOOK" ]; then
    log "node bench/gen_workbook.mjs --csv $CSV --rows $BOOK_ROWS --out $BOOK"
    node bench/gen_workbook.mjs --csv "$CSV" --rows "$BOOK_ROWS" --columns 25 --out "$BOOK" || status=$?
  fi
  log "real page (bench/page.mjs, $BOOK)"
  load
  if [ "$SMOKE" = 1 ]; then
    node bench/page.mjs --csv "$BOOK" --runs 1 --cancel-runs 0 --smoke --out "bench/results/${NAME}_book_page.json" || status=$?
  else
    node bench/page.mjs --csv "$BOOK" --runs 3 --cancel-runs 0 --out "bench/results/${NAME}_book_page.json" || status=$?
  fi
  load
fi

if [ "$status" -ne 0 ]; then echo "bench: a step failed (exit $status); see above" >&2; fi
exit "$status"
