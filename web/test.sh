#!/usr/bin/env bash
# The web app's browser test: build dist/, then drive it in headless Chromium. Installs Debian's
# chromium and playwright-core (npm, no browser download) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  echo "installing chromium" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
fi
if [[ ! -d web/node_modules/playwright-core ]]; then
  (cd web && npm install --no-audit --no-fund --silent)
fi

bash web/build.sh
echo "wasm size: $(stat -c %s dist/photon-budget_bg.wasm) bytes"

# (WEB_TEST_PICKER=1 xvfb-run -a bash web/test.sh also tries File → Open in a headed browser.)
# A link with a recognisable name, encoded by the CLI (the same code as the app's Share link).
cargo build --quiet --bin photon-budget
fragment=$("${CARGO_TARGET_DIR:-target}/debug/photon-budget" share --preset textbook-keiser-lan | sed 's/^#//')
# The desktop's Monte Carlo of the default link (100 000 samples, seed 1), to compare with the page.
"${CARGO_TARGET_DIR:-target}/debug/photon-budget" montecarlo --samples 100000 --seed 1 --json > dist-montecarlo.json
node web/browser-test.mjs "$PWD/dist" "$fragment" "Textbook LAN link" \
  "$PWD/dist-montecarlo.json" "$PWD/presets/cpo-51t2-pam4.ron" "$PWD/presets/400gbase-dr4.ron"
