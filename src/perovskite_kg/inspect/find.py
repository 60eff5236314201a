"""A resource named the way a user would: IRI, prefixed or local name, label, or the review's name.

`CsPbBr3/ZnS`, `hs-CsPbBr3-ZnS-coreshell-ref31`, `pkr:ref-28` and `"Table 1, row 8 (CsPbBr3/ZnS)"`
all find their resource; a name that fits none is an error with the closest names, and a name that
fits several lists them (a reference number picks the one citing that work: `CsPbBr3/ZnS ref. 31`
is simply its label).
"""

import difflib

import pyoxigraph as ox

from perovskite_kg import namespaces
from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import PKR, PREFIX_IRIS

_NAMED = """
SELECT DISTINCT ?s ?name WHERE {
  ?s rdfs:label|skos:altLabel|pk:nameAsWritten|pk:formula ?name FILTER isIRI(?s)
}"""


def resource(store: ox.Store, name: str) -> ox.NamedNode:
    """The one resource `name` names, or an `InputError` (exit 2) with the candidates."""
    wanted = " ".join(name.split()).lower()
    # an IRI, a prefixed name, or the local name of a resource without a label (a fact named
    # from its owner, `pkr:route-janus-oxide-ref24-hasStep-2`)
    for expanded in (namespaces.expand(name.strip()), str(PKR) + name.strip()):
        if expanded.startswith("http") and " " not in expanded and next(
                iter(store.quads_for_pattern(ox.NamedNode(expanded), None, None)), None):
            return ox.NamedNode(expanded)
    names: dict[str, set[str]] = {}
    for row in store.query(_NAMED, prefixes=PREFIX_IRIS, use_default_graph_as_union=True):
        iri = row["s"].value
        words = names.setdefault(iri, {iri.lower(), namespaces.curie(iri).lower(),
                                       iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1].lower()})
        words.add(" ".join(row["name"].value.split()).lower())
    matches = sorted(iri for iri, words in names.items() if wanted in words)
    if len(matches) == 1:
        return ox.NamedNode(matches[0])
    if matches:
        raise InputError(f"'{name}' names {len(matches)} resources: "
                         f"{', '.join(namespaces.curie(m) for m in matches)} (give one of these)")
    every = {w: iri for iri, words in names.items() for w in words if not w.startswith("http")}
    close = difflib.get_close_matches(wanted, list(every), n=5, cutoff=0.6)
    hint = sorted({namespaces.curie(every[w]) for w in close})
    raise InputError(f"nothing in the graph is named '{name}'"
                     + (f"; did you mean {', '.join(hint)}?" if hint else ""))
