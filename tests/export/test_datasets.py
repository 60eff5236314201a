"""TriG and N-Quads: the asserted and the inferred triples in their named graphs, read back by two
readers (pyoxigraph and rdflib), the same bytes from the same sources.

Facts checked against the review: Table 1 row 3 (CsPbBr3/SiO2 core/shell NCs, ref. 26: PL peak
501 nm) is asserted; that the dual-shell MAPbBr3/SiO2/PS (ref. 49) has SiO2 as a shell is inferred
(pk:hasInnerShell is a sub-property of pk:hasShell), and only there.
"""

from io import BytesIO
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, URIRef

from perovskite_kg import reason
from perovskite_kg.export import bundle, formats, jsonld
from perovskite_kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, PK, PKR
from perovskite_kg.project import load, paths, terms

ROOT = Path(__file__).resolve().parents[2]
OX = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
RDFLIB = {"trig": "trig", "nq": "nquads"}


@pytest.fixture(scope="module")
def graphs() -> tuple[Graph, Graph]:
    asserted = load.union(load.load_files([*paths.ontology_files(ROOT),
                                           *paths.graph_files(ROOT)]))
    return asserted, reason.infer(asserted, "rl")


@pytest.fixture(scope="module")
def written(graphs) -> dict[str, bytes]:
    """The reasoned TriG and N-Quads exports, as `build` writes them."""
    asserted, inferred = graphs
    data = {}
    for fmt in OX:
        out = BytesIO()
        held = formats.statements(fmt, asserted, inferred, "reasoned", "rl")
        formats.render(held, fmt, jsonld.context(asserted), out)
        data[fmt] = out.getvalue()
    return data


def _by_graph(data: bytes, fmt: str) -> dict[str, set[ox.Triple]]:
    held: dict[str, set[ox.Triple]] = {}
    for quad in ox.parse(data, format=OX[fmt]):
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        held.setdefault(name, set()).add(quad.triple)
    return held


@pytest.mark.parametrize("fmt", OX)
def test_each_named_graph_holds_exactly_its_triples(graphs, written, fmt):
    asserted, inferred = graphs
    held = _by_graph(written[fmt], fmt)
    assert set(held) == {"", str(ASSERTED_GRAPH), str(INFERRED_GRAPH)}
    assert len(held[str(ASSERTED_GRAPH)]) == len(asserted)
    assert len(held[str(INFERRED_GRAPH)]) == len(inferred)
    # the default graph holds only the export's own node (and the declaration it needs)
    node = ox.NamedNode(str(PKR["export-reasoned-rl"]))
    assert {t.subject for t in held[""]} <= {node, ox.NamedNode("http://purl.org/dc/terms/conformsTo")}
    # each graph is the graph it was written from, blank nodes and all
    for name, source in ((ASSERTED_GRAPH, asserted), (INFERRED_GRAPH, inferred)):
        expected = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object)
                              for t in terms.to_oxigraph(source))
        read = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in held[str(name)])
        for dataset in (expected, read):
            dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        assert read == expected, name


@pytest.mark.parametrize("fmt", OX)
def test_rdflib_reads_the_same_graphs_and_facts_sit_where_they_belong(graphs, written, fmt):
    asserted, inferred = graphs
    dataset = Dataset().parse(data=written[fmt], format=RDFLIB[fmt])
    stated, derived = dataset.graph(URIRef(ASSERTED_GRAPH)), dataset.graph(URIRef(INFERRED_GRAPH))
    assert (len(stated), len(derived)) == (len(asserted), len(inferred))
    # Table 1 row 3, ref. 26: stated; the inner shell of a dual shell is a shell: inferred
    core_shell = PKR["hs-CsPbBr3-SiO2-coreshell-ref26"]
    peak = stated.value(core_shell, PK.plPeak)
    assert str(stated.value(peak, PK.numericValue)) == "501"
    dual = (PKR["hs-MAPbBr3-SiO2-PS-dualshell-ref49"], PK.hasShell, PKR["mat-SiO2"])
    assert dual in derived and dual not in stated
    # a blank node the inferred graph speaks of is the asserted graph's node, not a copy
    shared = {s for s, _, _ in derived if isinstance(s, BNode)}
    assert shared <= set(stated.subjects())


def test_trig_and_nquads_hold_the_same_dataset(written):
    one, other = (ox.Dataset(ox.parse(written[fmt], format=OX[fmt])) for fmt in OX)
    for dataset in (one, other):
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert one == other


def test_the_build_writes_the_dataset_formats_for_the_reasoned_export_only():
    names = {bundle.file_name(kind, fmt) for kind, chosen in bundle.CONTENTS.items()
             for fmt in chosen}
    assert {"perovskite-kg-reasoned.trig", "perovskite-kg-reasoned.nq"} <= names
    assert not {"perovskite-kg.trig", "perovskite-kg.nq"} & names


def test_export_command_writes_trig_with_the_asserted_graph_alone_or_both(run_cli, tmp_path):
    alone, both = tmp_path / "asserted.trig", tmp_path / "reasoned.nq"
    done = run_cli("export", "--format", "trig", "-o", str(alone))
    assert done.returncode == 0, done.stderr
    assert "quads, trig" in done.stderr
    assert set(_by_graph(alone.read_bytes(), "trig")) == {"", str(ASSERTED_GRAPH)}
    done = run_cli("export", "--format", "nq", "--inferred", "-o", str(both))
    assert done.returncode == 0, done.stderr
    assert set(_by_graph(both.read_bytes(), "nq")) == {"", str(ASSERTED_GRAPH),
                                                        str(INFERRED_GRAPH)}
