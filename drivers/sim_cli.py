"""`kiosk-sim`: simulated peripherals for demos, tests and technicians.

Each peripheral family adds its simulator here as a subcommand (virtual cards on vpcd,
the ID module and fingerprint sensor on ptys, the camera from files, the ESC/POS printer
on TCP 9100).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class _Simulator:
    """One subcommand: its name, the module (drivers.<family>.console) that gives its
    arguments and runs it, and its words for --help. `interactive`: it reads typed commands."""

    name: str
    family: str
    help: str
    description: str
    interactive: bool = True


SIMULATORS = (
    _Simulator(
        "idcard",
        "idreader",
        "the resident ID-card module on a pty",
        "A simulated ID-card module on a pty. Prints the port, then reads commands "
        "from stdin: list, place N, place garbage, remove, fault KIND [COUNT] [COMMAND], "
        "clear, noise [BYTES], state, quit.",
    ),
    _Simulator(
        "card",
        "pcsc",
        "a virtual social security card in the vpcd reader (pcscd)",
        "Insert a virtual social security card into vsmartcard's vpcd reader: "
        "insert [--file F] [--port 35963] [--fault KIND] stays in until Ctrl-C, 'remove' "
        "typed on its input, or 'kiosk-sim card remove' from another shell; list shows the "
        "sample cards.",
    ),
    _Simulator(
        "fingerprint",
        "fingerprint",
        "a fingerprint sensor (ZFM/R30x/AS608) on a pty",
        "A simulated fingerprint sensor on a pty. Prints the port, then reads "
        "commands from stdin: place [NAME] [QUALITY] [--image FILE], remove, enrol PAGE NAME, "
        "library, fault KIND [COUNT] [INSTRUCTION], drop ABOVE [EVERY], clear, noise [BYTES], "
        "state, quit.",
    ),
    _Simulator(
        "camera",
        "camera",
        "the camera's simulated scenes (faces, pages, QR codes) as files",
        "list the scenes; play SCENE writes a looping video and prints the path "
        "for [camera] source; write SCENE FILE writes an image or .avi.",
        interactive=False,
    ),
    _Simulator(
        "printer",
        "printer",
        "an ESC/POS receipt printer on TCP (9100) or a pty, each receipt saved as a PNG",
        "A simulated receipt printer on TCP, or on a pty with --serial, of any "
        "python-escpos profile (--profile TM-T88V). Prints the port and the folder of "
        "PNGs, then reads commands from stdin: paper out|low|in, cover open|close, "
        "offline [refuse|silent], online, fault KIND BYTES, state, problems, quit.",
    ),
)


def _add(subs: argparse._SubParsersAction, sim: _Simulator) -> None:
    # Imported when the parser is built, not with this module: each family pulls in its own
    # libraries (pyserial, OpenCV, Pillow), which importing the command line should not.
    console = importlib.import_module(f"drivers.{sim.family}.console")
    p = subs.add_parser(sim.name, help=sim.help, description=sim.description)
    console.add_arguments(p)
    if sim.interactive:
        p.set_defaults(run=lambda args: console.run(args, sys.stdin, sys.stdout))
    else:
        p.set_defaults(run=lambda args: console.run(args, sys.stdout))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk-sim", description="simulated kiosk peripherals")
    subs = p.add_subparsers(title="simulators", metavar="SIMULATOR")
    for sim in SIMULATORS:
        _add(subs, sim)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not vars(args):
        parser.print_help()
        print("\nChoose a simulator.", file=sys.stderr)
        return 1
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
