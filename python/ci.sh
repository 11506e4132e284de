#!/usr/bin/env bash
# CI for the Python package: build the abi3 wheel with maturin, install it in a fresh virtual
# environment, and run pytest, comparing numbers with the CLI built from the same tree.
set -euo pipefail
cd "$(dirname "$0")/.."

# The binding crate's own lints (the root's clippy step covers the root package only).
cargo clippy -q -p photon-budget-py -- -D warnings

venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
# As if activated: the build backend calls `maturin` by name.
export PATH="$venv/bin:$PATH"
"$venv/bin/pip" install -q maturin pytest numpy
# maturin is the PEP 517 backend: this is the README's `pip install ./python`.
"$venv/bin/pip" install -q --no-build-isolation ./python
# The CLI the tests compare with (engine without the GUI, release, like the wheel).
cargo build -q --release --no-default-features --features parallel --bin photon-budget
target="$(cargo metadata -q --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
# From another folder, so `import photon_budget` is the installed package.
cd python/tests
PHOTON_BUDGET_CLI="$target/release/photon-budget" "$venv/bin/python" -m pytest -q -p no:cacheprovider
