"""Every command runs in a child process that this one can always stop.

pyoxigraph, reasonable and HermiT do their work in native code that a Python signal handler cannot
interrupt, so Ctrl-C or a query timeout could not stop them in-process. The command line forks:
the child does the work, writing to the inherited standard output and error as it goes; the parent
only waits. On Ctrl-C (exit 130), SIGTERM (exit 143) or when the time limit passes (exit 2), the
parent kills the child's whole process group (the build's pool workers included) within a
fraction of a second. A child killed by a signal (a crash in native code) is reported in one line.
Children die with their parent (`die_with_parent`), so killing the command kills its workers too.
"""

import ctypes
import os
import select
import signal
import sys
import time
from collections.abc import Callable

INTERRUPTED = 130
"""The shells' exit code for a command ended by Ctrl-C (128 + SIGINT)."""
_POLL_SECONDS = 0.02
_PR_SET_PDEATHSIG = 1


class _Terminated(Exception):
    """SIGTERM reached the parent."""


def run(work: Callable[[], int], timeout: float | None = None,
        timed_out: str = "stopped: the time limit passed") -> int:
    """Run `work` in a child process and return its exit code; stop it on Ctrl-C, SIGTERM or
    after `timeout` seconds (then `timed_out` is printed, and the code is 2)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(work)
    try:
        os.setpgid(pid, pid)  # also done by the child: whichever runs first
    except OSError:
        pass
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        return _wait(pid, timeout, timed_out)
    except KeyboardInterrupt:
        _kill(pid)
        print("perovskite-kg: interrupted", file=sys.stderr)
        return INTERRUPTED
    except _Terminated:
        _kill(pid)
        return 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a no-op where prctl is missing)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(INTERRUPTED)


def _child(work: Callable[[], int]) -> None:
    """The child: its own process group (so the parent can kill it with its workers), Ctrl-C left
    to the parent, and never a return into the parent's code."""
    code = 2
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        die_with_parent()
        code = work()
    finally:
        os._exit(code)


def _wait(pid: int, timeout: float | None, timed_out: str) -> int:
    """The child's exit code, as soon as it exits (its pidfd becomes readable; where Linux has
    no pidfd, polled every `_POLL_SECONDS`), or after killing it when `timeout` passes."""
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        handle = None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return _exit_code(status)
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                _kill(pid)
                print(f"perovskite-kg: {timed_out}", file=sys.stderr)
                return 2
            if handle is None:
                time.sleep(_POLL_SECONDS)
            else:
                select.select([handle], [], [], left)
    finally:
        if handle is not None:
            os.close(handle)


def _exit_code(status: int) -> int:
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        print(f"perovskite-kg: the work stopped on signal {name} (a crash in a library, or the "
              "memory limit); nothing more was written", file=sys.stderr)
        return 2
    return os.waitstatus_to_exitcode(status)


def _kill(pid: int) -> None:
    """Kill the child's process group and reap the child."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _raise_terminated(signum, frame) -> None:
    raise _Terminated
