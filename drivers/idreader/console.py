"""`kiosk-sim idcard`: the simulated ID module in the foreground, driven by typed commands.

The first line printed is the port to open ("port: /dev/pts/N"), so scripts can read it; then
one line per command. Residents are shown masked, as everywhere else.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from drivers import simconsole
from drivers.idreader.codec import Command
from drivers.idreader.samples import SAMPLE_RESIDENTS, sample
from drivers.idreader.sim import DEFAULT_BAUD, Fault, SimulatedModule

HELP = """commands:
  list                          the sample residents
  place N | place garbage       put resident N's card (or an unreadable one) on the reader
  remove                        take the card away
  fault KIND [COUNT] [COMMAND]  damage the next COUNT replies (to COMMAND only, if given)
                                KIND: checksum, cut, noise, silence, garbage
                                COMMAND: status, find, select, read
  clear                         no more faults
  noise [BYTES]                 random bytes on the line now
  state                         the card in the field and its state
  quit                          stop (end of input does too)"""

_COMMANDS = {
    "status": Command.MODULE_STATUS,
    "find": Command.FIND_CARD,
    "select": Command.SELECT_CARD,
    "read": Command.READ_BASE_INFO,
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--resident", type=int, metavar="N", help="start with sample resident N's card placed"
    )
    p.add_argument("--baud", type=int, default=DEFAULT_BAUD, help="the module's baud rate")
    simconsole.add_line_arguments(p, "module")


def _list(out: TextIO) -> None:
    for i, r in enumerate(SAMPLE_RESIDENTS, 1):
        until = r.valid_until.isoformat() if r.valid_until else "长期"
        print(f"  {i}  {r.masked_name}  {r.masked_number}  valid until {until}", file=out)


def _do(sim: SimulatedModule, words: list[str], out: TextIO) -> None:
    """One typed command; ValueError carries what was wrong with it."""
    verb, args = words[0].lower(), words[1:]
    if verb == "list":
        _list(out)
    elif verb == "place":
        if args == ["garbage"]:
            sim.place_garbage()
            print("placed a card with garbage text", file=out)
        elif len(args) == 1 and args[0].isdigit():
            resident = sample(int(args[0]))
            sim.place(resident)
            print(f"placed {resident.masked_name} {resident.masked_number}", file=out)
        else:
            raise ValueError("place takes a resident's number (see list) or 'garbage'")
    elif verb == "remove":
        sim.remove()
        print("card removed", file=out)
    elif verb == "fault":
        kind, count, name = simconsole.fault_args(args, Fault)
        if name is not None and name not in _COMMANDS:
            raise ValueError(f"the command must be one of: {', '.join(_COMMANDS)}")
        sim.inject(kind, count, _COMMANDS[name] if name else None)
        print(f"{kind} on the next {count} {name or 'any'} repl{'y' if count == 1 else 'ies'}",
              file=out)  # fmt: skip
    elif verb in simconsole.LINE_COMMANDS:
        simconsole.line_command(sim, verb, args, out)
    elif verb == "state":
        print(f"card: {sim.card_state or 'none'}", file=out)
    else:
        raise ValueError(f"unknown command {verb!r}; type help")


def run(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    with SimulatedModule(baud=args.baud, link=args.link, timing_scale=args.timing) as sim:
        if args.resident is not None:
            try:
                sim.place(sample(args.resident))
            except ValueError as e:
                print(f"kiosk-sim idcard: {e}", file=out)
                return 2
        print(f"port: {sim.path}", file=out)
        print(f"simulated ID module at {sim.baud} baud 8N1; type help", file=out, flush=True)
        simconsole.command_loop(stdin, out, lambda words: _do(sim, words, out), help_text=HELP)
    return 0
