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

from perovskite_kg import reason
from perovskite_kg.errors import InputError
from perovskite_kg.export import DEFAULT_BASE, DESCRIPTION, DOWNLOADS, FORMATS, bundle, void
from perovskite_kg.namespaces import PK, PKR
from perovskite_kg.project import graphs, paths
from perovskite_kg.query import stored
from perovskite_kg.serve import api, documents, jobs, ontology, pages, resources

MARKER = ".perovskite-kg-site"
"""The file that marks a folder as a site this command wrote (and may replace)."""


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
    asserted, inferred = graphs.reasoned(root)
    exports = bundle.render(asserted, inferred, reason.DEFAULT,
                            put=lambda name, data: put(f"{DOWNLOADS}{name}", data))
    profile = reason.ENGINES[reason.DEFAULT].profile
    address = DEFAULT_BASE + DOWNLOADS
    description = void.describe(store.quads_for_pattern(None, None, None), address + DESCRIPTION,
                                profile, exports, address)  # a static site has no endpoint
    put(f"{DOWNLOADS}{DESCRIPTION}", void.render(description))
    listed = [(e.name, bundle.describe(e, profile)) for e in exports]
    listed.append((DESCRIPTION, "the VoID and DCAT description of the dataset and these files"))
    page(f"{DOWNLOADS}index.html", "downloads.html", downloads=listed)
    return len(written)


def _resources(store: ox.Store) -> list[str]:
    """Every IRI under pkr: that the graph says something of, sorted."""
    return sorted({q.subject.value for q in store.quads_for_pattern(None, None, None)
                   if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(str(PKR))
                   and resources.target(q.subject.value)})
