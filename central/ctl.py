"""`kioskctl`: the central admin's command line (enrolment, signed configuration pushes).

Commands arrive with the reference hub; until then this only says so.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kioskctl", description="central admin tools")
    parser.add_subparsers(title="commands", metavar="COMMAND")
    args = parser.parse_args(argv)
    if not vars(args):
        parser.print_help()
        print("\nNo admin commands are available in this version yet.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
