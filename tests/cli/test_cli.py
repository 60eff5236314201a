"""The command line itself: help, version, usage errors, and the declared entry points."""

import importlib
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from support import REPO

SUBCOMMANDS = ["build", "validate", "reason", "query", "queries", "export", "info"]
EXIT_CODE_LINES = [
    "  0  success",
    "  1  the data does not conform, or a check failed",
    "  2  unusable input (a file that cannot be read or parsed) or a usage error",
]


def test_help_lists_every_subcommand_and_the_exit_codes(run_cli):
    done = run_cli("--help")
    assert done.returncode == 0
    for name in SUBCOMMANDS:
        assert f"\n    {name} " in done.stdout
    for line in EXIT_CODE_LINES:
        assert line in done.stdout.splitlines()


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help_with_the_exit_codes(run_cli, name):
    done = run_cli(name, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith(f"usage: perovskite-kg {name} ")
    assert EXIT_CODE_LINES[2] in done.stdout.splitlines()


def test_version_is_the_installed_one(run_cli):
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"perovskite-kg {version('perovskite-kg')}"


@pytest.mark.parametrize("args", [[], ["no-such-command"], ["info", "--no-such-option"]])
def test_usage_errors_exit_2(run_cli, args):
    done = run_cli(*args)
    assert done.returncode == 2
    assert "usage: perovskite-kg" in done.stderr
    assert "Traceback" not in done.stderr


def test_every_declared_entry_point_imports():
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts, "pyproject.toml declares no console script"
    for name, target in scripts.items():
        module, _, attribute = target.partition(":")
        assert callable(getattr(importlib.import_module(module), attribute)), name


@pytest.mark.parametrize("args", [["query", "--sparql", "'SELECT * WHERE { ?s ?p ?o }'"],
                                  ["export", "--format", "nt"]])
def test_a_reader_that_stops_early_is_not_an_error(args):
    """`perovskite-kg ... | head -1`: the closed pipe ends the command quietly with exit 0."""
    command = Path(sys.executable).parent / "perovskite-kg"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"'{command}' {' '.join(args)} | head -1"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
