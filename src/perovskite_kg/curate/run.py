"""`curate FILE` and `new-paper`, start to finish: template in, `graph/<key>.ttl` out, or nothing.

The check is handed in by the runner (`validate`'s `check_curated`), as a step does not import
another: the mapped graph is written to a scratch file, validated with the ontology and every
other graph file, and moved into `graph/` only when no violation remains. Problems are told at
the template's lines; warnings are shown and do not stop the file.
"""

import dataclasses
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from perovskite_kg import namespaces
from perovskite_kg.curate import TEMPLATE_SUFFIXES, mapping, reading, template
from perovskite_kg.curate.choices import Vocabulary
from perovskite_kg.errors import CheckFailed, InputError
from perovskite_kg.project import files, load, names, paths
from perovskite_kg.project.load import LoadedFile


@dataclass(frozen=True)
class Written:
    path: Path
    triples: int
    warnings: list[str]


def vocabulary(root: Path) -> Vocabulary:
    """The controlled values, from the ontology and the shapes under `root`."""
    ontology = load.union(load.load_files(paths.ontology_files(root)))
    return Vocabulary.read(ontology, load.load_file(paths.shapes_file(root)))


def new_paper(root: Path, doi: str, output: Path) -> Path:
    """Write the empty template for `doi` to `output`, never over an existing file."""
    doi = doi.strip()
    if not template.DOI.match(doi):
        raise InputError(f"--doi {doi!r}: not a DOI; give it as 10.xxxx/yyyy, without "
                         "https://doi.org/")
    if output.exists():
        raise InputError("exists already; give another -o, or curate it: "
                         f"perovskite-kg curate {paths.display(output)}", paths.display(output))
    with files.atomic(output) as out:
        out.write(template.text(doi, vocabulary(root)).encode("utf-8"))
    return output


def curate(root: Path, path: Path, check: Callable[[list[LoadedFile], LoadedFile], object]
           ) -> Written:
    """Map the template at `path`, check it with the graph, and write `graph/<key>.ttl`."""
    path = Path(path)
    if path.suffix.lower() not in TEMPLATE_SUFFIXES:
        raise InputError(f"not a template ({', '.join(TEMPLATE_SUFFIXES)}); write one with "
                         "perovskite-kg new-paper --doi 10.xxxx/yyyy", paths.display(path))
    top = reading.read(path, mapping.TOP_KEYS)
    paper = mapping.paper_entry(top)
    target = root / "graph" / f"{mapping.paper_key(paper)}.ttl"
    shipped = load.load_files(p for p in paths.graph_files(root) if p.name != target.name)
    ontology = load.load_files(paths.ontology_files(root))
    curated, problems = mapping.curate(top, paper, vocabulary(root),
                                       load.union([*ontology, *shipped]))
    if problems.found:
        _fail(problems)
    turtle = serialize(curated, path)
    # Checked as `load` will read the file: its blank-node facts named (the names do not depend
    # on blank-node labels, so each maps back to the node the template's lines are known for).
    named = Graph()
    named += curated.graph
    unnamed = {iri: node for node, iri in
               names.name_facts(named, paths.display(target)).items()}
    with tempfile.TemporaryDirectory(prefix="perovskite-kg-curate-") as scratch:
        scratch_file = Path(scratch) / target.name
        scratch_file.write_bytes(turtle)
        validation = check(shipped, LoadedFile(scratch_file, named))
    warnings = []
    for result in validation.results:
        told = curated.origins.explain(
            dataclasses.replace(result, focus=unnamed.get(result.focus, result.focus)))
        if told is None:
            told = reading.Problem(1, namespaces.curie(str(result.focus)), result.message)
        if result.severity == SH.Violation:
            problems.add(told.line, told.where, told.message)
        else:
            warnings.append(f"{paths.display(path)}:{told.line}: warning: {told.where}: "
                            f"{told.message}")
    if problems.found:
        _fail(problems)
    with files.atomic(target) as out:
        out.write(turtle)
    return Written(target, len(curated.graph), warnings)


def serialize(curated: mapping.Curated, source: Path) -> bytes:
    """The paper's Turtle, with a header naming its template; the same template, the same bytes."""
    header = (f"# perovskite-kg: facts curated from the paper {curated.key}, written by\n"
              f"# `perovskite-kg curate {source.name}`. Edit the template and curate again\n"
              "# rather than editing this file.\n\n")
    body = namespaces.bind(Graph())
    body += curated.graph
    return header.encode("utf-8") + body.serialize(format="turtle").encode("utf-8")


def _fail(problems: reading.Problems) -> None:
    for line in problems.lines():
        print(line, file=sys.stderr)
    count = len(problems.lines())
    raise CheckFailed(f"{count} problem{'s' * (count != 1)} in the template; nothing was "
                      "written to graph/", paths.display(problems.path))
