"""The graph against the review: counts counted by hand, Table 1 cell by cell, spot checks.

Every expected value here was read from the review text (Zhong, Cao and Zhang, Nanoscale 2021,
13, 19341), never from the program's output. The graph is read with plain rdflib, without
reasoning, so these tests check what curators asserted.
"""

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, RDFS
from support import ROOT, review_files
from support.review_table1 import ROWS

PK = Namespace("https://w3id.org/perovskite-kg/ontology#")
PKR = Namespace("https://w3id.org/perovskite-kg/resource/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
PREFIXES = f"PREFIX pk: <{PK}> PREFIX pkr: <{PKR}> PREFIX qudt: <{QUDT}> PREFIX unit: <{UNIT}> "

# How the 45 heterostructures were counted: one per core/shell/cited work named in the review.
#   3.1 (14): CsPbBr3/SiO2 Janus [24]; CsPbX3/SiO2 Janus X = Cl/Br and X = Br/I [24] (Fig. 2c);
#        CsPbBr3/Ta2O5 Janus [24]; CsPbBr3/ZrO2 Janus [25]; CsPbBr3/SiO2 core/shell [26];
#        CsPbMnX3/SiO2 [27]; CsPbX3/Al2O3 [50]; CsPbI3/SiO2, /ZrO2, /Ta2O5 [28]; CsPbBr3/TiO2 [29];
#        PS- and PEO-capped MAPbBr3/SiO2 dual shell [49] (Fig. 3f).
#   3.2 (14): CsPb(Br/I)3/ZnS [53]; CsPbBr3/PbS [51]; CsPbBrI2/PbSe [54]; CsPbBr3/Ag2S [30];
#        CsPbBr3/Pb4S3Br2 [52]; CsPbBr3/ZnS [31]; CsPbBr3/CdS [33], [55], [56];
#        CsPbBr3/nCdS/Al2O3 [57]; CsPbX3/Cs4PbX6 [58]; CsPbBr3/CsPbBrx [59]; CsPbBr3/Rb4PbBr6 [32];
#        FAPbBr3/CsPbBr3 [60].
#   3.3 (5): CsPbBr3/Au [63], [61], [64]; CsPbI3/Ag [62]; CsPbBr3/Pt single atoms [34].
#   3.4 (5): CsPbBr3/PbSO4 [35]; CsPbBr3/ZnSO4 [36]; CsPbBr3/polymer [65]; APbX3@PAA-b-PS [37];
#        AuCu/CsPbCl3 [66].
#   4 (7): CsPbI3/PbS [67]; MOF-coated CsPbBr3 [69]; CsPbBr3 in mesoporous MOF [70];
#        CsPbI3/PbSe [68]; CsPbI3/PbTe [71]; CsPbBr3/SiO2 [72]; CsPbBr3/phTEOS-TMOS [23].
HETEROSTRUCTURE_COUNT = 45

# Table 1: 14 printed rows, 16 compounds (row 5 lists three). Stability clauses per row
# (before + after): 6, 4, 4, 4, 6, 4, 2, 2, 2, 4, 2, 6, 2, 4 = 52.
TABLE_1_TESTS = 52
TABLE_1_COMPOUNDS = 16

STRUCTURES = {"Janus": PK.Janus, "Core/shell": PK.CoreShell, "Core/island": PK.CoreIsland}


@pytest.fixture(scope="module")
def g():
    graph = Graph()
    for path in review_files():  # the review's part: a curated paper never changes these counts
        graph.parse(path, format="turtle")
    graph.parse(ROOT / "ontology" / "perovskite-kg.ttl", format="turtle")
    return graph


def ask(g, body, **bindings):
    return g.query(PREFIXES + "ASK { " + body + " }", initBindings=bindings).askAnswer


def test_heterostructure_count(g):
    assert len(set(g.subjects(RDF.type, PK.Heterostructure))) == HETEROSTRUCTURE_COUNT


def test_table_1_counts(g):
    rows = [PKR[f"table-1-row-{r['row']}"] for r in ROWS]
    tests = {t for t in g.subjects(RDF.type, PK.StabilityTest)
             if any((t, PK.statedIn, row) in g for row in rows)}
    assert len(tests) == TABLE_1_TESTS
    compounds = {h for h in g.subjects(RDF.type, PK.Heterostructure)
                 if any((h, PK.statedIn, row) in g for row in rows)}
    assert len(compounds) == TABLE_1_COMPOUNDS


def heterostructures_of_row(g, row):
    loc = PKR[f"table-1-row-{row}"]
    return sorted(h for h in g.subjects(PK.statedIn, loc) if (h, RDF.type, PK.Heterostructure) in g)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"row{r['row']}")
def test_table_1_row(g, row):
    """Every cell of the row: compound, structure, PL peak, PLQY, reference, stability clauses."""
    hss = heterostructures_of_row(g, row["row"])
    names = sorted(str(g.value(h, PK.nameAsWritten)) for h in hss)
    assert names == sorted(row["compounds"])
    ref = PKR[f"ref-{row['ref']}"]
    for h in hss:
        assert (h, PK.citesReference, ref) in g
        assert (h, PK.hasArchitecture, STRUCTURES[row["structure"]]) in g
        peaks = {str(g.value(q, PK.asWritten)) for q in g.objects(h, PK.plPeak)}
        assert peaks == {row["pl_peak"]}
        plqys = [str(g.value(q, PK.asWritten)) for q in g.objects(h, PK.plqy)]
        if row["plqy"] is None:
            assert plqys == []  # "—" in the table: absent, never zero
        else:
            assert len(plqys) == 1 and plqys[0] in row["plqy"]
        for form, column in ((PK.BareNanocrystal, "before"), (PK.CoatedNanocrystal, "after")):
            tests = [t for t in g.objects(h, PK.hasStabilityTest)
                     if (t, PK.testedForm, form) in g
                     and (t, PK.statedIn, PKR[f"table-1-row-{row['row']}"]) in g]
            tests.sort(key=lambda t: int(g.value(t, PK.orderInCell)))
            assert [str(g.value(t, PK.asWritten)) for t in tests] == row[column]
            assert all((t, PK.citesReference, ref) in g for t in tests)
    if row["plqy"] and len(row["plqy"]) > 1:
        got = sorted(str(g.value(q, PK.asWritten)) for h in hss for q in g.objects(h, PK.plqy))
        assert got == sorted(row["plqy"])


def test_table_1_values_are_typed_not_just_text(g):
    """Ranges stay ranges, "~" stays approximate, "<" stays a bound, >100% stays >100%."""
    assert ask(g, "?t pk:asWritten 'Remnant PL 52–64% after 2 hours water treatment' ; "
                  "pk:remnantPl [ pk:minValue 52 ; pk:maxValue 64 ; qudt:unit unit:PERCENT ] .")
    assert ask(g, "?h pk:citesReference pkr:ref-29 ; pk:plPeak [ pk:numericValue 515 ; "
                  "pk:isApproximate true ; qudt:unit unit:NanoM ] .")
    assert ask(g, "?t pk:asWritten 'storing in ambient <3 days' ; "
                  "pk:duration [ pk:upperBound 3 ; qudt:unit unit:DAY ] .")
    assert ask(g, "?t pk:testedForm pk:CoatedNanocrystal ; pk:stressor pk:WaterUltrasonication ; "
                  "pk:remnantPl [ pk:numericValue 112 ] ; pk:citesReference pkr:ref-26 .")
    assert ask(g, "?t pk:asWritten 'remnant PL ~0% after heating at 60 °C for 9 hours' ; "
                  "pk:remnantPl [ pk:numericValue 0 ; pk:isApproximate true ] ; "
                  "pk:temperature [ pk:numericValue 60 ; qudt:unit unit:DEG_C ] .")


# --- one or more facts from every section, read from the review ------------------------------

SPOT_CHECKS = {
    "1: blue LED EQE 12.3% (ref. 5)":
        "?a pk:applicationKind pk:BlueLED ; pk:citesReference pkr:ref-5 ; pk:statedIn pkr:section-1 ; "
        "pk:hasFigureOfMerit [ pk:metric pk:EQE ; pk:numericValue 12.3 ; qudt:unit unit:PERCENT ] .",
    "1: green LED EQE 22% (ref. 5)":
        "?a pk:applicationKind pk:GreenLED ; pk:citesReference pkr:ref-5 ; "
        "pk:hasFigureOfMerit [ pk:metric pk:EQE ; pk:numericValue 22 ] .",
    "1: red LED EQE 23% (ref. 7)":
        "?a pk:applicationKind pk:RedLED ; pk:citesReference pkr:ref-7 ; "
        "pk:hasFigureOfMerit [ pk:metric pk:EQE ; pk:numericValue 23 ] .",
    "2.2: lattice mismatching is difficulty (3)":
        "?d a pk:DesignDifficulty ; pk:ordinal 3 ; pk:statedIn pkr:section-2.2 ; pk:quote ?q . "
        "FILTER(CONTAINS(LCASE(?q), 'lattice'))",
    "3.1: one-pot CsPbBr3/SiO2 uses TMOS, OA, OLA, ammonia in DMF":
        "pkr:hs-CsPbBr3-SiO2-coreshell-ref26 pk:hasSynthesisRoute ?r . ?r pk:usesMethod pk:OnePot ; "
        "pk:hasPrecursor pkr:chem-TMOS ; pk:hasLigand pkr:chem-OA , pkr:chem-OLA ; "
        "pk:hasReagent pkr:chem-ammonia ; pk:hasSolvent pkr:chem-DMF .",
    "3.1: APTES bridging ligand for CsPbI3/oxide (ref. 28)":
        "pkr:hs-CsPbI3-ZrO2-coreshell-ref28 pk:hasSynthesisRoute [ pk:hasLigand pkr:chem-APTES ] .",
    "3.1: CsPbMnX3/SiO2 reverse microemulsion at room temperature, white LED":
        "pkr:hs-CsPbMnX3-SiO2-coreshell-ref27 pk:hasSynthesisRoute [ pk:usesMethod pk:ReverseMicroemulsion ; "
        "pk:atRoomTemperature true ] ; pk:hasApplication [ pk:applicationKind pk:WhiteLED ] .",
    "3.2: CsPbBr3/TiO2 by calcination at 300 °C for 5 h":
        "pkr:hs-CsPbBr3-TiO2-coreshell-ref29 pk:hasSynthesisRoute [ pk:usesMethod pk:Calcination ; "
        "pk:temperature [ pk:numericValue 300 ; qudt:unit unit:DEG_C ] ; "
        "pk:duration [ pk:numericValue 5 ; qudt:unit unit:HR ] ] .",
    "3.2: CsPbBr3/PbS is type I with energy transfer CsPbBr3 -> PbS":
        "pkr:hs-CsPbBr3-PbS-coreisland-ref51 pk:hasInterface ?i . ?i pk:hasBandAlignment pk:TypeI ; "
        "pk:hasProcess [ a pk:EnergyTransfer ; pk:fromMaterial pkr:mat-CsPbBr3 ; pk:toMaterial pkr:mat-PbS ] .",
    "3.2: PbS grown in situ with hexamethyldisilathiane":
        "pkr:hs-CsPbBr3-PbS-coreisland-ref51 pk:hasSynthesisRoute [ pk:usesMethod pk:InSituGrowth ; "
        "pk:hasPrecursor pkr:chem-hexamethyldisilathiane ] .",
    "3.2: CsPbBr3/ZnS pseudo type II, electrons in the core, holes delocalised":
        "pkr:hs-CsPbBr3-ZnS-coreshell-ref31 pk:hasInterface [ pk:hasBandAlignment pk:QuasiTypeII ; "
        "pk:electronLocation pk:ConfinedInCore ; pk:holeLocation pk:DelocalisedOverCoreAndShell ] .",
    "3.2: CsPbBr3/Pb4S3Br2 quasi type II, epitaxial, similar sublattice":
        "pkr:hs-CsPbBr3-Pb4S3Br2-janus-ref52 pk:hasInterface [ pk:hasBandAlignment pk:QuasiTypeII ; "
        "pk:holeLocation pk:LocalisedInShell ] ; pk:hasInterface [ pk:isEpitaxial true ] ; "
        "pk:hasInterface [ pk:hasSimilarSublattice true ] .",
    "3.2: CsPbBr3/nCdS/Al2O3 double shell (ref. 57)":
        "pkr:hs-CsPbBr3-CdS-Al2O3-doubleshell-ref57 pk:hasInnerShell pkr:mat-CdS ; "
        "pk:hasOuterShell pkr:mat-Al2O3 ; pk:hasArchitecture pk:DoubleShell .",
    "3.3: Pt single atoms anchored by Pt-O and Pt-Br bonds (ref. 34)":
        "pkr:hs-CsPbBr3-Pt-coreisland-ref34 pk:hasInterface [ pk:formsBond pk:PtOBond , pk:PtBrBond ] .",
    "3.3: Au on CsPbBr3 from AuBr3 reduced by OLA (ref. 63)":
        "pkr:hs-CsPbBr3-Au-coreisland-ref63 pk:hasSynthesisRoute [ pk:hasPrecursor pkr:chem-AuBr3 ] .",
    "3.4: metal sulfate shell thickness 1 to 3 nm (ref. 36)":
        "pkr:hs-CsPbBr3-ZnSO4-coreshell-ref36 pk:shellThickness [ pk:minValue 1 ; pk:maxValue 3 ; "
        "qudt:unit unit:NanoM ] .",
    "3.4: AuCu/CsPbCl3 has a metal core and matching lattices (ref. 66)":
        "pkr:hs-AuCu-CsPbCl3-coreshell-ref66 pk:hasCore pkr:mat-AuCu ; pk:hasShell pkr:mat-CsPbCl3 ; "
        "pk:hasInterface [ pk:isLatticeMatched true ] .",
    "3.4: APbX3@PAA-b-PS by room-temperature reprecipitation (ref. 37)":
        "pkr:hs-APbX3-PAAbPS-coreshell-ref37 pk:hasSynthesisRoute [ "
        "pk:usesMethod pk:RoomTemperatureReprecipitation ; pk:atRoomTemperature true ] .",
    "4: CsPbI3/PbS red LED with EQE 11.8% (ref. 67)":
        "pkr:hs-CsPbI3-PbS-coreshell-ref67 pk:hasApplication [ pk:applicationKind pk:RedLED ; "
        "pk:hasFigureOfMerit [ pk:metric pk:EQE ; pk:numericValue 11.8 ; qudt:unit unit:PERCENT ] ] .",
    "4: FAPbBr3/CsPbBr3 green LED with EQE 8.1% (ref. 60)":
        "pkr:hs-FAPbBr3-CsPbBr3-coreshell-ref60 pk:hasApplication [ pk:applicationKind pk:GreenLED ; "
        "pk:hasFigureOfMerit [ pk:metric pk:EQE ; pk:numericValue 8.1 ] ] .",
    "4: CsPbI3/PbSe solar cells with PCE 13.9% (ref. 68)":
        "pkr:hs-CsPbI3-PbSe-coated-ref68 pk:hasApplication [ pk:applicationKind pk:SolarCell ; "
        "pk:hasFigureOfMerit [ pk:metric pk:PCE ; pk:numericValue 13.9 ; qudt:unit unit:PERCENT ] ] .",
    "4: AuCu/CsPbCl3 photodetector, more than 30 times the counterpart (ref. 66)":
        "pkr:hs-AuCu-CsPbCl3-coreshell-ref66 pk:hasApplication [ pk:applicationKind pk:Photodetector ; "
        "pk:hasFigureOfMerit [ pk:metric pk:PhotoresponseRatio ; pk:lowerBound 30 ; qudt:unit unit:UNITLESS ] ] .",
    "4: Janus CsPbBr3/SiO2 WLED operated for one hour at 1 mA (ref. 24)":
        "pkr:hs-CsPbBr3-SiO2-janus-ref24 pk:hasApplication [ pk:applicationKind pk:WhiteLED ; "
        "pk:hasFigureOfMerit [ pk:metric pk:OperationTime ; pk:numericValue 1 ; qudt:unit unit:HR ] ] .",
    "4: CsPbBr3 in a mesoporous MOF transfers charge to the MOF (ref. 70)":
        "pkr:hs-CsPbBr3-MOF-embedded-ref70 pk:hasInterface [ pk:hasProcess [ a pk:ChargeTransfer ; "
        "pk:fromMaterial pkr:mat-CsPbBr3 ] ] ; pk:hasApplication [ pk:applicationKind pk:PhotoassistedLiO2Battery ] .",
    "5: outlook (2) is about shell thickness":
        "?c a pk:OutlookChallenge ; pk:ordinal 2 ; pk:statedIn pkr:section-5 ; pk:quote ?q . "
        "FILTER(CONTAINS(?q, 'thickness'))",
}


@pytest.mark.parametrize("body", SPOT_CHECKS.values(), ids=SPOT_CHECKS.keys())
def test_spot_check(g, body):
    assert ask(g, body)


# --- provenance ---------------------------------------------------------------------------

FACT_CLASSES = [PK.Heterostructure, PK.StabilityTest, PK.SynthesisRoute, PK.Application,
                PK.Interface, PK.Finding]


@pytest.mark.parametrize("cls", FACT_CLASSES, ids=lambda c: c.split("#")[1])
def test_every_fact_says_who_and_where(g, cls):
    """"Says who, and where?": a cited reference and a place in the review, both declared."""
    missing = []
    for node in set(g.subjects(RDF.type, cls)):
        refs = list(g.objects(node, PK.citesReference))
        places = list(g.objects(node, PK.statedIn))
        if not refs or not places:
            missing.append(node)
            continue
        assert all(g.value(r, PK.referenceNumber) is not None for r in refs), node
        assert all(g.value(p, RDFS.label) is not None for p in places), node
    assert missing == []


def test_heterostructure_iris_are_one_per_core_shell_work(g):
    keys = {}
    for h in g.subjects(RDF.type, PK.Heterostructure):
        shells = tuple(sorted(g.objects(h, PK.hasShell)) + sorted(g.objects(h, PK.hasInnerShell))
                       + sorted(g.objects(h, PK.hasOuterShell)))
        key = (g.value(h, PK.hasCore), shells, g.value(h, PK.hasArchitecture),
               tuple(sorted(g.objects(h, PK.citesReference))))
        assert key not in keys, (h, keys.get(key))
        keys[key] = h
