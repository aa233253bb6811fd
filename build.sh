#!/usr/bin/env bash
# saddle's one entry point. Every command installs what it needs first.
#
#   ./build.sh serve   build the wasm and serve the playground at http://127.0.0.1:8000
#   ./build.sh test    native tests, clippy, the wasm build, the wasm fuzz suite and the real-browser tests
#   ./build.sh bench   the speed figures, natively and in headless Chromium
#   ./build.sh dist    a self-contained static site in dist/
#   ./build.sh wasm    only build the wasm (www/pkg, www/pkg-explorer, www/pkg-train)
set -euo pipefail
cd "$(dirname "$0")"

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
PORT=${PORT:-8000}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

ensure_wasm_target() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && return
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_wasm_bindgen() {
  if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$\| $WASM_BINDGEN_VERSION "; then return; fi
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return
  say "installing Debian's chromium for the browser tests"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
}

ensure_node_deps() {
  [ -f tests/browser/node_modules/playwright-core/package.json ] && [ -x tests/browser/node_modules/.bin/wasm-opt ] && [ -f tests/browser/node_modules/axe-core/axe.min.js ] && return
  say "installing playwright-core (no browser download), binaryen's wasm-opt and axe-core"
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
}

# One wasm per page, each with only its own surface (the cargo features of
# src/wasm/mod.rs): the playground (index.html) in www/pkg, the autodiff
# explorer (autodiff.html) in www/pkg-explorer, the training page (train.html
# and its worker) in www/pkg-train.
PAGES="playground:pkg explorer:pkg-explorer train:pkg-train"

build_page() {
  local feature=$1 out=www/$2
  say "building the $feature wasm into $out (profile wasm: release, lto, size-leaning)"
  # A growable function table lets the page add the functions it compiles
  # from typed expressions (src/wasm/jit.rs).
  cargo rustc --lib --profile wasm --target wasm32-unknown-unknown --crate-type cdylib \
    --no-default-features --features "$feature" -- -C link-arg=--growable-table
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --remove-name-section \
    --out-dir "$out" target/wasm32-unknown-unknown/wasm/saddle.wasm
  # npm's binaryen (a dev dependency of the browser tests; Debian's binaryen
  # corrupts wasm-bindgen output). The features are the ones rustc emits
  # (SIMD: the MLP kernels, src/learn/kernels.rs).
  tests/browser/node_modules/.bin/wasm-opt -Os --converge --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    "$out/saddle_bg.wasm" -o "$out/saddle_bg.wasm"
  local size gz
  size=$(stat -c %s "$out/saddle_bg.wasm")
  gz=$(gzip -9 -c "$out/saddle_bg.wasm" | wc -c)
  say "$out/saddle_bg.wasm: $((size / 1024)) KB, $((gz / 1024)) KB gzipped"
}

build_wasm() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_node_deps
  local page
  for page in $PAGES; do build_page "${page%%:*}" "${page#*:}"; done
}

serve() {
  build_wasm
  say "serving www/ at http://127.0.0.1:$PORT (Ctrl-C stops)"
  exec python3 - "$PORT" <<'PY'
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript"}
    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        # The same strict policy every page also carries in a <meta> tag.
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
                         "style-src 'self'; img-src 'self' data:; worker-src 'self'")
        super().end_headers()
port = int(sys.argv[1])
http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory="www")).serve_forever()
PY
}

native_tests() {
  say "cargo fmt --check"
  cargo fmt --all -- --check
  say "cargo clippy (native, and the wasm surface)"
  cargo clippy --all-targets -- -D warnings
  ensure_wasm_target
  cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
  say "cargo test"
  # A fixed seed keeps CI reproducible; plain `cargo test` explores new random cases.
  PROPTEST_RNG_SEED=${PROPTEST_RNG_SEED:-20261122} cargo test
}

fuzz_wasm() {
  say "fuzzing the wasm in node (seeded: links, expressions, JS API calls)"
  SADDLE_FUZZ_SEED=${SADDLE_FUZZ_SEED:-20261122} node tests/fuzz/wasm.mjs
}

make_dist() {
  say "writing dist/ (a static site with relative paths)"
  rm -rf dist && mkdir -p dist && cp -r www/. dist/
}

browser_tests() {
  ensure_chromium
  ensure_node_deps
  cargo build --bin saddle  # the scene tests compare the page with the command line
  say "browser tests in headless Chromium (screenshots in test-output/)"
  node tests/browser/run.mjs "$@"
}

case "${1:-}" in
  serve) serve ;;
  wasm) build_wasm ;;
  test)
    shift
    native_tests
    build_wasm
    fuzz_wasm
    make_dist
    browser_tests "$@"
    say "all tests passed"
    ;;
  bench)
    say "native benchmark"
    cargo bench
    build_wasm
    ensure_chromium
    ensure_node_deps
    cargo build --release --bin saddle  # the training page's figures compare with the command line
    say "browser benchmark"
    node tests/browser/bench.mjs
    ;;
  dist)
    build_wasm
    make_dist
    say "dist/ is a static site: copy it to any host, under any path"
    ;;
  *)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
