"""Shared fixtures: the CLI binary the numbers are compared with."""

import json
import os
import shutil
import subprocess

import pytest


@pytest.fixture(scope="session")
def cli():
    """Runs `photon-budget ARGS...` and returns its JSON output parsed.

    The binary is `$PHOTON_BUDGET_CLI` (CI builds it), else `photon-budget` on the PATH.
    """
    exe = os.environ.get("PHOTON_BUDGET_CLI") or shutil.which("photon-budget")
    if not exe:
        pytest.skip("set PHOTON_BUDGET_CLI to the photon-budget binary to compare with the CLI")

    def run(*args):
        out = subprocess.run([exe, *args], check=True, capture_output=True, text=True)
        return json.loads(out.stdout)

    return run
