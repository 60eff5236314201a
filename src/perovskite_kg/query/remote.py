"""The graph in another SPARQL 1.1 store: push it there, and run the stored queries against it.

`push` sends the asserted and the inferred triples as two named graphs (the
`namespaces.PROJECT_GRAPHS` local queries read) with the SPARQL 1.1 Graph Store HTTP Protocol: one PUT of N-Triples per graph,
so a second push replaces the first instead of doubling it. It then counts each graph through the
query endpoint, because a store that accepted a document is not proof that it kept every triple.

Blank nodes are sent as skolem IRIs (RDF 1.1 section 3.5, under `GENID`): any store gives each
uploaded document fresh blank nodes, so an inferred triple about a stated blank node would be cut
off from it. The facts have IRIs (`project/names.py`) and no inference names an author list or
an OWL axiom, the only blank nodes left, today; the skolem IRIs keep that true whatever is
inferred.
Answers map those IRIs back to blank nodes, so they read as the local ones do.

`run` sends a prepared stored query with the SPARQL 1.1 Protocol. Parameters are serialised RDF
terms in a VALUES block opening the outermost WHERE group, as they are run locally
(`params.with_values`), never pasted text. Without FROM in the query the default graph
is both project graphs (two `default-graph-uri`), as it is locally; the answer is read from SPARQL
JSON results (or Turtle for CONSTRUCT and DESCRIBE) into pyoxigraph terms, so the local renderers
print it in the same formats.

Only the standard library: urllib speaks both protocols, Basic and Digest authentication
included. Credentials come from PEROVSKITE_KG_USER and PEROVSKITE_KG_PASSWORD, else from the
netrc file ($NETRC or ~/.netrc) entry for the endpoint's host, never from the command line (where
`ps` and shell histories would show them).
"""

import json
import netrc
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from perovskite_kg.errors import InputError
from perovskite_kg.namespaces import PROJECT_GRAPHS
from perovskite_kg.project import graphs
from perovskite_kg.query import params
from perovskite_kg.query.guard import Prepared

GENID = "https://w3id.org/perovskite-kg/.well-known/genid/"
"""Where blank nodes become IRIs for the trip to a store, and back."""
TIMEOUT_S = 60.0
"""Seconds to wait for a store to connect or to send the next bytes."""
ENV_USER, ENV_PASSWORD = "PEROVSKITE_KG_USER", "PEROVSKITE_KG_PASSWORD"

_RESULTS_JSON = "application/sparql-results+json"
_GRAPH_TYPES = "text/turtle, application/n-triples;q=0.9"


@dataclass(frozen=True)
class Pushed:
    """One named graph as sent and as the store counts it afterwards."""

    graph: str
    sent: int
    stored: int


# ----------------------------------------------------------------------------------------- push
def push(root: Path, endpoint: str, graph_store: str | None = None,
         timeout: float = TIMEOUT_S, engine: str = "rl") -> list[Pushed]:
    """Replace the two project graphs in the store; raise if a count differs from what was sent."""
    opener = _opener(endpoint, graph_store)
    _learn_challenge(opener, graph_store or endpoint, timeout)
    pushed = []
    for data, graph in zip(graphs.reasoned_ntriples(root, engine), PROJECT_GRAPHS):
        triples = [_skolemised(t) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        target = _with_query(graph_store or endpoint, {"graph": str(graph)})
        _send(opener, urllib.request.Request(
            target, data=body, method="PUT",
            headers={"Content-Type": "application/n-triples"}), timeout)
        pushed.append(Pushed(str(graph), len(triples), _count(opener, endpoint, str(graph),
                                                              timeout)))
    short = [p for p in pushed if p.stored != p.sent]
    if short:
        raise InputError("the store did not keep every triple: " + "; ".join(
            f"<{p.graph}> {p.stored} of {p.sent}" for p in short))
    return pushed


def _count(opener, endpoint: str, graph: str, timeout: float) -> int:
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    answer = _solutions(_post_query(opener, endpoint, text, (), _RESULTS_JSON, timeout))
    return int(next(iter(answer))["n"].value)


def _skolemised(triple: ox.Triple) -> ox.Triple:
    def iri(term):
        return ox.NamedNode(GENID + term.value) if isinstance(term, ox.BlankNode) else term

    return ox.Triple(iri(triple.subject), triple.predicate, iri(triple.object))


# ---------------------------------------------------------------------------------------- query
def run(prepared: Prepared, bound: dict, endpoint: str, timeout: float = TIMEOUT_S):
    """The answer of `prepared` (already past `guard.prepare`) from `endpoint`, as the
    pyoxigraph objects `results.render` takes: solutions, a boolean, or a list of triples."""
    text = params.with_values(prepared.query.text, bound)
    graphs = () if prepared.has_dataset else tuple(str(g) for g in PROJECT_GRAPHS)
    graph_form = prepared.form in ("CONSTRUCT", "DESCRIBE")
    opener = _opener(endpoint)
    body, kind = _post_query(opener, endpoint, text, graphs,
                             _GRAPH_TYPES if graph_form else _RESULTS_JSON, timeout)
    if graph_form:
        return _triples(body, kind, endpoint)
    return _solutions((body, kind), endpoint)


# ------------------------------------------------------------------------------------- protocol
def _post_query(opener, endpoint: str, text: str, graphs, accept: str, timeout: float):
    form = [("query", text)] + [("default-graph-uri", g) for g in graphs]
    request = urllib.request.Request(
        endpoint, data=urllib.parse.urlencode(form).encode(), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    return _send(opener, request, timeout)


def _send(opener, request: urllib.request.Request, timeout: float) -> tuple[bytes, str]:
    """The body and media type of the answer; any failure is one line naming the URL."""
    url = request.full_url.split("?")[0]
    try:
        with opener.open(request, timeout=timeout) as answer:
            return answer.read(), answer.headers.get_content_type()
    except urllib.error.HTTPError as err:
        detail = " ".join(err.read(2000).decode("utf-8", "replace").split())[:300]
        raise InputError(f"{request.get_method()} {url}: the store answered {err.code} "
                         f"{err.reason}{': ' + detail if detail else ''}") from err
    except (TimeoutError, socket.timeout) as err:
        raise InputError(f"{request.get_method()} {url}: no answer within {timeout:g} s") from err
    except urllib.error.URLError as err:
        reason = err.reason if isinstance(err.reason, str) else _one_line(err.reason)
        raise InputError(f"cannot reach {url}: {reason}") from err
    except (OSError, ValueError) as err:  # a malformed URL, a connection reset
        raise InputError(f"cannot reach {url}: {_one_line(err)}") from err


def _solutions(answer: tuple[bytes, str], endpoint: str = ""):
    """SPARQL JSON results as pyoxigraph solutions (or boolean), skolem IRIs as blank nodes.

    Virtuoso still writes the pre-Recommendation `typed-literal`; it is read as `literal`.
    """
    body, kind = answer
    try:
        data = json.loads(body)
        for row in data.get("results", {}).get("bindings", []):
            for cell in row.values():
                if cell.get("type") == "typed-literal":
                    cell["type"] = "literal"
                elif cell.get("type") == "uri" and cell["value"].startswith(GENID):
                    cell.update(type="bnode", value=cell["value"][len(GENID):])
        return ox.parse_query_results(json.dumps(data).encode(),
                                      format=ox.QueryResultsFormat.JSON)
    except (ValueError, SyntaxError, AttributeError) as err:
        raise InputError(f"{endpoint}: not SPARQL JSON results ({kind}): {_one_line(err)}") \
            from err


def _triples(body: bytes, kind: str, endpoint: str) -> list[ox.Triple]:
    formats = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "text/plain": ox.RdfFormat.N_TRIPLES}
    if kind not in formats:
        raise InputError(f"{endpoint}: answered {kind}, not Turtle or N-Triples")
    try:
        quads = ox.parse(body, format=formats[kind])
        return [_unskolemised(q.triple) for q in quads]
    except (ValueError, SyntaxError) as err:
        raise InputError(f"{endpoint}: unreadable {kind}: {_one_line(err)}") from err


def _unskolemised(triple: ox.Triple) -> ox.Triple:
    def node(term):
        if isinstance(term, ox.NamedNode) and term.value.startswith(GENID):
            return ox.BlankNode(term.value[len(GENID):])
        return term

    return ox.Triple(node(triple.subject), triple.predicate, node(triple.object))


# ---------------------------------------------------------------------------------- credentials
def _opener(*urls: str | None) -> urllib.request.OpenerDirector:
    """An opener answering Basic and Digest challenges with the credentials for each URL."""
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in filter(None, urls):
        found = credentials(url)
        if found:
            passwords.add_password(None, url, *found)
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                       _UpFrontDigest(passwords))


class _UpFrontDigest(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that answers a challenge already seen before sending a request.

    urllib sends every request without credentials and only answers the 401; Virtuoso closes the
    connection on refusing a large unauthenticated PUT, so urllib gets a broken pipe instead of
    the 401. `_learn_challenge` fetches the challenge with a request without a body first.
    """

    challenge: dict | None = None

    def http_error_401(self, req, fp, code, msg, headers):
        found = headers.get("www-authenticate", "")
        if found.lower().startswith("digest "):
            self.challenge = urllib.request.parse_keqv_list(
                urllib.request.parse_http_list(found[7:]))
        return super().http_error_401(req, fp, code, msg, headers)

    def http_request(self, req):
        if self.challenge and not req.has_header("Authorization"):
            answer = self.get_authorization(req, self.challenge)
            if answer:
                req.add_unredirected_header("Authorization", f"Digest {answer}")
        return req

    https_request = http_request


def _learn_challenge(opener, url: str, timeout: float) -> None:
    """A HEAD request, so a store asking for Digest credentials states its challenge."""
    if credentials(url) is None:
        return
    try:
        opener.open(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
    except urllib.error.HTTPError:
        pass  # 404 or 405 for a bare HEAD: the challenge, if any, was answered on the way
    except (urllib.error.URLError, OSError) as err:
        raise InputError(f"cannot reach {url}: {_one_line(err)}") from err


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) from the environment, else from the netrc entry for the URL's host."""
    user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
    if user is not None and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname
    path = os.environ.get("NETRC") or os.path.expanduser("~/.netrc")
    if not host or not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as err:
        raise InputError(f"cannot read the netrc file: {_one_line(err)}", path) from err
    return (entry[0], entry[2]) if entry else None


def _with_query(url: str, params: dict[str, str]) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)


def _one_line(err) -> str:
    return " ".join(str(err).split())
