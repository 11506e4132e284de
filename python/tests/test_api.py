"""The Python API: CLI-equal numbers, paths as for `--set`, errors naming the field."""

import copy
import math
import os

import numpy as np
import pytest

import photon_budget as pb

PRESET = "teraphy-8l"
LENGTH = "elements[3].length_cm"


def test_presets_and_every_preset_evaluates():
    names = pb.presets()
    assert names[0] == PRESET
    for name in names:
        report = pb.Link.from_preset(name).evaluate()
        assert math.isfinite(report.margin_db), name


def test_evaluate_equals_the_cli(cli):
    report = pb.Link.from_preset(PRESET).evaluate()
    expected = cli("eval", "--json", "--preset", PRESET)
    assert report.margin_db == expected["margin_db"]
    assert report.to_dict() == expected
    for key in ["received_power_dbm", "sensitivity_dbm", "max_bit_rate_gbps", "energy_pj_per_bit"]:
        assert getattr(report, key) == expected[key], key


def test_evaluate_with_set_equals_the_cli_set(cli, tmp_path):
    link = pb.Link.from_preset(PRESET)
    link.set(LENGTH, 2.5)
    path = tmp_path / "link.ron"
    pb.Link.from_preset(PRESET).save(path)
    expected = cli("eval", "--json", str(path), "--set", f"{LENGTH}=2.5")
    assert expected == cli("eval", "--json", "--preset", PRESET, "--set", f"{LENGTH}=2.5")
    assert link.evaluate().to_dict() == expected


def test_set_get_round_trip():
    link = pb.Link.from_preset(PRESET)
    before = link.copy()
    for path, value in [("laser.power_dbm", 3.25), (LENGTH, 0.1), ("elements[3].Waveguide.length_cm", 7.0)]:
        link.set(path, value)
        assert link.get(path) == value
    assert link.get(LENGTH) == 7.0
    assert link != before
    assert before.get(LENGTH) != 7.0
    assert copy.deepcopy(link) == link
    assert "laser.power_dbm" in link.paths()


@pytest.mark.parametrize(
    "path, value, words",
    [
        ("laser.powr_dbm", 3.0, ["laser.powr_dbm", "no such field", "power_dbm"]),
        ("elements[99].length_cm", 1.0, ["elements[99].length_cm", "index 99"]),
        ("laser.power_dbm", float("nan"), ["laser.power_dbm", "not a finite number"]),
        (LENGTH, -1.0, [LENGTH]),
        ("elements[3].bends", 2.5, ["elements[3].bends", "whole number"]),
    ],
)
def test_bad_input_raises_link_error_naming_the_field(path, value, words):
    link = pb.Link.from_preset(PRESET)
    before = link.copy()
    with pytest.raises(pb.LinkError) as info:
        link.set(path, value)
    assert isinstance(info.value, ValueError)
    for word in words:
        assert word in str(info.value)
    assert info.value.field == path
    assert link == before, "a rejected set leaves the link unchanged"


def test_get_of_an_unknown_path_names_it():
    with pytest.raises(pb.LinkError, match=r"laser\.nope: no such field"):
        pb.Link.from_preset(PRESET).get("laser.nope")


def test_unknown_preset_lists_the_presets():
    with pytest.raises(pb.LinkError, match=PRESET):
        pb.Link.from_preset("nope")


def test_malformed_ron_gives_line_and_column():
    text = pb.Link.from_preset(PRESET).to_ron()
    lines = text.splitlines()
    # Break the third line: a stray token where a field is expected.
    lines[2] = "    @@@ " + lines[2].lstrip()
    with pytest.raises(pb.LinkError, match=r"^mine\.ron:3:5: "):
        pb.Link.from_ron("\n".join(lines), "mine.ron")


def test_invalid_value_in_ron_names_the_field_and_its_line():
    text = pb.Link.from_preset(PRESET).to_ron().replace("length_cm: ", "length_cm: -", 1)
    with pytest.raises(pb.LinkError, match=r"<string>:\d+:\d+: elements\[\d+\]\.length_cm"):
        pb.Link.from_ron(text)


def test_save_is_atomic_and_reloads_equal(tmp_path):
    link = pb.Link.from_preset(PRESET)
    link.set(LENGTH, 4.0)
    path = tmp_path / "saved.ron"
    path.write_text("old contents")
    link.save(path)
    assert pb.Link.load(path) == link
    assert pb.Link.load(str(path)).to_ron() == link.to_ron() == path.read_text()
    assert pb.Link.from_ron(link.to_ron()) == link
    # Atomic: no temporary file is left beside it.
    assert sorted(os.listdir(tmp_path)) == ["saved.ron"]


def test_load_of_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        pb.Link.load(tmp_path / "missing.ron")


def test_sweep_endpoints_equal_single_evaluations():
    link = pb.Link.from_preset(PRESET)
    xs = np.linspace(0.0, 10.0, 101)
    result = pb.sweep(link, LENGTH, xs)
    assert set(result) == {"x", *pb.OUTPUTS}
    assert np.array_equal(result["x"], xs)
    for i in (0, 50, 100):
        at = link.copy()
        at.set(LENGTH, float(xs[i]))
        report = at.evaluate()
        for key in pb.OUTPUTS:
            assert result[key][i] == getattr(report, key) == report.to_dict()[key], key
    # Margin falls with length.
    assert np.all(np.diff(result["margin_db"]) < 0)


def test_sweep_margin_equals_the_cli_sweep(cli):
    expected = cli("sweep", "--preset", PRESET, "--param", LENGTH, "--from", "0", "--to", "10",
                   "--steps", "11", "--output", "json", "--outputs", "margin_db")
    xs = [p["x"] for p in expected["points"]]
    result = pb.sweep(pb.Link.from_preset(PRESET), LENGTH, xs, outputs=["margin_db"])
    assert list(result) == ["x", "margin_db"]
    assert result["margin_db"].tolist() == [p["values"][0] for p in expected["points"]]


def test_sweep_invalid_points_and_bad_arguments():
    link = pb.Link.from_preset(PRESET)
    result = pb.sweep(link, LENGTH, [-1.0, 1.0], outputs=["margin_db"])
    assert math.isnan(result["margin_db"][0]) and math.isfinite(result["margin_db"][1])
    with pytest.raises(pb.LinkError, match=r"values\[0\].*length_cm"):
        pb.sweep(link, LENGTH, [-1.0, 1.0], errors="raise")
    with pytest.raises(pb.LinkError, match="laser.nope"):
        pb.sweep(link, "laser.nope", [1.0])
    with pytest.raises(pb.LinkError, match="margin_db"):
        pb.sweep(link, LENGTH, [1.0], outputs=["margin"])
    assert pb.sweep(link, LENGTH, [])["margin_db"].shape == (0,)


def test_montecarlo_equals_the_cli(cli):
    link = pb.Link.from_preset(PRESET)
    summary = pb.montecarlo(link, samples=20_000, seed=7, target=1.0)
    expected = cli("montecarlo", "--preset", PRESET, "--samples", "20000", "--seed", "7",
                   "--target", "1", "--json")
    assert summary == expected
    assert summary["nominal_margin_db"] == link.evaluate().margin_db


def test_the_standards_budget_reads_as_the_cli_gives_it(cli):
    report = pb.Link.from_preset("400gbase-dr4-standard").evaluate()
    # Clause 124 at its corners: 1.2 dBm − 3.0 dB − (−1.9 dBm) = 0.1 dB.
    assert abs(report.standard["spec_margin_db"] - 0.1) < 1e-9
    assert report.standard["compliant"]
    lines = report.compliance
    assert all({"item", "limit", "value", "unit", "pass"} <= set(line) for line in lines)
    assert all(line["pass"] for line in lines)
    assert lines == report.to_dict()["compliance"]
    # A physics-only link has neither.
    physics = pb.Link.from_preset("400gbase-dr4").evaluate()
    assert physics.standard is None and physics.compliance == []
