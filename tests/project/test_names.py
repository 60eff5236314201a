"""IRIs for the facts written as blank nodes (project/names.py): every fact named, once, the same
on every reading, and nothing else changed."""

import random
import re

import pytest
from rdflib import BNode, Graph, URIRef
from support import ROOT

from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import PK, PKR, RDF
from perovskite_kg.project import graphs, load, names, paths, terms

PREFIXES = """@prefix pk: <https://w3id.org/perovskite-kg/ontology#> .
@prefix pkr: <https://w3id.org/perovskite-kg/resource/> .
"""


def _named(text: str) -> Graph:
    graph = Graph().parse(data=PREFIXES + text, format="turtle")
    names.name_facts(graph, "test.ttl", text)
    return graph


def _plain(path) -> Graph:
    """A file as rdflib alone reads it: its facts still blank nodes."""
    return Graph().parse(path, format="turtle")


@pytest.fixture(scope="module")
def fact_files():
    return load.load_files(paths.graph_files(ROOT))


def isomorphic(one: Graph, other: Graph) -> bool:
    """The same graph up to blank-node labels (RDFC-1.0 canonical forms; rdflib's own
    comparison takes minutes on the author lists)."""
    return terms.canonical([one]) == terms.canonical([other])


def _unnamed(graph: Graph) -> Graph:
    """`graph` with every name `names` gave turned back into a blank node."""
    given = names.minted(graph)
    back = {iri: BNode() for iri in given}
    out = Graph()
    for triple in graph:
        out.add(tuple(back.get(t, t) for t in triple))
    return out


# --- the shipped graph -------------------------------------------------------------------------
def test_no_fact_of_the_built_graph_is_a_blank_node():
    # the blank nodes left are the cells of RDF lists (author lists, the ontology's lists) and
    # the OWL axioms of ontology/ (whose owners are pk: terms, or nothing)
    asserted = graphs.asserted(ROOT)
    for node in {t for triple in asserted for t in triple if isinstance(t, BNode)}:
        assert not any(o.startswith(str(PK)) for o in asserted.objects(node, RDF.type)
                       if not (node, RDF.rest, None) in asserted), node
        assert not any(s.startswith(str(PKR)) and (node, RDF.first, None) not in asserted
                       for s in asserted.subjects(None, node)), node


def test_every_fact_file_keeps_only_list_cells_blank(fact_files):
    for loaded in fact_files:
        blanks = {t for triple in loaded.graph for t in triple if isinstance(t, BNode)}
        assert all((b, RDF.first, None) in loaded.graph and (b, RDF.rest, None) in loaded.graph
                   for b in blanks), loaded.path.name


def test_every_blank_fact_gets_one_name_of_its_own(fact_files):
    count = 0
    for loaded in fact_files:
        plain = _plain(loaded.path)
        facts = {b for b in plain.all_nodes() if isinstance(b, BNode)
                 and (b, RDF.first, None) not in plain}
        given = names.minted(loaded.graph)
        assert len(given) == len(facts), loaded.path.name
        count += len(given)
    everywhere = [iri for f in fact_files for iri in names.minted(f.graph)]
    assert len(everywhere) == len(set(everywhere)) == count
    assert count > 200  # 257 quantities, findings, readings, steps, figures of merit, processes


def test_nothing_changed_but_the_names(fact_files):
    # the same triples, the same count: back to blank nodes, each file is its plain reading
    for loaded in fact_files:
        plain = _plain(loaded.path)
        assert len(loaded.graph) == len(plain), loaded.path.name
        assert isomorphic(_unnamed(loaded.graph), plain), loaded.path.name


def test_names_are_the_same_on_every_reading_and_any_order_of_blocks(tmp_path, fact_files):
    for loaded in fact_files:
        again = load.load_file(loaded.path)  # other parser labels
        assert names.minted(again) == names.minted(loaded.graph)
        lines = loaded.path.read_text(encoding="utf-8").splitlines()
        last = max(i for i, line in enumerate(lines) if line.startswith("@prefix"))
        blocks = _blocks(lines[last + 1:])
        assert len(blocks) > 3, loaded.path.name
        random.Random(16).shuffle(blocks)
        shuffled = tmp_path / loaded.path.name
        shuffled.write_text("\n".join(lines[:last + 1]) + "\n\n" + "\n\n".join(blocks) + "\n",
                            encoding="utf-8")
        reread = load.load_file(shuffled)
        assert isomorphic(_unnamed(reread), _plain(loaded.path)), loaded.path.name
        assert isomorphic(reread, loaded.graph), loaded.path.name  # names included


def _blocks(lines: list[str]) -> list[str]:
    """The statements of a Turtle body (with the comments above them), cut at blank lines that
    end one: a statement's last line, comments aside, ends with " ."."""
    blocks, block = [], []
    for line in lines:
        code = [x for x in block if x.strip() and not x.lstrip().startswith("#")]
        if not line.strip() and (not code or code[-1].rstrip().endswith(" .")):
            if block:
                blocks.append("\n".join(block))
            block = []
        else:
            block.append(line)
    return blocks + (["\n".join(block)] if block else [])


def test_names_read_as_their_owner_and_property(fact_files):
    given = {str(i) for f in fact_files for i in names.minted(f.graph)}
    hs = "https://w3id.org/perovskite-kg/resource/hs-"
    # Table 1 row 8: one PL peak (510 nm) for CsPbBr3/ZnS; ref. 27 gives two PL peaks
    assert f"{hs}CsPbBr3-ZnS-coreshell-ref31-plPeak" in given
    assert {f"{hs}CsPbMnX3-SiO2-coreshell-ref27-plPeak-607",
            f"{hs}CsPbMnX3-SiO2-coreshell-ref27-plPeak-446"} <= given
    assert str(PKR["route-janus-oxide-ref24-hasStep-2"]) in given
    # graph/challenges.ttl adds a reading to a heterostructure of another file: always tagged
    assert f"{hs}CsPbBr3-Rb4PbBr6-coreshell-ref32-hasReading-addressesChallenge" in given
    assert not any("genid" in i.lower() for i in given)


def test_every_named_fact_is_describable(run_cli):
    asserted = graphs.asserted(ROOT)
    given = sorted(names.minted(asserted))
    for iri in given:
        assert (iri, None, None) in asserted and len(list(asserted.subject_predicates(iri))) == 1
    done = run_cli("describe", "hs-CsPbBr3-ZnS-coreshell-ref31-plPeak", cwd=ROOT)  # local name
    assert done.returncode == 0, done.stderr
    assert "510" in done.stdout and "Table 1, row 8" in done.stdout  # Table 1 row 8: 510 nm
    card = run_cli("describe", "--format", "ttl", "pkr:hs-CsPbBr3-ZnS-coreshell-ref31", cwd=ROOT)
    assert "pkr:hs-CsPbBr3-ZnS-coreshell-ref31-plPeak" in card.stdout
    assert "pk:numericValue 510" in card.stdout  # the part's triples come with its owner's


# --- the rule ------------------------------------------------------------------------------------
def test_nested_facts_are_named_from_their_named_owner():
    graph = _named("""pkr:route-x pk:hasStep [ pk:stepIndex 1 ; pk:temperature [ pk:numericValue 90 ] ] ,
        [ pk:stepIndex 2 ] .""")
    assert (PKR["route-x-hasStep-1"], PK.temperature, PKR["route-x-hasStep-1-temperature"]) in graph
    assert (PKR["route-x-hasStep-2"], PK.stepIndex, None) in graph


def test_values_no_key_tells_apart_get_a_hash_and_keys_are_tried_in_order():
    graph = _named("""pkr:hs pk:hasFinding [ pk:effect pk:A ; pk:quote "one" ] ,
        [ pk:effect pk:A ; pk:quote "two" ] , [ pk:effect pk:B ] .""")
    found = sorted(str(o) for o in graph.objects(PKR.hs, PK.hasFinding))
    assert found[2] == str(PKR["hs-hasFinding-B"])
    assert all(re.fullmatch(re.escape(str(PKR["hs-hasFinding-A-"])) + "[0-9a-f]{8}", f)
               for f in found[:2]) and found[0] != found[1]


def test_ontology_and_shape_structures_stay_blank():
    graph = _named("""@prefix owl: <http://www.w3.org/2002/07/owl#> .
        pk:C owl:equivalentClass [ a owl:Restriction ; owl:onProperty pk:p ; owl:someValuesFrom pk:D ] .
        [] a owl:AllDisjointClasses ; owl:members ( pk:C pk:D ) .
        pkr:ref-1 pk:authors ( "A" "B" ) .""")
    assert names.minted(graph) == set()


@pytest.mark.parametrize("text, why", [
    ("[ a pk:Finding ; pk:quote \"alone\" ] .", "is the value of no triple"),
    ("pkr:a pk:hasFinding _:f . pkr:b pk:hasFinding _:f . _:f a pk:Finding .",
     "is the value of 2 triples"),
    ("pkr:hs a pk:Heterostructure ; pk:plPeak [ pk:asWritten \"1\" ] .\npkr:hs-plPeak pk:note \"x\" .",
     "is already an IRI of the file"),
    ("pkr:chalcogenide pk:plPeak [ pk:numericValue 1 ] .", 'contains "genid"'),
])
def test_what_the_rule_cannot_name_is_reported_with_its_line(text, why):
    with pytest.raises(InputError, match=why) as raised:
        _named(text)
    assert raised.value.path == "test.ttl"
    if '"' in text:  # located at the first line writing one of the node's literals
        assert raised.value.line == 1


def test_two_files_naming_a_fact_alike_are_refused(tmp_path):
    for name in ("a.ttl", "b.ttl"):
        (tmp_path / name).write_text(PREFIXES + "pkr:hs a pk:Heterostructure ; "
                                     "pk:plPeak [ pk:numericValue 1 ] .\n", encoding="utf-8")
    files = load.load_files(sorted(tmp_path.glob("*.ttl")))
    with pytest.raises(InputError, match=r"pkr:hs-plPeak is the name of a fact .* both here"):
        load.union(files)


def test_is_part_knows_blank_nodes_and_named_parts_only():
    owner, plpeak = PKR["hs-x"], PK.plPeak
    assert names.is_part(owner, plpeak, BNode())
    assert names.is_part(owner, plpeak, PKR["hs-x-plPeak"])
    assert names.is_part(owner, plpeak, PKR["hs-x-plPeak-607"])
    assert not names.is_part(owner, plpeak, PKR["hs-x-plPeakish"])
    assert not names.is_part(owner, PK.hasShell, URIRef(PKR["mat-SiO2"]))
