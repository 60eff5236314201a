"""Links out (issue 16): the external terms of ontology/ and graph/ against their verified list.

`ontology/external-terms.tsv` holds every ChEBI, CHMO and QUDT unit IRI the Turtle uses, with the
name its vocabulary gives it and where that was seen with the search tool. These tests keep the
Turtle and the list in step (no term used that the list lacks, no row the Turtle does not use,
every link the one the list names), check each IRI's form, and check each record's name against
the linked term's own formula or label, so that a link to the wrong entry fails.
"""

import csv
import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from support import ROOT

from perovskite_kg.namespaces import PK, PKR, QUDT

LIST = ROOT / "ontology" / "external-terms.tsv"
COLUMNS = ["iri", "label", "linked_from", "verified_in"]

FORMS = {
    "ChEBI": r"http://purl\.obolibrary\.org/obo/CHEBI_\d+",
    "CHMO": r"http://purl\.obolibrary\.org/obo/CHMO_\d{7}",
    "QUDT unit": r"http://qudt\.org/vocab/unit/[A-Za-z][A-Za-z_-]*",
}
"""The IRI form of each vocabulary the list may name."""

UNITS = "http://qudt.org/vocab/unit/"
LINK_TARGETS = ("http://purl.obolibrary.org/obo/", "http://purl.bioontology.org/ontology/npo")
"""Vocabularies our terms link to (OBO, hence ChEBI and CHMO, and the NanoParticle Ontology)."""

# What an element's name looks like in a ChEBI name: the stems a correct record must contain for
# each element of the linked substance's formula as the review writes it.
ELEMENT_STEMS = {
    "Si": ("silic",), "Ti": ("titan",), "Al": ("alumin",), "Cd": ("cadmium",), "Zn": ("zinc",),
    "Au": ("gold",), "Ag": ("silver",), "Pt": ("platinum",), "S": ("sulf",), "O": ("ox", "ate"),
}


def _rows() -> list[dict[str, str]]:
    lines = [line for line in LIST.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _expand(curie: str) -> URIRef:
    prefix, name = curie.split(":", 1)
    return {"pk": PK, "pkr": PKR}[prefix][name]


def _external(term) -> bool:
    text = str(term)
    return isinstance(term, URIRef) and (
        text.startswith(LINK_TARGETS + (UNITS,)) or "emmo.info" in text or "/emmo" in text)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return _rows()


@pytest.fixture(scope="module")
def turtle() -> Graph:
    """Every ontology and fact file as written (curated papers included: they may link too)."""
    graph = Graph()
    for path in [*sorted((ROOT / "ontology").glob("*.ttl")), *sorted((ROOT / "graph").glob("*.ttl"))]:
        graph.parse(path, format="turtle")
    return graph


def test_the_list_has_its_columns_and_one_row_per_iri(rows):
    header = next(line for line in LIST.read_text(encoding="utf-8").splitlines()
                  if not line.startswith("#"))
    assert header.split("\t") == COLUMNS
    iris = [row["iri"] for row in rows]
    assert len(iris) == len(set(iris))
    assert all(row["label"] and row["verified_in"] for row in rows)


def test_every_listed_iri_has_its_vocabularys_form(rows):
    malformed = [row["iri"] for row in rows
                 if not any(re.fullmatch(form, row["iri"]) for form in FORMS.values())]
    assert malformed == []


def test_every_external_term_used_is_listed_and_every_listed_one_used(rows, turtle):
    used = {term for triple in turtle for term in triple if _external(term)}
    listed = {URIRef(row["iri"]) for row in rows}
    assert sorted(used - listed) == []
    assert sorted(listed - used) == []


def test_the_links_are_exactly_those_the_list_names(rows, turtle):
    named = {(_expand(curie), URIRef(row["iri"]))
             for row in rows for curie in row["linked_from"].split()}
    linked = {(s, o) for s, o in turtle.subject_objects(SKOS.closeMatch) if _external(o)}
    assert linked == named
    assert all(not str(iri).startswith(UNITS) for _, iri in named)


def test_a_linked_term_is_only_ever_the_object_of_a_close_match(turtle):
    """No other mapping, no subclass or type axiom, no declaration: nothing a reasoner acts on."""
    misused = sorted((s, p, o) for s, p, o in turtle
                     if (_external(s) and not str(s).startswith(UNITS))
                     or (_external(o) and not str(o).startswith(UNITS) and p != SKOS.closeMatch)
                     or (isinstance(p, URIRef) and _external(p)))
    assert misused == []


def test_units_are_used_as_units_and_declared(rows, turtle):
    units = [URIRef(row["iri"]) for row in rows if row["iri"].startswith(UNITS)]
    for unit in units:
        assert (None, QUDT.unit, unit) in turtle or (unit, RDFS.label, None) in turtle, unit
        assert turtle.value(unit, RDFS.label) is not None, unit


def _linked_chebi(rows, turtle, materials: bool) -> list[tuple[URIRef, str]]:
    """(our node, ChEBI's name) for the ChEBI links from materials, or from other substances.

    A material's pk:formula is a chemical formula (SiO2); the other substances (ligands,
    solvents, precursors) are named by the review in words or abbreviations (toluene, OA).
    """
    def is_material(node) -> bool:
        return any(PK.Material in set(turtle.transitive_objects(kind, RDFS.subClassOf))
                   for kind in turtle.objects(node, RDF.type))
    pairs = [(_expand(row["linked_from"]), row["label"]) for row in rows
             if "/CHEBI_" in row["iri"]]
    return [(node, label) for node, label in pairs if is_material(node) == materials]


def test_each_chebi_record_of_a_material_names_the_elements_of_its_formula(rows, turtle):
    linked = _linked_chebi(rows, turtle, materials=True)
    for node, label in linked:
        for element in re.findall(r"[A-Z][a-z]?", str(turtle.value(node, PK.formula))):
            assert any(stem in label for stem in ELEMENT_STEMS[element]), (node, label, element)
    assert len(linked) == 8  # SiO2, TiO2, Al2O3, CdS, Au, Ag, Pt single atoms, ZnSO4


def test_each_chebi_record_of_another_substance_carries_the_reviews_name(rows, turtle):
    linked = _linked_chebi(rows, turtle, materials=False)
    for node, label in linked:
        ours = re.sub(r"\s*\(.*\)$", "", str(turtle.value(node, RDFS.label)))  # "oleic acid (OA)"
        assert label == ours, node
    assert len(linked) == 7  # oleic acid, sulfate, ammonia, DMF, toluene, hexane, water


def test_each_chmo_record_names_the_method(rows, turtle):
    for row in rows:
        if "/CHMO_" not in row["iri"]:
            continue
        theirs = row["label"].replace("\u2013", "-").lower()
        ours = str(turtle.value(_expand(row["linked_from"]), RDFS.label)).lower()
        assert theirs.split()[0][:6] in ours, (row["linked_from"], row["label"])
