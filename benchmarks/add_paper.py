"""What adding one paper to a literature-scale graph costs `build` or `update`, step by step.

    python benchmarks/add_paper.py ROOT [--copy K] [--command update]
    python benchmarks/add_paper.py ROOT --built-without DIR [--command update]

ROOT is a project `literature_graph.py` made. The fact files of its copy K (default: the last,
`graph/*--cK.ttl`) are moved out and the project is built (`perovskite-kg build`); they are put
back and it is built again. Each build's step times are read from its progress lines, and two
peaks of resident memory: of its largest process, from the kernel (`os.wait4`), and of all its
processes together (the command and its workers), sampled every second from /proc; the
table gives both builds, so the second row is the cost of adding a paper to a graph already
built. For `build`, reasoning is incremental for added files (`project.increment`) and the
other steps are not; `--command update` runs `perovskite-kg update` instead, which writes no
exports and extends the earlier entry when it passed (`project.extend`, `validate.added`).
With `--built-without DIR`, the paper's files were moved to DIR and ROOT built without them
already (a first build of a million triples takes over half an hour): they are moved back and
ROOT is built once. `--check` then reasons over the whole graph as a build without a cache would,
and compares its inferred triples with the incremental ones the build kept.
"""

import argparse
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

COMMAND = Path(sys.executable).parent / "perovskite-kg"
STEP = re.compile(r"^\[\d+/\d+\] (?P<step>\w+)\s+(?P<note>.*?)\s+(?P<seconds>[\d.]+) s$")


def build(root: Path, command: str = "build") -> tuple[float, dict, tuple[int, int]]:
    """Wall seconds, {step: (note, seconds)} and the peak RSS in MiB (of the largest process,
    of all together) of one `build` (or `update`)."""
    start = time.perf_counter()
    process = subprocess.Popen([str(COMMAND), "--root", str(root), command],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    together = _Sampled(process.pid)
    steps = {}
    for line in process.stderr:
        found = STEP.match(line.strip())
        if found:
            steps[found["step"]] = (found["note"], float(found["seconds"]))
        print(line, end="", file=sys.stderr, flush=True)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed: exit {os.waitstatus_to_exitcode(status)}")
    return time.perf_counter() - start, steps, (usage.ru_maxrss // 1024, together.peak >> 20)


class _Sampled:
    """The largest sum of resident memory of a process and its descendants, sampled every second
    in a thread until it exits (a peak shorter than a second may be missed)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while Path(f"/proc/{self.pid}").exists():
            self.peak = max(self.peak, sum(_resident(p) for p in _descendants(self.pid)))
            time.sleep(1)


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(child for child, parent in parents.items() if parent == current)
    return found


def _resident(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("root", type=Path)
    options.add_argument("--copy", type=int, default=None, help="the copy taken out (default: "
                         "the last)")
    options.add_argument("--built-without", type=Path, metavar="DIR",
                         help="the paper's files are in DIR, ROOT was built without them")
    options.add_argument("--command", choices=("build", "update"), default="build",
                         help="the command timed (default build)")
    options.add_argument("--check", action="store_true", help="compare the kept inferences "
                         "with whole-graph reasoning")
    arguments = options.parse_args()
    graph = arguments.root / "graph"
    if arguments.built_without:
        paper = sorted(arguments.built_without.glob("*.ttl"))
        for path in paper:
            path.rename(graph / path.name)
        _table(len(paper), [("the paper added", build(arguments.root, arguments.command))])
        if arguments.check:
            check(arguments.root)
        return
    copies = {int(m[1]) for p in graph.glob("*--c*.ttl") if (m := re.search(r"--c(\d+)\.ttl$",
                                                                              p.name))}
    copy = arguments.copy if arguments.copy is not None else max(copies)
    paper = sorted(graph.glob(f"*--c{copy}.ttl"))
    if not paper:
        raise SystemExit(f"{graph} has no copy {copy}")
    texts = {path: path.read_bytes() for path in paper}
    for path in paper:
        path.unlink()
    try:
        before = build(arguments.root, arguments.command)
    finally:
        for path, data in texts.items():
            path.write_bytes(data)
    _table(len(paper), [("without the paper", before),
                        ("the paper added", build(arguments.root, arguments.command))])


def check(root: Path) -> None:
    """Whole-graph OWL 2 RL reasoning over the built asserted graph, against the kept result."""
    from perovskite_kg import reason
    from perovskite_kg.project import cache, graphs, terms

    stated = graphs.asserted(root)
    kept = set(terms.from_oxigraph(cache.verified(cache.entry(root) / "inferred-rl.nt")[1]))
    start = time.perf_counter()
    whole = set(reason.infer(stated))
    print(f"\nwhole-graph reasoning: {len(whole)} inferred triples in "
          f"{time.perf_counter() - start:.0f} s; kept: {len(kept)}; missing from the kept "
          f"{len(whole - kept)}, extra {len(kept - whole)}")


def _table(files: int, builds: list[tuple[str, tuple]]) -> None:
    """The builds' step times as a Markdown table, then the last build's notes."""
    names = list(dict.fromkeys(n for _, (_, steps, _) in builds for n in steps))
    print(f"the paper: {files} fact files\n")
    print("| build | " + " | ".join(names)
          + " | total | peak MiB, largest process | peak MiB, all processes |")
    print("|---|" + "---|" * (len(names) + 3))
    for title, (total, steps, (largest, together)) in builds:
        cells = [f"{steps[n][1]:.1f} s" if n in steps else "" for n in names]
        print(f"| {title} | " + " | ".join(cells) + f" | {total:.1f} s | {largest} | {together} |")
    print()
    for name, (note, _) in builds[-1][1][1].items():
        print(f"- {name}: {note}")


if __name__ == "__main__":
    main()
