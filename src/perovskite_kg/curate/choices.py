"""The controlled values of the template, read from the ontology and the shapes (never kept here).

A curator writes a label ("core/shell", "water", "coated"); `Choice.pick` finds the term whose
label, alternative label or local name it is, or else the one label it begins, and otherwise
fails with the closest labels as a did-you-mean.
"""

import difflib
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from perovskite_kg.namespaces import PK, PKSH


class NotAChoice(ValueError):
    """A word that names none of the allowed values; the message lists the closest ones."""


@dataclass(frozen=True)
class Choice:
    """The allowed values of one template key: label -> term, in the ontology's order of labels."""

    name: str
    terms: dict[str, URIRef]
    synonyms: dict[str, URIRef]

    @property
    def labels(self) -> list[str]:
        return list(self.terms)

    def pick(self, written: str) -> URIRef:
        word = _norm(written)
        if word in self.synonyms:
            return self.synonyms[word]
        starting = {term for label, term in self.terms.items() if _norm(label).startswith(word)}
        if word and len(starting) == 1:
            return starting.pop()
        close = difflib.get_close_matches(word, [_norm(k) for k in self.terms], n=3, cutoff=0.5)
        shown = [label for c in close for label in self.terms if _norm(label) == c]
        hint = f"; did you mean {' or '.join(repr(c) for c in shown)}?" if shown else ""
        raise NotAChoice(f"{written!r} is not a known {self.name}{hint} "
                         f"(allowed: {', '.join(self.labels)})")

    def label(self, term: URIRef) -> str:
        return next(label for label, t in self.terms.items() if t == term)


def _norm(text: str) -> str:
    return " ".join(str(text).lower().replace("_", " ").split())


def _choice(name: str, ontology: Graph, terms: list[URIRef]) -> Choice:
    labelled = {str(ontology.value(t, RDFS.label) or t.split("#")[-1]): t for t in terms}
    synonyms = {}
    for label, term in labelled.items():
        local = str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        for word in (label, local, *ontology.objects(term, SKOS.altLabel)):
            synonyms.setdefault(_norm(word), term)
            synonyms.setdefault(_norm(word) + "s", term)  # "7 days", "6 hours"
    return Choice(name, dict(sorted(labelled.items(), key=lambda kv: kv[0].lower())), synonyms)


def members(ontology: Graph, cls: URIRef) -> list[URIRef]:
    """The named individuals of `cls` or of any class below it."""
    classes = set(ontology.transitive_subjects(RDFS.subClassOf, cls))
    return sorted({s for c in classes for s in ontology.subjects(RDF.type, c)
                   if isinstance(s, URIRef) and s != OWL.NamedIndividual})


def families(ontology: Graph) -> list[URIRef]:
    """The classes below pk:Material: a new material's family."""
    return sorted(c for c in ontology.transitive_subjects(RDFS.subClassOf, PK.Material)
                  if c != PK.Material and isinstance(c, URIRef))


def allowed_units(shapes: Graph, shape: URIRef) -> list[URIRef]:
    """The units a unit shape allows (its sh:in list), e.g. pksh:DurationUnit."""
    listed = shapes.value(shape, SH["in"])
    return [URIRef(u) for u in shapes.items(listed)] if listed is not None else []


@dataclass(frozen=True)
class Vocabulary:
    """Every controlled key of the template with its allowed values."""

    architecture: Choice
    coverage: Choice
    tested_form: Choice
    stressor: Choice
    outcome: Choice
    application: Choice
    metric: Choice
    family: Choice
    duration_unit: Choice
    figure_unit: Choice

    @classmethod
    def read(cls, ontology: Graph, shapes: Graph) -> "Vocabulary":
        figure_units = sorted({u for s in (PKSH.EfficiencyFigureUnit, PKSH.RatioFigureUnit,
                                           PKSH.OperationTimeFigureUnit,
                                           PKSH.DriveCurrentFigureUnit)
                               for u in allowed_units(shapes, s)})
        return cls(
            architecture=_choice("architecture", ontology, members(ontology, PK.Architecture)),
            coverage=_choice("coverage", ontology, members(ontology, PK.Coverage)),
            tested_form=_choice("tested form", ontology, members(ontology, PK.TestedForm)),
            stressor=_choice("stressor", ontology, members(ontology, PK.Stressor)),
            outcome=_choice("outcome", ontology, members(ontology, PK.QualitativeOutcome)),
            application=_choice("application kind", ontology,
                                members(ontology, PK.ApplicationKind)),
            metric=_choice("metric", ontology, members(ontology, PK.Metric)),
            family=_choice("material family", ontology, families(ontology)),
            duration_unit=_choice("duration unit", ontology,
                                  allowed_units(shapes, PKSH.DurationUnit)),
            figure_unit=_choice("unit", ontology, figure_units),
        )
