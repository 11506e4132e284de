"""Sweeps into numpy arrays (1-D and grids), the tornado, pandas frames and pickling: numbers
equal to single evaluations and to the CLI."""

import math
import pickle
import sys

import numpy as np
import pytest

import photon_budget as pb

PRESET = "teraphy-8l"
LENGTH = "elements[3].length_cm"
RESPONSIVITY = "receiver.responsivity_a_per_w"


def evaluate_at(link, **fields):
    at = link.copy()
    for path, value in fields.items():
        at.set(path, float(value))
    return at.evaluate()


def assert_close(a, b, what):
    assert a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b)), f"{what}: {a} vs {b}"


@pytest.mark.parametrize("preset", pb.presets())
@pytest.mark.parametrize("outputs", [["margin_db"], ["margin_db", "received_power_dbm"], None])
def test_sweep_endpoints_and_middle_equal_single_evaluations(preset, outputs):
    link = pb.Link.from_preset(preset)
    path = next(p for p in link.paths() if p.endswith((".length_cm", ".length_m")))
    # Long enough to span several of the engine's 4096-point chunks on the margin-only path.
    n = 10_001 if outputs and len(outputs) <= 2 else 201
    xs = np.linspace(0.0, 3.0 * link.get(path) + 1.0, n)
    result = pb.sweep(link, path, xs, outputs=outputs)
    keys = outputs or pb.OUTPUTS
    assert list(result) == ["x", *keys]
    for i in (0, n // 2, n - 1):
        report = evaluate_at(link, **{path: xs[i]})
        for key in keys:
            assert_close(result[key][i], getattr(report, key), f"{preset} {path}={xs[i]} {key}")
    assert np.all(np.diff(result["margin_db"]) <= 0), "margin never rises with length"


def test_a_million_point_margin_sweep_equals_single_evaluations():
    # Correctness at the size the speed target is for (no timing here: see bench_sweep.py).
    link = pb.Link.from_preset(PRESET)
    xs = np.linspace(0.0, 10.0, 1_000_000)
    margin = pb.sweep(link, LENGTH, xs, outputs="margin_db")["margin_db"]
    assert margin.shape == (1_000_000,) and margin.dtype == np.float64
    for i in (0, 4095, 4096, 500_000, 999_999):
        assert_close(margin[i], evaluate_at(link, **{LENGTH: xs[i]}).margin_db, f"point {i}")


def test_sweep_bad_input_names_the_field():
    link = pb.Link.from_preset(PRESET)
    r = pb.sweep(link, LENGTH, [1.0, float("nan"), 2.0], outputs=["margin_db", "ber"])
    assert math.isnan(r["margin_db"][1]) and math.isnan(r["ber"][1])
    assert r["margin_db"][2] == evaluate_at(link, **{LENGTH: 2.0}).margin_db
    with pytest.raises(pb.LinkError, match=r"values\[1\] = nan: elements\[3\]\.length_cm: .*finite") as e:
        pb.sweep(link, LENGTH, [1.0, float("nan"), -1.0], errors="raise")
    assert e.value.field == LENGTH and "1 more invalid" in str(e.value)
    with pytest.raises(pb.LinkError, match=r"elements\[3\]\.bends") as e:
        pb.sweep(link, "elements[3].bends", [2.5], errors="raise")
    assert e.value.field == "elements[3].bends"
    for bad in ([[1.0, 2.0], [3.0, 4.0]], ["a", "b"], 3.0):
        with pytest.raises(pb.LinkError, match="^values: ") as e:
            pb.sweep(link, LENGTH, bad)
        assert e.value.field == "values"
    with pytest.raises(pb.LinkError, match=r"laser\.nope") as e:
        pb.sweep(link, "laser.nope", [1.0])
    assert e.value.field == "laser.nope"
    with pytest.raises(ValueError, match="errors must be"):
        pb.sweep(link, LENGTH, [1.0], errors="ignore")


def test_sweep2d_equals_single_evaluations_and_the_cli(cli):
    link = pb.Link.from_preset(PRESET)
    for output in ["margin_db", "max_bit_rate_gbps"]:
        expected = cli("sweep", "--preset", PRESET, "--param", LENGTH, "--from", "0", "--to", "4",
                       "--steps", "9", "--param2", RESPONSIVITY, "--from2", "0", "--to2", "1",
                       "--steps2", "5", "--output", "json", "--outputs", output)
        r = pb.sweep2d(link, LENGTH, expected["xs"], RESPONSIVITY, expected["ys"], outputs=[output])
        assert r[output].shape == (5, 9)
        assert r["x"].tolist() == expected["xs"] and r["y"].tolist() == expected["ys"]
        got = [None if math.isnan(v) else v for v in r[output].ravel().tolist()]
        assert got == expected["values"], output
    # Responsivity 0 (the first row) is invalid; the rest equal single evaluations.
    r = pb.sweep2d(link, LENGTH, [0.0, 2.0, 4.0], RESPONSIVITY, [0.0, 0.5, 1.0])
    assert np.isnan(r["margin_db"][0]).all()
    for j, y in enumerate([0.5, 1.0], start=1):
        for i, x in enumerate([0.0, 2.0, 4.0]):
            report = evaluate_at(link, **{LENGTH: x, RESPONSIVITY: y})
            for key in pb.OUTPUTS:
                assert_close(r[key][j, i], getattr(report, key), f"({x}, {y}) {key}")
    with pytest.raises(pb.LinkError, match=r"xs\[0\] = 0\.0, ys\[0\] = 0\.0: receiver") as e:
        pb.sweep2d(link, LENGTH, [0.0], RESPONSIVITY, [0.0], errors="raise")
    assert e.value.field == RESPONSIVITY


def test_sweep2d_bad_input_names_the_field():
    link = pb.Link.from_preset(PRESET)
    with pytest.raises(pb.LinkError, match="^ys: ") as e:
        pb.sweep2d(link, LENGTH, [1.0], RESPONSIVITY, [[1.0]])
    assert e.value.field == "ys"
    with pytest.raises(pb.LinkError, match=r"receiver\.nope") as e:
        pb.sweep2d(link, LENGTH, [1.0], "receiver.nope", [1.0])
    assert e.value.field == "receiver.nope"
    with pytest.raises(pb.LinkError, match="more than 4000000 points"):
        pb.sweep2d(link, LENGTH, np.zeros(2001), RESPONSIVITY, np.ones(2000), outputs="margin_db")
    assert pb.sweep2d(link, LENGTH, [], RESPONSIVITY, [1.0])["margin_db"].shape == (1, 0)


def test_tornado_equals_the_cli(cli):
    for preset in ["teraphy-8l", "cpo-51t2-pam4"]:
        link = pb.Link.from_preset(preset)
        expected = cli("tornado", "--preset", preset, "--json")
        bars = pb.tornado(link)
        assert bars == expected["bars"] and len(bars) > 0
        assert expected["nominal_margin_db"] == link.evaluate().margin_db
        swings = [b["swing_db"] for b in bars]
        assert swings == sorted(swings, reverse=True)


def test_frames():
    pd = pytest.importorskip("pandas")
    link = pb.Link.from_preset(PRESET)
    xs = np.linspace(0.0, 5.0, 11)
    df = pb.sweep(link, LENGTH, xs, outputs=["margin_db", "ber"], as_frame=True)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["x", "margin_db", "ber"] and len(df) == 11
    plain = pb.sweep(link, LENGTH, xs, outputs=["margin_db", "ber"])
    for key in plain:
        assert df[key].tolist() == plain[key].tolist()
    long = pb.sweep2d(link, LENGTH, [0.0, 1.0, 2.0], RESPONSIVITY, [0.5, 1.0], outputs="margin_db",
                      as_frame=True)
    assert list(long.columns) == ["x", "y", "margin_db"] and len(long) == 6
    assert long.attrs == {"path_x": LENGTH, "path_y": RESPONSIVITY}
    for row in long.itertuples():
        expected = evaluate_at(link, **{LENGTH: row.x, RESPONSIVITY: row.y}).margin_db
        assert row.margin_db == expected


def test_frames_without_pandas_say_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    link = pb.Link.from_preset(PRESET)
    with pytest.raises(ImportError, match="pip install pandas"):
        pb.sweep(link, LENGTH, [1.0], as_frame=True)
    with pytest.raises(ImportError, match="pip install pandas"):
        pb.sweep2d(link, LENGTH, [1.0], RESPONSIVITY, [1.0], as_frame=True)
    assert set(pb.sweep(link, LENGTH, [1.0])) == {"x", *pb.OUTPUTS}


def test_links_pickle():
    link = pb.Link.from_preset(PRESET)
    link.set(LENGTH, 3.125)
    back = pickle.loads(pickle.dumps(link))
    assert back == link and back.evaluate().to_dict() == link.evaluate().to_dict()
