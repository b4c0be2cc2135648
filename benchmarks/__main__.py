"""make bench: speed figures measured in one run, written as a report (bench-report.md)."""

import platform
import sys
from datetime import datetime
from pathlib import Path

from benchmarks import (
    calculators_bench,
    directory_bench,
    openreferral_bench,
    pages_bench,
    planner_bench,
)

REPORT = Path("bench-report.md")
# `python -m benchmarks pages planner` runs only those; with no names, all of them.
BENCHMARKS = {
    "calculators": calculators_bench.run,
    "planner": planner_bench.run,
    "directory": directory_bench.run,
    "openreferral": openreferral_bench.run,
    "pages": pages_bench.run,
}


def main(names: list[str]) -> int:
    unknown = set(names) - BENCHMARKS.keys()
    if unknown:
        sys.stderr.write(
            f"No benchmark called {', '.join(sorted(unknown))}: {', '.join(BENCHMARKS)}\n"
        )
        return 2
    lines = [
        "# Dorset Care Guide benchmarks",
        "",
        f"Run {datetime.now():%d %B %Y %H:%M} on Python {platform.python_version()}, "
        f"{platform.machine()}. Medians from one run: compare figures within a report, "
        "not across machines.",
    ]
    for name in names or BENCHMARKS:
        lines.append("")
        lines += BENCHMARKS[name]()
    text = "\n".join(lines) + "\n"
    REPORT.write_text(text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
