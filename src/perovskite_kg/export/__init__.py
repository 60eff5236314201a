"""Exports: the graph as Turtle, N-Triples, JSON-LD or RDF/XML, same sources giving same bytes.

- Deterministic: blank nodes get the labels of W3C RDF Dataset Canonicalization (RDFC-1.0,
  `project.terms.canonical`), triples are written sorted, prefixes come from `namespaces`, and
  nothing depends on the clock unless a build date is given.
- Atomic: files are written through `project.files.atomic`.
- Self-describing: `provenance` adds a node for the export itself (`provenance.py`).
- JSON-LD is compacted with a context generated from the ontology (`jsonld.py`).

`formats.render` and `formats.write` put canonical triples into one of `FORMATS`.
"""

FORMATS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf"}
"""Each export format and the file extension it is written with; the first is the default."""
