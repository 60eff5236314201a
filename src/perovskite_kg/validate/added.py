"""Validating the fact files added to a graph that passed, without reading the other files.

`incremental` plans its units from every fact file; after new files are added to a graph whose
every unit passed, only the units the new files change can give a new result, and they can be
found from the new files and the earlier store (`increment.Extension`) alone:

- when no term of the new files is described by an earlier fact file (other than a companion),
  and no new subject is named by one, the new files form units of their own (planned as
  `incremental.plan` plans them, over the companions and the new files): the earlier units keep
  their files, their keys and their reports;
- the companions' unit is given, besides the triples of earlier files (read from the earlier
  store: the triples that describe a companion resource or point at one through an inward
  predicate), those of the new files; when the new files add none, it is unchanged too.

The changed units are validated as `incremental` does (same keys, same cache), so a later `build`
finds their reports; the verdict speaks of them, the rest having passed already. None is returned
when the new files reach an earlier file's facts: `incremental.validate` must then plan anew.
"""

import hashlib
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal

from perovskite_kg import __version__
from perovskite_kg.namespaces import ASSERTED_GRAPH
from perovskite_kg.project import increment, paths, terms
from perovskite_kg.validate import incremental, shapes


def checked_with(root: Path) -> str:
    """A digest of what a passing verdict depends on besides the cache entry's inputs: the
    validation code (`incremental.code_files`) and the shapes."""
    digest = hashlib.sha256(__version__.encode())
    for path in [*incremental.code_files(), paths.shapes_file(root)]:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def validate(root: Path, found: increment.Extension) -> shapes.Validation | None:
    """The results of the units the new files of `found` change; None when they reach an earlier
    file's facts (see the module)."""
    inputs = shapes.read(root, [root / name for name in found.added])
    # In the order the whole graph's files are read (sorted): a unit's key lists them in order.
    files = sorted([*inputs.shipped, *inputs.curated], key=lambda f: f.path)
    inputs = incremental.labelled(shapes.Inputs(inputs.shapes, inputs.ontology, files, []))
    companions = [f for f in inputs.shipped if f.path.name in shapes.COMPANIONS]
    new = [f for f in inputs.shipped if f.path.name not in shapes.COMPANIONS]
    described = {n for f in companions for n in f.graph.subjects()}
    before = _AssertedView(found.before, found.ontology)
    for loaded in new:
        for s, _, o in loaded.graph:
            if s not in described and (before.describes(s) or before.names(s)):
                return None
            if not isinstance(o, Literal) and o not in described and before.describes(o):
                return None
    units = incremental.plan(inputs)
    companions_unit = units[0]
    if len(companions_unit.extra):
        inward = incremental.inward_predicates(inputs.shapes.graph)
        companion_triples = {t for f in companions for t in f.graph}
        # The store labels the companions' blank nodes otherwise: their own lists (an author
        # list) are known by subject and predicate; another blank node cannot be matched.
        blank_valued = {(s, p) for s, p, o in companion_triples if isinstance(o, BNode)}
        for triple in before.pointing(described, inward):
            s, p, o = triple
            if triple in companion_triples or (isinstance(o, BNode) and (s, p) in blank_valued):
                continue
            if isinstance(s, BNode) or isinstance(o, BNode):
                return None
            companions_unit.extra.add(triple)
        changed = units
    else:
        changed = units[1:]
    return incremental.checked(root, inputs, changed, whole=False)


class _AssertedView:
    """Lookups in the asserted graph of the earlier store."""

    def __init__(self, store: ox.Store, ontology: Graph) -> None:
        self.store, self.graph, self.ontology = store, ox.NamedNode(ASSERTED_GRAPH), ontology

    def describes(self, node) -> bool:
        """Whether an earlier fact file describes `node`: the store holds more triples about it
        than the ontology (whose blank nodes the store labels otherwise, so they are counted)."""
        about = self.store.quads_for_pattern(terms.oxigraph_term(node), None, None, self.graph)
        if (node, None, None) not in self.ontology:
            return next(about, None) is not None
        return sum(1 for _ in about) > len(list(self.ontology.triples((node, None, None))))

    def names(self, node) -> bool:
        return self._any(None, None, terms.oxigraph_term(node))

    def pointing(self, nodes: set, inward: set) -> Graph:
        """The triples that describe one of `nodes`, or point at one through `inward`."""
        found = Graph()
        for node in nodes:
            term = terms.oxigraph_term(node)
            for triple in terms.from_oxigraph(self.store.quads_for_pattern(term, None, None,
                                                                           self.graph)):
                found.add(triple)
            for predicate in inward:
                for triple in terms.from_oxigraph(self.store.quads_for_pattern(
                        None, terms.oxigraph_term(predicate), term, self.graph)):
                    found.add(triple)
        return found

    def _any(self, s, p, o) -> bool:
        return next(self.store.quads_for_pattern(s, p, o, self.graph), None) is not None
