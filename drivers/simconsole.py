"""The one way the simulators' consoles (`kiosk-sim idcard`, `fingerprint`, `printer`, `card`)
read what a technician types: a line at a time, split into words, until "quit" or the end of
the input; a command that is wrong says why and the next one is read. Also what the consoles
of the simulators on a pty (`idcard`, `fingerprint`) take alike: options, faults, the line."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import TextIO

from drivers.ptydevice import PtyDevice

# One typed command, split into words: False to stop.
Command = Callable[[list[str]], bool | None]


def command_loop(
    stdin: TextIO,
    out: TextIO,
    do: Command,
    errors: tuple[type[Exception], ...] = (ValueError,),
    help_text: str | None = None,
) -> None:
    """Hand each line of `stdin` that holds a word to `do`, until it returns False or the
    input ends. `errors` are the console's words for a command it cannot do: printed as
    "error: …", and the console goes on. Given `help_text`, the loop answers "help" with it
    and stops at "quit" or "exit", and `do` has only the console's own commands."""
    for line in stdin:
        words = line.split()
        if not words:
            continue
        verb = words[0].lower()
        if help_text is not None and verb in ("quit", "exit"):
            break
        try:
            if help_text is not None and verb == "help":
                print(help_text, file=out)
            elif do(words) is False:
                break
        except errors as e:
            print(f"error: {e}", file=out)
        out.flush()


# -- what the consoles of the simulators on a pty (ID module, fingerprint sensor) share --------

# The commands every pty simulator's console answers the same way (line_command).
LINE_COMMANDS = ("clear", "noise")


def add_line_arguments(p: argparse.ArgumentParser, device: str) -> None:
    """The options of a simulator on a pty: a stable path to it, and its pace."""
    p.add_argument(
        "--link", metavar="PATH", help=f"also reach the {device} at PATH (a symlink to the pty)"
    )
    p.add_argument(
        "--timing", type=float, default=1.0, metavar="SCALE", help="scale processing delays"
    )


def fault_args(args: list[str], kinds: Iterable[str]) -> tuple[str, int, str | None]:
    """`fault KIND [COUNT] [NAME]`: the kind, how many replies it damages (one unless said),
    and the command it waits for, by name (None: any)."""
    kinds = tuple(kinds)
    if not args or args[0] not in kinds:
        raise ValueError(f"fault takes one of: {', '.join(kinds)}")
    count = int(args[1]) if len(args) > 1 and args[1].isdigit() else 1
    name = args[-1] if len(args) > 1 and not args[-1].isdigit() else None
    return args[0], count, name


def line_command(sim: PtyDevice, verb: str, args: list[str], out: TextIO) -> None:
    """One of LINE_COMMANDS: `clear` (no more faults) or `noise [BYTES]` (on the line now)."""
    if verb == "clear":
        sim.clear_faults()
        print("faults cleared", file=out)
    else:
        size = int(args[0]) if args and args[0].isdigit() else 64
        sim.send_noise(size)
        print(f"sent {size} noise bytes", file=out)
