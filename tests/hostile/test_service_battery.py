"""Issue 11 #1: a generated battery of SERVICE obfuscations, each run through the installed
command; a loopback listener, which any SERVICE call would reach, must hear nothing, and every
query must be refused (exit 2) before it runs.

The cases are generated from one SERVICE clause by the spellings that make two SPARQL readers
disagree: code-point escapes of any letter (\\u and \\U, upper and lower hex), a preceding string
ending in \\u005C (an escaped backslash in one reading, an escaped quote in the other), comments
and strings around the keyword, every case, and nesting in each kind of group.
"""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, hostile, netguard

from perovskite_kg.errors import InputError
from perovskite_kg.query import guard, stored

KEYWORDS = ["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "SERVIC\\u0045", "\\U00000053ervice",
            "\\u0073\\u0065\\u0072\\u0076\\u0069\\u0063\\u0065", "\\u005cu0053ERVICE"]
PREFIXES = ["", 'BIND("\\u005C" AS ?x) ', "BIND('\\u005C' AS ?x) ", 'BIND("""a\\u005C""" AS ?x) ',
            "# comment \\u000A ", 'BIND("#" AS ?x) ']
NESTINGS = ["BODY", "{ SELECT * WHERE { BODY } }", "FILTER EXISTS { BODY }", "OPTIONAL { BODY }",
            "GRAPH ?g { BODY }", "?s ?p ?o MINUS { BODY }"]
SPACES = [" ", "\t", "\n", " \\u0020 "]


def _cases() -> list[str]:
    texts = []
    for keyword, prefix, nesting, space in itertools.product(KEYWORDS, PREFIXES, NESTINGS, SPACES):
        body = f"{prefix}{keyword}{space}SILENT <URL> {{ ?s ?p ?o }}"
        texts.append("SELECT * WHERE { " + nesting.replace("BODY", body) + " }")
    return texts


CASES = _cases()
THROUGH_THE_COMMAND = CASES[::47]
"""Every case goes through the guard in-process; this spread of them through the command too."""


def test_the_guard_refuses_every_case():
    wrong = []
    for text in CASES:
        query = stored.parse(text.replace("URL", "http://127.0.0.1:9/sparql"))
        try:
            guard.prepare(query)
        except InputError as err:
            if "SERVICE is not allowed" not in str(err):
                wrong.append((text, str(err)))
        else:
            wrong.append((text, "accepted"))
    print(f"SERVICE battery: {len(CASES)} bad inputs tried, {len(CASES) - len(wrong)} "
          "handled right")
    assert len(CASES) > 1000 and wrong == []


@pytest.mark.slow
def test_no_obfuscated_service_reaches_the_network(allow_address, tmp_path):
    """A spread of the cases, each one command; one test, so the listener is shared."""
    command = Path(sys.executable).parent / "perovskite-kg"
    with hostile.listener() as ((host, port), reached):
        allow_address(host, port)
        environment = os.environ | netguard.allow_env()
        wrong = []
        for number, text in enumerate(THROUGH_THE_COMMAND):
            query = tmp_path / f"case-{number}.rq"
            query.write_text(text.replace("URL", f"http://{host}:{port}/sparql"), encoding="utf-8")
            done = subprocess.run([str(command), "query", str(query), "--timeout", "20"],
                                  cwd=REPO, env=environment, capture_output=True, text=True,
                                  timeout=hostile.SECONDS, preexec_fn=hostile.limit_memory)
            if done.returncode != 2 or len(done.stderr.strip().splitlines()) != 1:
                wrong.append((query.read_text(), done.returncode, done.stderr))
    print(f"through the command: {len(THROUGH_THE_COMMAND)} tried, "
          f"{len(THROUGH_THE_COMMAND) - len(wrong)} handled right")
    assert reached == [], "a query reached the loopback listener"
    assert wrong == []
