"""Everything is escaped: a label holding markup renders as text on a resource page, in an answer
table and in search results (the pages are rendered as the server renders them)."""

import pyoxigraph as ox

from perovskite_kg.serve import pages, resources
from perovskite_kg.serve.jobs import Cell, Table

PKR = "https://w3id.org/perovskite-kg/resource/"
LABEL = "</td><script>alert('x')</script>"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _store() -> ox.Store:
    store = ox.Store()
    subject = ox.NamedNode(PKR + "evil")
    store.add(ox.Quad(subject, RDFS_LABEL, ox.Literal(LABEL)))
    store.add(ox.Quad(subject, ox.NamedNode("https://w3id.org/perovskite-kg/ontology#quote"),
                      ox.Literal('"><img src=x onerror=alert(1)>')))
    return store


def test_a_label_with_a_script_renders_as_text_on_its_page():
    store = _store()
    page = pages.render("resource.html", pages.Urls(), card=resources.describe(store, PKR + "evil"),
                        name="evil")
    assert "<script" not in page and "<img" not in page
    assert "&lt;/td&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_a_label_with_a_script_renders_as_text_in_an_answer():
    store = _store()
    table = Table(("thing",), ((Cell("iri", PKR + "evil"),), (Cell("literal", LABEL),)))
    page = pages.render("editor.html", pages.Urls(), text=LABEL, endpoint="/sparql", error=LABEL,
                        columns=table.columns, rows=pages.cells(store, table), truncated=False)
    assert "<script" not in page
    assert page.count("&lt;script&gt;") == 4  # the textarea, the error, and two cells
