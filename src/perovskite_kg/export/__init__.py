"""Exports: the graph as Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads, same sources
giving same bytes.

- Deterministic: blank nodes get the labels of W3C RDF Dataset Canonicalization (RDFC-1.0,
  `project.terms.canonical`), triples are written sorted, prefixes come from `namespaces`, and
  nothing depends on the clock unless a build date is given.
- Atomic: files are written through `project.files.atomic`.
- Self-describing: `provenance` adds a node for the export itself (`provenance.py`).
- JSON-LD is compacted with a context generated from the ontology (`jsonld.py`).
- TriG and N-Quads keep the asserted and the inferred triples apart, in their named graphs
  (`namespaces.ASSERTED_GRAPH`, `INFERRED_GRAPH`), and the export's own node in the default graph.
- Described: `void.py` writes the VoID and DCAT description of the dataset and of its exports.

`formats.statements` gives what an export holds (canonical triples, or quads for
`DATASET_FORMATS`); `formats.render` and `formats.write` put them into one of `FORMATS`.
"""

FORMATS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "trig": ".trig",
           "nq": ".nq"}
"""Each export format and the file extension it is written with; the first is the default."""
DATASET_FORMATS = ("trig", "nq")
"""The formats that hold named graphs: they are written from quads, the others from triples."""

DEFAULT_BASE = "https://w3id.org/perovskite-kg/"
"""Where the dataset is published unless `build --base-url` says otherwise: the w3id address of
the graph's IRIs, which deploy/w3id/.htaccess redirects (downloads/ to the static site of
`site`, or everything to a running `serve`)."""
DOWNLOADS = "downloads/"
"""Where the exports are under the base (`site` writes them there)."""
SPARQL_PATH = "sparql"
"""Where `serve` answers SPARQL under the base."""
WELL_KNOWN_VOID = ".well-known/void"
"""Where `serve` gives the description of the dataset (the VoID well-known name, RFC 5785)."""
DESCRIPTION = "void.ttl"
"""The file name of the description of the dataset, beside the exports."""
