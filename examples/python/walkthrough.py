# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Photon Budget from Python: a walkthrough
#
# The twin of `walkthrough.ipynb` (the same cells; a test keeps them equal). Run it as a script
# (`MPLBACKEND=Agg python examples/python/walkthrough.py`) or open the notebook. Set
# `WALKTHROUGH_OUT` to a folder to save the figures there.
#
# 1. load a preset and evaluate it,
# 2. sweep a waveguide length and plot margin and capacity,
# 3. run a Monte Carlo yield,
# 4. compare two designs.

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import photon_budget as pb

OUT = Path(os.environ["WALKTHROUGH_OUT"]) if os.environ.get("WALKTHROUGH_OUT") else None
print(pb.__version__, pb.presets())

# %% [markdown]
# ## 1. A preset
# `teraphy-8l`: in-package optical I/O, 8 wavelengths × 32 Gb/s NRZ. Units are in the names:
# `_db` dB, `_dbm` dBm, `_gbps` Gb/s, `_pj_per_bit` pJ/bit.

# %%
link = pb.Link.from_preset("teraphy-8l")
report = link.evaluate()
print(report)
print(f"margin {report.margin_db:.2f} dB, received {report.received_power_dbm:.2f} dBm, "
      f"max {report.max_bit_rate_gbps:.1f} Gb/s per lane, {report.energy_pj_per_bit:.3f} pJ/bit")
LENGTH = "elements[3].length_cm"
print(LENGTH, "=", link.get(LENGTH), "cm")

# %% [markdown]
# ## 2. Sweep the waveguide length
# One call evaluates every length (without the GIL, on every core); each point equals
# `link.set(LENGTH, x); link.evaluate()`.

# %%
lengths_cm = np.linspace(0.0, 12.0, 241)
s = pb.sweep(link, LENGTH, lengths_cm, outputs=["margin_db", "max_bit_rate_gbps"])
reach_cm = lengths_cm[s["margin_db"] >= 0.0].max()
print(f"margin ≥ 0 dB up to {reach_cm:.2f} cm")

fig, (ax_margin, ax_rate) = plt.subplots(2, 1, sharex=True, figsize=(7, 6))
ax_margin.plot(s["x"], s["margin_db"])
ax_margin.axhline(0.0, color="grey", lw=0.8)
ax_margin.set_ylabel("worst-channel margin (dB)")
ax_rate.plot(s["x"], s["max_bit_rate_gbps"], color="tab:orange")
ax_rate.set_ylabel("max bit rate (Gb/s per lane)")
ax_rate.set_xlabel("waveguide length (cm)")
fig.suptitle("teraphy-8l: margin and capacity vs waveguide length")
if OUT:
    fig.savefig(OUT / "margin_capacity.png", dpi=100)

# %% [markdown]
# ## 3. Monte Carlo yield
# The link's tolerances drawn 100 000 times (the same numbers as `photon-budget montecarlo
# --json` with this seed).

# %%
mc = pb.montecarlo(link, samples=100_000, seed=1, target=1.0)
print(f"yield (margin ≥ 0 dB): {100 * mc['yield_fraction']:.2f} %, "
      f"mean margin {mc['mean_margin_db']:.2f} dB ± {mc['std_margin_db']:.2f} dB")
print("largest swings:", [(b["parameter"]["label"], round(b["swing_db"], 3))
                          for b in pb.tornado(link)[:3]])

# %% [markdown]
# ## 4. Two designs
# The preset against a variant with 2 dBm more laser power and a waveguide of half the loss
# per cm: the headline numbers side by side, and the margin of each along the same lengths.

# %%
variant = link.copy()
variant.set("laser.power_dbm", link.get("laser.power_dbm") + 2.0)
LOSS = "elements[3].loss_db_per_cm"
variant.set(LOSS, link.get(LOSS) / 2.0)
designs = {"preset": link, "+2 dBm laser, ½ loss/cm": variant}

fig, ax = plt.subplots(figsize=(7, 4))
for label, design in designs.items():
    r = design.evaluate()
    print(f"{label:24s} margin {r.margin_db:6.2f} dB  max {r.max_bit_rate_gbps:6.1f} Gb/s  "
          f"{r.energy_pj_per_bit:.3f} pJ/bit")
    ax.plot(lengths_cm, pb.sweep(design, LENGTH, lengths_cm, outputs="margin_db")["margin_db"],
            label=label)
ax.axhline(0.0, color="grey", lw=0.8)
ax.set_xlabel("waveguide length (cm)")
ax.set_ylabel("margin (dB)")
ax.legend()
if OUT:
    fig.savefig(OUT / "two_designs.png", dpi=100)
