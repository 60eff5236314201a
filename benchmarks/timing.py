"""The one timing rule every benchmark script uses: the median of repeated wall-clock runs."""

import statistics
import time


def median(run, repeat: int) -> float:
    """Median seconds of `repeat` calls of `run()`; medians, not means, resist a busy machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
