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
import traceback
from collections.abc import Sequence
from pathlib import Path

from perovskite_kg import __version__, export, query, reason, validate
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
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
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
            traceback.print_exc()
        print(f"perovskite-kg: {err}", file=sys.stderr)
        return err.exit_code


def parser() -> argparse.ArgumentParser:
    """The full argument parser: global options and every subcommand."""
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
    for add in (add_build, add_validate, add_reason, add_query, add_queries, add_export, add_info):
        add(commands, shared)
    return top


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


# ---------------------------------------------------------------------------------------- build
def add_build(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "build",
        "load, validate, reason and export into dist/, with a summary",
        "The main job: load the ontology and graph, validate them with the SHACL shapes "
        "(a violation stops the build before anything is written), reason, export every format "
        "(asserted, and asserted plus inferred) into dist/, and print a summary with timings.",
    )
    _reasoner_option(sub, REASONERS_HELP)
    _date_option(sub, "build date to state in the exports' provenance (omitted by default, so "
                 "builds are reproducible)")
    sub.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    from perovskite_kg import build
    from perovskite_kg.export import provenance

    return build.build(args.root, args.reasoner, provenance.parse_date(args.date))


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
        checked = incremental.validate(args.root)
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
    sub.set_defaults(run=run_query)


def run_query(args: argparse.Namespace) -> int:
    from perovskite_kg.query import guard, params, results, run, stored

    if args.sparql is not None:
        chosen = stored.parse(args.sparql)
    else:
        chosen = stored.find(args.root, args.query)
    prepared = guard.prepare(chosen)
    if prepared.form in ("CONSTRUCT", "DESCRIBE") and args.format not in (None, "table"):
        raise InputError(f"--format {args.format}: a {prepared.form} query returns Turtle; "
                         "--format applies to SELECT and ASK queries")
    bound = params.bindings(chosen, args.param)
    answer = run.execute(run.open_store(args.root), prepared, bound)
    print(results.render(answer, prepared, args.format or query.FORMATS[0]), end="")
    return 0


# -------------------------------------------------------------------------------------- queries
def add_queries(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "queries",
        "list the stored queries with their id and summary",
        "List the stored SPARQL queries in queries/ with their id and summary.",
    )
    sub.set_defaults(run=run_queries)


def run_queries(args: argparse.Namespace) -> int:
    from perovskite_kg.query import stored

    print(stored.listing(stored.stored(args.root)))
    return 0


# --------------------------------------------------------------------------------------- export
def add_export(commands, shared) -> None:
    sub = _subcommand(
        commands,
        shared,
        "export",
        "write the graph as Turtle, N-Triples, JSON-LD or RDF/XML",
        "Export the graph with the project's prefixes, deterministically (same sources, same "
        "bytes) and atomically (a failure leaves any previous file untouched).",
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
    sub.add_argument("-o", "--output", metavar="PATH", help="file to write (default: stdout)")
    _date_option(sub, "build date to state in the provenance (omitted by default, for "
                 "reproducibility)")
    sub.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from perovskite_kg.export import formats, jsonld, provenance
    from perovskite_kg.project import graphs, terms

    built = provenance.parse_date(args.date)
    if args.inferred:
        kind, (asserted, inferred) = "reasoned", graphs.reasoned(args.root, args.reasoner)
    else:
        kind, asserted, inferred = "asserted", graphs.asserted(args.root), None
    triples = terms.canonical(provenance.compose(asserted, inferred, kind, args.reasoner, built))
    if args.output is None:
        formats.render(triples, args.format, jsonld.context(asserted), sys.stdout.buffer)
    else:
        formats.write(Path(args.output), triples, args.format, jsonld.context(asserted))
        print(f"wrote {args.output} ({len(triples)} triples, {args.format})", file=sys.stderr)
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
