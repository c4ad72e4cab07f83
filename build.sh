#!/usr/bin/env bash
# Builds, serves and tests Tilfreds.
#
#   ./build.sh setup   install what is missing: wasm32 target, wasm-bindgen CLI (the version in
#                      Cargo.lock), Debian chromium + chromium-driver, LibreOffice (writer and
#                      impress, no GUI) and poppler-utils, npm packages
#   ./build.sh build   compile the wasm modules into www/pkg and www/pkg/multi (www/ is then the
#                      complete site)
#   ./build.sh serve   setup + build, then serve www/ on http://127.0.0.1:8080
#   ./build.sh test    setup + fmt, clippy, native tests, wasm tests in headless Chromium,
#                      end-to-end tests
#   ./build.sh dist    setup + build, then copy the site to dist/ and write the single-file
#                      build dist/tilfreds.html (tools/singlefile.mjs); TILFREDS_HOSTS lists
#                      the host pages allowed to embed it (docs/EMBED.md)
#   ./build.sh bench   the benchmark against PapaParse and DuckDB-Wasm (bench/README.md)
#   ./build.sh firefox the main flow in Firefox ESR via geckodriver (installs both if missing)
#   ./build.sh lighthouse  Lighthouse scores of the served app (installs lighthouse if missing)
set -euo pipefail

cd "$(dirname "$0")"
ROOT="$(pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

WASM_TARGET=wasm32-unknown-unknown
PKG_DIR="$ROOT/www/pkg"
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

# A relative CARGO_TARGET_DIR means the repo root (where cargo runs from here); made absolute
# so the cargo run from crates/web (wasm tests) uses the same directory.
if [ -n "${CARGO_TARGET_DIR:-}" ] && [ "${CARGO_TARGET_DIR#/}" = "$CARGO_TARGET_DIR" ]; then
  export CARGO_TARGET_DIR="$ROOT/$CARGO_TARGET_DIR"
fi
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

log() { printf '\n==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen version the lock file resolved; the CLI must be exactly this version.
locked_wasm_bindgen_version() {
  if [ ! -f Cargo.lock ]; then
    cargo generate-lockfile >&2
  fi
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup() {
  if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
    log "rustup target add $WASM_TARGET"
    rustup target add "$WASM_TARGET"
  fi

  local want have
  want="$(locked_wasm_bindgen_version)"
  if [ -z "$want" ]; then
    echo "could not read the wasm-bindgen version from Cargo.lock" >&2
    exit 1
  fi
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
    log "cargo install wasm-bindgen-cli --version $want --locked (found: ${have:-none})"
    # The CLI's own lock file first; if the registry no longer holds a version it names (a
    # yanked crate), resolve its dependencies afresh rather than fail.
    cargo install wasm-bindgen-cli --version "$want" --locked --force ||
      cargo install wasm-bindgen-cli --version "$want" --force
  fi

  local packages=()
  [ -x "$CHROMIUM" ] || packages+=(chromium)
  [ -x "$CHROMEDRIVER" ] || packages+=(chromium-driver)
  # LibreOffice without its desktop parts and pdftotext: the tests convert the Word and
  # PowerPoint files to PDF and read their text back (tests/office.rs).
  command -v soffice >/dev/null || packages+=(libreoffice-writer-nogui libreoffice-impress-nogui)
  command -v pdftotext >/dev/null || packages+=(poppler-utils)
  if [ "${#packages[@]}" -gt 0 ]; then
    log "apt-get install ${packages[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
  fi

  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    log "npm ci"
    npm ci --no-audit --no-fund
    touch node_modules
  fi
}

# Minimum binaryen version: older wasm-opt (Debian bookworm ships 108) mistypes the externref
# table that wasm-bindgen emits and produces a module that fails to instantiate.
WASM_OPT_MIN=116

# Prints the path of a wasm-opt that runs and is recent enough (npm `binaryen` first, then the
# system one), or nothing.
find_wasm_opt() {
  local candidate version
  for candidate in "$ROOT/node_modules/.bin/wasm-opt" "$(command -v wasm-opt || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version="$("$candidate" --version 2>/dev/null | sed -n 's/^wasm-opt version \([0-9]*\).*/\1/p')"
    if [ -n "$version" ] && [ "$version" -ge "$WASM_OPT_MIN" ]; then
      echo "$candidate"
      return
    fi
  done
}

# Builds one wasm module of crates/web into $2 (glue, module, optimised): $1 are the cargo
# feature flags.
wasm_module() {
  local features="$1" out="$2"
  # LLVM's inliner threshold (default 225): the cold code (views, charts, exports) stops copying
  # helpers into every caller (about 9 KB less gzip at 75, 0.5 KB less again at 50); reading
  # and counting measured as fast (bench/run.sh).
  local inline_threshold=50
  log "cargo build --profile wasm -p tilfreds-web --target $WASM_TARGET $features"
  # shellcheck disable=SC2086 # the flags are words
  RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128 -C llvm-args=-inline-threshold=$inline_threshold" \
    cargo build --profile wasm -p tilfreds-web --target "$WASM_TARGET" $features

  log "wasm-bindgen --target web --out-dir ${out#"$ROOT"/}"
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "$TARGET_DIR/$WASM_TARGET/wasm/tilfreds_web.wasm"
  # The glue's doc comments (the Rust API docs, copied by wasm-bindgen) are not shipped.
  node -e '
    const fs = require("fs");
    const file = process.argv[1];
    const glue = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, glue.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, ""));
  ' "$out/tilfreds_web.js"

  local wasm="$out/tilfreds_web_bg.wasm" wasm_opt
  wasm_opt="$(find_wasm_opt)"
  if [ -n "$wasm_opt" ]; then
    log "wasm-opt -O3 ($("$wasm_opt" --version))"
    if "$wasm_opt" -O3 --strip-debug --strip-producers --strip-target-features \
      --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$wasm" -o "$wasm.opt"; then
      mv "$wasm.opt" "$wasm"
    else
      rm -f "$wasm.opt"
      echo "wasm-opt could not optimise this module; keeping the unoptimised one" >&2
    fi
  else
    echo "no wasm-opt >= $WASM_OPT_MIN found (run ./build.sh setup); skipping optimisation" >&2
  fi
}

build() {
  # Two modules: www/pkg reads and analyses one file (what every visit downloads); www/pkg/multi
  # is the same with several files at once (SurveyXact, combining, waves), which the worker
  # fetches only when several files are dropped.
  local multi
  multi="$(mktemp -d)"
  wasm_module "--features multi" "$multi"
  wasm_module "--no-default-features" "$PKG_DIR"
  mv "$multi" "$PKG_DIR/multi"
  chmod 755 "$PKG_DIR/multi"
  ls -l "$PKG_DIR" "$PKG_DIR/multi" >&2
}

serve() {
  setup
  build
  log "serving www/"
  # TILFREDS_HOSTS: the host pages allowed to embed the app (docs/EMBED.md); none by default.
  exec node tests/e2e/server.mjs --root www --port "${PORT:-8080}" --hosts "${TILFREDS_HOSTS:-}"
}

dist() {
  setup
  build
  log "dist/"
  rm -rf dist
  cp -R www dist
  # The host pages allowed to embed the app and use its API: TILFREDS_HOSTS="https://a https://b"
  # (docs/EMBED.md). The web server must send the same list as frame-ancestors.
  node tools/hosts.mjs dist/index.html "${TILFREDS_HOSTS:-}"
  log "dist/tilfreds.html (single file)"
  node tools/singlefile.mjs --site dist --out dist/tilfreds.html
  echo "dist/ is ready to copy to a web server; dist/tilfreds.html works on its own" >&2
}

GECKODRIVER_VERSION=0.37.1
LIGHTHOUSE_VERSION=12.8.2
LIGHTHOUSE_DIR="$HOME/.cache/tilfreds-tools/lighthouse-$LIGHTHOUSE_VERSION"

# Builds the site unless www/pkg is already there.
built_site() {
  setup
  [ -f "$PKG_DIR/tilfreds_web_bg.wasm" ] || build
}

firefox_flow() {
  built_site
  if [ ! -x /usr/bin/firefox-esr ]; then
    log "apt-get install firefox-esr"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends firefox-esr
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }')" != "$GECKODRIVER_VERSION" ]; then
    log "cargo install geckodriver --version $GECKODRIVER_VERSION"
    cargo install geckodriver --locked --version "$GECKODRIVER_VERSION"
  fi
  log "Firefox ESR"
  GECKODRIVER="$(command -v geckodriver)" node tests/e2e/firefox.mjs
}

lighthouse_scores() {
  built_site
  if [ ! -x "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" ]; then
    log "npm install lighthouse@$LIGHTHOUSE_VERSION (into $LIGHTHOUSE_DIR)"
    mkdir -p "$LIGHTHOUSE_DIR"
    npm install --no-audit --no-fund --prefix "$LIGHTHOUSE_DIR" "lighthouse@$LIGHTHOUSE_VERSION"
  fi
  log "Lighthouse"
  CHROME_PATH="$CHROMIUM" LIGHTHOUSE="$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" \
    node tests/e2e/lighthouse.mjs
}

wasm_tests() {
  log "wasm tests in headless Chromium"
  (
    cd crates/web
    CHROMEDRIVER="$CHROMEDRIVER" \
      WASM_BINDGEN_TEST_TIMEOUT=120 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
      cargo test -p tilfreds-web --target "$WASM_TARGET"
  )
}

test_all() {
  setup
  log "cargo fmt --check"
  cargo fmt --all -- --check
  log "cargo clippy"
  cargo clippy --workspace --all-targets -- -D warnings
  log "cargo clippy (wasm32)"
  cargo clippy -p tilfreds-web --target "$WASM_TARGET" --all-targets -- -D warnings
  cargo clippy -p tilfreds-web --target "$WASM_TARGET" --no-default-features -- -D warnings
  log "cargo test (native)"
  # LibreOffice was installed above: the Word and PowerPoint test must not skip itself.
  TILFREDS_REQUIRE_OFFICE=1 cargo test --workspace
  wasm_tests
  build
  e2e_tests
  log "benchmark smoke run (no timing claims)"
  bench/run.sh --smoke
}

# The main end-to-end suite, then every other `tests/e2e/*.test.mjs` script.
e2e_tests() {
  log "end-to-end tests"
  node --test tests/js/
  node tests/e2e/run.mjs
  local script
  for script in tests/e2e/*.test.mjs; do
    [ -e "$script" ] || continue
    log "end-to-end: $script"
    node "$script"
  done
}

case "${1:-}" in
  setup) setup ;;
  build) build ;;
  serve) serve ;;
  test) test_all ;;
  dist) dist ;;
  wasm-test) wasm_tests ;;
  e2e) e2e_tests ;;
  bench) shift; exec bench/run.sh "$@" ;;
  firefox) firefox_flow ;;
  lighthouse) lighthouse_scores ;;
  *)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
