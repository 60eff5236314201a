"""Time and peak memory of `perovskite-kg validate` on curator files of 1, 10 and 100 MB, the
figures behind the default PEROVSKITE_KG_MAX_INPUT_MB (100). Run: python benchmarks/input_limits.py
[MB ...]; each size runs as its own command, its peak memory read from the kernel (ru_maxrss).
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINE = ('<https://w3id.org/perovskite-kg/resource/bench-{n}> '
        '<http://www.w3.org/2000/01/rdf-schema#label> "benchmark label {n}" .\n')


def main(sizes: list[float]) -> None:
    command = Path(sys.executable).parent / "perovskite-kg"
    for megabytes in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.ttl"
            with open(path, "w", encoding="utf-8") as out:
                n = 0
                while out.tell() < megabytes * 1_000_000:
                    out.write(LINE.format(n=n))
                    n += 1
            begin = time.perf_counter()
            done = subprocess.run([str(command), "validate", str(path)], capture_output=True,
                                  env=os.environ | {"PEROVSKITE_KG_MAX_INPUT_MB": "1000"})
            seconds = time.perf_counter() - begin
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{megabytes:>6g} MB  {n:>9,} triples  exit {done.returncode}  "
                  f"{seconds:8.1f} s  peak so far {peak:8.0f} MB", flush=True)


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [1, 10, 100])
