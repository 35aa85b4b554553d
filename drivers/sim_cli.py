"""`kiosk-sim`: simulated peripherals for demos, tests and technicians.

Each peripheral family adds its simulator here as a subcommand (virtual cards on vpcd,
the ID module and fingerprint sensor on ptys, the camera from files, the ESC/POS printer
on TCP 9100).
"""

from __future__ import annotations

import argparse
import sys


def _add_idcard(subs: argparse._SubParsersAction) -> None:
    """`kiosk-sim idcard`: the serial ID-card module on a pty (drivers/idreader)."""
    from drivers.idreader import console

    p = subs.add_parser(
        "idcard",
        help="the resident ID-card module on a pty",
        description="A simulated ID-card module on a pty. Prints the port, then reads commands "
        "from stdin: list, place N, place garbage, remove, fault KIND [COUNT] [COMMAND], "
        "clear, noise [BYTES], state, quit.",
    )

    console.add_arguments(p)
    p.set_defaults(run=lambda args: console.run(args, sys.stdin, sys.stdout))


def _add_card(subs: argparse._SubParsersAction) -> None:
    """`kiosk-sim card`: a virtual social security card in vpcd's reader (drivers/pcsc)."""
    from drivers.pcsc import console

    p = subs.add_parser(
        "card",
        help="a virtual social security card in the vpcd reader (pcscd)",
        description="Insert a virtual social security card into vsmartcard's vpcd reader: "
        "insert [--file F] [--port 35963] [--fault KIND] stays in until Ctrl-C, 'remove' "
        "typed on its input, or 'kiosk-sim card remove' from another shell; list shows the "
        "sample cards.",
    )
    console.add_arguments(p)
    p.set_defaults(run=lambda args: console.run(args, sys.stdin, sys.stdout))


def _add_fingerprint(subs: argparse._SubParsersAction) -> None:
    """`kiosk-sim fingerprint`: the serial fingerprint sensor on a pty (drivers/fingerprint)."""
    from drivers.fingerprint import console

    p = subs.add_parser(
        "fingerprint",
        help="a fingerprint sensor (ZFM/R30x/AS608) on a pty",
        description="A simulated fingerprint sensor on a pty. Prints the port, then reads "
        "commands from stdin: place [NAME] [QUALITY] [--image FILE], remove, enrol PAGE NAME, "
        "library, fault KIND [COUNT] [INSTRUCTION], drop ABOVE [EVERY], clear, noise [BYTES], "
        "state, quit.",
    )
    console.add_arguments(p)
    p.set_defaults(run=lambda args: console.run(args, sys.stdin, sys.stdout))


def _add_printer(subs: argparse._SubParsersAction) -> None:
    """`kiosk-sim printer`: an ESC/POS receipt printer on TCP 9100 (drivers/printer)."""
    from drivers.printer import console

    p = subs.add_parser(
        "printer",
        help="an ESC/POS receipt printer on TCP (9100) or a pty, each receipt saved as a PNG",
        description="A simulated receipt printer on TCP, or on a pty with --serial, of any "
        "python-escpos profile (--profile TM-T88V). Prints the port and the folder of "
        "PNGs, then reads commands from stdin: paper out|low|in, cover open|close, "
        "offline [refuse|silent], online, fault KIND BYTES, state, problems, quit.",
    )
    console.add_arguments(p)
    p.set_defaults(run=lambda args: console.run(args, sys.stdin, sys.stdout))


def _add_camera(subs: argparse._SubParsersAction) -> None:
    """`kiosk-sim camera`: the camera's scenes as files (drivers/camera)."""
    from drivers.camera import console

    p = subs.add_parser(
        "camera",
        help="the camera's simulated scenes (faces, pages, QR codes) as files",
        description="list the scenes; play SCENE writes a looping video and prints the path "
        "for [camera] source; write SCENE FILE writes an image or .avi.",
    )
    console.add_arguments(p)
    p.set_defaults(run=lambda args: console.run(args, sys.stdout))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk-sim", description="simulated kiosk peripherals")
    subs = p.add_subparsers(title="simulators", metavar="SIMULATOR")
    _add_idcard(subs)
    _add_card(subs)
    _add_fingerprint(subs)
    _add_camera(subs)
    _add_printer(subs)
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
