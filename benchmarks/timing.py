"""Timing helpers: medians over repeated runs, measured in one process."""

import statistics
import time
from collections.abc import Callable


def median_ms(function: Callable[[], object], repeats: int = 50, warmup: int = 3) -> float:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)
