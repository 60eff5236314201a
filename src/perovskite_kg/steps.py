"""The progress lines of a long command (`build`, `update`): one per step, with its seconds."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Steps:
    """Prints `[n/N] step  note  seconds` as each step ends, `steps` naming them in order."""

    def __init__(self, stream: TextIO, steps: tuple[str, ...], command: str = "build") -> None:
        self.stream, self.steps, self.command = stream, steps, command
        self.started = time.perf_counter()

    @contextmanager
    def run(self, name: str) -> Iterator:
        """A step done here: timed from entering the block to leaving it."""
        notes: list[str] = []
        begin = time.perf_counter()
        self._begin(name)
        try:
            yield notes.append
        except BaseException:
            print(" failed", file=self.stream, flush=True)
            raise
        self._end(" ".join(notes), time.perf_counter() - begin)

    @contextmanager
    def waiting(self, name: str) -> Iterator:
        """A step done by a worker: the note and the seconds come from the worker."""
        reported: list = []
        self._begin(name)
        try:
            yield lambda note, seconds: reported.extend((note, seconds))
        except BaseException:
            print(" failed", file=self.stream, flush=True)
            raise
        self._end(*reported)

    def _begin(self, name: str) -> None:
        print(f"[{self.steps.index(name) + 1}/{len(self.steps)}] {name:<10}", end="", file=self.stream,
              flush=True)

    def _end(self, note: str, seconds: float) -> None:
        print(f"{note:<58}{seconds:6.2f} s", file=self.stream, flush=True)

    def stop(self, why: str) -> None:
        print(f"{self.command} stopped: {why}", file=self.stream, flush=True)

    def total(self) -> None:
        seconds = time.perf_counter() - self.started
        print(f"{self.command} finished in {seconds:.2f} s", file=self.stream, flush=True)
