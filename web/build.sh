#!/usr/bin/env bash
# Builds the web app into dist/: a static site (index.html, JS glue, .wasm, icon) that any static
# file server can host. Needs the wasm32 target and wasm-bindgen-cli of the same version as the
# wasm-bindgen crate in Cargo.lock (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$want" ]]; then
  echo "installing wasm-bindgen-cli $want" >&2
  cargo install wasm-bindgen-cli --version "$want"
fi

cargo build --profile web --target wasm32-unknown-unknown --no-default-features --features gui \
  --bin photon-budget
rm -rf dist
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir dist --out-name photon-budget \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/web/photon-budget.wasm"
cp web/index.html dist/index.html
cp assets/icon.png dist/icon.png
ls -l dist
