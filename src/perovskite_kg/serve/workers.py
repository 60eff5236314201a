"""A pool of worker processes, each holding the store, so a query that overruns can be stopped.

pyoxigraph cannot interrupt a query in-process, so every query runs in a worker process that opened
the store once at start. A query that passes its deadline gets its worker killed (the work really
stops) and a fresh worker started in its place. At most `queue` queries wait for a free worker;
one more is `Busy` (the server answers 503 with Retry-After).
"""

import asyncio
import multiprocessing
from pathlib import Path

from perovskite_kg.errors import one_line
from perovskite_kg.serve import jobs

STARTUP_SECONDS = 120.0
"""How long a new worker may take to open the store."""
_READY = "ready"


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class TimedOut(Exception):
    """The query ran past its deadline; its worker was killed and replaced."""


def _work(root: Path, connection) -> None:
    """A worker's life: open the store once, then answer jobs until the pipe closes."""
    context = jobs.Context(root)
    connection.send(_READY)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        try:
            answer = jobs.answer(context, job)
        except Exception as err:  # a library's bug must not end the worker, nor look like a timeout
            answer = jobs.Answer(500, body=f"internal error: {one_line(err)}\n".encode())
        connection.send(answer)


class _Worker:
    def __init__(self, root: Path) -> None:
        spawn = multiprocessing.get_context("spawn")
        self.connection, child = spawn.Pipe()
        self.process = spawn.Process(target=_work, args=(root, child), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> "_Worker":
        """Block until the worker has opened the store; `TimedOut` if it does not start."""
        if not self.ready:
            if not self.connection.poll(STARTUP_SECONDS) or self.connection.recv() != _READY:
                raise TimedOut("the worker did not start")
            self.ready = True
        return self

    def call(self, job: jobs.Job, timeout: float) -> jobs.Answer:
        """Send `job` and wait for the answer; `TimedOut` after `timeout` seconds of work."""
        self.wait_ready()
        self.connection.send(job)
        if not self.connection.poll(timeout):
            raise TimedOut
        return self.connection.recv()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class Pool:
    """`size` workers over the project at `root`, with a queue of at most `queue` waiting jobs."""

    def __init__(self, root: Path, size: int, queue: int, timeout: float) -> None:
        self.root, self.size, self.queue, self.timeout = root, size, queue, timeout
        self._idle: asyncio.Queue | None = None
        self._waiting = 0
        self._starting: set[asyncio.Task] = set()
        self.replaced = 0

    def start(self) -> None:
        """Start the workers (call from the event loop that will use the pool)."""
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(_Worker(self.root))

    async def wait_ready(self) -> None:
        """Wait until every worker has opened the store (so the first query is fast)."""
        workers = [await self._idle.get() for _ in range(self.size)]
        try:
            for worker in workers:
                await asyncio.to_thread(worker.wait_ready)
        finally:
            for worker in workers:
                self._idle.put_nowait(worker)

    async def run(self, job: jobs.Job) -> jobs.Answer:
        """The answer to `job`, or `Busy` (queue full) or `TimedOut` (worker replaced)."""
        if self._idle.empty() and self._waiting >= self.queue:
            raise Busy
        self._waiting += 1
        try:
            worker = await self._idle.get()
        finally:
            self._waiting -= 1
        try:
            answer = await asyncio.to_thread(worker.call, job, self.timeout)
        except (TimedOut, EOFError, OSError):
            worker.stop()
            self.replaced += 1
            # The replacement joins the idle workers once it has opened the store, so queries
            # meanwhile go to the workers that are ready.
            task = asyncio.create_task(self._replace())
            self._starting.add(task)
            task.add_done_callback(self._starting.discard)
            raise TimedOut from None
        self._idle.put_nowait(worker)
        return answer

    async def _replace(self) -> None:
        worker = _Worker(self.root)
        try:
            await asyncio.to_thread(worker.wait_ready)
        except TimedOut:
            worker.stop()
            worker = _Worker(self.root)  # tried again by the job that takes it
        self._idle.put_nowait(worker)

    def close(self) -> None:
        for task in self._starting:
            task.cancel()
        while self._idle is not None and not self._idle.empty():
            self._idle.get_nowait().stop()


def retry_after(timeout: float) -> str:
    """Seconds a client should wait before retrying, for the Retry-After header."""
    return str(max(1, round(timeout)))



