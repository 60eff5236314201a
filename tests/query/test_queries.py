"""The stored queries: their headers, and every answer against the review.

Every expected row below was read from the review (Zhong, Cao and Zhang, Nanoscale 2021, 13,
19341), with the passage it comes from, never from the program's output. Heterostructures are
named by the project's IRI convention, hs-<core>-<shell>-<architecture>-ref<N>. The queries run
through the product code (`run.open_store`: asserted plus inferred triples), as the command does.
"""

import re
from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF
from support import ROOT, review_project
from support.review_table1 import ROWS

from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import ASSERTED_GRAPH, PK, PKR
from perovskite_kg.query import guard, run
from perovskite_kg.query import params as parameters
from perovskite_kg.query import stored as querystore

QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))
SHORT = {str(PKR): "", str(PK): "pk:"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The review's part of the project (all of it, unless papers are curated)."""
    return run.open_store(review_project(tmp_path_factory.mktemp("review")))


@pytest.fixture(scope="module")
def asserted_only(store):
    """The same store without the inferred graph: what the curators wrote, nothing derived."""
    only = ox.Store()
    asserted = ox.NamedNode(str(ASSERTED_GRAPH))
    only.extend(store.quads_for_pattern(None, None, None, asserted))
    return only


def answer(store, name: str, **params) -> list[dict[str, str]]:
    """The rows of a stored query, each cell as text ('' when unbound, IRIs shortened)."""
    stored = querystore.find(ROOT, name)
    prepared = guard.prepare(stored)
    bound = parameters.bindings(stored, [f"{k}={v}" for k, v in params.items()])
    return [{v: _text(row[v]) for v in prepared.variables}
            for row in run.execute(store, prepared, bound)]


def _text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for namespace, prefix in SHORT.items():
            if term.value.startswith(namespace):
                return prefix + term.value[len(namespace):]
        return term.value
    return term.value


def project(rows, *columns) -> list[tuple[str, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


# --- the files and their headers ----------------------------------------------------------------

def test_there_are_query_files():
    """Guard: the parametrised tests below would pass vacuously over an empty folder."""
    assert len(QUERY_FILES) >= 32


def test_competency_questions_cover_the_minimum():
    headers = [querystore.read(p).header for p in QUERY_FILES]
    competency = [h for h in headers if h["id"].startswith("CQ-")]
    assert len(competency) >= 25
    reasoning = [p for p in QUERY_FILES if querystore.read(p).reasoning]
    assert len(reasoning) >= 3


def test_ids_are_unique_and_well_formed():
    ids = [querystore.read(p).header["id"] for p in QUERY_FILES]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert all(re.fullmatch(r"(CQ|TBL)-\d\d", i) for i in ids), ids


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_header_is_complete_and_matches_the_query(path):
    stored = querystore.read(path)
    assert set(querystore.REQUIRED_KEYS) <= set(stored.header)
    assert all(stored.header[k] for k in querystore.REQUIRED_KEYS)
    prepared = guard.prepare(stored)
    if prepared.form == "SELECT":
        assert stored.expects.columns == prepared.variables
    for parameter in stored.parameters:
        assert parameter.description
    assert set(stored.lists) <= set(prepared.variables)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_declares_its_own_prefixes(path):
    """Stored queries must run unchanged in other SPARQL engines (Fuseki, GraphDB)."""
    stored = querystore.read(path)
    used = set(re.findall(r"(?<![\w?$<#])([A-Za-z][\w-]*):\w", _without_comments(stored.text)))
    declared = set(re.findall(r"PREFIX\s+([\w-]*):", stored.text))
    assert used <= declared


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_answer_has_the_promised_shape(store, path):
    stored = querystore.read(path)
    rows = answer(store, path.stem)
    expects = stored.expects
    if expects.shape == "non-empty":
        assert rows
    elif expects.shape == "empty":
        assert rows == []
    elif expects.shape == "rows":
        assert len(rows) == expects.rows


REASONING_QUERIES = [p for p in QUERY_FILES if querystore.read(p).reasoning]


@pytest.mark.parametrize("path", REASONING_QUERIES, ids=lambda p: p.stem)
def test_reasoning_queries_need_the_inferred_triples(store, asserted_only, path):
    """Each term a header names is a defined class or a property the query uses, and without the
    inferred triples the answer changes (loses rows, or values such as inferred shells)."""
    stored = querystore.read(path)
    ontology = Graph().parse(ROOT / "ontology" / "perovskite-kg.ttl")
    for term in stored.reasoning:
        assert term.startswith("pk:") and term in stored.text
        defined = (PK[term[3:]], OWL.equivalentClass, None) in ontology
        kinds = set(ontology.objects(PK[term[3:]], RDF.type))
        assert defined or kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, term
    assert comparable(stored, answer(asserted_only, path.stem)) != comparable(
        stored, answer(store, path.stem))


@pytest.mark.parametrize("path", [p for p in QUERY_FILES if p not in REASONING_QUERIES],
                         ids=lambda p: p.stem)
def test_other_queries_need_no_inferred_triples(store, asserted_only, path):
    """A query without `#+ reasoning:` gives the same answer over the asserted triples alone."""
    stored = querystore.read(path)
    assert comparable(stored, answer(asserted_only, path.stem)) == comparable(
        stored, answer(store, path.stem))


def comparable(stored, rows) -> Counter:
    """Rows as a multiset, `#+ lists:` cells as sets (their order is the engine's)."""
    return Counter(tuple(frozenset(v.split(querystore.LIST_SEPARATOR)) if k in stored.lists else v
                         for k, v in row.items()) for row in rows)


def test_header_errors_are_located(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ id: X-01\n#+ summmary: typo\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(InputError) as err:
        querystore.read(bad)
    assert err.value.line == 2 and "summmary" in err.value.message
    bad.write_text("#+ param: limit 10 (integer) no equals sign\nSELECT ?limit WHERE { }\n")
    with pytest.raises(InputError) as err:
        querystore.read(bad)
    assert err.value.line == 1 and "NAME = DEFAULT (KIND)" in err.value.message


def test_unknown_name_lists_close_matches():
    with pytest.raises(InputError) as err:
        querystore.find(ROOT, "stabilty")
    assert "stability" in err.value.message


def test_parameters_are_bound_as_terms_not_text(store, tmp_path):
    """A value that would break out of the query if pasted is bound as one literal."""
    probe = tmp_path / "probe.rq"
    probe.write_text(
        "#+ param: name = x (string) any text\n"
        "SELECT ?name ?n WHERE { BIND (STRLEN(?name) AS ?n) }\n"
    )
    stored = querystore.read(probe)
    hostile = '" ) } SELECT * WHERE { ?s ?p ?o } #'
    bound = parameters.bindings(stored, [f"name={hostile}"])
    rows = list(run.execute(store, guard.prepare(stored), bound))
    assert [(r["name"].value, int(r["n"].value)) for r in rows] == [(hostile, len(hostile))]
    for bad in (["minDays=7 || true"], ["minDays=NaN"], ["nope=1"], ["minDays"]):
        with pytest.raises(InputError):
            parameters.bindings(querystore.find(ROOT, "water-resistant-shells"), bad)


# --- the table queries --------------------------------------------------------------------------

TABLE_COLUMNS = {
    "heterostructures": "heterostructure, core, shell, architecture, coverage, plPeakNm, "
                        "plqyPercent, reference",
    "stability": "heterostructure, core, shell, coated, stressor, condition, duration, "
                 "durationUnit, durationHours, remnantPlPercent, outcome, reference",
    "applications": "heterostructure, core, shell, application, metric, value, unit, reference",
    "band-alignments": "heterostructure, core, shell, alignment, description, reference",
    "synthesis": "heterostructure, route, role, input, reference",
    "references": "number, firstAuthor, authors, journal, year, volume, pages",
}


@pytest.mark.parametrize("name", TABLE_COLUMNS)
def test_table_columns_are_exactly_the_interface(name):
    prepared = guard.prepare(querystore.find(ROOT, name))
    assert prepared.variables == tuple(TABLE_COLUMNS[name].split(", "))


def test_table_1_is_rebuilt_cell_by_cell(store):
    """Table 1 against tests/support/review_table1.py, typed by hand from the review: same rows, same
    order, each cell as printed (several compounds, PLQYs or clauses joined with "; ")."""
    rows = answer(store, "table-1")
    assert [int(r["row"]) for r in rows] == [r["row"] for r in ROWS]
    for got, printed in zip(rows, ROWS):
        expected = {
            "shellMaterials": printed["group"],
            "compound": "; ".join(printed["compounds"]),
            "structure": printed["structure"],
            "plPeakNm": printed["pl_peak"],
            "plqyPercent": "; ".join(printed["plqy"] or []),
            "stabilityBeforeCoating": "; ".join(printed["before"]),
            "stabilityAfterCoating": "; ".join(printed["after"]),
            "reference": str(printed["ref"]),
        }
        assert {k: got[k] for k in expected} == expected, f"Table 1 row {printed['row']}"


# Section 3 of the review names 45 heterostructures, one per core, shell and cited work:
# 3.1: 14, 3.2: 14 (CsPbBr3/CdS from refs. 33, 55 and 56 are three), 3.3: 5 (CsPbBr3/Au from
# refs. 61, 63, 64 are three), 3.4: 5; section 4 adds 7 (refs. 23, 67, 68, 69, 70, 71, 72).
HETEROSTRUCTURE_ROWS = {
    # Table 1 row 4: "CsPbMnX3/SiO2 | Core/shell | 446/607 | 54.7 | ... | 27"
    ("hs-CsPbMnX3-SiO2-coreshell-ref27", "CsPbMnX3", "SiO2", "core/shell", "", "446; 607", "54.7",
     "27"),
    # Table 1 row 6: "CsPbBr3/TiO2 | Core/shell | ~515 | — | ... | 29"
    ("hs-CsPbBr3-TiO2-coreshell-ref29", "CsPbBr3", "TiO2", "core/shell", "", "~515", "", "29"),
    # Table 1 row 14: "APbX3@PAA-b-PS (A = FA or Cs) | Core/shell | 460–650 | 30–61 | ... | 37"
    ("hs-APbX3-PAAbPS-coreshell-ref37", "APbX3", "PAA-b-PS", "core/shell", "", "460-650", "30-61",
     "37"),
    # 3.1: "Monodisperse, fully coated core/shell CsPbBr3/SiO2 NCs"; Table 1 row 3: 501, 90, 26
    ("hs-CsPbBr3-SiO2-coreshell-ref26", "CsPbBr3", "SiO2", "core/shell", "full coverage", "501",
     "90", "26"),
    # Table 1 row 1, Janus: 517, 80, 24; 3.1: Janus structures give "incomplete protection"
    ("hs-CsPbBr3-SiO2-janus-ref24", "CsPbBr3", "SiO2", "Janus", "partial coverage", "517", "80",
     "24"),
    # Fig. 3f: "PS-capped MAPbBr3/SiO2 core/shell NCs": SiO2 on the core, capped by PS (the
    # star-like triblock is the nanoreactor, a template, not a shell)
    ("hs-MAPbBr3-SiO2-PS-dualshell-ref49", "MAPbBr3", "SiO2; PS", "dual-shell", "",
     "", "", "49"),
    # 3.2: "Liu and coworkers synthesized a CsPbBr3/nCdS/Al2O3 double-shell structure"
    ("hs-CsPbBr3-CdS-Al2O3-doubleshell-ref57", "CsPbBr3", "CdS; Al2O3", "double-shell", "", "", "",
     "57"),
}


def test_heterostructures_table(store):
    rows = answer(store, "heterostructures")
    assert len(rows) == 45
    columns = TABLE_COLUMNS["heterostructures"].split(", ")
    assert HETEROSTRUCTURE_ROWS <= set(project(rows, *columns))


STABILITY_ROWS = {
    # Table 1 row 3: "Remnant PL 0% after storing in water for 16 min under ultrasonic treatment;
    # storing in ambient <3 days" / "Remnant PL 112% after storing in water for 40 min ..."
    ("hs-CsPbBr3-SiO2-coreshell-ref26", "false", "water under ultrasonication", "", "16", "minute",
     "0.27", "0", ""),
    ("hs-CsPbBr3-SiO2-coreshell-ref26", "false", "storage in ambient", "", "<3", "day", "<72", "",
     "stable for the stated duration"),
    ("hs-CsPbBr3-SiO2-coreshell-ref26", "true", "water under ultrasonication", "", "40", "minute",
     "0.67", "112", ""),
    # Table 1 row 6: "Remnant PL 85% after 84 days water treatment"
    ("hs-CsPbBr3-TiO2-coreshell-ref29", "true", "water", "", "84", "day", "2016", "85", ""),
    # Table 1 row 5 (one cell for three compounds): "Remnant PL 52–64% after 2 hours water
    # treatment; remnant PL 67.2% after heating at 100 °C" / "remnant PL 85–90% after heating ..."
    ("hs-CsPbI3-ZrO2-coreshell-ref28", "false", "water", "", "2", "hour", "2", "52-64", ""),
    ("hs-CsPbI3-Ta2O5-coreshell-ref28", "true", "heating", "100 °C", "", "", "", "85-90", ""),
    # Table 1 row 10: "remnant PL ~0% after heating at 60 °C for 9 hours"
    ("hs-CsPbBr3-CdS-coreshell-ref33", "false", "heating", "60 °C", "9", "hour", "9", "~0", ""),
    # Table 1 row 11: "Aggregation after 20 min light irradiation by xenon lamp"
    ("hs-CsPbBr3-Pt-coreisland-ref34", "false", "light irradiation", "xenon lamp", "20", "minute",
     "0.33", "", "aggregation"),
    # Table 1 row 13: "No anion-exchange after 48 h"
    ("hs-CsPbBr3-ZnSO4-coreshell-ref36", "true", "anion exchange challenge", "", "48", "hour", "48",
     "", "no anion exchange"),
    # Table 1 row 12: "remnant PL 105% after 300 min light irradiation"
    ("hs-CsPbBr3-PbSO4-coreshell-ref35", "true", "light irradiation", "", "300", "minute", "5",
     "105", ""),
}


def test_stability_table(store):
    rows = answer(store, "stability")
    got = set(project(rows, "heterostructure", "coated", "stressor", "condition", "duration",
                      "durationUnit", "durationHours", "remnantPlPercent", "outcome"))
    assert STABILITY_ROWS <= got


APPLICATION_ROWS = {
    # Section 1: "an EQE of 12.3% for blue LED,5 22% for green LED,5 and 23% for red LED.7"
    ("", "CsPbX3", "", "blue LED", "EQE", "12.3", "percent", "5"),
    ("", "CsPbX3", "", "green LED", "EQE", "22", "percent", "5"),
    ("", "CsPbX3", "", "red LED", "EQE", "23", "percent", "7"),
    # Section 4: "FAPbBr3/CsPbBr3 core/shell NCs60 ... green LED ... EQE of 8.1%"
    ("hs-FAPbBr3-CsPbBr3-coreshell-ref60", "FAPbBr3", "CsPbBr3", "green LED", "EQE", "8.1",
     "percent", "60"),
    # Section 4: "CsPbI3/PbSe NC solar cells with a power conversion efficiency of 13.9%"
    ("hs-CsPbI3-PbSe-coated-ref68", "CsPbI3", "PbSe", "solar cell", "PCE", "13.9", "percent", "68"),
    # Section 4: "photo-response ... more than 30 times that of the counterpart CsPbCl3 NCs"
    ("hs-AuCu-CsPbCl3-coreshell-ref66", "AuCu", "CsPbCl3", "photodetector", "photoresponse ratio",
     ">30", "unitless", "66"),
    # Fig. 8a: "WLED under continuous current of 1 mA"; section 4: "after operation for one hour"
    ("hs-CsPbBr3-SiO2-janus-ref24", "CsPbBr3", "SiO2", "white LED", "operation time", "1", "hour",
     "24"),
    ("hs-CsPbBr3-SiO2-janus-ref24", "CsPbBr3", "SiO2", "white LED", "drive current", "1",
     "milliampere", "24"),
    # Section 4: "biocompatible CsPbBr3/SiO2 core/shell NCs72 ... used for bio-imaging and drug
    # delivery"
    ("hs-CsPbBr3-SiO2-coreshell-ref72", "CsPbBr3", "SiO2", "drug delivery", "", "", "", "72"),
}


def test_applications_table(store):
    rows = answer(store, "applications")
    assert APPLICATION_ROWS <= set(project(rows, *TABLE_COLUMNS["applications"].split(", ")))
    # Section 4: "an EQE of 11.8%" for the red electroluminescent LEDs of CsPbI3/PbS (ref. 67).
    red = [r for r in rows if r["heterostructure"] == "hs-CsPbI3-PbS-coreshell-ref67"]
    assert [(set(r["application"].split("; ")), r["metric"], r["value"]) for r in red] == [
        ({"electroluminescent LED", "red LED"}, "EQE", "11.8")]


def test_band_alignments_table(store):
    rows = answer(store, "band-alignments")
    assert set(project(rows, "heterostructure", "core", "shell", "alignment", "reference")) == {
        # 3.2: "CsPbBr3/PbS is a typical type I heterojunction"
        ("hs-CsPbBr3-PbS-coreisland-ref51", "CsPbBr3", "PbS", "type I", "51"),
        # Fig. 5a: "pseudo type II band alignment at the CsPbBr3/ZnS core/shell interface"
        ("hs-CsPbBr3-ZnS-coreshell-ref31", "CsPbBr3", "ZnS", "quasi type II", "31"),
        # 3.2: "The resulting quasi type II energy level alignment at the heterojunction"
        ("hs-CsPbBr3-Pb4S3Br2-janus-ref52", "CsPbBr3", "Pb4S3Br2", "quasi type II", "52"),
    }
    assert all(r["description"] for r in rows)


def test_synthesis_table(store):
    """One row per input of a route, by role (issue 12, part 4)."""
    rows = set(project(answer(store, "synthesis"), "heterostructure", "role", "input",
                       "reference"))
    assert {
        # 3.2: "CsPbBr3/TiO2 core/shell NCs by calcination at 300 °C for 5 h"
        ("hs-CsPbBr3-TiO2-coreshell-ref29", "method", "calcination", "29"),
        ("hs-CsPbBr3-TiO2-coreshell-ref29", "condition", "300 °C", "29"),
        ("hs-CsPbBr3-TiO2-coreshell-ref29", "condition", "5 h", "29"),
        # 3.1: "a facile reverse microemulsion method at room temperature"
        ("hs-CsPbMnX3-SiO2-coreshell-ref27", "method", "reverse microemulsion", "27"),
        ("hs-CsPbMnX3-SiO2-coreshell-ref27", "condition", "room temperature", "27"),
        # 3.2: "in situ growth of PbS using hexamethyldisilathiane as the sulfur precursor"
        ("hs-CsPbBr3-PbS-coreisland-ref51", "method", "in situ growth", "51"),
        ("hs-CsPbBr3-PbS-coreisland-ref51", "precursor", "hexamethyldisilathiane", "51"),
        # 3.1: "a facile one-pot approach ... (CsBr, PbBr2, OA, OLA, and ammonia dissolved in
        # N,N-dimethylformamide) is quickly added into ultradry toluene solution containing TMOS"
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "method", "one-pot synthesis", "26"),
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "precursor", "TMOS", "26"),
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "ligand", "OLA", "26"),
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "solvent", "toluene", "26"),
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "reagent", "ammonia", "26"),
        # 3.1: "3-aminopropyl triethoxysilane (APTES) was introduced as a bridging ligand" [28]
        ("hs-CsPbI3-SiO2-coreshell-ref28", "ligand", "APTES", "28"),
        # Fig. 3f: "by exploiting the star-like P4VP-b-PtBA-b-PS ... as nanoreactors" [49]
        ("hs-MAPbBr3-SiO2-PS-dualshell-ref49", "template", "P4VP-b-PtBA-b-PS", "49"),
        # 3.2: "by epitaxial growth of Pb4S3Br2 onto CsPbBr3 NCs at high temperature"
        ("hs-CsPbBr3-Pb4S3Br2-janus-ref52", "method", "epitaxial growth", "52"),
        ("hs-CsPbBr3-Pb4S3Br2-janus-ref52", "condition", "high temperature", "52"),
    } <= rows
    # 3.1 prints "sol-gel" for the Janus route of ref. 24 only, never for ref. 26
    assert ("hs-CsPbBr3-SiO2-coreshell-ref26", "method", "sol-gel", "26") not in rows


def test_references_table(store):
    rows = answer(store, "references")
    assert [int(r["number"]) for r in rows] == list(range(1, 73))
    columns = TABLE_COLUMNS["references"].split(", ")
    by_number = {int(r["number"]): tuple(r[c] for c in columns) for r in rows}
    # From "Notes and references", as printed (the en dash of page ranges as "-").
    assert by_number[1] == ("1", "H. L. Wells", "H. L. Wells", "Z. Anorg. Chem.", "1893", "3",
                            "195-210")
    assert by_number[26] == ("26", "Q. Zhong", "Q. Zhong; M. Cao; H. Hu; D. Yang; M. Chen; P. Li; "
                             "L. Wu; Q. Zhang", "ACS Nano", "2018", "12", "8579-8587")
    assert by_number[48] == ("48", "Y. Duan", "Y. Duan; D. Y. Wang; R. D. Costa",
                             "Adv. Funct. Mater.", "2021", "", "2104634")
    assert by_number[72][1:] == ("P. Kumar", "P. Kumar; M. Patel; C. Park; H. Han; B. Jeong; "
                                 "H. Kang; R. Patel; W. G. Koh; C. Park", "J. Mater. Chem. B",
                                 "2020", "8", "10337-10345")


# --- the competency questions -------------------------------------------------------------------

# Each entry: the query, its parameters, the columns compared, and the exact answer (a set of rows,
# or a list when the order is part of the answer), with the review's words it is read from.
ANSWERS = {
    # The review alone gives one value per property and work, and has no curated paper; the
    # answers with curated papers are checked in tests/curate/test_curate_path.py.
    "source-disagreements": ({}, ("heterostructure", "property"), set()),
    "what-paper-reports": ({}, ("doi", "fact"), set()),
    "fully-coated-single-particle": ({}, ("heterostructure", "basis"), {
        # Stated, 3.1: "Monodisperse, fully coated core/shell CsPbBr3/SiO2 NCs can be realized, in
        # which each nanoparticle has only one CsPbBr3 NC"
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "stated"),
        # Implied, 3.1 (ref. 28): "Surface engineering is considered an effective strategy to
        # achieve single-particle-level full coating."
        ("hs-CsPbI3-SiO2-coreshell-ref28", "implied"), ("hs-CsPbI3-ZrO2-coreshell-ref28", "implied"),
        ("hs-CsPbI3-Ta2O5-coreshell-ref28", "implied"),
        # Implied, 3.2: "some perovskite-like materials are employed as shell materials to achieve
        # full encapsulation at the single-particle level": Cs4PbX6 [58], CsPbBrx [59], Rb4PbBr6 [32]
        ("hs-CsPbX3-Cs4PbX6-coreshell-ref58", "implied"),
        ("hs-CsPbBr3-CsPbBrx-coreshell-ref59", "implied"),
        ("hs-CsPbBr3-Rb4PbBr6-coreshell-ref32", "implied"),
    }),
    "water-resistant-shells": ({}, ("heterostructure", "remnantPlPercent", "durationDays"), {
        # Table 1, "Stability after coating", water, >= 80% after >= 7 days:
        ("hs-CsPbBr3-SiO2-janus-ref24", "80", "7"),      # row 1: 80% after 7 days
        ("hs-CsPbBr3-ZrO2-janus-ref25", "80", "8"),      # row 2: 80% after 8 days
        ("hs-CsPbBr3-TiO2-coreshell-ref29", "85", "84"),  # row 6: 85% after 84 days
        ("hs-APbX3-PAAbPS-coreshell-ref37", "100", "23"),  # row 14: 100% after 23 days in water
        # Not: row 4 (90% after 6 days), row 7 (6.35% after 30 days).
    }),
    "remnant-pl-before-after": ({}, ("heterostructure", "stressor", "bareRemnantPercent",
                                     "coatedRemnantPercent", "improvementPoints"), {
        # Table 1, every stressor with a remnant PL both before and after coating.
        ("hs-CsPbBr3-SiO2-janus-ref24", "water", "17.8", "80", "62.2"),
        ("hs-CsPbBr3-SiO2-janus-ref24", "light irradiation", "84", "98", "14"),
        ("hs-CsPbBr3-ZrO2-janus-ref25", "water", "5", "80", "75"),
        ("hs-CsPbBr3-ZrO2-janus-ref25", "light irradiation", "70", "90", "20"),
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "water under ultrasonication", "0", "112", "112"),
        ("hs-CsPbMnX3-SiO2-coreshell-ref27", "water", "0", "90", "90"),
        ("hs-CsPbMnX3-SiO2-coreshell-ref27", "heating", "50", "90", "40"),
        *((f"hs-CsPbI3-{shell}-coreshell-ref28", stressor, before, after, gain)
          for shell in ("SiO2", "ZrO2", "Ta2O5")
          for stressor, before, after, gain in (("water", "52-64", "95-108", "31-56"),
                                                ("heating", "67.2", "85-90", "17.8-22.8"),
                                                ("light irradiation", "25.8", "52.7-62.1",
                                                 "26.9-36.3"))),
        ("hs-CsPbBr3-TiO2-coreshell-ref29", "water", "0", "85", "85"),
        ("hs-CsPbBr3-TiO2-coreshell-ref29", "light irradiation", "37", "75", "38"),
        ("hs-CsPbBr3-Ag2S-coreisland-ref30", "water", "0", "6.35", "6.35"),
        ("hs-CsPbBr3-ZnS-coreshell-ref31", "light irradiation", "0", "60", "60"),
        ("hs-CsPbBr3-Rb4PbBr6-coreshell-ref32", "light irradiation", "0", "90", "90"),
        ("hs-CsPbBr3-CdS-coreshell-ref33", "light irradiation", "65", "80", "15"),
        ("hs-CsPbBr3-CdS-coreshell-ref33", "heating", "~0", "40", "40"),
        ("hs-CsPbBr3-PbSO4-coreshell-ref35", "ethanol", "44", "75", "31"),
        ("hs-CsPbBr3-PbSO4-coreshell-ref35", "acetone", "50", "90", "40"),
        ("hs-CsPbBr3-PbSO4-coreshell-ref35", "light irradiation", "80", "105", "25"),
        ("hs-APbX3-PAAbPS-coreshell-ref37", "light irradiation", "18", "92", "74"),
        # Row 14 water: "Quenching with added water" has no number to compare.
    }),
    "shell-electrical-character": ({}, ("shell", "character", "heterostructures",
                                        "chargeTransferReported"), {
        # 3.2: oxides are "insulators, limiting the charge transfer"; TiO2 is discussed among
        # semiconductors and "allow[s] for efficient photoinduced charge transfer".
        ("SiO2", "insulating oxide", "9", "false"), ("ZrO2", "insulating oxide", "2", "false"),
        ("Ta2O5", "insulating oxide", "2", "false"), ("Al2O3", "insulating oxide", "2", "false"),
        ("TiO2", "semiconductor", "1", "true"), ("ZnS", "semiconductor", "2", "false"),
        ("CdS", "semiconductor", "4", "false"), ("PbS", "semiconductor", "2", "false"),
        ("PbSe", "semiconductor", "2", "false"), ("PbTe", "semiconductor", "1", "false"),
        ("Ag2S", "semiconductor", "1", "false"), ("Pb4S3Br2", "semiconductor", "1", "false"),
    }),
    "band-alignment-types": ({}, ("heterostructure", "type"), {
        ("hs-CsPbBr3-PbS-coreisland-ref51", "type I"),      # "a typical type I heterojunction"
        ("hs-CsPbBr3-ZnS-coreshell-ref31", "type II"),      # "type II CsPbBr3/ZnS core/shell NCs"
        ("hs-CsPbBr3-Pb4S3Br2-janus-ref52", "type II"),     # "quasi type II energy level alignment"
    }),
    "epitaxial-or-lattice-matched": ({}, ("heterostructure", "epitaxial", "latticeMatched"), {
        # "epitaxial growth of Pb4S3Br2 onto CsPbBr3 NCs"; "The sublattice of Pb4S3Br2 is similar"
        ("hs-CsPbBr3-Pb4S3Br2-janus-ref52", "true", "true"),
        # "Due to the matching of crystal lattices ... some perovskite-like materials are employed
        # as shell materials": implied for Cs4PbX6 [58] and Rb4PbBr6 [32]; not for the
        # "amorphous CsPbBrx" shell [59]
        ("hs-CsPbX3-Cs4PbX6-coreshell-ref58", "false", "true"),
        ("hs-CsPbBr3-Rb4PbBr6-coreshell-ref32", "false", "true"),
        # Fig. 7e "heteroepitaxial growth"; "maintain a high degree of lattice match"
        ("hs-AuCu-CsPbCl3-coreshell-ref66", "true", "true"),
        # "CsPbI3/PbTe NCs ... were synthesized by epitaxial growth strategy"
        ("hs-CsPbI3-PbTe-coated-ref71", "true", "false"),
    }),
    "room-temperature-routes": ({}, ("heterostructure",), {
        ("hs-CsPbMnX3-SiO2-coreshell-ref27",),  # "reverse microemulsion method at room temperature"
        ("hs-APbX3-PAAbPS-coreshell-ref37",),   # "a room-temperature reprecipitation method"
    }),
    "bridging-ligand-routes": ({}, ("heterostructure", "ligand"), {
        # 3.1: "APTES was introduced as a bridging ligand ... CsPbX3/oxide (SiO2, ZrO2, Ta2O5)"
        ("hs-CsPbI3-SiO2-coreshell-ref28", "APTES"), ("hs-CsPbI3-ZrO2-coreshell-ref28", "APTES"),
        ("hs-CsPbI3-Ta2O5-coreshell-ref28", "APTES"),
    }),
    "precursor-to-shell": ({}, ("precursor", "shell", "references"), {
        ("TMOS", "SiO2", "24; 26"),         # tetramethoxysilane, Janus [24] and one-pot [26]
        ("Zr(OC4H9)4", "ZrO2", "25"),       # "by introducing Zr(OC4H9)4 and tantalum(v) ethoxide
        ("tantalum(V) ethoxide", "Ta2O5", "24"),  # as the precursor, respectively"
        ("hexamethyldisilathiane", "PbS", "51"),  # "as the sulfur precursor"
        ("AuBr3", "Au", "61; 63; 64"),      # "reduction of AuBr3 by OLA"; "the excess AuBr3"
        ("Rb precursor", "Rb4PbBr6", "32"),  # "added excess Rb precursor for overgrowth"
        ("sulfate", "PbSO4", "35"),         # "react with sulfate to produce PbSO4 shells"
    }),
    "figures-of-merit-best-first": ({}, ("value", "reference"), [
        # EQE, best first: section 1 (23% red [7], 22% green [5], 12.3% blue [5]),
        # section 4 (11.8% CsPbI3/PbS [67], 8.1% FAPbBr3/CsPbBr3 [60]).
        ("23", "7"), ("22", "5"), ("12.3", "5"), ("11.8", "67"), ("8.1", "60"),
    ]),
    "heterostructures-per-halide": ({}, ("halide", "heterostructures"), {
        # The 45 heterostructures by the halide of their perovskite (core, or the CsPbCl3 shell of
        # AuCu/CsPbCl3). I: CsPbI3 x7 (ref. 28 x3, 62, 67, 68, 71) and Br/I mixed x3 (ref. 24
        # Fig. 2c, 53, CsPbBrI2 54). Cl: CsPbMnX3 (X = Br, Cl), CsPbX3 X = Cl/Br, CsPbCl3 [66].
        # Unspecified X: CsPbX3/Al2O3 [50], CsPbX3/Cs4PbX6 [58], APbX3@PAA-b-PS [37].
        # Br: the other 31 bromides plus the three mixed Br/I and the two Br/Cl ones.
        ("Br-", "34"), ("I-", "10"), ("Cl-", "3"), ("unspecified", "3"),
    }),
    "heterostructures-per-a-site-cation": ({}, ("cation", "heterostructures"), {
        # MA: the two dual-shelled MAPbBr3 [49]. FA: FAPbBr3/CsPbBr3 [60] and APbX3 (A = FA or
        # Cs) [37]. Cs: the other 42, APbX3 [37] included.
        ("Cs+", "42"), ("FA+", "2"), ("MA+", "2"),
    }),
    "design-difficulties-addressed": ({}, ("ordinal", "addressedBy"), {
        # 2.2 (1) surface ligand intervention: APTES "introduced as a bridging ligand" [28]; the
        # Janus route "effectively removing the ligands" [24]; the one-pot route presented right
        # after "SiO2 is a hydrophilic material ... CsPbX3 NCs, which are hydrophobic" [26]. Not
        # AuCu/CsPbCl3 [66]: "The same ligand OLA and hydrophobic property make it easier to
        # overgrow CsPbCl3" says nothing of overcoming ligand intervention (issue 12, 2.3).
        ("1", "route-CsPbI3-oxide-APTES-ref28"), ("1", "route-janus-oxide-ref24"),
        ("1", "route-CsPbBr3-SiO2-coreshell-ref26"),
        # (2) restriction of overgrowth conditions: no route is said to overcome it.
        ("2", ""),
        # (3) lattice mismatching: "Due to the matching of crystal lattices ... perovskite-like
        # materials" [58], [32] (not the "amorphous CsPbBrx" [59]); "The sublattice of Pb4S3Br2
        # is similar" [52]; "a high degree of lattice match" [66]. All are implied readings.
        ("3", "hs-CsPbX3-Cs4PbX6-coreshell-ref58"), ("3", "hs-CsPbBr3-Rb4PbBr6-coreshell-ref32"),
        ("3", "hs-CsPbBr3-Pb4S3Br2-janus-ref52"), ("3", "hs-AuCu-CsPbCl3-coreshell-ref66"),
    }),
    "shell-family-counts": ({}, ("family", "heterostructures"), {
        # Oxide: SiO2 9 (Janus x3 [24], 26, 27, 28, 49 x2, 72), ZrO2 2, Ta2O5 2, TiO2 1, Al2O3 2
        # (50, and the outer shell of 57).
        ("oxide", "16"),
        # Semiconductor: TiO2, ZnS x2 (53, 31), CdS x4 (33, 55, 56, 57), PbS x2 (51, 67),
        # PbSe x2 (54, 68), PbTe (71), Ag2S (30), Pb4S3Br2 (52).
        ("semiconductor", "14"),
        ("metal", "5"),                      # Au x3 (61, 63, 64), Ag (62), Pt single atoms (34)
        ("polymer", "4"),                    # PAA-b-PS (37, 65), PS and PEO capping (49)
        ("perovskite-related phase", "3"),   # Cs4PbX6 (58), CsPbBrx (59), Rb4PbBr6 (32)
        ("lead halide perovskite", "2"),     # CsPbBr3 on FAPbBr3 (60), CsPbCl3 on AuCu (66)
        ("metal-organic framework", "2"),    # MOF-coated (69), mesoporous MOF (70)
        ("sulfate", "2"),                    # PbSO4 (35), ZnSO4 (36)
        ("hybrid silica", "1"),              # phTEOS-TMOS (23)
    }),
    "partially-coated": ({}, ("heterostructure",), {
        # Janus: 3.1 (refs. 24, 25; Fig. 2c mixed halides) and 3.2 (ref. 52).
        ("hs-CsPbBr3-SiO2-janus-ref24",), ("hs-CsPbClBr-SiO2-janus-ref24",),
        ("hs-CsPbBrI-SiO2-janus-ref24",), ("hs-CsPbBr3-Ta2O5-janus-ref24",),
        ("hs-CsPbBr3-ZrO2-janus-ref25",), ("hs-CsPbBr3-Pb4S3Br2-janus-ref52",),
        # Islands: QDs on the NC surface (refs. 53, 51, 54, 30), Au on the corners (63, 61, 64),
        # Ag nanoparticles (62), Pt single atoms (34).
        ("hs-CsPbBrI-ZnS-coreisland-ref53",), ("hs-CsPbBr3-PbS-coreisland-ref51",),
        ("hs-CsPbBrI2-PbSe-coreisland-ref54",), ("hs-CsPbBr3-Ag2S-coreisland-ref30",),
        ("hs-CsPbBr3-Au-coreisland-ref61",), ("hs-CsPbBr3-Au-coreisland-ref63",),
        ("hs-CsPbBr3-Au-coreisland-ref64",), ("hs-CsPbI3-Ag-coreisland-ref62",),
        ("hs-CsPbBr3-Pt-coreisland-ref34",),
    }),
    "multi-shell": ({}, ("heterostructure", "innerShell", "outerShell"), {
        # Fig. 3f: "PS-capped MAPbBr3/SiO2 core/shell NCs and PEO-capped MAPbBr3/SiO2 core/shell
        # NCs by exploiting the star-like P4VP-b-PtBA-b-PS and P4VP-b-PtBA-b-PEO as nanoreactors"
        ("hs-MAPbBr3-SiO2-PS-dualshell-ref49", "SiO2", "PS"),
        ("hs-MAPbBr3-SiO2-PEO-dualshell-ref49", "SiO2", "PEO"),
        # 3.2: "a CsPbBr3/nCdS/Al2O3 double-shell structure"
        ("hs-CsPbBr3-CdS-Al2O3-doubleshell-ref57", "CdS", "Al2O3"),
    }),
    "metal-heterostructures": ({}, ("heterostructure", "metal", "role"), {
        # 3.3: Au NCs "grow on the corners of CsPbBr3 NCs" [63]; Sheldon et al. [61, 64]
        ("hs-CsPbBr3-Au-coreisland-ref61", "Au", "on the perovskite"),
        ("hs-CsPbBr3-Au-coreisland-ref63", "Au", "on the perovskite"),
        ("hs-CsPbBr3-Au-coreisland-ref64", "Au", "on the perovskite"),
        # "depositing and de-depositing metallic Ag nanoparticles on CsPbI3 NCs" [62]
        ("hs-CsPbI3-Ag-coreisland-ref62", "Ag", "on the perovskite"),
        # "Pt single atoms were successfully deposited on CsPbBr3 NCs" [34]
        ("hs-CsPbBr3-Pt-coreisland-ref34", "Pt", "on the perovskite"),
        # 3.4: "AuCu NC is capped with CsPbCl3 shell" [66]
        ("hs-AuCu-CsPbCl3-coreshell-ref66", "AuCu", "core, perovskite shell"),
    }),
    "stability-under-stressor": ({}, ("reference", "remnantPlPercent"), [
        # Table 1, light irradiation after coating, by remnant PL (ranges by their least value):
        ("35", "105"), ("24", "98"), ("37", "92"), ("32", "90"), ("25", "90"), ("33", "80"),
        ("29", "75"), ("31", "60"), ("28", "52.7-62.1"), ("28", "52.7-62.1"), ("28", "52.7-62.1"),
        # Row 11 (Pt) keeps its structure, with no PL value.
    ]),
    "plqy-ranking": ({}, ("reference", "plqyPercent"), [
        # Table 1, PLQY >= 80%: 95 [36], 92 [35], 90 [25], 90 [26], 90 [33], 85 [32], 82 [30],
        # 80 [24]
        ("36", "95"), ("35", "92"), ("25", "90"), ("26", "90"), ("33", "90"), ("32", "85"),
        ("30", "82"), ("24", "80"),
    ]),
    "dual-emission": ({}, ("heterostructure", "plPeaksNm"), {
        ("hs-CsPbMnX3-SiO2-coreshell-ref27", "446; 607"),  # "with two emission peaks"; 446/607
        ("hs-CsPbBr3-PbS-coreisland-ref51", ""),  # "tunable dual emission ... visible and NIR"
    }),
    "biological-applications": ({}, ("heterostructure", "application", "demonstrated"), {
        # 4: "Highly stable CsPbBr3/phTEOS-TMOS core/shell NCs have been applied to fluorescence
        # and upconversion imaging in living cells"
        ("hs-CsPbBr3-phTEOS-TMOS-coreshell-ref23", "bioimaging", "true"),
        # 3.1: "indicates potential in biological applications such as fluorescence imaging"
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "bioimaging", "false"),
        # 3.4: "makes it possible for CsPbX3 NCs to be used in biological imaging"
        ("hs-CsPbBr3-PAAbPS-coreshell-ref65", "bioimaging", "false"),
        # 4: "were used for bio-imaging and drug delivery"
        ("hs-CsPbBr3-SiO2-coreshell-ref72", "bioimaging", "true"),
        ("hs-CsPbBr3-SiO2-coreshell-ref72", "drug delivery", "true"),
    }),
    "charge-transfer": ({}, ("heterostructure", "shell"), {
        ("hs-CsPbBr3-TiO2-coreshell-ref29", "TiO2"),  # "efficient photoinduced charge transfer"
        ("hs-CsPbBr3-MOF-embedded-ref70", "MOF"),  # "significant interfacial charge transfer"
    }),
    "hot-injection-and-post-treatment": ({}, ("method", "heterostructure"), {
        # 3.1: "Cs4PbX6 NCs were synthesized by a hot-injection method" (the Janus route of refs.
        # 24 and 25); 3.2: "CsPbX3/Cs4PbX6 ... first synthesized by a hot-injection method"
        ("hot injection", "hs-CsPbBr3-SiO2-janus-ref24"),
        ("hot injection", "hs-CsPbClBr-SiO2-janus-ref24"),
        ("hot injection", "hs-CsPbBrI-SiO2-janus-ref24"),
        ("hot injection", "hs-CsPbBr3-Ta2O5-janus-ref24"),
        ("hot injection", "hs-CsPbBr3-ZrO2-janus-ref25"),
        ("hot injection", "hs-CsPbX3-Cs4PbX6-coreshell-ref58"),
        # 3.4: "a post-treatment method to synthesize a CsPbX3/PbSO4 core/shell structure"
        ("post-treatment", "hs-CsPbBr3-PbSO4-coreshell-ref35"),
    }),
    "figure-panels": ({}, ("figure", "panel", "reproducedFrom"), {
        # Fig. 5 (a)-(c): CsPbBr3/ZnS; "Reproduced with permission from ref. 31"
        ("5", "a", "31"), ("5", "b", "31"), ("5", "c", "31"),
    }),
    "carrier-locations": ({}, ("heterostructure", "electron", "hole"), {
        # Fig. 5a: "the electrons are confined inside the core but the holes are delocalized over
        # both core and shell"
        ("hs-CsPbBr3-ZnS-coreshell-ref31", "confined in the core",
         "delocalised over core and shell"),
        # 3.2: "the photoexcited hole localized in the chalcogenide domain and the electron
        # partially delocalized in the entire nanostructure"
        ("hs-CsPbBr3-Pb4S3Br2-janus-ref52", "partially delocalised over the whole nanostructure",
         "localised in the shell domain"),
    }),
    "amorphous-shells": ({}, ("shell", "heterostructures", "references"), {
        # 3.1: "As an amorphous material, SiO2 ..."; 3.2: "amorphous CsPbBrx is introduced as the
        # shell material"
        ("SiO2", "9", "24; 26; 27; 28; 49; 72"), ("CsPbBrx", "1", "59"),
    }),
    "findings-by-effect": ({}, ("heterostructure",), {
        ("hs-CsPbBr3-ZnS-coreshell-ref31",),      # "enhanced photoluminescence quantum yield"
        ("hs-CsPbBr3-Rb4PbBr6-coreshell-ref32",),  # "show enhanced PLQY"
        ("hs-CsPbBr3-CdS-coreshell-ref33",), ("hs-CsPbBr3-CdS-coreshell-ref55",),
        ("hs-CsPbBr3-CdS-coreshell-ref56",),      # "high quantum yield" (refs. 33, 55, 56)
        ("hs-CsPbBr3-PbSO4-coreshell-ref35",),    # "with high PLQY and stability"
        ("hs-CsPbBr3-ZnSO4-coreshell-ref36",),    # "enhanced properties in terms of ... PLQY"
        ("hs-CsPbBr3-CsPbBrx-coreshell-ref59",),  # "display high PLQY"
        ("hs-FAPbBr3-CsPbBr3-coreshell-ref60",),  # "with high PLQY"
    }),
    "uses-of-a-heterostructure": ({}, ("heterostructure", "source", "use"), {
        # 3.2, after CsPbBr3/ZnS [31]: "The excellent properties of the core/shell structures lead
        # to their various applications, such as optically pumped LEDs, photodetectors and
        # photocatalysis." -- a statement about core/shell structures, linked, not attached.
        ("hs-CsPbBr3-ZnS-coreshell-ref31", "general statement", "optically pumped LED"),
        ("hs-CsPbBr3-ZnS-coreshell-ref31", "general statement", "photodetector"),
        ("hs-CsPbBr3-ZnS-coreshell-ref31", "general statement", "photocatalysis"),
    }),
    "route-inputs": ({}, ("role", "route", "heterostructure", "reference"), {
        # 3.1: "3-aminopropyl triethoxysilane (APTES) was introduced as a bridging ligand to modify
        # the surface of CsPbX3 ... CsPbX3/oxide (SiO2, ZrO2, Ta2O5) core/shell structures" [28]
        ("ligand", "route-CsPbI3-oxide-APTES-ref28", "hs-CsPbI3-SiO2-coreshell-ref28", "28"),
        ("ligand", "route-CsPbI3-oxide-APTES-ref28", "hs-CsPbI3-ZrO2-coreshell-ref28", "28"),
        ("ligand", "route-CsPbI3-oxide-APTES-ref28", "hs-CsPbI3-Ta2O5-coreshell-ref28", "28"),
    }),
    "outlook-challenges": ({}, ("ordinal", "addressedBy"), {
        ("1", ""),
        # (2) "it is still very difficult to tune the thickness of the shell layer on APbX3 NCs":
        # section 5 links no work to it (issue 12, 2.2).
        ("2", ""),
        ("3", ""),
    }),
}


@pytest.mark.parametrize("name", ANSWERS)
def test_competency_answer(store, name):
    params, columns, expected = ANSWERS[name]
    got = project(answer(store, name, **params), *columns)
    if isinstance(expected, list):
        assert got == expected
    else:
        assert len(got) == len(set(got)), "duplicate rows"
        assert set(got) == expected


def test_what_each_band_alignment_is_for(store):
    rows = {r["heterostructure"]: r for r in answer(store, "band-alignment-types")}
    # "exciton energy effectively transfers from CsPbBr3 to PbS"; "may pave the way toward highly
    # efficient QD photovoltaic and optoelectronic devices"
    pbs = rows["hs-CsPbBr3-PbS-coreisland-ref51"]
    assert "energy transfer" in pbs["interfaceProcesses"] and "solar cell" in pbs["applications"]
    # "promotes the rapid splitting of photogenerated excitons"; "a potentially valuable platform
    # for wave function engineering strategies"
    janus = rows["hs-CsPbBr3-Pb4S3Br2-janus-ref52"]
    assert "charge separation" in janus["interfaceProcesses"]
    assert "wave function engineering" in janus["findings"]


def test_metal_heterostructures_and_their_uses(store):
    uses = {r["heterostructure"]: set(filter(None, r["applications"].split("; ")))
            for r in answer(store, "metal-heterostructures")}
    # 3.3: Ag "favors its application in smart fluorescent devices, such as a rewritable
    # platforms"; Pt single atoms as "efficient and durable catalysts for photocatalytic
    # semi-hydrogenation of propyne"; 4: AuCu/CsPbCl3 "nanohybrid photodetectors".
    assert uses["hs-CsPbI3-Ag-coreisland-ref62"] == {"smart fluorescent device"}
    assert uses["hs-CsPbBr3-Pt-coreisland-ref34"] == {"photocatalysis"}
    assert "photodetector" in uses["hs-AuCu-CsPbCl3-coreshell-ref66"]
    assert uses["hs-CsPbBr3-Au-coreisland-ref63"] == set()


def test_every_competency_question_is_checked():
    competency = {p.stem for p in QUERY_FILES if querystore.read(p).header["id"].startswith("CQ-")}
    checked = set(ANSWERS) | {"what-reference-reports"} | set(PARAMETRISED)
    assert competency <= checked


def test_what_reference_28_reports(store):
    """Ref. 28: three compounds of Table 1 row 5, six stability clauses of that row, the APTES
    route of section 3.1, and the Fig. 3e finding "All of the core/shell NCs exhibit high
    stability against water, UV-light irradiation and thermal treatment"."""
    rows = answer(store, "what-reference-reports")
    assert Counter(r["kind"] for r in rows) == {"heterostructure": 3, "stability test": 6,
                                               "synthesis route": 1, "finding": 1}
    assert {r["words"] for r in rows if r["kind"] == "heterostructure"} == {
        "CsPbI3/SiO2", "CsPbI3/ZrO2", "CsPbI3/TaO5"}
    assert all(r["reference"] == "28" and r["statedIn"] for r in rows)


# Parameters change the answer as the review says they should.
PARAMETRISED = {
    "fully-coated-single-particle": ({"includeImplied": "false"}, ("heterostructure", "basis"), {
        # stated only: "Monodisperse, fully coated core/shell CsPbBr3/SiO2 NCs can be realized" [26]
        ("hs-CsPbBr3-SiO2-coreshell-ref26", "stated"),
    }),
    "water-resistant-shells": ({"minDays": "0.05", "minRemnantPercent": "95"},
                               ("heterostructure", "remnantPlPercent"), {
        # 100% after 23 days [37]; "95–108% after 2 hours" [28]; not 112% after 40 min [26]
        ("hs-APbX3-PAAbPS-coreshell-ref37", "100"), ("hs-CsPbI3-SiO2-coreshell-ref28", "95"),
        ("hs-CsPbI3-ZrO2-coreshell-ref28", "95"), ("hs-CsPbI3-Ta2O5-coreshell-ref28", "95"),
    }),
    "figures-of-merit-best-first": ({"metric": "pk:PCE"}, ("metric", "value", "reference"), {
        ("pk:PCE", "13.9", "68"),  # "a power conversion efficiency of 13.9%"
    }),
    "stability-under-stressor": ({"stressor": "pk:Water"}, ("reference", "remnantPlPercent"), {
        # Table 1, water after coating: 80 [24], 80 [25], 90 [27], 95-108 x3 [28], 85 [29],
        # 6.35 [30], 100 [37]
        ("24", "80"), ("25", "80"), ("27", "90"), ("28", "95-108"), ("29", "85"), ("30", "6.35"),
        ("37", "100"),
    }),
    "plqy-ranking": ({"minPlqyPercent": "50"}, ("reference", "plqyPercent"), {
        ("36", "95"), ("35", "92"), ("25", "90"), ("26", "90"), ("33", "90"), ("32", "85"),
        ("30", "82"), ("24", "80"), ("28", "59.7"), ("28", "57.7"), ("27", "54.7"), ("28", "51.1"),
        # not "30–61" [37]: its least value is 30
    }),
    "findings-by-effect": ({"effect": "pk:PLQuenching"}, ("heterostructure",), {
        # "these tiny PbS NCs provide channels for the exciton nonradiative recombination, which
        # can quench the PL"
        ("hs-CsPbBr3-PbS-coreisland-ref51",),
    }),
}


@pytest.mark.parametrize("name", PARAMETRISED)
def test_parameter_changes_the_answer(store, name):
    params, columns, expected = PARAMETRISED[name]
    assert set(project(answer(store, name, **params), *columns)) == expected
