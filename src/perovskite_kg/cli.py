"""`perovskite-kg`: one command whose subcommands follow the data.

Argparse only. Each subcommand is a pair: `add_<name>` declares its options, reading every list of
choices (reasoners, formats) from the step it belongs to, and `run_<name>` delegates to that step.
The steps' working modules are imported inside `run_<name>`, so a command pays only for the
libraries it uses (start-up time counts for `query`).
"""

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from perovskite_kg import (
    __version__,
    export,
    inspect,
    plot,
    query,
    reason,
    serve,
    supervise,
    validate,
)
from perovskite_kg.errors import InputError, KgError
from perovskite_kg.project import paths

EXIT_CODES = """\
exit codes:
  0  success
  1  the data does not conform, or a check failed
  2  unusable input (a file that cannot be read or parsed) or a usage error

Every command finds the data with --root, else $PEROVSKITE_KG_ROOT, else the checkout containing \
the current directory, else the data installed with the package."""


class _Formatter(argparse.HelpFormatter):
    """Wraps each line of a description or epilog, but keeps indented lines (tables) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            line if line.startswith(" ") else textwrap.fill(line, width, initial_indent=indent,
                                                              subsequent_indent=indent)
            for line in text.splitlines()
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line in a child process that Ctrl-C and `--timeout` can always stop
    (see `supervise`); returns the exit code."""
    args = parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    timeout = args.timeout if args.run is run_query else None
    return supervise.run(lambda: _run(args), timeout,
                         f"the query was stopped after {timeout:g} s (--timeout; "
                         "a narrower pattern or a LIMIT may help)" if timeout else "")


def _run(args: argparse.Namespace) -> int:
    """The command itself: a `KgError` becomes its one-line message and exit code."""
    try:
        args.root = paths.project_root(args.root)
        code = args.run(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # the reader (`| head`) stopped early; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KgError as err:
        if args.debug:
            _traceback()
        print(f"perovskite-kg: {err}", file=sys.stderr)
        return err.exit_code
    except OSError as err:  # standard output closed or its disk full
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if args.debug:
            _traceback()
        print(f"perovskite-kg: cannot write the output: {err.strerror or err}", file=sys.stderr)
        return 2


def _traceback() -> None:
    import traceback  # only for --debug: the import costs every command's start-up

    traceback.print_exc()


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: global options and every subcommand, or only the subcommand `argv`
    names when it names one (argparse takes tens of milliseconds to build all sixteen, which
    `query` would pay on every call; help and errors read the same)."""
    top = argparse.ArgumentParser(
        prog="perovskite-kg",
        description="A knowledge graph of single-particle encapsulation of lead halide "
        "perovskite nanocrystals: load, validate, reason, query and export it.",
        epilog=EXIT_CODES,
        formatter_class=_Formatter,
    )
    _global_options(top, root=None, debug=False)
    # The global options are also accepted after the subcommand; there they default to SUPPRESS
    # so that a subcommand does not reset a value given before it.
    shared = argparse.ArgumentParser(add_help=False)
    _global_options(shared, root=argparse.SUPPRESS, debug=argparse.SUPPRESS)
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(title="commands", metavar="COMMAND", required=True)
    adders = (add_build, add_update, add_validate, add_reason, add_query, add_queries, add_classes,
              add_properties, add_describe, add_plot, add_push, add_export, add_info,
              add_new_paper, add_curate, add_serve, add_site)
    named = _named(argv or (), {add.__name__[4:].replace("_", "-"): add for add in adders})
    for add in adders:
        if named in (None, add):
            add(commands, shared)
    return top


def _named(argv: Sequence[str], adders: dict):
    """The `add_<name>` of the subcommand `argv` names after the global options, or None."""
    words = iter(argv)
    for word in words:
        if word == "--root":
            next(words, None)
        elif not (word.startswith("--root=") or word == "--debug"):
            return adders.get(word)
    return None


def _global_options(parser: argparse.ArgumentParser, root: object, debug: object) -> None:
    parser.add_argument(
        "--root",
        metavar="DIR",
        default=root,
        help="project folder holding ontology/, graph/ and queries/",
    )
    parser.add_argument(
        "--debug", action="store_true", default=debug, help="show the Python traceback of an error"
    )


REASONERS_HELP = "; ".join(f"{e.name}: {e.help}" for e in reason.ENGINES.values())


def _reasoner_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--reasoner", choices=tuple(reason.ENGINES), default=reason.DEFAULT,
                        help=help_text)


def _date_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--date", metavar="YYYY-MM-DD", help=help_text)


def _subcommand(commands, shared, name: str, summary: str, description: str):
    """A subparser with the shared options and the exit codes in its help."""
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=EXIT_CODES,
        formatter_class=_Formatter,
        parents=[shared],
    )


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return seconds


# ---------------------------------------------------------------------------------------- build
def add_build(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "build",
        "load, validate, reason and export into dist/, with a summary",
        "The main job: load the ontology and graph, validate them with the SHACL shapes "
        "(a violation stops the build before anything is written), reason, export every format "
        "(asserted, and asserted plus inferred) into dist/ with the VoID and DCAT description of the "
        "dataset (dist/void.ttl), and print a summary with timings.",
    )
    _reasoner_option(sub, REASONERS_HELP)
    _date_option(sub, "build date to state in the exports' provenance (omitted by default, so "
                 "builds are reproducible)")
    sub.add_argument("--base-url", metavar="URL", default=export.DEFAULT_BASE,
                     help=f"where the exports (URL/{export.DOWNLOADS}) and `serve`'s SPARQL "
                     f"endpoint (URL/{export.SPARQL_PATH}) are published, as "
                     f"dist/{export.DESCRIPTION} states (default {export.DEFAULT_BASE})")
    sub.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    from perovskite_kg import build
    from perovskite_kg.export import provenance, void

    return build.build(args.root, args.reasoner, provenance.parse_date(args.date),
                       base=void.base_url(args.base_url))


# --------------------------------------------------------------------------------------- update
def add_update(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "update",
        "bring the cache and store that query and serve read up to the files, with no exports",
        "Validate and reason the graph as build does, and make the cache and the store that "
        "query, describe and serve read, without writing exports. After fact files are added to "
        "a graph that passed an earlier build or update, only what the new files change is "
        "validated and reasoned, and the store is extended rather than made again: adding a paper "
        "costs the paper, not the graph. Run build to publish the exports.",
    )
    sub.set_defaults(run=run_update)


def run_update(args: argparse.Namespace) -> int:
    from perovskite_kg import update

    return update.update(args.root)


# ------------------------------------------------------------------------------------- validate
def add_validate(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "validate",
        "check the graph, or a curator's files, against the SHACL shapes",
        "Validate the shipped graph (no PATH) or the given files, together with the shipped "
        "ontology and references, against the SHACL shapes. Results are grouped by node, with "
        "the property, the offending value, the message, the severity and the source line. "
        "Nothing is written.",
    )
    sub.add_argument("paths", nargs="*", metavar="PATH", help="Turtle files to check")
    sub.add_argument(
        "--format",
        choices=validate.FORMATS,
        default=validate.FORMATS[0],
        help="text for people (default), json, or turtle (the SHACL validation report graph)",
    )
    sub.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on warnings too, not only violations"
    )
    sub.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    from perovskite_kg.validate import incremental, report, shapes

    if args.paths:
        checked = shapes.validate(args.root, [Path(p) for p in args.paths])
    else:
        checked = incremental.validate(args.root, on_start=supervise.die_with_parent)
    print(report.render(checked, args.format), end="")
    return checked.exit_code(strict=args.strict)


# --------------------------------------------------------------------------------------- reason
def add_reason(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "reason",
        "check consistency and list the members of every defined class",
        "Reason over the ontology and graph: report whether the graph is consistent, any "
        "unsatisfiable classes, the members of every defined class, and the number of inferred "
        "triples (kept apart from the asserted ones).",
    )
    _reasoner_option(sub, REASONERS_HELP)
    sub.set_defaults(run=run_reason)


def run_reason(args: argparse.Namespace) -> int:
    from perovskite_kg.project import graphs
    from perovskite_kg.reason.report import report

    asserted, result = graphs.analysed(args.root, args.reasoner)
    print(report(result, asserted))
    return 0 if result.passed else 1


# ---------------------------------------------------------------------------------------- query
def add_query(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "query",
        "run a stored query, a query file, or an ad-hoc SPARQL query",
        "Run a SPARQL query over the asserted and inferred graph. NAME is a stored query "
        "(see `perovskite-kg queries`); FILE is a .rq file. SELECT and ASK give a table; "
        "CONSTRUCT and DESCRIBE give Turtle. Queries cannot reach the network or the file system.",
    )
    which = sub.add_mutually_exclusive_group(required=True)
    which.add_argument("query", nargs="?", metavar="NAME|FILE", help="stored query or .rq file")
    which.add_argument(
        "--sparql",
        metavar="QUERY",
        help="an ad-hoc query text; the project prefixes (pk:, pkr:, rdfs:, ...) need no PREFIX",
    )
    sub.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="bind a parameter declared in the query's header (repeatable)",
    )
    sub.add_argument(
        "--format",
        choices=query.FORMATS,
        help="table for people (default); csv, tsv, json, xml: SPARQL 1.1 results formats "
        "(CONSTRUCT and DESCRIBE always give Turtle)",
    )
    _endpoint_option(sub, "run the query on this SPARQL 1.1 query endpoint instead of locally "
                     "(credentials: see `perovskite-kg push --help`)", required=False)
    sub.add_argument(
        "--timeout",
        type=_seconds,
        default=query.TIMEOUT_SECONDS,
        metavar="SECONDS",
        help=f"stop the query after this many seconds (default {query.TIMEOUT_SECONDS:g}); with "
        "--endpoint, also how long to wait for the store",
    )
    _reasoner_option(sub, "whose inferences to query: rl (default) or dl (HermiT, about 20 s "
                     "the first time, then cached), which decides every defined class")
    sub.add_argument("--fresh", action="store_true",
                     help="compute the answer even if one is kept for this graph (a SELECT or "
                     "ASK answer is kept in the cache and read back while the graph is the same)")
    sub.add_argument("--iris", action="store_true",
                     help="in the table, show IRIs (prefixed names) instead of labels")
    sub.add_argument("--columns", metavar="A,B,...",
                     help="in the table, show only these columns, in this order")
    sub.set_defaults(run=run_query)


def _endpoint_option(sub, help_text: str, required: bool) -> None:
    sub.add_argument("--endpoint", metavar="URL", required=required, help=help_text)


def run_query(args: argparse.Namespace) -> int:
    # With the store made and a stored query's verdict kept, nothing here imports rdflib.
    from perovskite_kg.project import cache
    from perovskite_kg.project.labels import Labels
    from perovskite_kg.query import answers, guard, params, results, run, stored

    if args.sparql is not None:
        chosen = stored.parse(args.sparql)
    else:
        chosen = stored.find(args.root, args.query)
    prepared = guard.prepare(chosen, cache.folder(args.root) / "guard")
    if prepared.form in ("CONSTRUCT", "DESCRIBE") and args.format not in (None, "table"):
        raise InputError(f"--format {args.format}: a {prepared.form} query returns Turtle; "
                         "--format applies to SELECT and ASK queries")
    store = answers.store(args.root, args.reasoner)
    relied_on = list(chosen.reasoning)
    if args.sparql is not None:
        from perovskite_kg.query import vocabulary  # an ad-hoc query's terms: rdflib's parser

        vocabulary.check(store, prepared)
        relied_on = vocabulary.used(prepared)
    labels = Labels(store)
    bound = params.bindings(chosen, args.param, answers.allowed(store, labels, chosen))
    if args.endpoint:
        from perovskite_kg.query import remote

        answer = remote.run(prepared, bound, args.endpoint, args.timeout)
    else:
        from perovskite_kg.query import kept

        answers.warn_undecided(args.root, relied_on, args.reasoner)
        answer = run.execute(store, prepared, bound, keep=kept.folder(
            cache.entry(args.root), args.reasoner, fresh=args.fresh))
    fmt = args.format or query.FORMATS[0]
    columns = args.columns.split(",") if args.columns else None
    results.write(answer, prepared, fmt, sys.stdout.buffer, None if args.iris else labels, columns)
    return 0


# -------------------------------------------------------------------------------------- queries
def add_queries(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "queries",
        "list the stored queries, find them by word, or describe one",
        "Without NAME, list the stored SPARQL queries in queries/ with their id and summary. "
        "With NAME, describe that query: its question, the shape of its answer, and each "
        "parameter with its kind, default and the values the graph allows.",
    )
    sub.add_argument("name", nargs="?", metavar="NAME", help="the stored query to describe")
    sub.add_argument("--search", metavar="WORDS",
                     help="list only the queries whose question, summary or tags hold every word")
    sub.set_defaults(run=run_queries)


def run_queries(args: argparse.Namespace) -> int:
    from perovskite_kg.project.labels import Labels
    from perovskite_kg.query import answers, describe, stored

    if args.name is not None:
        chosen = stored.find(args.root, args.name)
        store = answers.store(args.root, reason.DEFAULT)
        print(describe.describe(chosen, answers.allowed(store, Labels(store), chosen)), end="")
        return 0
    queries = stored.stored(args.root)
    if args.search is not None:
        queries = stored.search(queries, args.search)
        if not queries:
            print(f"no stored query mentions {args.search!r}", file=sys.stderr)
            return 1
    print(stored.listing(queries))
    return 0


# ------------------------------------------------------------------ classes, properties, describe
def add_classes(commands, shared) -> None:
    sub = _subcommand(
        commands, shared, "classes",
        "the class hierarchy with labels, member counts and which classes are defined",
        "Print the ontology's classes as a tree, each with its label, prefixed name and number "
        "of members (asserted and inferred); [defined] marks the classes whose members reasoning "
        "decides.",
    )
    _reasoner_option(sub, "whose inferences count as members: rl (default) or dl")
    sub.set_defaults(run=run_classes)


def run_classes(args: argparse.Namespace) -> int:
    from perovskite_kg.inspect import classes
    from perovskite_kg.project import graphs

    _, result = graphs.analysed(args.root, args.reasoner)
    undecided = frozenset(str(c) for c in result.undecided)
    return _inspect(args, lambda store, labels: classes.render(store, labels, undecided))


def add_properties(commands, shared) -> None:
    sub = _subcommand(
        commands, shared, "properties",
        "every property with its domain, range, label, definition and use count",
        "Print every object and datatype property of the ontology: prefixed name, label, "
        "domain -> range, how many asserted triples use it, and its definition.",
    )
    sub.set_defaults(run=run_properties, reasoner=reason.DEFAULT)


def run_properties(args: argparse.Namespace) -> int:
    from perovskite_kg.inspect import properties

    return _inspect(args, properties.render)


def add_describe(commands, shared) -> None:
    sub = _subcommand(
        commands, shared, "describe",
        "everything the graph says of one resource, each line with its reference and place",
        "Describe one resource: a heterostructure card (core, shells, architecture, coverage, "
        "interface, PL peak, PLQY, stability tests, synthesis route, applications, findings, and "
        "the general statements and editorial notes that concern it), or any other resource, "
        "each line with the reference the review cites and the place in the review. NAME is an "
        "IRI, a prefixed or local name, a label, or the name the review writes (CsPbBr3/ZnS).",
    )
    sub.add_argument("name", metavar="NAME", help="the resource to describe")
    sub.add_argument("--format", choices=inspect.FORMATS, default=inspect.FORMATS[0],
                     help="text: a card for people (default); ttl: its concise bounded "
                     "description as sorted Turtle")
    _reasoner_option(sub, "whose inferred classes the card shows: rl (default) or dl")
    sub.set_defaults(run=run_describe)


def run_describe(args: argparse.Namespace) -> int:
    from perovskite_kg.inspect import card, find

    def render(store, labels) -> str:
        node = find.resource(store, args.name)
        return card.bounded(store, node) if args.format == "ttl" else card.card(store, labels, node)

    return _inspect(args, render)


def _inspect(args: argparse.Namespace, render) -> int:
    from perovskite_kg.project.labels import Labels
    from perovskite_kg.project.store import open_store

    store = open_store(args.root, args.reasoner)
    print(render(store, Labels(store)), end="")
    return 0


# ----------------------------------------------------------------------------------------- plot
def add_plot(commands, shared) -> None:
    sub = _subcommand(
        commands, shared, "plot",
        "draw the review's data: stability (Table 1's remnant PL) or optical (PL peak vs PLQY)",
        "Draw a figure of the graph's data as PNG or SVG (by the output's suffix), with the "
        "reference on every mark and a JSON file of the points drawn beside it. stability: the "
        "remnant PL of the bare and the coated nanocrystal per heterostructure, one panel per "
        "stressor, with durations and temperatures; optical: PL peak against PLQY by shell "
        "family. The same graph gives the same bytes.",
    )
    sub.add_argument("kind", choices=plot.KINDS, help="which figure")
    sub.add_argument("-o", "--output", metavar="PATH",
                     help="image to write, .png or .svg (default: KIND.png)")
    sub.set_defaults(run=run_plot)


def run_plot(args: argparse.Namespace) -> int:
    from perovskite_kg.plot import data, figures
    from perovskite_kg.project.labels import Labels
    from perovskite_kg.project.store import open_store

    store = open_store(args.root)
    points = getattr(data, args.kind)(store, Labels(store))
    target = Path(args.output or f"{args.kind}.png")
    written = figures.write(getattr(figures, args.kind)(points), points, target)
    print(f"wrote {', '.join(str(p) for p in written)} ({len(points)} points)", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------------------- push
def add_push(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "push",
        "load the asserted and inferred triples into a running SPARQL store",
        "Replace the two named graphs <https://w3id.org/perovskite-kg/resource/graph/asserted> "
        "and <.../graph/inferred> in a running store with the SPARQL 1.1 Graph Store Protocol "
        "(one PUT of N-Triples per graph), then count them through the query endpoint. "
        "Credentials, if the store asks, come from $PEROVSKITE_KG_USER and "
        "$PEROVSKITE_KG_PASSWORD, else from ~/.netrc ($NETRC), never from the command line.",
    )
    _endpoint_option(sub, "the store's SPARQL query endpoint (Oxigraph: /query, Virtuoso: "
                     "/sparql)", required=True)
    sub.add_argument("--timeout", metavar="SECONDS", type=_seconds, default=60.0,
                     help="seconds to wait for the store to connect or answer (default 60)")
    sub.add_argument("--graph-store", metavar="URL",
                     help="the store's Graph Store Protocol endpoint, if not --endpoint "
                     "(Oxigraph: /store, Virtuoso: /sparql-graph-crud-auth)")
    _reasoner_option(sub, "the reasoner whose triples are pushed (default rl)")
    sub.set_defaults(run=run_push)


def run_push(args: argparse.Namespace) -> int:
    from perovskite_kg.query import remote

    for pushed in remote.push(args.root, args.endpoint, args.graph_store, args.timeout,
                              args.reasoner):
        print(f"<{pushed.graph}>: {pushed.stored} triples")
    return 0


# --------------------------------------------------------------------------------------- export
def add_export(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "export",
        "write the graph as Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads",
        "Export the graph with the project's prefixes, deterministically (same sources, same "
        "bytes) and atomically (a failure leaves any previous file untouched). TriG and N-Quads "
        "keep the asserted and (with --inferred) the inferred triples in their named graphs.",
    )
    sub.add_argument(
        "--format",
        choices=tuple(export.FORMATS),
        default=next(iter(export.FORMATS)),
        help="output format (default turtle)",
    )
    sub.add_argument(
        "--inferred", action="store_true", help="include the triples derived by reasoning"
    )
    _reasoner_option(sub, "the reasoner whose triples --inferred adds (default rl)")
    sub.add_argument("-o", "--output", metavar="PATH",
                     help="regular file to write (default, or '-': standard output); a device, "
                     "folder or symbolic link is refused")
    _date_option(sub, "build date to state in the provenance (omitted by default, for "
                 "reproducibility)")
    sub.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from perovskite_kg.export import formats, jsonld, provenance
    from perovskite_kg.project import files, graphs

    if args.output not in (None, "-"):
        files.check_target(Path(args.output))  # before the work, not after it
    built = provenance.parse_date(args.date)
    if args.inferred:
        kind, (asserted, inferred) = "reasoned", graphs.reasoned(args.root, args.reasoner)
    else:
        kind, asserted, inferred = "asserted", graphs.asserted(args.root), None
    held = formats.statements(args.format, asserted, inferred, kind, args.reasoner, built)
    if args.output in (None, "-"):
        formats.render(held, args.format, jsonld.context(asserted), sys.stdout.buffer)
    else:
        formats.write(Path(args.output), held, args.format, jsonld.context(asserted))
        what = "quads" if args.format in export.DATASET_FORMATS else "triples"
        print(f"wrote {args.output} ({len(held)} {what}, {args.format})", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------------------- info
def add_info(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "info",
        "count triples per file, classes, properties, individuals and stored queries",
        "Load the ontology and the graph and count: triples per file, named classes, object, "
        "datatype and annotation properties, named individuals, and stored queries. Extra fact "
        "files (for example a new paper's) can be given to count them with the rest.",
    )
    sub.add_argument(
        "paths", nargs="*", metavar="PATH", help="extra fact files (.ttl, .nt, .jsonld, .rdf)"
    )
    sub.set_defaults(run=run_info)


def run_info(args: argparse.Namespace) -> int:
    from perovskite_kg.project import info

    print(info.render(info.summarise(args.root, [Path(p) for p in args.paths])))
    return 0


# ------------------------------------------------------------------------------------ new-paper
def add_new_paper(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "new-paper",
        "write an empty curation template for one paper",
        "Write an empty YAML template for the paper with this DOI: its record to fill in (no "
        "network: type the authors, journal and year), one heterostructure with a stability test "
        "and an application, and the allowed values of every controlled key, read from the "
        "ontology. Fill it in, then run `perovskite-kg curate FILE`.",
    )
    sub.add_argument("--doi", required=True, metavar="10.xxxx/yyyy", help="the paper's DOI")
    sub.add_argument("-o", "--output", metavar="FILE",
                     help="template to write (default: <DOI suffix>.yaml here); never replaced")
    sub.set_defaults(run=run_new_paper)


def run_new_paper(args: argparse.Namespace) -> int:
    from perovskite_kg.curate import mapping, run

    output = Path(args.output or f"{mapping.slug(args.doi.split('/', 1)[-1])}.yaml")
    written = run.new_paper(args.root, args.doi, output)
    print(f"wrote {paths.display(written)}: fill it in, then run "
          f"perovskite-kg curate {paths.display(written)}", file=sys.stderr)
    return 0


# -------------------------------------------------------------------------------------- curate
def add_curate(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "curate",
        "turn a filled template into graph/<key>.ttl, checked with the whole graph",
        "Read a filled template (from `perovskite-kg new-paper`), map it to triples linked to "
        "the graph's materials and heterostructures, validate it with the whole graph, and "
        "write graph/<key>.ttl only when nothing is wrong. Each problem names the template's "
        "line and key.",
    )
    sub.add_argument("template", metavar="FILE", help="the filled template (.yaml)")
    sub.set_defaults(run=run_curate)


def run_curate(args: argparse.Namespace) -> int:
    from perovskite_kg.curate import run
    from perovskite_kg.validate import shapes

    written = run.curate(args.root, Path(args.template),
                         lambda shipped, curated: shapes.check_curated(args.root, shipped, curated))
    for warning in written.warnings:
        print(warning, file=sys.stderr)
    print(f"wrote {paths.display(written.path)} ({written.triples} triples); run "
          "perovskite-kg build to export it", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------------------- serve
def add_serve(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "serve",
        "serve a SPARQL endpoint, the stored-query API and pages for people",
        "Serve the graph over HTTP: the SPARQL 1.1 Protocol at /sparql (read-only, refusing what "
        "`query` refuses), the stored queries at /queries (OpenAPI at /openapi.json), pages for "
        "people at /, and every resource at /resource/NAME (HTML, Turtle or JSON-LD by Accept). "
        "Queries run in worker processes; one that runs past --timeout is stopped.",
    )
    sub.add_argument("--host", default=serve.DEFAULT_HOST,
                     help=f"address to listen on (default {serve.DEFAULT_HOST})")
    sub.add_argument("--port", type=int, default=serve.DEFAULT_PORT,
                     help=f"port to listen on (default {serve.DEFAULT_PORT})")
    sub.add_argument("--timeout", type=float, default=serve.DEFAULT_TIMEOUT, metavar="SECONDS",
                     help=f"longest a query may run (default {serve.DEFAULT_TIMEOUT:g})")
    sub.add_argument("--workers", type=int, default=serve.DEFAULT_WORKERS, metavar="N",
                     help=f"worker processes running queries (default {serve.DEFAULT_WORKERS})")
    sub.add_argument("--queue", type=int, default=serve.DEFAULT_QUEUE, metavar="N",
                     help="queries that may wait for a worker before the server answers 503 "
                     f"(default {serve.DEFAULT_QUEUE})")
    sub.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from perovskite_kg.serve import server

    return server.serve(args.root, args.host, args.port, args.timeout, args.workers, args.queue)


# ----------------------------------------------------------------------------------------- site
def add_site(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "site",
        "write the pages as static files, with the exports and a VoID description",
        "Write the pages of `serve` as static files into DIR: the answers of the stored queries "
        "at their defaults, a page for every resource, the ontology, the exports and a VoID "
        "description. Links work from file:// and from any static host; the same sources give "
        "the same bytes.",
    )
    sub.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")
    sub.set_defaults(run=run_site)


def run_site(args: argparse.Namespace) -> int:
    from perovskite_kg.serve import site

    written = site.write(args.root, Path(args.output))
    print(f"wrote {written} files into {args.output}", file=sys.stderr)
    return 0
