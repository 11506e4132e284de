#!/usr/bin/env bash
# CI for the Python package: build the abi3 wheel with maturin, install it in a fresh virtual
# environment, run pytest (comparing numbers with the CLI built from the same tree), then run the
# examples: the walkthrough's `.py` twin and, where nbclient installs, the notebook itself.
set -euo pipefail
cd "$(dirname "$0")/.."

# The binding crate's own lints (the root's clippy step covers the root package only).
cargo clippy -q -p photon-budget-py -- -D warnings

venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
# As if activated: the build backend calls `maturin` by name.
export PATH="$venv/bin:$PATH"
# pandas (as_frame=True), Dask (examples/python/dask_sweep.py), matplotlib (the walkthrough).
"$venv/bin/pip" install -q maturin pytest numpy pandas "dask[distributed]" matplotlib
# maturin is the PEP 517 backend: this is the README's `pip install ./python`.
"$venv/bin/pip" install -q --no-build-isolation ./python
# The CLI the tests compare with (engine without the GUI, release, like the wheel).
cargo build -q --release --no-default-features --features parallel --bin photon-budget
target="$(cargo metadata -q --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
root="$PWD"
# From another folder, so `import photon_budget` is the installed package.
(cd python/tests &&
  PHOTON_BUDGET_CLI="$target/release/photon-budget" "$venv/bin/python" -m pytest -q -p no:cacheprovider)

echo "== examples/python/yield_numpy.py (the numpy Monte Carlo agrees with the engine)"
PHOTON_BUDGET_CLI="$target/release/photon-budget" "$venv/bin/python" examples/python/yield_numpy.py --chips 20000

echo "== examples/python/walkthrough.py (the notebook's twin)"
out="$(dirname "$venv")/walkthrough"
mkdir -p "$out"
(cd "$out" && MPLBACKEND=Agg WALKTHROUGH_OUT="$out" "$venv/bin/python" "$root/examples/python/walkthrough.py")
for png in margin_capacity.png two_designs.png; do
  test -s "$out/$png" || { echo "walkthrough.py wrote no $png" >&2; exit 1; }
done

echo "== examples/python/walkthrough.ipynb (nbclient)"
if "$venv/bin/pip" install -q nbclient nbformat ipykernel; then
  (cd "$out" && MPLBACKEND=Agg "$venv/bin/python" - "$root/examples/python/walkthrough.ipynb" <<'PY'
import sys

import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=600, kernel_name="python3").execute()
errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
assert not errors, errors
print(f"executed {sum(c.cell_type == 'code' for c in notebook.cells)} code cells")
PY
  )
else
  echo "nbclient/ipykernel did not install; the notebook's twin ran above"
fi
