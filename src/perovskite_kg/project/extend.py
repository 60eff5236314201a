"""The cache entry for today's files made from the entry they extend, without reading the rest.

When the only change since an entry is new fact files (`increment.extension`), and that entry
passed validation and reasoning (`PASSED`), its files are reused rather than computed again from
every input file: `asserted.nt` is its lines merged with the new files' lines, `inferred-rl.nt`
its inferences (less those the new files now assert) merged with what the new facts add, and the
store a checkpoint of its store with the difference applied (`store.extended`). The result is
byte for byte what the whole path writes (tests/cli/test_update.py):

- triples without a blank node are the same lines whichever way they are read;
- RDFC-1.0 labels a blank node from the quads that mention a blank node, and from nothing else,
  so canonicalising only the lines that hold a blank node (the earlier ones, whose labels the new
  nodes may shift, and the new ones) gives the labels canonicalising the whole graph gives.

It does not apply, and the whole path runs, when the earlier inferences name a blank node (their
labels could shift), when a new file states what only whole-graph reasoning or analysis reads
(terms of OWL, RDFS subclass or property axioms, a description of an ontology term), when a new
file names a fact as an earlier file may (`names.check_distinct` needs every file), or when the
new facts make the graph inconsistent (the whole path then says where).
"""

import heapq
import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph

from perovskite_kg import reason
from perovskite_kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, OWL, RDF, RDFS
from perovskite_kg.project import cache, files, increment, names, store, terms
from perovskite_kg.reason import analysis

PASSED = "passed.json"
"""Written in an entry whose graph passed validation and reasoning: what it was checked with."""
_AXIOMS = (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range)


class Extended:
    """The new entry, made: the extension it came from and what it holds."""

    def __init__(self, extension: increment.Extension, asserted: int, inferred: int) -> None:
        self.extension, self.asserted, self.inferred = extension, asserted, inferred


def extend(root: Path, checked_with: str) -> Extended | None:
    """Make today's entry from the one it extends, if that entry passed the checks made with
    `checked_with` (a digest of the validation code and shapes) and the method applies (see the
    module); None otherwise, with nothing written."""
    found = increment.extension(root)
    if found is None or passed(found.place) != checked_with or not _applies(found):
        return None
    fresh = Graph()
    for triple in found.fresh:
        fresh.add(triple)
    if next(analysis.conflicts((found.context, fresh)), None) is not None:
        return None
    engine = cache.inferred_name(reason.DEFAULT)
    entry = cache.entry(root)
    if cache.is_fresh(root, reason.DEFAULT):  # made already (by an update that did not pass)
        listed = cache.manifest(entry)
        return Extended(found, listed[cache.ASSERTED]["triples"], listed[engine]["triples"])
    asserted_before = cache.verified_ntriples(found.place / cache.ASSERTED)
    inferred_before = cache.verified_ntriples(found.place / engine)
    if asserted_before is None or inferred_before is None or b"_:" in inferred_before:
        return None
    new_lines = set(_lines(terms.to_oxigraph(found.new)))
    plain = sorted(line for line in new_lines if b"_:" not in line)
    earlier_lines = asserted_before.splitlines(keepends=True)
    earlier_blank = [line for line in earlier_lines if b"_:" in line]
    blank = _canonical(b"".join([*earlier_blank, *(line for line in new_lines if b"_:" in line)]))
    kept = (line for line in earlier_lines if b"_:" not in line)
    asserted = b"".join(_merged(kept, plain, blank))
    inferred_earlier = inferred_before.splitlines(keepends=True)
    now_asserted = [line for line in inferred_earlier if line in new_lines]
    added_inferred = sorted(set(_lines(terms.to_oxigraph(fresh))) - new_lines)
    inferred = b"".join(_merged((line for line in inferred_earlier if line not in new_lines),
                                added_inferred))
    if (entry / cache.MANIFEST).exists():
        return None  # another command is making it
    cache.keep_ntriples(root, entry / cache.ASSERTED, asserted)
    cache.keep_ntriples(root, entry / engine, inferred)
    changes = _changes(earlier_blank, plain, blank, now_asserted, added_inferred)
    if store.extended(entry, found.place, changes) is None:
        return None
    return Extended(found, asserted.count(b"\n"), inferred.count(b"\n"))


def passed(place: Path) -> str | None:
    """What the entry at `place` was checked with when it passed, or None."""
    try:
        return json.loads((place / PASSED).read_bytes()).get("checked with")
    except (OSError, ValueError, AttributeError):
        return None


def mark_passed(place: Path, checked_with: str) -> None:
    """Record that the entry at `place` passed (errors ignored: the next update goes whole)."""
    try:
        with files.atomic(place / PASSED) as out:
            out.write(json.dumps({"checked with": checked_with}).encode())
    except Exception:  # noqa: BLE001 - a cache write never fails a command
        pass


def _applies(found: increment.Extension) -> bool:
    """Whether the new facts are only facts, and name no fact an earlier file may name."""
    schema = set(found.ontology.subjects())
    for s, p, o in found.new:
        if (s in schema or p in _AXIOMS or str(p).startswith(str(OWL))
                or (p == RDF.type and str(o).startswith(str(OWL))
                    and o != OWL.NamedIndividual)):
            return False
    for iri in names.minted(found.new):
        if next(found.before.quads_for_pattern(terms.oxigraph_term(iri), None, None),
                None) is not None:
            return False
    return not any(isinstance(t, BNode) for triple in found.fresh for t in triple)


def _lines(triples) -> list[bytes]:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)


def _canonical(data: bytes) -> list[bytes]:
    """The lines of `data` with blank nodes labelled by RDFC-1.0, sorted."""
    parsed = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    return terms.canonical_stream(parsed, quads=False).data.splitlines(keepends=True)


def _merged(*sorted_lines) -> list[bytes]:
    """Sorted lines merged into one sorted list, each line once."""
    merged: list[bytes] = []
    for line in heapq.merge(*sorted_lines):
        if not merged or merged[-1] != line:
            merged.append(line)
    return merged


def _changes(earlier_blank: list[bytes], plain: list[bytes], blank: list[bytes],
             now_asserted: list[bytes], added_inferred: list[bytes]) -> tuple[list, list]:
    """The quads to remove from the earlier store and those to add: the blank-node lines whose
    labels changed, the new lines, the inferences now asserted."""
    blank_now, blank_before = set(blank), set(earlier_blank)
    removed = [*store.in_graph(b"".join(sorted(blank_before - blank_now)), ASSERTED_GRAPH),
               *store.in_graph(b"".join(now_asserted), INFERRED_GRAPH)]
    added = [*store.in_graph(b"".join([*plain, *sorted(blank_now - blank_before)]),
                             ASSERTED_GRAPH),
             *store.in_graph(b"".join(added_inferred), INFERRED_GRAPH)]
    return removed, added
