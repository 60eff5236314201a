"""The Starlette application of `perovskite-kg serve`: the SPARQL endpoint, the stored-query API,
the pages and the Linked Data views, over one graph loaded at start.

Queries go to the worker pool (`workers.py`); resource and ontology pages read the server's own
copy of the store, whose lookups are bounded (one resource's triples). Every response carries a
strict Content-Security-Policy (the pages have no scripts) and CORS allows any origin to query.
"""

import asyncio
import contextlib
import json
from pathlib import Path

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from perovskite_kg import export, reason, serve
from perovskite_kg.errors import KgError
from perovskite_kg.export import void
from perovskite_kg.namespaces import PK, PKR, RDFS
from perovskite_kg.query import run, stored
from perovskite_kg.serve import (
    api,
    documents,
    jobs,
    ontology,
    pages,
    protocol,
    resources,
    workers,
)

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
HTML = "text/html"
_PAGE_OFFERS = {HTML: "html", **protocol.GRAPH_TYPES}
MAX_SEARCH_RESULTS = 200


class Settings:
    """What `perovskite-kg serve` was started with."""

    def __init__(self, root: Path, timeout: float = serve.DEFAULT_TIMEOUT,
                 workers: int = serve.DEFAULT_WORKERS, queue: int = serve.DEFAULT_QUEUE) -> None:
        self.root, self.timeout, self.workers, self.queue = root, timeout, workers, queue


class _State:
    """The graph and everything derived from it, computed once at start."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = run.open_store(settings.root)
        self.context = documents.jsonld_context(self.store)
        self.queries = stored.stored(settings.root)
        self.vocabulary = ontology.terms(self.store)
        ontology_graph = documents.ontology(settings.root)
        self.ontology = {media: documents.serialize(ontology_graph, fmt, self.context)
                         for media, fmt in protocol.GRAPH_TYPES.items()}
        labels = self.store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None)
        self.labels = sorted({(q.object.value.lower(), q.subject.value) for q in labels
                              if isinstance(q.subject, ox.NamedNode)})
        self.pool = workers.Pool(settings.root, settings.workers, settings.queue,
                                 settings.timeout)


def create(settings: Settings) -> Starlette:
    """The application; the graph is loaded and the workers started when it starts."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        state = await asyncio.to_thread(_State, settings)
        state.pool.start()
        await state.pool.wait_ready()
        app.state.kg = state
        try:
            yield
        finally:
            state.pool.close()

    routes = [
        Route("/", home),
        Route(f"/{export.SPARQL_PATH}", sparql, methods=["GET", "POST"]),
        Route("/editor", editor),
        Route("/search", search),
        Route("/questions/{name}", question),
        Route("/queries", listing),
        Route("/queries/{name}", stored_query),
        Route("/openapi.json", openapi),
        Route("/resource/{name:path}", resource),
        Route("/ontology", ontology_page),
        Route(f"/{export.WELL_KNOWN_VOID}", description),
        Route("/static/style.css", stylesheet),
    ]
    middleware = [
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                   allow_headers=["Accept", "Content-Type"], max_age=3600),
        Middleware(_SecurityHeaders),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={404: _not_found})


class _SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin")]
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, sending)


def _state(request: Request) -> _State:
    return request.app.state.kg


def _page(template: str, status: int = 200, **data) -> Response:
    return Response(pages.render(template, pages.Urls(), **data), status,
                    media_type="text/html; charset=utf-8")


def _text(message: str, status: int, headers: dict | None = None) -> Response:
    return Response(message.rstrip("\n") + "\n", status, headers=headers,
                    media_type="text/plain; charset=utf-8")


async def _not_found(request: Request, exc) -> Response:
    return _page("message.html", 404, heading="Not found",
                 message=f"There is no page at {request.url.path}.")


async def _run(state: _State, job: jobs.Job) -> jobs.Answer | Response:
    """The pool's answer, or the 503 the server gives when busy or out of time."""
    try:
        return await state.pool.run(job)
    except workers.Busy:
        retry = workers.retry_after(state.settings.timeout)
        return _text(f"the server is busy: every worker is running a query and {state.pool.queue} "
                     f"are waiting; retry in {retry} s", 503, {"Retry-After": retry})
    except workers.TimedOut:
        return _text(f"the query ran for more than {state.settings.timeout:g} s, the server's "
                     "limit, and was stopped: narrow it or add LIMIT", 503)


def _respond(answer: jobs.Answer | Response) -> Response:
    if isinstance(answer, Response):
        return answer
    return Response(answer.body, answer.status, media_type=answer.media_type,
                    headers={"Vary": "Accept"})


# ------------------------------------------------------------------------------ SPARQL endpoint
async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol; a plain GET gives the Service Description (or, to a browser,
    the editor)."""
    state = _state(request)
    body = await _body(request)
    if isinstance(body, Response):
        return body
    if request.method == "GET" and not any(k in request.query_params for k in ("query", "update")):
        chosen = protocol.negotiate(request.headers.get("accept", ""),
                                    {**protocol.GRAPH_TYPES, HTML: "html"})
        if chosen is None:
            return _text(f"a service description is offered as {', '.join(protocol.GRAPH_TYPES)}",
                         406)
        if chosen == HTML:
            return RedirectResponse("/editor", 303)
        graph = documents.service_description(str(request.url_for("sparql")))
        return _graph(documents.serialize(graph, protocol.GRAPH_TYPES[chosen], state.context),
                      chosen)
    try:
        parsed = protocol.parse(request.method, request.headers.get("content-type", ""),
                                request.url.query, body, serve.MAX_QUERY_CHARS)
    except KgError as err:
        return _text(str(err), 400)
    job = jobs.Job(text=parsed.query, accept=request.headers.get("accept", ""),
                   default_graphs=parsed.default_graphs, named_graphs=parsed.named_graphs)
    return _respond(await _run(state, job))


async def _body(request: Request) -> bytes | Response:
    """The request body, refused with 413 past `MAX_BODY_BYTES`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > serve.MAX_BODY_BYTES:
        return _text(f"the request body is larger than {serve.MAX_BODY_BYTES} bytes", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > serve.MAX_BODY_BYTES:
            return _text(f"the request body is larger than {serve.MAX_BODY_BYTES} bytes", 413)
    return bytes(body)


def _graph(body: bytes, media: str) -> Response:
    charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
    return Response(body, media_type=media + charset, headers={"Vary": "Accept"})


# --------------------------------------------------------------------------------------- pages
async def home(request: Request) -> Response:
    return _page("home.html", groups=pages.groups(_state(request).queries))


async def question(request: Request) -> Response:
    state = _state(request)
    name = request.path_params["name"]
    chosen = {q.name: q for q in state.queries}.get(name)
    if chosen is None:
        return await _not_found(request, None)
    given = dict(request.query_params)
    fields = api.fields(state.store, chosen, given)
    job = jobs.Job(name=name, params=tuple(f"{k}={v}" for k, v in given.items()),
                   accept=jobs.TABLE)
    answer = await _run(state, job)
    if isinstance(answer, Response):
        answer = jobs.Answer(answer.status, body=answer.body)
    data = pages.question_data(state.store, chosen, fields, answer)
    return _page("question.html", 200 if not data["error"] else 400, **data)


async def editor(request: Request) -> Response:
    state = _state(request)
    text = request.query_params.get("query", "")
    data = {"text": text or pages.prefixes() + "\nSELECT ?s ?label WHERE { ?s rdfs:label ?label }"
            " LIMIT 20\n", "endpoint": str(request.url_for("sparql")), "error": "",
            "columns": (), "rows": [], "truncated": False}
    if text:
        if len(text) > serve.MAX_QUERY_CHARS:
            data["error"] = f"the query is longer than {serve.MAX_QUERY_CHARS} characters"
        else:
            answer = await _run(state, jobs.Job(text=text, accept=jobs.TABLE))
            if isinstance(answer, Response) or answer.status != 200:
                data["error"] = answer.body.decode().strip()
            else:
                data.update(columns=answer.table.columns, truncated=answer.table.truncated,
                            rows=pages.cells(state.store, answer.table))
    return _page("editor.html", 400 if data["error"] else 200, **data)


async def search(request: Request) -> Response:
    state = _state(request)
    text = request.query_params.get("q", "").strip()
    needle = text.lower()
    hits = sorted({iri for label, iri in state.labels if needle and needle in label})
    found = [resources.value(state.store, ox.NamedNode(iri)) for iri in hits]
    found.sort(key=lambda v: (v.text.lower(), v.curie))
    return _page("search.html", search_text=text, found=found[:MAX_SEARCH_RESULTS])


async def stylesheet(request: Request) -> Response:
    return Response(pages.stylesheet(), media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


# ---------------------------------------------------------------------------- stored-query API
async def listing(request: Request) -> Response:
    state = _state(request)
    base = str(request.base_url).rstrip("/")
    return JSONResponse([api.entry(state.store, q, base) for q in state.queries])


async def stored_query(request: Request) -> Response:
    state = _state(request)
    name = request.path_params["name"]
    if name not in {q.name for q in state.queries}:
        return _text(f"no stored query named '{name}' (see /queries)", 404)
    params = tuple(f"{k}={v}" for k, v in request.query_params.multi_items())
    accept = request.headers.get("accept", "") or "application/sparql-results+json"
    return _respond(await _run(state, jobs.Job(name=name, params=params, accept=accept)))


async def openapi(request: Request) -> Response:
    state = _state(request)
    document = api.openapi(state.store, state.queries, str(request.base_url).rstrip("/"))
    return Response(json.dumps(document, indent=2, ensure_ascii=False).encode(),
                    media_type="application/json")


# --------------------------------------------------------------------------------- Linked Data
async def resource(request: Request) -> Response:
    state = _state(request)
    name = request.path_params["name"]
    chosen = protocol.negotiate(request.headers.get("accept", ""), _PAGE_OFFERS)
    if chosen is None:
        return _text(f"a resource is offered as {', '.join(_PAGE_OFFERS)}", 406)
    iri = f"{PKR}{name}"
    card = await asyncio.to_thread(resources.describe, state.store, iri)
    if card is None:
        return await _not_found(request, None)
    if chosen == HTML:
        return _page("resource.html", card=card, name=name)
    graph = await asyncio.to_thread(documents.resource, state.store, iri)
    return _graph(documents.serialize(graph, protocol.GRAPH_TYPES[chosen], state.context), chosen)


async def description(request: Request) -> Response:
    """The VoID and DCAT description of the dataset served, naming this server's endpoint."""
    state = _state(request)
    here, endpoint = str(request.url_for("description")), str(request.url_for("sparql"))

    def describe() -> bytes:  # a store's iterator must stay in the thread that made it
        quads = state.store.quads_for_pattern(None, None, None)
        profile = reason.ENGINES[reason.DEFAULT].profile
        return void.render(void.describe(quads, here, profile, endpoint=endpoint))

    return _graph(await asyncio.to_thread(describe), "text/turtle")


async def ontology_page(request: Request) -> Response:
    state = _state(request)
    chosen = protocol.negotiate(request.headers.get("accept", ""), _PAGE_OFFERS)
    if chosen is None:
        return _text(f"the ontology is offered as {', '.join(_PAGE_OFFERS)}", 406)
    if chosen == HTML:
        return _page("ontology.html", vocabulary=state.vocabulary, namespace=str(PK))
    return _graph(state.ontology[chosen], chosen)


