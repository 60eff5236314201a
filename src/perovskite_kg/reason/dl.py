"""OWL 2 DL classification and realisation by HermiT (the jar shipped with owlready2).

HermiT also decides the defined classes that need datatype restrictions, which OWL 2 RL cannot.
See `infer` for what it is given and why.
"""

import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import OWL, RDF, RDFS, XSD
from perovskite_kg.reason import rl
from perovskite_kg.reason.analysis import Inconsistent, conflicts
from perovskite_kg.reason.triples import reachable, reasoning_input, trivial

JAVA_TIMEOUT_SECONDS = 300
"""HermiT is stopped after this long; it classifies the review's graph in a few seconds."""
JAVA_HEAP = "2g"
"""The Java heap cap (-Xmx) for HermiT."""

# The datatypes of the OWL 2 datatype map (OWL 2 Structural Specification, section 4); HermiT
# refuses literals of any other datatype, such as xsd:gYear and xsd:date.
_OWL2_DATATYPES = {RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real,
                   OWL.rational} | {XSD[name] for name in (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long "
    "int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
    "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
    "dateTime dateTimeStamp").split()}
_ANNOTATION_BUILTINS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo,
                        OWL.priorVersion, OWL.backwardCompatibleWith, OWL.incompatibleWith,
                        OWL.deprecated}
_HERMIT_AXIOM = re.compile(r"^(SubClassOf|EquivalentClasses|Type)\( ((?:<[^>]+>\s*)+)\)$",
                           re.MULTILINE)


def infer(asserted: Graph) -> Graph:
    """OWL 2 DL classification and realisation by HermiT, as inferred triples.

    HermiT is given only what reasoning needs: the logical axioms and facts, without annotations
    (labels, quotes in annotation properties, bibo:authorList and its rdf:Lists), without literals
    whose datatype is outside the OWL 2 datatype map (xsd:gYear, xsd:date: HermiT refuses them) and
    without owl:imports. No IRI of the project contains "genid", which the OWL API inside HermiT
    would take for a blank node (tests/graph/test_ontology.py checks it).

    It is run through its command line, as owlready2's `sync_reasoner_hermit` does, but directly,
    so that it gets a timeout and a heap cap and its Java errors become one-line messages.
    """
    java = shutil.which("java")
    if java is None:
        raise InputError("the dl reasoner needs Java, and `java` is not on PATH: install a JRE "
                         "(e.g. apt-get install default-jre-headless) or use --reasoner rl")
    from owlready2.reasoning import _HERMIT_CLASSPATH

    given = Graph()
    for triple in _dl_input(asserted):
        given.add(triple)
    with tempfile.TemporaryDirectory(prefix="perovskite-kg-hermit-") as folder:
        source = Path(folder) / "input.nt"
        given.serialize(source, format="nt", encoding="utf-8")
        command = [java, f"-Xmx{JAVA_HEAP}", "-cp", _HERMIT_CLASSPATH,
                   "org.semanticweb.HermiT.cli.CommandLine", "-c", "-I", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=JAVA_TIMEOUT_SECONDS, env=_java_environment())
        except subprocess.TimeoutExpired as err:
            raise InputError(f"HermiT did not finish within {JAVA_TIMEOUT_SECONDS} s") from err
    if done.returncode != 0:
        if "InconsistentOntologyException" in done.stderr + done.stdout:
            raise Inconsistent("dl", tuple(conflicts((asserted, rl.infer(asserted)))))
        raise InputError(f"HermiT failed: {_java_error(done.stderr + done.stdout)}")
    return _hermit_triples(done.stdout, asserted)


def _dl_input(asserted: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The triples HermiT is given (see `infer`)."""
    annotation = _ANNOTATION_BUILTINS | set(asserted.subjects(RDF.type, OWL.AnnotationProperty))
    kept = [
        (s, p, o) for s, p, o in reasoning_input(asserted)
        if p not in annotation and p not in (RDF.first, RDF.rest)
        and not (isinstance(o, Literal) and o.datatype and o.datatype not in _OWL2_DATATYPES)
    ]
    # rdf:Lists survive only where a kept triple still points at them (owl:intersectionOf, ...).
    lists = {o for _, p, o in kept if isinstance(o, BNode)}
    for head in lists:
        node = head
        while (node, RDF.first, None) in asserted:
            kept += [(node, p, o) for p in (RDF.first, RDF.rest) for o in asserted.objects(node, p)]
            node = asserted.value(node, RDF.rest)
    return iter(kept)


def _java_environment() -> dict[str, str]:
    """The environment without JAVA_TOOL_OPTIONS-style variables that could change the heap cap."""
    return {k: v for k, v in os.environ.items() if k not in ("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
                                                            "JDK_JAVA_OPTIONS")}


def _java_error(output: str) -> str:
    """The first line that names a Java exception, without the stack trace."""
    for line in output.splitlines():
        if "Exception" in line or "Error" in line:
            return line.removeprefix('Exception in thread "main" ').strip()
    return output.strip().splitlines()[0] if output.strip() else "no output"


def _hermit_triples(output: str, asserted: Graph) -> Graph:
    """HermiT's class hierarchy and direct types, closed upwards, as triples not yet asserted."""
    supers: dict[URIRef, set[URIRef]] = defaultdict(set)
    types: dict[URIRef, set[URIRef]] = defaultdict(set)
    for relation, terms in _HERMIT_AXIOM.findall(output):
        iris = [URIRef(t) for t in re.findall(r"<([^>]+)>", terms)]
        if relation == "SubClassOf":
            supers[iris[0]].add(iris[1])
        elif relation == "EquivalentClasses":
            for a in iris:
                supers[a] |= set(iris) - {a}
        else:
            types[iris[0]].add(iris[1])
    inferred = Graph()
    for cls in list(supers):
        for above in reachable(cls, supers):
            if above == OWL.Nothing:
                inferred.add((cls, OWL.equivalentClass, OWL.Nothing))
            elif above != cls:
                inferred.add((cls, RDFS.subClassOf, above))
    for individual, direct in types.items():
        for cls in direct:
            for above in {cls} | reachable(cls, supers):
                inferred.add((individual, RDF.type, above))
    return _without_trivial(inferred, asserted)


def _without_trivial(inferred: Graph, asserted: Graph) -> Graph:
    kept = Graph()
    for triple in inferred:
        if triple not in asserted and not trivial(triple, set()):
            kept.add(triple)
    return kept
