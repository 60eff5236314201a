"""`perovskite-kg update`: the cache and the store brought up to today's files, without exports.

What `query`, `describe` and `serve` read (the cache entry and its store) is made current, and
checked as `build` checks it (SHACL validation, then reasoning), but no export is written: after a
paper's files are added to a graph of a million triples, `build` renders every export again
(minutes), while this costs the new paper. When the only change since an entry that passed is new
fact files, the entry is extended (`project.extend`: the earlier files merged with the new, the
earlier store checkpointed and added to), reasoning covers what the new facts reach
(`project.increment`) and validation the units the new files change (`validate.added`); else,
or when one of those does not apply, the whole graph is validated and reasoned as `build` does
(with the same caches). An entry that passes is marked so, and the next update can extend it.

The stored queries' default answers are kept in the new entry, as `build` keeps them, so `query`
reads them instead of computing: after an extension only the selective ones (a parameter, or a
short answer in the earlier entry: `query.kept.SHORT`), since computing every table would cost
more than the extension (17 to 35 s at a million triples); after the whole path, all of them.
"""

import sys
from pathlib import Path
from typing import TextIO

from perovskite_kg.namespaces import SH
from perovskite_kg import reason
from perovskite_kg.project import cache, extend, graphs
from perovskite_kg.query import guard, kept, params, run, stored
from perovskite_kg.reason.report import report as reasoning_report
from perovskite_kg.steps import Steps
from perovskite_kg.validate import added, incremental
from perovskite_kg.validate import report as validation_report

STEPS = ("reason", "validate", "answers")


def update(root: Path, progress: TextIO = sys.stderr, out: TextIO = sys.stdout) -> int:
    """Bring the cache of the project at `root` up to its files; the exit code (0, or 1 when
    the graph does not conform or is inconsistent)."""
    steps = Steps(progress, STEPS, "update")
    checked_with = added.checked_with(root)
    if cache.is_fresh(root, reason.DEFAULT) and extend.passed(cache.entry(root)) == checked_with:
        print("update: the cache already holds today's files, checked", file=progress)
        return 0
    with steps.run("reason") as note:
        made = extend.extend(root, checked_with)
        if made is not None:
            result = None
            note(f"extended: {len(made.extension.added)} new files, {made.asserted} triples, "
                 f"{made.inferred} inferred")
        else:
            _, result = graphs.analysed(root)
            note(f"whole graph: {len(result.inferred)} inferred triples, "
                 + ("consistent" if result.consistent else "INCONSISTENT"))
    with steps.run("validate") as note:
        validation = None if made is None else added.validate(root, made.extension)
        scope = "the units the new files change"
        if validation is None:
            validation, scope = incremental.validate(root), "the whole graph"
        note(f"{scope}: {'does not conform' if validation.exit_code() else 'conforms'} "
             f"({validation.count(SH.Violation)} violations, "
             f"{validation.count(SH.Warning)} warnings)")
    if validation.exit_code():
        print(validation_report.render(validation, "text"), end="", file=out)
        steps.stop("the graph does not conform to the shapes")
        return 1
    if result is not None and not result.passed:
        print(reasoning_report(result), file=out)
        steps.stop("the graph is inconsistent or has unsatisfiable classes")
        return 1
    extend.mark_passed(cache.entry(root), checked_with)
    with steps.run("answers") as note:
        earlier = None if made is None else made.extension.place
        note(f"{_keep_answers(root, earlier)} stored queries' default answers kept"
             + (" (the selective ones)" if earlier else ""))
    steps.total()
    return 0


def _keep_answers(root: Path, earlier: Path | None) -> int:
    """Keep in today's entry the default answer of every stored query, or with `earlier` (the
    entry extended) of those with a parameter or a short answer there; how many."""
    store = run.open_store(root)
    place = kept.folder(cache.entry(root), reason.DEFAULT)
    before = None if earlier is None else kept.folder(earlier, reason.DEFAULT)
    count = 0
    for item in stored.stored(root):
        prepared, bound = guard.prepare(item), params.bindings(item, [])
        if prepared.form not in ("SELECT", "ASK"):
            continue  # never kept
        if before is not None and not item.parameters:
            rows = run.kept_rows(before, prepared, bound)
            if rows is None or rows > kept.SHORT:
                continue
        run.execute(store, prepared, bound, keep=place)
        count += 1
    return count
