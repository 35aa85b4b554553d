"""`kiosk-sim`: simulated peripherals for demos, tests and technicians.

Each peripheral family adds its simulator here as a subcommand (virtual cards on vpcd,
the ID module and fingerprint sensor on ptys, the camera from files, the ESC/POS printer
on TCP 9100).
"""

from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk-sim", description="simulated kiosk peripherals")
    p.add_subparsers(title="simulators", metavar="SIMULATOR")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not vars(args):
        parser.print_help()
        print("\nNo simulated peripherals are available in this version yet.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
