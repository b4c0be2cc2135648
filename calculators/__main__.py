"""python -m calculators NAME [--json FILE]: read a JSON object, print the result as JSON.

Invalid input prints {"error": ..., "field": ...} and exits with status 2.
"""

import argparse
import json
import sys

from calculators.commands import COMMANDS, dumps, parse, run
from calculators.errors import InputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m calculators", description="Care cost calculators for Dorset Care Guide."
    )
    parser.add_argument("name", choices=sorted(COMMANDS), help="which calculator to run")
    parser.add_argument("--json", metavar="FILE", help="read the input from FILE, not stdin")
    arguments = parser.parse_args(argv)
    try:
        result = run(arguments.name, parse(_read(arguments.json)))
    except InputError as error:
        print(json.dumps(error.as_dict(), ensure_ascii=False))
        return 2
    print(dumps(result, indent=2))
    return 0


def _read(path: str | None) -> str:
    if path is None:
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}", "--json") from None


if __name__ == "__main__":
    sys.exit(main())
