"""Exports: the same bytes from the same sources, atomic, read back by two parsers, self-describing.

Facts checked against the review: its DOI (10.1039/d1nr05478c) and Table 1 row 3 (CsPbBr3/SiO2
core/shell NCs, ref. 26: PL peak 501 nm).
"""

import json
import random
from datetime import date
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from perovskite_kg import export, reason
from perovskite_kg.errors import CheckFailed, InputError
from perovskite_kg.export import formats, jsonld, provenance
from perovskite_kg.namespaces import DCTERMS, OWL, PK, PKR, RDF, RDFS
from perovskite_kg.project import load, paths, terms

ROOT = Path(__file__).resolve().parents[2]
REVIEW = URIRef("https://doi.org/10.1039/d1nr05478c")
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}
TRIPLE_FORMATS = [fmt for fmt in export.FORMATS if fmt not in export.DATASET_FORMATS]


def _sources() -> Graph:
    """The ontology and facts, parsed afresh (new blank node labels each time)."""
    return load.union(load.load_files([*paths.ontology_files(ROOT), *paths.graph_files(ROOT)]))


@pytest.fixture(scope="module")
def graphs() -> tuple[Graph, Graph]:
    asserted = _sources()
    return asserted, reason.infer(asserted, "rl")


def _bytes(asserted: Graph, inferred: Graph, kind: str, fmt: str, built: date | None = None):
    held = formats.statements(fmt, asserted, inferred, kind, "rl", built)
    out = BytesIO()
    formats.render(held, fmt, jsonld.context(asserted), out)
    return out.getvalue()


def _canonical_dataset(triples) -> ox.Dataset:
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


@pytest.fixture(scope="module")
def graphs_again() -> tuple[Graph, Graph]:
    """The same sources read again: other blank node labels, other insertion order."""
    shuffled = list(_sources())
    random.Random(7).shuffle(shuffled)
    asserted = Graph()
    for triple in shuffled:
        asserted.add(triple)
    return asserted, reason.infer(asserted, "rl")


@pytest.mark.parametrize("kind", ["asserted", "reasoned"])
@pytest.mark.parametrize("fmt", export.FORMATS)
def test_same_sources_give_the_same_bytes(graphs, graphs_again, fmt, kind):
    assert _bytes(*graphs, kind, fmt) == _bytes(*graphs_again, kind, fmt)


def _expected(asserted: Graph, inferred: Graph, description: str) -> ox.Dataset:
    """What a reasoned (rl) export must hold, built without the export code: the sources, the
    inferred triples, and the export's own node as the README describes it (its label, what it
    holds, the ontology version it conforms to, the review it comes from)."""
    version = next(Graph().parse(ROOT / "ontology" / "perovskite-kg.ttl").objects(None,
                                                                                   OWL.versionIRI))
    node = PKR["export-reasoned-rl"]
    described = Graph()
    for triple in [(node, RDFS.label, Literal("perovskite-kg export, reasoned")),
                   (node, DCTERMS.description, Literal(description)),
                   (node, DCTERMS.conformsTo, version), (node, DCTERMS.source, REVIEW),
                   (DCTERMS.conformsTo, RDF.type, OWL.AnnotationProperty)]:
        described.add(triple)
    return _canonical_dataset(terms.to_oxigraph([*asserted, *inferred, *described]))


def _description(data: bytes, fmt: str) -> str:
    read = Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
    text = str(read.value(PKR["export-reasoned-rl"], DCTERMS.description))
    assert "OWL 2 RL reasoner infers" in text
    return text


def test_turtle_reads_back_with_rdflib_and_pyoxigraph_to_the_same_count(graphs):
    asserted, inferred = graphs
    data = _bytes(asserted, inferred, "reasoned", "turtle")
    by_rdflib = len(Graph().parse(data=data, format="turtle"))
    by_oxigraph = len(list(ox.parse(data, format=ox.RdfFormat.TURTLE)))
    assert by_rdflib == by_oxigraph == len(_expected(asserted, inferred,
                                                     _description(data, "turtle")))


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_every_format_reads_back_as_the_graph_it_was_written_from(graphs, fmt):
    asserted, inferred = graphs
    data = _bytes(asserted, inferred, "reasoned", fmt)
    expected = _expected(asserted, inferred, _description(data, fmt))
    assert _canonical_dataset(ox.parse(data, format=OX_FORMATS[fmt])) == expected
    by_rdflib = Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
    assert _canonical_dataset(terms.to_oxigraph(by_rdflib)) == expected


def test_a_jsonld_export_saying_other_triples_is_not_published(graphs, tmp_path):
    """JSON-LD is read back as RDF, not only as JSON: a document that drops the triples of the
    blank nodes (as rdflib's own JSON-LD writer did, see export/jsonld.py) is valid JSON."""
    asserted, inferred = graphs
    meant = terms.canonical(provenance.compose(asserted, inferred, "asserted", "rl", None))
    document = json.loads(_bytes(asserted, inferred, "asserted", "jsonld"))
    nested = [n for n in document["@graph"] if any(isinstance(v, dict) and "@id" not in v
                                                   for v in n.values())]
    for node in nested:  # a heterostructure's PL peak, a test's duration: values without a name
        for key in [k for k, v in node.items() if isinstance(v, dict) and "@id" not in v]:
            del node[key]
    data = json.dumps(document).encode()
    with pytest.raises(CheckFailed, match=r"the jsonld export does not read back \(\d+ triples "
                                          "missing"):
        formats.check_readable(data, "jsonld", "kg.jsonld", meant)
    formats.check_readable(_bytes(asserted, inferred, "asserted", "jsonld"), "jsonld",
                           "kg.jsonld", meant)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nq"])
def test_an_export_that_reads_back_short_of_a_statement_is_not_published(graphs, fmt):
    """The read-back counts: an export whose text lost a line still parses, and must fail."""
    asserted, inferred = graphs
    meant = formats.statements(fmt, asserted, inferred, "reasoned", "rl", None)
    data = _bytes(asserted, inferred, "reasoned", fmt)
    formats.check_readable(data, fmt, "kg", meant)
    lines = data.splitlines(keepends=True)
    # One statement: a line of N-Triples or N-Quads; in Turtle and TriG, a predicate and object
    # inside a subject's block (a tab, "pk:p o ;"), which leaves the rest well-formed.
    whole = fmt in ("nt", "nq")
    cut = next(i for i, line in enumerate(lines)
               if (line.startswith(b"<") if whole else
                   line.startswith(b"\t") and line.rstrip().endswith(b" ;")
                   and not any(mark in line for mark in (b"[", b"(", b"\"\"\"", b","))))
    short = b"".join(lines[:cut] + lines[cut + 1:])
    with pytest.raises(CheckFailed, match=rf"the {fmt} export does not read back \("
                                          rf"{len(meant) - 1} statements read, {len(meant)} "
                                          "written"):
        formats.check_readable(short, fmt, "kg", meant)


def test_a_write_that_fails_midway_leaves_the_previous_file(graphs, tmp_path, monkeypatch):
    asserted, inferred = graphs
    target = tmp_path / "perovskite-kg.ttl"
    target.write_bytes(b"the previous export\n")
    real = formats.ox.serialize

    def half_then_disk_full(triples, output, **options):
        data = real(triples, **options)
        output.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    triples = terms.canonical(provenance.compose(asserted, inferred, "asserted", "rl"))
    monkeypatch.setattr(formats.ox, "serialize", half_then_disk_full)  # pyoxigraph's, for all
    with pytest.raises(InputError, match="No space left on device") as raised:
        formats.write(target, triples, "turtle", jsonld.context(asserted))
    assert raised.value.exit_code == 2
    assert target.read_bytes() == b"the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["perovskite-kg.ttl"]  # no temporary


def test_a_completed_write_replaces_the_file_with_ordinary_permissions(graphs, tmp_path):
    asserted, inferred = graphs
    target = tmp_path / "out.nt"
    target.write_bytes(b"old")
    target.chmod(0o644)
    triples = terms.canonical(provenance.compose(asserted, inferred, "asserted", "rl"))
    formats.write(target, triples, "nt", jsonld.context(asserted))
    assert len(list(ox.parse(path=target, format=ox.RdfFormat.N_TRIPLES))) == len(triples)
    assert target.stat().st_mode & 0o777 == 0o644


def _provenance(data: bytes, node: URIRef) -> Graph:
    graph = Graph().parse(data=data, format="turtle")
    about = Graph()
    for p, o in graph.predicate_objects(node):
        about.add((node, p, o))
    return about


def test_an_export_states_ontology_version_and_source_review_and_no_date_by_default(graphs):
    asserted, inferred = graphs
    ontology = load.load_file(ROOT / "ontology" / "perovskite-kg.ttl")
    version = ontology.value(next(ontology.subjects(RDF.type, OWL.Ontology)), OWL.versionIRI)
    about = _provenance(_bytes(asserted, inferred, "asserted", "turtle"), PKR["export-asserted"])
    assert set(about.objects(None, DCTERMS.conformsTo)) == {version}
    assert set(about.objects(None, DCTERMS.source)) == {REVIEW}
    assert not set(about.objects(None, DCTERMS.created))


def test_a_build_date_is_stated_only_when_given(graphs):
    asserted, inferred = graphs
    data = _bytes(asserted, inferred, "reasoned", "turtle", date(2026, 11, 23))
    about = _provenance(data, PKR["export-reasoned-rl"])
    assert set(about.objects(None, DCTERMS.created)) == {Literal(date(2026, 11, 23))}


def test_jsonld_reads_naturally(graphs):
    asserted, inferred = graphs
    document = json.loads(_bytes(asserted, inferred, "reasoned", "jsonld"))
    node = next(n for n in document["@graph"]
                if n["@id"] == "pkr:hs-CsPbBr3-SiO2-coreshell-ref26")
    assert "Heterostructure" in node["@type"] and "CoreShellHeterostructure" in node["@type"]
    assert node["hasCore"] == "pkr:mat-CsPbBr3"
    assert node["hasArchitecture"] == "pk:CoreShell"
    assert node["plPeak"]["numericValue"] == 501  # Table 1 row 3, written where it is used
    assert node["plPeak"]["@id"] == "pkr:hs-CsPbBr3-SiO2-coreshell-ref26-plPeak"  # its name


def test_the_context_gives_every_pk_term_its_local_name(graphs):
    asserted, _ = graphs
    context = jsonld.context(asserted)
    for prop in asserted.subjects(RDF.type, OWL.ObjectProperty):
        if prop.startswith(PK):
            assert context[prop[len(PK):]] == {"@id": f"pk:{prop[len(PK):]}", "@type": "@id"}
    assert context["Heterostructure"] == "pk:Heterostructure"
    assert context["pkr"] == str(PKR)


def test_export_command_writes_a_file_and_reports_it(run_cli, tmp_path):
    target = tmp_path / "kg.nt"
    done = run_cli("export", "--format", "nt", "--inferred", "-o", str(target))
    assert done.returncode == 0, done.stderr
    graph = Graph().parse(target, format="nt")
    # inferred: the inner shell of a dual shell is a shell (pk:hasInnerShell is a sub-property)
    assert (PKR["hs-MAPbBr3-SiO2-PS-dualshell-ref49"], PK.hasShell, PKR["mat-SiO2"]) in graph
    assert str(target) in done.stderr


def test_export_command_writes_to_stdout(run_cli):
    done = run_cli("export", "--format", "jsonld")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["@context"]["hasCore"]["@type"] == "@id"


def test_a_malformed_date_is_a_usage_error(run_cli):
    done = run_cli("export", "--date", "23/11/2026")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_export_command_adds_the_dl_reasoners_triples_when_asked(run_cli, tmp_path):
    target = tmp_path / "kg.ttl"
    done = run_cli("export", "--inferred", "--reasoner", "dl", "-o", str(target))
    assert done.returncode == 0, done.stderr
    graph = Graph().parse(target)
    # Table 1 row 3: remnant PL 112% after 40 min in water under ultrasonication, after coating
    assert (PKR["hs-CsPbBr3-SiO2-coreshell-ref26"], RDF.type,
            PK.WaterResistantHeterostructure) in graph
    assert (PKR["export-reasoned-dl"], None, None) in graph
