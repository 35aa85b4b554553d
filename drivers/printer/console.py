"""`kiosk-sim printer`: the simulated receipt printer in the foreground, driven by typed
commands, on TCP or on a pty (--serial), as a printer of any python-escpos profile
(--profile). The first line printed is the port ("port: N", or the pty's path), the second the
folder of PNGs."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TextIO

from drivers.printer.sim import Offline, SimulatedPrinter
from drivers.printer.simserial import SerialSimulatedPrinter
from drivers.simconsole import command_loop
from kiosk.printing.profiles import ProfileProblem

HELP = """commands:
  paper out | paper low | paper in    the paper roll (paper in tears off a half-printed piece)
  cover open | cover close            the cover
  offline [refuse|silent]             stop: refuse connections (default), or take bytes but
                                      never answer a status query
  online                              back
  fault KIND BYTES                    KIND (paper_out, cover_open, offline, silent) after BYTES
                                      more bytes: the middle of the next job
  rate BYTES|off                      read at most BYTES a second (a slow link), or at once
  ids on|off                          answer GS ( H process ID requests, or not (a printer
                                      without the command)
  state                               paper, cover, connection, receipts printed, problems
  problems                            the commands it did not understand
  quit                                stop (end of input does too)"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=9100, help="TCP port (0: any free port)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    p.add_argument(
        "--paper", type=int, choices=(58, 80), help="paper width, mm (generic profile; 80)"
    )
    p.add_argument(
        "--profile",
        default="",
        help="the printer's python-escpos profile (TM-T88V, POS-5890…); default: generic",
    )
    p.add_argument(
        "--serial",
        type=Path,
        metavar="LINK",
        help="serve on a pty (LINK: a symlink to it) instead of TCP, at --baud",
    )
    p.add_argument("--baud", type=int, default=9600, help="the serial line's rate (9600)")
    p.add_argument("--out", type=Path, help="folder for the receipts' PNGs (default: a new one)")
    p.add_argument("--rate", type=float, help="read at most this many bytes a second")


def _do(sim: SimulatedPrinter, words: list[str], out: TextIO) -> None:
    verb, args = words[0].lower(), [w.lower() for w in words[1:]]
    if verb == "paper":
        actions = {"out": sim.paper_out, "low": sim.paper_low, "in": sim.paper_in}
        if not args or args[0] not in actions:
            raise ValueError("paper takes out, low or in")
        actions[args[0]]()
        print(f"paper {args[0]}", file=out)
    elif verb == "cover":
        actions = {"open": sim.open_cover, "close": sim.close_cover}
        if not args or args[0] not in actions:
            raise ValueError("cover takes open or close")
        actions[args[0]]()
        print(f"cover {args[0]}", file=out)
    elif verb == "offline":
        mode = args[0] if args else "refuse"
        if mode not in ("refuse", "silent"):
            raise ValueError("offline takes refuse or silent")
        sim.offline(Offline(mode))
        print(f"offline ({mode})", file=out)
    elif verb == "online":
        sim.online()
        print("online", file=out)
    elif verb == "fault":
        if len(args) != 2 or not args[1].isdigit():
            raise ValueError("fault takes a kind and a number of bytes")
        sim.fault_after(int(args[1]), args[0])
        print(f"{args[0]} after {args[1]} more bytes", file=out)
    elif verb == "rate":
        if len(args) != 1 or not (args[0] == "off" or (args[0].isdigit() and int(args[0]) > 0)):
            raise ValueError("rate takes a number of bytes a second, or off")
        sim.rate = None if args[0] == "off" else float(args[0])
        print(f"rate {args[0]}", file=out)
    elif verb == "ids":
        if args not in (["on"], ["off"]):
            raise ValueError("ids takes on or off")
        sim.process_ids = args[0] == "on"
        print(f"process IDs {args[0]}", file=out)
    elif verb == "state":
        print(sim.state(), file=out)
    elif verb == "problems":
        print("\n".join(sim.problems[-20:]) or "none", file=out)
    else:
        raise ValueError(f"unknown command {verb!r}; type help")


def run(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    folder = args.out or Path(tempfile.mkdtemp(prefix="kiosk-printer-"))
    try:
        if args.serial is not None:
            return _run_serial(args, folder, stdin, out)
        sim = SimulatedPrinter(
            folder,
            profile=args.profile,
            paper_mm=args.paper,
            host=args.host,
            port=args.port,
            rate=args.rate,
        )
    except ProfileProblem as e:
        print(f"kiosk-sim printer: {e}", file=out)
        return 2
    try:
        sim.start()
    except OSError as e:
        print(
            f"kiosk-sim printer: cannot listen on {args.host}:{args.port}: {e.strerror}", file=out
        )
        return 2
    try:
        _serve(sim, str(sim.port), f"{args.host}:{sim.port}", folder, stdin, out)
    finally:
        sim.stop()
    return 0


def _run_serial(args: argparse.Namespace, folder: Path, stdin: TextIO, out: TextIO) -> int:
    with SerialSimulatedPrinter(
        folder, baud=args.baud, link=args.serial, profile=args.profile, paper_mm=args.paper
    ) as sim:
        where = f"{sim.path} at {args.baud} baud"
        _serve(sim.printer, str(sim.path), where, folder, stdin, out)
    return 0


def _serve(
    sim: SimulatedPrinter, port: str, where: str, folder: Path, stdin: TextIO, out: TextIO
) -> None:
    """Say where the printer is and where its receipts go, then take commands."""
    print(f"port: {port}", file=out)
    print(f"receipts: {folder}", file=out)
    print(
        f"simulated ESC/POS printer ({sim.p.profile.describe()}) on {where}; type help",
        file=out,
        flush=True,
    )
    command_loop(stdin, out, lambda words: _do(sim, words, out), help_text=HELP)
