"""Load on `perovskite-kg serve`: N concurrent clients on loopback, bounded in count and time.

    python benchmarks/serve_load.py [--clients 8] [--requests 200] [--seconds 60] [--root DIR]

Starts the server (as the installed command, on a free 127.0.0.1 port), then for each scenario
runs `--clients` threads that send `--requests` requests in all (stopping early after `--seconds`)
and prints p50 / p99 latency and throughput:
- a stored query with a parameter other than its default
  (`/queries/water-resistant-shells?minDays=30`), computed: the server keeps no answer itself;
- a whole-graph count with its default answer (`/queries/heterostructures-per-halide`), which
  `build` kept and the server reads (run `build` on `--root` first);
- a resource page (`/resource/...`, HTML);
- the same stored query for three timeouts' time while one more client keeps sending a cartesian
  product that runs into the timeout (the server should stay responsive: the overrunning worker is
  killed and replaced while the other answers).
"""

import argparse
import concurrent.futures
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support.live import Live  # noqa: E402  (the tests' server starter, loopback only)

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
STORED = "/queries/water-resistant-shells?minDays=30"
KEPT = "/queries/heterostructures-per-halide"
RESOURCE = "/resource/hs-CsPbBr3-SiO2-janus-ref24"
MAX_CLIENTS = 64
MAX_REQUESTS = 100_000


def _get(url: str, accept: str = "") -> tuple[float, int]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        status = err.code
    return time.perf_counter() - start, status


def _load(url: str, clients: int, requests: int, seconds: float, accept: str = "") -> dict:
    deadline = time.monotonic() + seconds
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    remaining = [requests]

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            outcome = _get(url, accept)
            with lock:
                results.append(outcome)

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    elapsed = time.perf_counter() - start
    times = sorted(t for t, _ in results)
    ok = sum(1 for _, status in results if status == 200)
    return {"requests": len(results), "ok": ok, "p50": statistics.median(times),
            "p99": times[min(len(times) - 1, int(0.99 * len(times)))],
            "throughput": len(results) / elapsed}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--clients", type=int, default=8)
    options.add_argument("--requests", type=int, default=200)
    options.add_argument("--seconds", type=float, default=60)
    options.add_argument("--timeout", type=float, default=2, help="the server's query timeout")
    options.add_argument("--root", type=Path, help="the project to serve (default: this one)")
    args = options.parse_args()
    clients = max(1, min(args.clients, MAX_CLIENTS))
    server = Live("--timeout", str(args.timeout), "--workers", "2", "--queue", "32",
                  root=args.root)
    try:
        rows = [("stored query", _load(server.base + STORED, clients, args.requests,
                                       args.seconds)),
                ("whole-graph count, kept", _load(server.base + KEPT, clients, args.requests,
                                                  args.seconds)),
                ("resource page", _load(server.base + RESOURCE, clients, args.requests,
                                        args.seconds, "text/html"))]
        stop = threading.Event()
        timed_out = []

        def heavy() -> None:
            url = server.base + "/sparql?" + urllib.parse.urlencode({"query": CARTESIAN})
            while not stop.is_set():
                timed_out.append(_get(url))

        runner = threading.Thread(target=heavy)
        runner.start()
        time.sleep(0.5)
        try:
            # Long enough for several timeouts: the row runs for three timeouts and a second.
            rows.append(("stored query, one client timing out",
                         _load(server.base + STORED, clients, MAX_REQUESTS,
                               min(args.seconds, 3 * args.timeout + 1))))
        finally:
            stop.set()
            runner.join()
    finally:
        server.stop()
    print(f"{clients} clients, {args.requests} requests per row (the last row: for "
          f"{3 * args.timeout + 1:g} s), server timeout {args.timeout:g} s, 2 workers; loopback")
    print()
    print("| scenario | requests | 200 OK | p50 ms | p99 ms | requests/s |")
    print("|---|---|---|---|---|---|")
    for name, row in rows:
        print(f"| {name} | {row['requests']} | {row['ok']} | {row['p50'] * 1000:.1f} | "
              f"{row['p99'] * 1000:.1f} | {row['throughput']:.1f} |")
    statuses = sorted({status for _, status in timed_out})
    print()
    print(f"the timing-out client sent {len(timed_out)} cartesian products, answered "
          f"{statuses} after a median {statistics.median(t for t, _ in timed_out):.2f} s")


if __name__ == "__main__":
    main()
