"""The examples in examples/python: the Dask scale-out gives the numbers of direct evaluation,
and the walkthrough notebook and its `.py` twin hold the same code."""

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest

import photon_budget as pb

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"


def load(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dask_sweep_on_a_local_cluster_equals_direct_evaluation():
    distributed = pytest.importorskip("dask.distributed")
    dask_sweep = load("dask_sweep")
    presets = ["teraphy-8l", "400gbase-dr4", "textbook-keiser-lan"]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        results = dask_sweep.run(client, presets=presets, points=1_001, batch=250)
        # The script's own entry point, given the scheduler's address as for a real cluster.
        via_main = dask_sweep.main([cluster.scheduler_address, "--points", "101", "--batch", "40"])
    assert list(results) == presets
    assert set(via_main) == set(pb.presets())
    for name in presets:
        link = pb.Link.from_preset(name)
        r = results[name]
        path = r["path"]
        assert path.endswith((".length_cm", ".length_m"))
        assert len(r["x"]) == 1_001 and r["x"][0] == 0.0
        direct = pb.sweep(link, path, r["x"], outputs=dask_sweep.OUTPUTS)
        for key in dask_sweep.OUTPUTS:
            assert np.array_equal(r[key], direct[key]), (name, key)
        for i in (0, 500, 1_000):
            at = link.copy()
            at.set(path, float(r["x"][i]))
            report = at.evaluate()
            for key in dask_sweep.OUTPUTS:
                assert r[key][i] == getattr(report, key), (name, i, key)
        small = via_main[name]
        assert np.array_equal(small["margin_db"], pb.sweep(link, path, small["x"])["margin_db"])


def py_cells(text):
    """The cells of a jupytext percent-format script: (kind, source) per `# %%` marker."""
    cells = []
    for chunk in re.split(r"^# %%", text, flags=re.M)[1:]:
        header, _, body = chunk.partition("\n")
        kind = "markdown" if "[markdown]" in header else "code"
        if kind == "markdown":
            body = "\n".join(re.sub(r"^# ?", "", line) for line in body.splitlines())
        cells.append((kind, body.strip()))
    return cells


def test_the_notebook_and_its_twin_have_the_same_cells():
    notebook = json.loads((EXAMPLES / "walkthrough.ipynb").read_text())
    in_notebook = [
        (c["cell_type"], "".join(c["source"]).strip()) for c in notebook["cells"]
    ]
    in_script = py_cells((EXAMPLES / "walkthrough.py").read_text())
    code = [c for c in in_script if c[0] == "code"]
    assert len(code) >= 5
    assert [c for c in in_notebook if c[0] == "code"] == code
    assert in_notebook == in_script
    # Every step the walkthrough promises is there.
    text = "\n".join(source for _, source in code)
    for call in ["Link.from_preset", "pb.sweep(", "max_bit_rate_gbps", "pb.montecarlo(", "plt."]:
        assert call in text, call
