"""Where a node is written: the file and line that start its description, found in the text.

rdflib keeps no line numbers, so each Turtle file is scanned once for the lines that begin a
subject (`pkr:hs-... a pk:Heterostructure ;`, or the name alone on its line), with the file's own
prefixes. A blank node, and a fact `load` named from its owner (`project/names.py`), have no
name written to look for: each is placed at the first line after its owner's that names the
property pointing to it (`pk:plPeak [ ...`), the owner being the nearest subject written above it. Other formats (JSON-LD, RDF/XML) get the first line writing the IRI, in full or
with a project prefix.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from rdflib import BNode, URIRef
from rdflib.term import Node

from perovskite_kg import namespaces
from perovskite_kg.project import names
from perovskite_kg.project.load import LoadedFile

TURTLE_SUFFIXES = (".ttl", ".nt")

_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>",
                     re.IGNORECASE | re.MULTILINE)
_BASE = re.compile(r"^\s*(?:@base|BASE)\s+<([^>]*)>", re.IGNORECASE | re.MULTILINE)
# A term at the start of a line, then either the end of the line or another term (a predicate):
# an object in a list (`    pkr:test-a ,`) is followed by punctuation instead.
_SUBJECT = re.compile(
    r"^([ \t]*)(<[^>\s]*>|[\w.-]*:(?:[^\s,;()\[\]\\]|\\.)*)(?:[ \t]*$|[ \t]+[^\s,;.\])])"
)


@dataclass(frozen=True)
class Location:
    path: Path
    line: int


class SourceMap:
    """Locations and readable names (with the project and shapes prefixes) of the nodes of files."""

    def __init__(self, files: Iterable[LoadedFile]) -> None:
        self._files = list(files)
        self._texts = {f.path: _read(f.path) for f in self._files}
        self._subjects: dict[URIRef, Location] = {}
        for loaded in self._files:
            if loaded.path.suffix.lower() in TURTLE_SUFFIXES:
                for iri, line in _turtle_subjects(loaded.path, self._texts[loaded.path]):
                    self._subjects.setdefault(iri, Location(loaded.path, line))

    def locate(self, node: Node) -> Location | None:
        """Where `node` is described, or None when no file describes it."""
        if isinstance(node, URIRef) and (node in self._subjects or self._pointer(node) is None):
            return self._subjects.get(node) or self._mentioned(node)
        above, predicates = self._chain(node)
        start = self.locate(above) if above is not None else None
        if start is None:
            return None
        line = start.line
        for predicate in predicates:
            line = self._next_mention(start.path, line, predicate)
        return Location(start.path, line)

    def name(self, node: Node) -> str:
        """A readable name: `pkr:hs-...`; a blank node as the path to it, `pkr:hs-.../pk:plPeak`."""
        if not isinstance(node, BNode):
            return self.short(node)
        above, predicates = self._chain(node)
        if above is None:
            return "[ ]"
        return "/".join([self.short(above), *map(self.short, predicates)])

    def _chain(self, node: Node) -> tuple[Node | None, list[URIRef]]:
        """The named subject above blank node `node`, and the properties from it down to `node`
        (the first pointer in sorted order at each step); None above an orphan or a cycle."""
        predicates, seen = [], set()
        while isinstance(node, BNode) or (node not in self._subjects and self._pointer(node)):
            pointer = self._pointer(node)
            if pointer is None or node in seen:
                return None, predicates
            seen.add(node)
            node, predicate = pointer
            predicates.insert(0, predicate)
        return node, predicates

    def _pointer(self, node: Node) -> tuple[Node, Node] | None:
        """The (owner, property) that `node` is a part of (`names.is_part`), the first in sorted
        order: any triple pointing at a blank node, the one a fact's name was made from."""
        return next((pair for f in self._files for pair in sorted(f.graph.subject_predicates(node))
                     if names.is_part(*pair, node)), None)

    @staticmethod
    def short(iri: Node) -> str:
        """`iri` with a project or shapes prefix when one fits, else in angle brackets."""
        return namespaces.curie(str(iri), namespaces.SHAPES_PREFIXES)

    def _mentioned(self, iri: URIRef) -> Location | None:
        """The first line of a non-Turtle file that writes the IRI, in full or with a prefix."""
        written = (str(iri), self.short(iri))
        for loaded in self._files:
            if loaded.path.suffix.lower() not in TURTLE_SUFFIXES:
                for number, line in enumerate(self._texts[loaded.path].splitlines(), start=1):
                    if any(w in line for w in written):
                        return Location(loaded.path, number)
        return None

    def _next_mention(self, path: Path, start: int, predicate: URIRef) -> int:
        """The first line of `path` from line `start` on that names `predicate`; else `start`."""
        text = self._texts[path]
        written = "|".join(re.escape(s) for s in _spellings(predicate, _prefixes(text)))
        mention = re.compile(rf"(^|\s)({written})(\s|$)")
        lines = text.splitlines()
        for number in range(start, len(lines) + 1):
            if mention.search(lines[number - 1]):
                return number
        return start


def _turtle_subjects(path: Path, text: str) -> Iterable[tuple[URIRef, int]]:
    """(IRI, line) for every line that begins a subject; unindented ones first."""
    prefixes = _prefixes(text)
    base = _base(path, text)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SUBJECT.match(line)
        if match and not match.group(2).startswith(("@", "PREFIX", "BASE")):
            iri = _expand(match.group(2).rstrip("."), prefixes, base)
            if iri is not None:
                found.append((bool(match.group(1)), number, iri))
    return [(iri, number) for _, number, iri in sorted(found, key=lambda f: (f[0], f[1]))]


def _prefixes(text: str) -> dict[str, str]:
    return {prefix: namespace for prefix, namespace in _PREFIX.findall(text)}


def _base(path: Path, text: str) -> str:
    declared = _BASE.search(text)
    document = path.absolute().as_uri()
    return urljoin(document, declared.group(1)) if declared else document


def _expand(term: str, prefixes: dict[str, str], base: str) -> URIRef | None:
    if term.startswith("<"):
        return URIRef(urljoin(base, term[1:-1]))
    prefix, _, local = term.partition(":")
    if prefix not in prefixes:
        return None
    return URIRef(prefixes[prefix] + re.sub(r"\\(.)", r"\1", local))


def _spellings(iri: URIRef, prefixes: dict[str, str]) -> list[str]:
    """The ways a Turtle file with `prefixes` can write `iri`."""
    written = [f"<{iri}>"]
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace):
            written.append(f"{prefix}:{iri[len(namespace):]}")
    if iri == namespaces.RDF.type:
        written.append("a")
    return written


def _read(path: Path) -> str:
    """The text of a file that `load` has already read and decoded."""
    return path.read_text(encoding="utf-8").removeprefix("\ufeff")
