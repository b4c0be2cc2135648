"""make bench: speed figures measured in one run, written as a report (bench-report.md)."""

import platform
import sys
from datetime import datetime
from pathlib import Path

from benchmarks import calculators_bench, directory_bench, openreferral_bench, planner_bench

REPORT = Path("bench-report.md")


def main() -> int:
    lines = [
        "# Dorset Care Guide benchmarks",
        "",
        f"Run {datetime.now():%d %B %Y %H:%M} on Python {platform.python_version()}, "
        f"{platform.machine()}. Medians from one run: compare figures within a report, "
        "not across machines.",
        "",
    ]
    lines += calculators_bench.run()
    lines.append("")
    lines += planner_bench.run()
    lines.append("")
    lines += directory_bench.run()
    lines.append("")
    lines += openreferral_bench.run()
    text = "\n".join(lines) + "\n"
    REPORT.write_text(text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
