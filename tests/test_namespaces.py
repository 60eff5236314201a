"""The prefix table is written as plain strings (so `query` needs no rdflib); these tests hold it
to rdflib's own spelling of the W3C and VoID/DCAT/FOAF namespaces, and check the rdflib views."""

from rdflib import namespace

from perovskite_kg import namespaces

RDFLIB = {"dcterms": namespace.DCTERMS, "owl": namespace.OWL, "prov": namespace.PROV,
          "rdf": namespace.RDF, "rdfs": namespace.RDFS, "sh": namespace.SH,
          "skos": namespace.SKOS, "xsd": namespace.XSD, "void": namespace.VOID,
          "dcat": namespace.DCAT, "foaf": namespace.FOAF}


def test_w3c_prefixes_are_spelt_as_rdflib_spells_them():
    table = namespaces.DESCRIPTION_PREFIXES
    for prefix, ns in RDFLIB.items():
        assert table[prefix] == str(ns), prefix


def test_description_prefixes_extend_the_data_prefixes():
    assert namespaces.PREFIX_IRIS.items() <= namespaces.DESCRIPTION_PREFIXES.items()


def test_rdflib_views_are_made_from_the_table():
    assert {p: str(ns) for p, ns in namespaces.PREFIXES.items()} == namespaces.PREFIX_IRIS
    assert str(namespaces.PK) == namespaces.PREFIX_IRIS["pk"]
    assert namespaces.VOID is namespace.VOID and namespaces.FOAF is namespace.FOAF
    assert namespaces.SHAPES_PREFIXES["pksh"] == namespaces.PKSH
