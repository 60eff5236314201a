"""The filled template, read with the line of every key, and its problems in the curator's words.

ruamel.yaml keeps the line and column of each key, so a problem is told as
`smith-2023.yaml:14: heterostructure 1, 'PLQY (%)': ...`: the file, the line, and the item and
key the curator wrote. Problems are collected, not raised one by one, so one run lists them all.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from perovskite_kg.errors import InputError, one_line
from perovskite_kg.project.paths import display


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where in the template, and what to do."""

    line: int
    where: str
    message: str


@dataclass
class Problems:
    """The problems found in one template, in the order of its lines."""

    path: Path
    found: list[Problem] = field(default_factory=list)

    def add(self, line: int, where: str, message: str) -> None:
        self.found.append(Problem(line, where, message))

    def lines(self) -> list[str]:
        shown = display(self.path)
        unique = dict.fromkeys(sorted(self.found, key=lambda p: p.line))
        return [f"{shown}:{p.line}: {p.where}: {p.message}" for p in unique]


class Entry:
    """One mapping of the template (the paper, a heterostructure, a test) and its keys' lines."""

    def __init__(self, data: CommentedMap, where: str, line: int, problems: Problems,
                 known: tuple[str, ...]) -> None:
        self.data, self.where, self.start, self.problems = data, where, line, problems
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.problem(key, f"unknown key{hint} (keys here: {', '.join(known)})")

    def line(self, key: str) -> int:
        """The 1-based line of `key`, else of the entry."""
        if key in self.data:
            return self.data.lc.key(key)[0] + 1
        return self.start

    def get(self, key: str) -> object | None:
        """The value of `key`; None when missing or left empty."""
        value = self.data.get(key)
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    def text(self, key: str) -> str | None:
        value = self.get(key)
        return None if value is None else str(value).strip()

    def words(self, key: str) -> list[str]:
        """A list value, or a comma-separated one ("Table 1, Fig. 2b"), as words."""
        value = self.get(key)
        if value is None:
            return []
        items = value if isinstance(value, list) else str(value).split(",")
        return [str(item).strip() for item in items if str(item).strip()]

    def required(self, key: str, what: str) -> object | None:
        value = self.get(key)
        if value is None:
            self.problem(key, f"missing: give {what}")
        return value

    def problem(self, key: str | None, message: str) -> None:
        where = f"{self.where}, {key!r}" if key else self.where
        self.problems.add(self.line(key) if key else self.start, where, message)

    def entries(self, key: str, noun: str, known: tuple[str, ...]) -> list["Entry"]:
        """The mappings listed under `key`, each named `noun N` in messages."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, CommentedSeq):
            self.problem(key, f"give a list: one '- ' item per {noun}")
            return []
        found = []
        for index, item in enumerate(value, start=1):
            line = value.lc.item(index - 1)[0] + 1
            if _blank(item):
                continue  # an item of the template left as it was written
            if isinstance(item, CommentedMap):
                found.append(Entry(item, f"{self.where_prefix()}{noun} {index}", line,
                                   self.problems, known))
            else:
                self.problems.add(line, f"{noun} {index}", "give keys and values (key: value)")
        return found

    def where_prefix(self) -> str:
        return "" if self.where in ("", "template") else f"{self.where}, "


def _blank(value: object) -> bool:
    """Nothing filled in: None, blanks, or containers holding only blanks."""
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    return value is None or (isinstance(value, str) and not value.strip())


def read(path: Path, known: tuple[str, ...]) -> Entry:
    """The template's top mapping; a file that is not YAML is an `InputError` (exit 2)."""
    shown = display(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise InputError("no such file", shown) from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the template: {one_line(err)}", shown) from err
    try:
        data = YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(f"not a YAML template: {one_line(err.problem or err)} (check the "
                         "indentation, and quote values holding ': ' or '#')",
                         shown, line, column) from err
    if not isinstance(data, CommentedMap):
        raise InputError("not a filled template: expected 'paper:' and 'heterostructures:' "
                         "(write one with perovskite-kg new-paper --doi ...)", shown)
    return Entry(data, "template", 1, Problems(Path(path)), known)
