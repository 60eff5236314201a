"""Every kind of unusable input gives one located line on stderr and exit code 2, no traceback.

Each file in data/bad-input/ is one case; its first line (where the format allows a comment)
names the case and the place of the fault. The expected locations below are read from the files.
"""

import shutil

import pytest
from support import DATA, MINI_PROJECT

BAD = DATA / "bad-input"

# file -> (line:column, or None when the fault has no single place; expected message text)
CASES = {
    "syntax-error.ttl": ("5:1", "syntax error: expected '.' or '}' or ']' at end of statement"),
    "undefined-prefix.ttl": ("4:37", "undefined prefix 'pkr:'"),
    "not-utf8.ttl": ("3:34", "not UTF-8: byte 0xE9 at byte offset {offset}"),
    "empty.ttl": (None, "file is empty"),
    "no-triples.ttl": (None, "file contains no triples"),
    "deep-nesting.ttl": (None, "nesting is too deep"),
    "remote-context.jsonld": ("2:15", "JSON-LD context 'https://schema.org/' refers to another"),
    "file-context.jsonld": ("4:5", "JSON-LD context 'file:///etc/hostname' refers to another"),
    "import-context.jsonld": ("2:27", "JSON-LD context 'context.jsonld' refers to another"),
    "invalid-json.jsonld": ("4:1", "invalid JSON"),
    "xml-entities.rdf": ("3:1", "XML DOCTYPE declarations are not allowed"),
    "xml-external-entity.owl": ("3:1", "XML ENTITY declarations are not allowed"),
    "xml-syntax-error.rdf": ("5:3", "XML syntax error: mismatched tag"),
    "unknown-type.csv": (None, "unknown file type '.csv'"),
}


def assert_one_error_line(done, location: str, message: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"perovskite-kg: {location}: "), lines[0]
    assert message in lines[0], lines[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_with_its_place(run_cli, name):
    place, message = CASES[name]
    shown = f"tests/data/bad-input/{name}"
    offset = (BAD / name).read_bytes().find(b"\xe9")
    message = message.replace("{offset}", str(offset))
    done = run_cli("--root", str(MINI_PROJECT), "info", shown)
    assert_one_error_line(done, f"{shown}:{place}" if place else shown, message)


def test_missing_file(run_cli):
    shown = "tests/data/bad-input/no-such-paper.ttl"
    done = run_cli("--root", str(MINI_PROJECT), "info", shown)
    assert_one_error_line(done, shown, "no such file")


def test_bad_file_inside_the_project_is_named_relative_to_where_the_user_is(run_cli, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(MINI_PROJECT, root)
    shutil.copy(BAD / "syntax-error.ttl", root / "graph" / "broken.ttl")
    done = run_cli("--root", ".", "info", cwd=root)
    assert_one_error_line(done, "graph/broken.ttl:5:1", "syntax error")


def test_debug_shows_the_traceback_and_the_same_message(run_cli):
    shown = "tests/data/bad-input/undefined-prefix.ttl"
    done = run_cli("--root", str(MINI_PROJECT), "--debug", "info", shown)
    assert done.returncode == 2
    assert "Traceback" in done.stderr
    assert done.stderr.splitlines()[-1].startswith(f"perovskite-kg: {shown}:4:37: undefined prefix")


def test_every_bad_input_file_has_a_case():
    files = {p.name for p in BAD.iterdir()}
    assert files, "data/bad-input/ is empty"
    assert files == set(CASES)
