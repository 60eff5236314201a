"""`perovskite-kg query NAME` with the store made reads the graph through pyoxigraph alone: no
rdflib (the guard's verdict is kept, the labels and allowed values come from the store) and no
pySHACL. Checked on the real command, its imports listed by Python itself (-X importtime)."""

import pytest

SLOW_LIBRARIES = ("rdflib", "pyshacl", "owlrl", "reasonable", "pyparsing")
SLOW_STANDARD_MODULES = {"dataclasses", "inspect", "typing", "tempfile"}
"""Standard-library modules `query` does without: together a third of its start-up (issue 17)."""


@pytest.mark.parametrize("arguments, rows", [
    (("plqy-ranking",), 8),  # README: the eight PLQY values of Table 1's coated NCs
    (("stability-under-stressor", "--param", "stressor=heating"), 5),  # README: heating rows
])
def test_a_stored_query_imports_neither_rdflib_nor_pyshacl(run_cli, arguments, rows):
    first = run_cli("query", *arguments)  # makes the store and keeps the verdict, if not yet
    assert first.returncode == 0, first.stderr
    done = run_cli("query", *arguments, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "pyoxigraph" in imported  # the listing works (and the command's child is in it)
    assert sorted(m for m in imported if m.split(".")[0] in SLOW_LIBRARIES) == []
    assert sorted(SLOW_STANDARD_MODULES & imported) == []
    assert done.stdout == first.stdout
    assert done.stdout.rstrip().endswith(f"({rows} rows)")
