"""Checks on graph/review.ttl and graph/references.ttl.

Expected values below were typed by hand from the review text
(Zhong, Cao and Zhang, Nanoscale 2021, 13, 19341, DOI 10.1039/d1nr05478c):
the title page, the "Received"/"Accepted" lines, Table 1 and "Notes and references".
"""

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from support import ROOT

PK = Namespace("https://w3id.org/perovskite-kg/ontology#")
PKR = Namespace("https://w3id.org/perovskite-kg/resource/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


@pytest.fixture(scope="module")
def g():
    graph = Graph()
    for name in ("review.ttl", "references.ttl"):
        graph.parse(ROOT / "graph" / name, format="turtle")
    return graph


def ref(n):
    return PKR[f"ref-{n}"]


def authors(g, node):
    head = g.value(node, BIBO.authorList)
    assert head is not None, f"{node} has no bibo:authorList"
    return [str(x) for x in Collection(g, head)]


def one(g, s, p):
    vals = list(g.objects(s, p))
    assert len(vals) == 1, f"{s} {p}: expected one value, got {vals}"
    return vals[0]


# ---------------------------------------------------------------- all references

def test_exactly_72_references_numbered_1_to_72(g):
    numbered = list(g.subject_objects(PK.referenceNumber))
    assert len(numbered) == 72
    numbers = sorted(int(n) for _, n in numbered)
    assert numbers == list(range(1, 73))
    for s, n in numbered:
        assert s == ref(int(n))
        assert (s, RDF.type, BIBO.AcademicArticle) in g


@pytest.mark.parametrize("n", range(1, 73))
def test_reference_has_required_fields(g, n):
    r = ref(n)
    assert len(authors(g, r)) >= 1
    journal = one(g, r, DCTERMS.isPartOf)
    assert (journal, RDF.type, BIBO.Journal) in g
    assert str(one(g, journal, DCTERMS.title)).strip()
    year = one(g, r, DCTERMS.issued)
    assert year.datatype == XSD.gYear and len(str(year)) == 4
    has_volume = (r, BIBO.volume, None) in g
    has_note = (r, SKOS.editorialNote, None) in g
    assert has_volume or has_note
    has_pages = (r, BIBO.pageStart, None) in g and (r, BIBO.pageEnd, None) in g
    has_number = (r, BIBO.number, None) in g
    assert has_pages != has_number, "pages or article number, not both"
    assert str(one(g, r, RDFS.label)).strip()


def test_only_reference_48_lacks_a_volume(g):
    without = [n for n in range(1, 73) if (ref(n), BIBO.volume, None) not in g]
    assert without == [48]
    assert one(g, ref(48), SKOS.editorialNote) == Literal(
        "The review prints no volume for this reference.")


def test_journal_titles_are_unique(g):
    titles = [str(t) for j in g.subjects(RDF.type, BIBO.Journal) for t in g.objects(j, DCTERMS.title)]
    assert len(titles) == len(set(titles))


# ---------------------------------------------------------------- references checked field by field

def check_ref(g, n, names, journal, year, volume, pages=None, number=None):
    r = ref(n)
    assert int(one(g, r, PK.referenceNumber)) == n
    assert authors(g, r) == names
    assert str(one(g, one(g, r, DCTERMS.isPartOf), DCTERMS.title)) == journal
    assert one(g, r, DCTERMS.issued) == Literal(year, datatype=XSD.gYear)
    assert str(one(g, r, BIBO.volume)) == volume
    if pages:
        assert str(one(g, r, BIBO.pageStart)) == pages[0]
        assert str(one(g, r, BIBO.pageEnd)) == pages[1]
        assert (r, BIBO.number, None) not in g
    else:
        assert str(one(g, r, BIBO.number)) == number
        assert (r, BIBO.pageStart, None) not in g


def test_reference_1(g):
    # "H. L. Wells, Z. Anorg. Chem., 1893, 3, 195–210."
    check_ref(g, 1, ["H. L. Wells"], "Z. Anorg. Chem.", "1893", "3", pages=("195", "210"))


def test_reference_20(g):
    # "Z. Li, L. Kong, S. Huang and L. Li, Angew. Chem., Int. Ed., 2017, 56, 8134–8138."
    check_ref(g, 20, ["Z. Li", "L. Kong", "S. Huang", "L. Li"], "Angew. Chem., Int. Ed.",
              "2017", "56", pages=("8134", "8138"))


def test_reference_21(g):
    # "21 M. N. An, S. Park, R. Brescia, M. Lutfullin, L. Sinatra, O. M. Bakr, L. De Trizio
    #  and L. Manna, ACS Energy Lett., 2021, 6, 900–907."
    check_ref(g, 21, ["M. N. An", "S. Park", "R. Brescia", "M. Lutfullin", "L. Sinatra",
                      "O. M. Bakr", "L. De Trizio", "L. Manna"],
              "ACS Energy Lett.", "2021", "6", pages=("900", "907"))


def test_reference_72(g):
    # "72 P. Kumar, M. Patel, C. Park, H. Han, B. Jeong, H. Kang, R. Patel, W. G. Koh and
    #  C. Park, J. Mater. Chem. B, 2020, 8, 10337–10345."
    check_ref(g, 72, ["P. Kumar", "M. Patel", "C. Park", "H. Han", "B. Jeong", "H. Kang",
                      "R. Patel", "W. G. Koh", "C. Park"],
              "J. Mater. Chem. B", "2020", "8", pages=("10337", "10345"))


def test_reference_11_long_author_list(g):
    names = authors(g, ref(11))
    assert len(names) == 70
    assert names[0] == "A. Dey" and names[-1] == "L. Polavarapu"
    for n in ("I. Mora-Seró", "J. Pérez-Prieto", "P. Müller-Buschbaum", "X.-G. Wu", "C.-J. Shih"):
        assert n in names


def test_special_cases(g):
    # ref 38: single author with "Ø", single-page range printed 1436–1436
    check_ref(g, 38, ["C. K. MØller"], "Nature", "1958", "182", pages=("1436", "1436"))
    # ref 48: no volume, article number
    r = ref(48)
    assert authors(g, r) == ["Y. Duan", "D. Y. Wang", "R. D. Costa"]
    assert str(one(g, r, BIBO.number)) == "2104634"
    assert one(g, r, DCTERMS.issued) == Literal("2021", datatype=XSD.gYear)
    # ref 49: alphanumeric article number
    check_ref(g, 49, ["Y. He", "Y. J. Yoon", "Y. W. Harn", "G. V. Biesold-McGee", "S. Liang",
                      "C. H. Lin", "V. V. Tsukruk", "N. Thadhani", "Z. Kang", "Z. Lin"],
              "Sci. Adv.", "2019", "5", number="eaax4424")
    # ref 15: two-word surname
    assert authors(g, ref(15)) == ["R. Ghosh Chaudhuri", "S. Paria"]


# ---------------------------------------------------------------- the review record

def test_review_record(g):
    r = PKR.review
    assert (r, RDF.type, BIBO.AcademicArticle) in g
    assert str(one(g, r, DCTERMS.title)) == (
        "Encapsulation of lead halide perovskite nanocrystals (NCs) at the single-particle "
        "level: strategies and properties")
    assert authors(g, r) == ["Qixuan Zhong", "Muhan Cao", "Qiao Zhang"]
    assert str(one(g, r, BIBO.doi)) == "10.1039/d1nr05478c"
    assert str(one(g, r, BIBO.volume)) == "13"
    assert str(one(g, r, BIBO.pageStart)) == "19341"
    assert one(g, r, DCTERMS.issued) == Literal("2021", datatype=XSD.gYear)
    assert one(g, r, DCTERMS.dateSubmitted) == Literal("2021-08-20", datatype=XSD.date)
    assert one(g, r, DCTERMS.dateAccepted) == Literal("2021-10-28", datatype=XSD.date)
    assert str(one(g, one(g, r, DCTERMS.isPartOf), DCTERMS.title)) == "Nanoscale"


def test_review_cites_all_72(g):
    cited = set(g.objects(PKR.review, BIBO.cites))
    assert cited == {ref(n) for n in range(1, 73)}


# ---------------------------------------------------------------- places in the review

def test_table_1_rows_and_groups(g):
    expected = ["Oxides"] * 6 + ["Semiconductors"] * 4 + ["Metal"] + ["Others"] * 3
    rows = list(g.subjects(RDF.type, PK.TableRow))
    assert len(rows) == 14
    for n, group in enumerate(expected, 1):
        row = PKR[f"table-1-row-{n}"]
        assert (row, RDF.type, PK.TableRow) in g
        assert int(one(g, row, PK.tableNumber)) == 1
        assert int(one(g, row, PK.rowNumber)) == n
        assert str(one(g, row, PK.tableGroup)) == group
        assert str(one(g, row, RDFS.label)).startswith(f"Table 1, row {n} (")
    assert str(one(g, PKR["table-1-row-5"], RDFS.label)) == \
        "Table 1, row 5 (CsPbI3/SiO2, CsPbI3/ZrO2, CsPbI3/TaO5)"
    assert (PKR["table-1"], RDF.type, PK.ReviewTable) in g


def test_sections(g):
    for n in ("1", "2.1", "2.2", "3", "3.1", "3.2", "3.3", "3.4", "4", "5"):
        s = PKR[f"section-{n}"]
        assert (s, RDF.type, PK.ReviewSection) in g
        assert str(one(g, s, PK.sectionNumber)) == n
        assert str(one(g, s, RDFS.label)).startswith(f"Section {n} ")
    assert str(one(g, PKR["section-3.1"], RDFS.label)) == "Section 3.1 APbX3/oxide"
    assert (PKR.abstract, RDF.type, PK.ReviewSection) in g


def test_figure_panels(g):
    panels = {1: "ab", 2: "abcdefg", 3: "abcdef", 4: "abcdefghi", 5: "abcde",
              6: "abcdefgh", 7: "abcdef", 8: "abcd"}
    found = set(g.subjects(RDF.type, PK.FigurePanel))
    assert len(found) == sum(len(v) for v in panels.values())
    for fig, letters in panels.items():
        for p in letters:
            node = PKR[f"fig-{fig}{p}"]
            assert node in found
            assert int(one(g, node, PK.figureNumber)) == fig
            assert str(one(g, node, PK.panel)) == p
            assert str(one(g, node, RDFS.label)) == f"Fig. {fig}{p}"
            if (fig, p) in ((6, "c"), (6, "d")):
                assert (node, RDFS.comment, None) not in g
                assert (node, SKOS.editorialNote, None) in g
            else:
                assert str(one(g, node, RDFS.comment)).strip()
    assert one(g, PKR["fig-2g"], PK.reproducedFrom) == ref(25)
    assert one(g, PKR["fig-1a"], PK.reproducedFrom) == ref(39)
    assert one(g, PKR["fig-8d"], PK.reproducedFrom) == ref(66)
