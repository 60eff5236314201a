"""The HTML pages, rendered by Jinja2 with autoescaping on, for the server and the static site.

Every page is a template in `templates/` given plain data (cards, terms, tables) and a `Urls`,
which writes links for the server (`/resource/x`) or for files opened from disk
(`../resource/x.html`), so the two share every template. No page carries a script.
"""

from dataclasses import dataclass
from importlib.resources import files
from importlib.util import find_spec

import jinja2
import pyoxigraph as ox

from perovskite_kg import __version__, namespaces
from perovskite_kg.namespaces import PREFIX_IRIS
from perovskite_kg.query.stored import QueryFile
from perovskite_kg.serve import resources
from perovskite_kg.serve.jobs import Answer, Cell, Table
from perovskite_kg.serve.resources import Value

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("perovskite_kg.serve", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
STYLESHEET = "style.css"
PLOTS_PACKAGE = "perovskite_kg.plot"
"""Issue 14's plots: a question page shows a plot section when this package exists."""


def stylesheet() -> bytes:
    """The one stylesheet every page links to."""
    return files("perovskite_kg.serve").joinpath("static", STYLESHEET).read_bytes()


@dataclass(frozen=True)
class Urls:
    """Where the pages are: on the server (`static=False`) or as files `depth` folders deep."""

    static: bool = False
    depth: int = 0

    def __call__(self, kind: str, name: str = "") -> str:
        if not self.static:
            paths = {"home": "/", "question": f"/questions/{name}", "resource": f"/resource/{name}",
                     "ontology": f"/ontology#{name}" if name else "/ontology",
                     "static": f"/static/{name}", "editor": "/editor", "search": "/search",
                     "api": "/queries"}
            return paths[kind]
        up = "../" * self.depth
        paths = {"home": "index.html", "question": f"questions/{name}.html",
                 "resource": f"resource/{name}.html",
                 "ontology": f"ontology.html#{name}" if name else "ontology.html",
                 "static": f"static/{name}", "download": f"downloads/{name}"}
        return up + paths[kind] if kind in paths else ""

    def link(self, value: Value) -> str:
        """The page a `Value` links to, or '' when it has none."""
        return self(*value.target) if value.target else ""


def tags(query: QueryFile) -> list[str]:
    """A stored query's `#+ tags`, in order."""
    return [t.strip() for t in query.header.get("tags", "").split(",") if t.strip()]


def render(template: str, urls: Urls, **data) -> str:
    """A page: `template` with `data`, links written by `urls`."""
    return _ENVIRONMENT.get_template(template).render(
        urls=urls, version=__version__, plots=_plots_available(), **data)


def cells(store, table: Table) -> list[list[Value | None]]:
    """A table's cells as `Value`s: IRIs labelled from the store, literals as written."""
    return [[_value(store, cell) for cell in row] for row in table.rows]


def _value(store, cell: Cell | None) -> Value | None:
    if cell is None:
        return None
    if cell.kind == "iri":
        label = resources.label(store, _named(cell.value))
        return Value(label, namespaces.curie(cell.value), resources.target(cell.value))
    if cell.kind == "blank":
        return Value(f"_:{cell.value}")
    return Value(" ".join(cell.value.split()))


def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def groups(queries: list[QueryFile]) -> list[tuple[str, list[dict]]]:
    """The questions grouped by their first tag, tags and questions in a stable order."""
    grouped: dict[str, list[dict]] = {}
    for query in queries:
        tag = (tags(query) or ["other"])[0]
        grouped.setdefault(tag, []).append({"name": query.name, "id": query.header.get("id", ""),
                                            "question": query.header.get("question", query.name)})
    return sorted(grouped.items())


def question_data(store: ox.Store, chosen: QueryFile, fields, answer: Answer) -> dict:
    """What the question page shows: the query, its form, and the answer table or the reason."""
    query = {"name": chosen.name, "id": chosen.header.get("id", ""), "text": chosen.text,
             "summary": chosen.header.get("summary", ""),
             "question": chosen.header.get("question", chosen.name), "parameters": fields}
    if answer.status != 200:
        return {"query": query, "error": answer.body.decode().strip()}
    return {"query": query, "error": "", "columns": answer.table.columns,
            "rows": cells(store, answer.table), "truncated": answer.table.truncated}


def prefixes() -> str:
    """The project's prefixes as SPARQL PREFIX lines, for the editor."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_IRIS.items())


def _plots_available() -> bool:
    try:
        return find_spec(PLOTS_PACKAGE) is not None
    except ModuleNotFoundError:
        return False
