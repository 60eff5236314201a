"""Shared test helpers (not fixtures: those are in conftest.py): where the test data are, the
network guard, and small readers of command output. Test modules import this, never each other."""

import importlib.util
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
DATA = TESTS / "data"
MINI_PROJECT = DATA / "mini-project"


def _load_netguard():
    path = TESTS / "netguard" / "sitecustomize.py"
    spec = importlib.util.spec_from_file_location("netguard", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


netguard = _load_netguard()
"""The guard that records (and blocks) network access outside a test's own listeners."""


def info_counts(stdout: str) -> dict[str, int]:
    """`perovskite-kg info` output as {label: number}, one entry per `label  number` line."""
    rows = (re.fullmatch(r"\s*(.+?)\s{2,}(\d+)", line) for line in stdout.splitlines())
    return {row.group(1): int(row.group(2)) for row in rows if row}
