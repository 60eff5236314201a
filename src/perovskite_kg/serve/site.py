"""`perovskite-kg site -o DIR`: the server's pages as static files, for any static host.

The site holds the answers of the stored queries at their defaults, a page (and a Turtle file) for
every resource, the ontology page, the exports and a VoID description. Links are relative, so the
pages work from `file://` too. Everything is sorted and blank nodes are canonical, so the same
sources give the same bytes. The site is built in a temporary folder beside DIR and renamed into
place when complete; DIR may be empty, missing, or a site written before (it is replaced whole).
"""

import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from perovskite_kg.errors import InputError
from perovskite_kg.export import FORMATS, formats, jsonld, provenance
from perovskite_kg.namespaces import PK, PKR
from perovskite_kg.project import graphs, paths, terms
from perovskite_kg.query import stored
from perovskite_kg.serve import api, documents, jobs, ontology, pages, resources

BASE = str(PKR).removesuffix("resource/")
"""Where the site is meant to be reached: the w3id address (deploy/w3id/.htaccess redirects it)."""
MARKER = ".perovskite-kg-site"
"""The file that marks a folder as a site this command wrote (and may replace)."""
_KINDS = {"asserted": "as stated in the review", "reasoned": "plus what the OWL 2 RL reasoner "
          "infers"}


def write(root: Path, target: Path) -> int:
    """Write the site into `target`; the number of files written."""
    target = Path(target)
    _check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        count = _write_all(root, building)
        (building / MARKER).write_text("written by perovskite-kg site\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(building, target)
    except OSError as err:
        raise InputError(f"cannot write the site: {err.strerror or err}",
                         paths.display(target)) from err
    finally:
        if building.exists():
            shutil.rmtree(building)
    return count + 1


def _check_replaceable(target: Path) -> None:
    if target.exists() and (not target.is_dir() or (any(target.iterdir())
                                                     and not (target / MARKER).exists())):
        raise InputError("exists and is not a site written by `perovskite-kg site`: choose an "
                         "empty or new folder", paths.display(target))


def _write_all(root: Path, out: Path) -> int:
    context = jobs.Context(root)
    store = context.store
    written = []

    def put(relative: str, data: bytes | str) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        written.append(relative)

    def page(relative: str, template: str, **data) -> None:
        put(relative, pages.render(template, pages.Urls(True, relative.count("/")), **data))

    queries = stored.stored(root)
    page("index.html", "home.html", groups=pages.groups(queries))
    for query in queries:
        answer = jobs.answer(context, jobs.Job(name=query.name, accept=jobs.TABLE))
        data = pages.question_data(store, query, api.fields(store, query, {}), answer)
        page(f"questions/{query.name}.html", "question.html", **data)
    for iri in _resources(store):
        name = iri[len(str(PKR)):]
        page(f"resource/{name}.html", "resource.html", card=resources.describe(store, iri),
             name=name)
        put(f"resource/{name}.ttl", documents.serialize(documents.resource(store, iri), "turtle",
                                                         context.jsonld_context))
    page("ontology.html", "ontology.html", vocabulary=ontology.terms(store),
         namespace=str(PK))
    ontology_graph = documents.ontology(root)
    for fmt in ("turtle", "jsonld"):
        put(f"ontology{FORMATS[fmt]}", documents.serialize(ontology_graph, fmt,
                                                           context.jsonld_context))
    put(f"static/{pages.STYLESHEET}", pages.stylesheet())
    downloads = _downloads(root, out / "downloads")
    written += [f"downloads/{name}" for name, _ in downloads]
    triples = sum(1 for _ in store.quads_for_pattern(None, None, None))
    put("downloads/void.ttl", documents.serialize(
        documents.void(triples, [f"{BASE}downloads/{name}" for name, _ in downloads]), "turtle",
        context.jsonld_context))
    downloads.append(("void.ttl", "the VoID description of the dataset"))
    page("downloads/index.html", "downloads.html", downloads=downloads)
    return len(written)


def _resources(store: ox.Store) -> list[str]:
    """Every IRI under pkr: that the graph says something of, sorted."""
    return sorted({q.subject.value for q in store.quads_for_pattern(None, None, None)
                   if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(str(PKR))
                   and resources.target(q.subject.value)})


def _downloads(root: Path, folder: Path) -> list[tuple[str, str]]:
    """The exports, as `perovskite-kg export` writes them: every format, asserted and reasoned."""
    folder.mkdir(parents=True, exist_ok=True)
    asserted, inferred = graphs.reasoned(root)
    context = jsonld.context(asserted)
    listed = []
    for kind, description in _KINDS.items():
        graphs_ = provenance.compose(asserted, inferred if kind == "reasoned" else None, kind, "rl")
        triples = terms.canonical(graphs_)
        stem = "perovskite-kg" if kind == "asserted" else "perovskite-kg-reasoned"
        for fmt, suffix in FORMATS.items():
            formats.write(folder / f"{stem}{suffix}", triples, fmt, context)
            listed.append((f"{stem}{suffix}", f"the graph {description} ({fmt})"))
    return listed
