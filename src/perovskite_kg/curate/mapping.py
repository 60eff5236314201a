"""The filled template as triples, with IRIs built like the review's, linked to the graph.

IRIs follow the review's files with the paper's key (first author's surname and year,
"smith-2023") where they have ref<N>: pkr:hs-<core>-<shell>-<architecture>-<key>,
pkr:test-<...>-<key>-<form>-<stressor>, pkr:app-<...>-<key>-<kind>, pkr:paper-<key>, and the
paper's places pkr:<key>-table-1, pkr:<key>-fig-2b. What the graph already holds is linked, not
copied: a material by its formula or label, a journal by its title, a heterostructure by its core,
shells and architecture (it then gains the paper's citation, places, values and tests; a value
that differs from another source's is kept beside it, each with its source). Every node remembers
the template line it came from (`Origins`), so validation results can be told there.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node
from ruamel.yaml.comments import CommentedMap

from perovskite_kg import namespaces
from perovskite_kg.curate import values
from perovskite_kg.curate.choices import NotAChoice, Vocabulary
from perovskite_kg.curate.reading import Entry, Problem, Problems
from perovskite_kg.namespaces import BIBO, PK, PKR, QUDT, UNIT

PAPER_KEYS = ("doi", "authors", "title", "journal", "year", "volume", "pages", "key")
HETEROSTRUCTURE_KEYS = ("name as written", "core", "shell", "architecture", "coverage",
                        "coverage basis",
                        "PL peak (nm)", "PLQY (%)", "shell thickness (nm)", "where", "quote",
                        "note", "stability tests", "applications")
TEST_KEYS = ("tested form", "stressor", "duration", "remnant PL (%)", "temperature (°C)",
             "outcome", "light source", "as written", "where", "note")
APPLICATION_KEYS = ("kind", "demonstrated", "where", "quote", "figures of merit")
FIGURE_KEYS = ("metric", "value", "unit", "as written", "where")
MATERIAL_KEYS = ("formula", "family", "name")
TOP_KEYS = ("paper", "heterostructures", "new materials")

HETEROSTRUCTURE_QUANTITIES = (("PL peak (nm)", PK.plPeak, UNIT.NanoM),
                              ("PLQY (%)", PK.plqy, UNIT.PERCENT),
                              ("shell thickness (nm)", PK.shellThickness, UNIT.NanoM))
YES_NO = {"yes": True, "true": True, "no": False, "false": False}


@dataclass(frozen=True)
class Origin:
    line: int
    where: str


@dataclass
class Origins:
    """The template place of each node, and of each (node, property) pair."""

    nodes: dict[Node, Origin] = field(default_factory=dict)
    keys: dict[tuple[Node, Node], Origin] = field(default_factory=dict)

    def add(self, node: Node, entry: Entry, key: str | None = None, prop: Node | None = None):
        origin = Origin(entry.line(key) if key else entry.start,
                        f"{entry.where}, {key!r}" if key else entry.where)
        if prop is None:
            self.nodes.setdefault(node, origin)
        else:
            self.keys.setdefault((node, prop), origin)

    def explain(self, result) -> Problem | None:
        """A validation result (focus, path, value, message) in the template's terms."""
        origin = self.keys.get((result.focus, result.path)) or self.nodes.get(result.focus)
        if origin is None:
            return None
        value = result.value
        said = f"{value} is not accepted: " if isinstance(value, Literal) else ""
        return Problem(origin.line, origin.where, f"{said}{result.message}")


@dataclass
class Curated:
    """The paper's triples, its key, and where each node came from."""

    key: str
    graph: Graph
    origins: Origins


def slug(text: str) -> str:
    """ASCII, lower case, words joined by '-': "Fig. 2b" -> "fig-2b"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _local(term: URIRef) -> str:
    return re.split(r"[#/]", str(term))[-1]


class _Mapper:
    def __init__(self, top: Entry, vocabulary: Vocabulary, graph: Graph) -> None:
        self.top, self.vocabulary, self.existing = top, vocabulary, graph
        self.out = namespaces.bind(Graph())
        self.origins = Origins()
        self.counter = 0
        kinds = set(graph.transitive_subjects(RDFS.subClassOf, PK.Material))
        self.materials = {str(f): m for m, f in sorted(graph.subject_objects(PK.formula))
                          if kinds & set(graph.objects(m, RDF.type))}
        for m, label in graph.subject_objects(RDFS.label):
            if m in self.materials.values():
                self.materials.setdefault(str(label), m)

    # ------------------------------------------------------------------ the paper
    def paper(self, entry: Entry) -> tuple[str, URIRef]:
        doi = str(entry.required("doi", "the DOI, e.g. 10.1021/jacs.7b10647") or "")
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi.strip(), flags=re.IGNORECASE)
        authors = entry.words("authors")
        if not authors:
            entry.problem("authors", "missing: give the authors as printed, in order: "
                          "[A. Smith, B. Jones]")
        year = entry.text("year")
        if year is None or not re.fullmatch(r"(18|19|20)\d\d", year):
            entry.problem("year", f"give the year the paper appeared, four digits (got {year!r})")
        key = paper_key(entry)
        paper = PKR[f"paper-{key}"]
        self.key, self.paper_node, self.paper_entry = key, paper, entry
        other_doi = self.existing.value(paper, BIBO.doi)
        if other_doi is not None and str(other_doi).lower() != doi.lower():
            entry.problem("key", f"the key {key!r} is taken by the paper {other_doi}: "
                          f"give this one its own key (key: {key}b)")
        o = self.out
        for kind in (PK.CuratedPaper, BIBO.AcademicArticle):
            o.add((paper, RDF.type, kind))
        o.add((paper, BIBO.doi, Literal(doi)))
        o.add((paper, PK.curationKey, Literal(key)))
        o.add((paper, BIBO.authorList, _rdf_list(o, [Literal(a) for a in authors], key)))
        if year:
            o.add((paper, DCTERMS.issued, Literal(year, datatype=XSD.gYear)))
        title = entry.text("title")
        if title:
            o.add((paper, DCTERMS.title, Literal(title)))
        journal = entry.required("journal", "the journal's abbreviation as printed "
                                 "(J. Am. Chem. Soc.)")
        if journal:
            o.add((paper, DCTERMS.isPartOf, self._journal(str(journal).strip())))
        if entry.text("volume"):
            o.add((paper, BIBO.volume, Literal(entry.text("volume"))))
        self._pages(entry, paper)
        label = f"{authors[0] if authors else '?'}{' et al.' if len(authors) > 1 else ''}, " \
                f"{journal or '?'}, {year or '?'} (doi:{doi})"
        o.add((paper, RDFS.label, Literal(label)))
        self.origins.add(paper, entry)
        for prop, key_name in ((BIBO.doi, "doi"), (DCTERMS.issued, "year"),
                               (BIBO.authorList, "authors"), (DCTERMS.isPartOf, "journal"),
                               (BIBO.volume, "volume")):
            self.origins.add(paper, entry, key_name, prop)
        return key, paper

    def _pages(self, entry: Entry, paper: URIRef) -> None:
        pages = entry.text("pages")
        if pages is None:
            entry.problem("pages", "missing: give the pages (406-412) or the article number")
            return
        found = re.fullmatch(r"(\S+?)\s*[-–]\s*(\S+)", pages)
        if found:
            self.out.add((paper, BIBO.pageStart, Literal(found.group(1))))
            self.out.add((paper, BIBO.pageEnd, Literal(found.group(2))))
        else:
            self.out.add((paper, BIBO.number, Literal(pages)))

    def _journal(self, title: str) -> URIRef:
        for journal in self.existing.subjects(DCTERMS.title, Literal(title)):
            if (journal, RDF.type, BIBO.Journal) in self.existing:
                return journal
        journal = PKR[f"journal-{slug(title)}"]
        self.out.add((journal, RDF.type, BIBO.Journal))
        self.out.add((journal, DCTERMS.title, Literal(title)))
        return journal

    # ------------------------------------------------------------------ places
    def places(self, entry: Entry) -> list[URIRef]:
        names = entry.words("where")
        if not names:
            entry.problem("where", "missing: name the paper's places that state it "
                          "(Table 1, Fig. 2b, Section 3.2)")
        found = []
        for name in names:
            place = PKR[f"{self.key}-{slug(name)}"]
            if (place, RDF.type, PK.PaperLocation) not in self.out:
                self.out.add((place, RDF.type, PK.PaperLocation))
                self.out.add((place, RDFS.label, Literal(name)))
                self.out.add((place, DCTERMS.isPartOf, self.paper_node))
            found.append(place)
        return found

    def _sourced(self, node: Node, places: list[URIRef]) -> None:
        self.out.add((node, PK.citesReference, self.paper_node))
        for place in places:
            self.out.add((node, PK.statedIn, place))

    # ------------------------------------------------------------------ materials
    def new_materials(self) -> None:
        for entry in self.top.entries("new materials", "new material", MATERIAL_KEYS):
            formula = entry.text("formula")
            if formula is None:
                entry.problem("formula", "missing: give the formula as the paper writes it")
                continue
            if formula in self.materials:
                continue  # already in the graph: linked, not copied
            family = self._pick(entry, "family", self.vocabulary.family)
            material = PKR[f"mat-{formula}" if re.fullmatch(r"[\w.-]+", formula)
                           else f"mat-{slug(formula)}"]
            o = self.out
            if family is not None:
                o.add((material, RDF.type, family))
            o.add((material, PK.formula, Literal(formula)))
            o.add((material, RDFS.label, Literal(entry.text("name") or formula)))
            self.origins.add(material, entry)
            self.materials[formula] = material

    def _material(self, entry: Entry, key: str, written: str) -> URIRef | None:
        if written in self.materials:
            return self.materials[written]
        close = difflib.get_close_matches(written, list(self.materials), n=2, cutoff=0.6)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? If not, " if close else ""
        entry.problem(key, f"{written!r} is not a material of the graph: {hint}add it under "
                      "'new materials:' with its formula and family")
        return None

    # ------------------------------------------------------------------ heterostructures
    def heterostructures(self) -> None:
        listed = self.top.entries("heterostructures", "heterostructure", HETEROSTRUCTURE_KEYS)
        if not listed:
            self.top.problem("heterostructures", "give at least one heterostructure")
        for entry in listed:
            self._heterostructure(entry)

    def _heterostructure(self, entry: Entry) -> None:
        core_text = entry.required("core", "the perovskite core's formula (CsPbBr3)")
        shells_text = entry.words("shell")
        if not shells_text:
            entry.problem("shell", "missing: give the shell's formula (several: [SiO2, PMMA], "
                          "inner first)")
        architecture = self._pick(entry, "architecture", self.vocabulary.architecture,
                                  required=True)
        core = self._material(entry, "core", str(core_text)) if core_text else None
        shells = [self._material(entry, "shell", s) for s in shells_text]
        places = self.places(entry)
        if core is None or None in shells or not shells or architecture is None:
            # Not mappable, but its tests and values are still read, so one run lists every
            # problem; nothing is written while there are problems.
            node, linked, stem = PKR["hs-unmapped"], True, f"unmapped-{self.key}"
        else:
            node, linked = self._existing(entry, core, shells, architecture)
            stem = "-".join([_local(core).removeprefix("mat-"),
                             *(_local(s).removeprefix("mat-") for s in shells),
                             _local(architecture).lower(), self.key])
        o = self.out
        coverage = self._pick(entry, "coverage", self.vocabulary.coverage)
        if node is None:
            node = PKR[f"hs-{stem}"]
            name = entry.text("name as written") or "/".join([str(core_text), *shells_text])
            o.add((node, RDF.type, PK.Heterostructure))
            o.add((node, RDFS.label, Literal(
                f"{name} {self.vocabulary.architecture.label(architecture)} ({self.key})")))
            o.add((node, PK.nameAsWritten, Literal(name)))
            o.add((node, PK.hasCore, core))
            o.add((node, PK.hasArchitecture, architecture))
            o.add((node, PK.hasEncapsulationLevel, PK.SingleParticleLevel))
            for shell in shells:
                o.add((node, PK.hasShell, shell))
            if entry.text("quote"):
                o.add((node, PK.quote, Literal(entry.text("quote"))))
        if coverage is not None:
            stated = self.existing.value(node, PK.hasCoverage) if linked else None
            if stated is not None and stated != coverage:
                entry.problem("coverage", f"the graph already gives "
                              f"{self.vocabulary.coverage.label(stated)!r} for {_local(node)}; "
                              "leave it empty, or correct it in the graph")
            elif stated is None:
                o.add((node, PK.hasCoverage, coverage))
                self._coverage_reading(entry, node, coverage, places)
        if entry.text("note"):
            o.add((node, SKOS.editorialNote, Literal(entry.text("note"))))
        self._sourced(node, places)
        self.origins.add(node, entry)
        for key, prop, unit in HETEROSTRUCTURE_QUANTITIES:
            if entry.get(key) is not None:
                quantity = self._quantity(entry, key, unit, entry.get(key), places)
                if quantity is not None:
                    o.add((node, prop, quantity))
        for test in entry.entries("stability tests", "stability test", TEST_KEYS):
            self._test(test, node, stem, places)
        for app in entry.entries("applications", "application", APPLICATION_KEYS):
            self._application(app, node, stem)

    def _coverage_reading(self, entry, node: URIRef, coverage: URIRef,
                          places: list[URIRef]) -> None:
        """The basis of a coverage, as the review's facts carry it (a pk:CuratorReading): stated
        by the paper unless the curator says it is read from the text, which then needs the
        passage (the template's `quote`)."""
        basis = (entry.text("coverage basis") or "stated").strip().lower()
        if basis not in ("stated", "implied"):
            entry.problem("coverage basis", f"{basis!r} is not a basis; write 'stated' or "
                          "'implied'")
            return
        passage = entry.text("quote")
        if basis == "implied" and not passage:
            entry.problem("coverage basis", "an implied coverage needs the sentence it is read "
                          "from: give it as 'quote'")
            return
        reading = BNode()
        o = self.out
        o.add((node, PK.hasReading, reading))
        o.add((reading, RDF.type, PK.CuratorReading))
        o.add((reading, PK.aboutProperty, PK.hasCoverage))
        o.add((reading, PK.readsAs, coverage))
        o.add((reading, PK.basis, PK.Stated if basis == "stated" else PK.Implied))
        if passage:
            o.add((reading, PK.fromPassage, Literal(passage)))
        self._sourced(reading, places)

    def _existing(self, entry, core, shells, architecture) -> tuple[URIRef | None, bool]:
        """The graph's heterostructure with this core, these shells and this architecture."""
        g = self.existing
        found = sorted(
            h for h in g.subjects(PK.hasCore, core)
            if (h, PK.hasArchitecture, architecture) in g
            and set(g.objects(h, PK.hasShell)) | set(g.objects(h, PK.hasInnerShell))
            | set(g.objects(h, PK.hasOuterShell)) == set(shells))
        if len(found) > 1:
            entry.problem("core", "the graph has several heterostructures with this core, shell "
                          f"and architecture ({', '.join(_local(h) for h in found)}): they are "
                          "told apart by their cited work; curate the paper as a new one by "
                          "giving it a different 'name as written', or link it by hand")
            return None, False
        return (found[0], True) if found else (None, False)

    def _test(self, entry: Entry, owner: URIRef, stem: str, owner_places: list[URIRef]):
        form = self._pick(entry, "tested form", self.vocabulary.tested_form, required=True)
        stressor = self._pick(entry, "stressor", self.vocabulary.stressor, required=True)
        if form is None or stressor is None:
            return
        places = self.places(entry) if entry.get("where") is not None else owner_places
        form_word = "bare" if form == PK.BareNanocrystal else "coated"
        base = f"test-{stem}-{form_word}-{slug(self.vocabulary.stressor.label(stressor))}"
        node, n = PKR[base], 1
        while (node, RDF.type, PK.StabilityTest) in self.out:
            n += 1
            node = PKR[f"{base}-{n}"]
        o = self.out
        o.add((node, RDF.type, PK.StabilityTest))
        o.add((node, PK.testedForm, form))
        o.add((node, PK.stressor, stressor))
        o.add((owner, PK.hasStabilityTest, node))
        self._sourced(node, places)
        self.origins.add(node, entry)
        self.origins.add(node, entry, "duration", PK.duration)
        self.origins.add(node, entry, "outcome", PK.hasOutcome)
        if entry.get("duration") is not None:
            try:
                number, unit_word = values.with_unit(entry.get("duration"))
                unit = self.vocabulary.duration_unit.pick(unit_word)
            except (values.NotANumber, NotAChoice) as err:
                entry.problem("duration", str(err))
            else:
                o.add((node, PK.duration, self._node(entry, "duration", number, unit, places)))
        for key, prop, unit in (("remnant PL (%)", PK.remnantPl, UNIT.PERCENT),
                                ("temperature (°C)", PK.temperature, UNIT.DEG_C)):
            if entry.get(key) is not None:
                quantity = self._quantity(entry, key, unit, entry.get(key), places)
                if quantity is not None:
                    o.add((node, prop, quantity))
        outcome = self._pick(entry, "outcome", self.vocabulary.outcome)
        if outcome is not None:
            o.add((node, PK.hasOutcome, outcome))
        for key, prop in (("as written", PK.asWritten), ("light source", PK.lightSource),
                          ("note", SKOS.editorialNote)):
            if entry.text(key):
                o.add((node, prop, Literal(entry.text(key))))

    def _application(self, entry: Entry, owner: URIRef, stem: str) -> None:
        kind = self._pick(entry, "kind", self.vocabulary.application, required=True)
        if kind is None:
            return
        places = self.places(entry)
        node = PKR[f"app-{stem}-{_local(kind)}"]
        o = self.out
        o.add((node, RDF.type, PK.Application))
        o.add((node, PK.applicationKind, kind))
        o.add((node, RDFS.label, Literal(
            f"{self.vocabulary.application.label(kind)} ({self.key})")))
        o.add((owner, PK.hasApplication, node))
        demonstrated = entry.text("demonstrated")
        if demonstrated is not None:
            if demonstrated.lower() in YES_NO:
                o.add((node, PK.isDemonstrated, Literal(YES_NO[demonstrated.lower()])))
            else:
                entry.problem("demonstrated", f"{demonstrated!r}: write yes (made) or no "
                              "(only proposed)")
        if entry.text("quote"):
            o.add((node, PK.quote, Literal(entry.text("quote"))))
        self._sourced(node, places)
        self.origins.add(node, entry)
        for figure in entry.entries("figures of merit", "figure of merit", FIGURE_KEYS):
            self._figure(figure, node, places)

    def _figure(self, entry: Entry, owner: URIRef, owner_places: list[URIRef]) -> None:
        metric = self._pick(entry, "metric", self.vocabulary.metric, required=True)
        unit = self._pick(entry, "unit", self.vocabulary.figure_unit, required=True)
        written = entry.required("value", f"the number as printed ({values.FORMS_HELP})")
        if metric is None or unit is None or written is None:
            return
        places = self.places(entry) if entry.get("where") is not None else owner_places
        node = self._node(entry, "value", self._amount(entry, "value", written), unit, places,
                          kind=PK.FigureOfMerit)
        if node is not None:
            self.out.add((node, PK.metric, metric))
            self.out.add((owner, PK.hasFigureOfMerit, node))

    # ------------------------------------------------------------------ quantities
    def _amount(self, entry: Entry, key: str, written: object) -> values.Amount | None:
        try:
            return values.amount(written)
        except values.NotANumber as err:
            entry.problem(key, str(err))
            return None

    def _quantity(self, entry, key, unit, written, places) -> BNode | None:
        return self._node(entry, key, self._amount(entry, key, written), unit, places)

    def _node(self, entry, key, number, unit, places, kind=PK.Quantity) -> BNode | None:
        if number is None:
            return None
        self.counter += 1
        node = BNode(f"{self.key.replace('-', '_')}_q{self.counter}")
        o = self.out
        o.add((node, RDF.type, kind))
        for prop, literal in number.pairs:
            o.add((node, prop, literal))
        o.add((node, QUDT.unit, unit))
        o.add((node, PK.asWritten, Literal(number.written)))
        self._sourced(node, places)
        self.origins.add(node, entry, key)
        return node

    # ------------------------------------------------------------------ helpers
    def _pick(self, entry: Entry, key: str, choice, required: bool = False) -> URIRef | None:
        written = entry.text(key)
        if written is None:
            if required:
                entry.problem(key, f"missing: give one of {', '.join(choice.labels)}")
            return None
        try:
            return choice.pick(written)
        except NotAChoice as err:
            entry.problem(key, str(err))
            return None



def _rdf_list(graph: Graph, items: list[Literal], key: str) -> Node:
    """An RDF list with labelled blank nodes, so that the Turtle is the same on every run."""
    head = RDF.nil
    for index, item in reversed(list(enumerate(items))):
        cell = BNode(f"{key.replace('-', '_')}_authors{index}")
        graph.add((cell, RDF.first, item))
        graph.add((cell, RDF.rest, head))
        head = cell
    return head


def paper_entry(top: Entry) -> Entry:
    """The template's 'paper:' record."""
    value = top.data.get("paper")
    if not isinstance(value, CommentedMap):
        top.problem("paper", "missing: the template's 'paper:' record (doi, authors, journal, "
                    "year, volume, pages)")
        value = CommentedMap()
    return Entry(value, "paper", top.line("paper"), top.problems, PAPER_KEYS)


def paper_key(paper: Entry) -> str:
    """The paper's key: its 'key', else the first author's surname and the year."""
    authors = paper.words("authors")
    surname = authors[0].split(",")[0].split()[-1] if authors else "paper"
    return slug(paper.text("key") or f"{surname}-{paper.text('year') or ''}")


def curate(top: Entry, paper: Entry, vocabulary: Vocabulary,
           graph: Graph) -> tuple[Curated, Problems]:
    """Map a read template against `graph` (ontology and the other fact files)."""
    mapper = _Mapper(top, vocabulary, graph)
    key, _ = mapper.paper(paper)
    mapper.new_materials()
    mapper.heterostructures()
    return Curated(key, mapper.out, mapper.origins), top.problems
