"""`kiosk-sim fingerprint`: the simulated sensor in the foreground, driven by typed commands.

The first line printed is the port to open ("port: /dev/pts/N"), so scripts can read it; then
one line per command.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from drivers import simconsole
from drivers.fingerprint.codec import Instruction
from drivers.fingerprint.sim import (
    DEFAULT_BAUD,
    DEFAULT_PACKET_SIZE,
    Fault,
    Quality,
    SimulatedSensor,
    image_from_file,
)

HELP = """commands:
  place [NAME] [QUALITY] [--image FILE]  put NAME's finger on the sensor (QUALITY: good, messy,
                                few, fail); its image from FILE (PNG, or raw 256×288 greyscale)
  remove                        lift the finger
  enrol PAGE NAME               put NAME's template in the library at PAGE
  library                       the pages in use
  fault KIND [COUNT] [INSTR]    damage the next COUNT replies (to INSTR only, if given)
                                KIND: checksum, cut, noise, silence; INSTR: an instruction's
                                name (gen_img, up_image, ...)
  drop ABOVE [EVERY]            lose one byte in EVERY (997) sent faster than ABOVE baud
                                (EVERY 1: nothing at all gets through above ABOVE)
  clear                         no more faults, no more dropping
  noise [BYTES]                 random bytes on the line now
  state                         baud, packet size, finger
  quit                          stop (end of input does too)"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--baud", type=int, default=DEFAULT_BAUD, help="the sensor's baud rate")
    p.add_argument(
        "--packet-size",
        type=int,
        default=DEFAULT_PACKET_SIZE,
        help="data packet size (32, 64, 128, 256)",
    )
    simconsole.add_line_arguments(p, "sensor")
    p.add_argument("--password", type=lambda s: int(s, 0), default=0, help="the sensor's password")


def _do(sim: SimulatedSensor, words: list[str], out: TextIO) -> None:
    """One typed command; ValueError (or OSError) says what was wrong with it."""
    verb, args = words[0].lower(), words[1:]
    if verb == "place":
        image = None
        if "--image" in args:
            i = args.index("--image")
            if i + 1 >= len(args):
                raise ValueError("--image needs a file")
            image = image_from_file(args[i + 1])
            args = args[:i] + args[i + 2 :]
        name = args[0] if args else "finger-1"
        quality = args[1] if len(args) > 1 else "good"
        if quality not in set(Quality):
            raise ValueError(f"quality is one of: {', '.join(Quality)}")
        sim.place(name, image=image, quality=quality)
        print(f"placed {name}'s finger ({quality})", file=out)
    elif verb == "remove":
        sim.remove()
        print("finger lifted", file=out)
    elif verb == "enrol":
        if len(args) != 2 or not args[0].isdigit():
            raise ValueError("enrol takes a page number and a name")
        sim.enrol(int(args[0]), args[1])
        print(f"enrolled {args[1]} at page {args[0]}", file=out)
    elif verb == "library":
        print(f"pages in use: {sorted(sim.library) or 'none'}", file=out)
    elif verb == "fault":
        kind, count, name = simconsole.fault_args(args, Fault)
        instruction = None
        if name is not None:
            try:
                instruction = Instruction[name.upper()]
            except KeyError:
                names = ", ".join(i.name.lower() for i in Instruction)
                raise ValueError(f"the instruction must be one of: {names}") from None
        sim.inject(kind, count, instruction)
        print(f"{kind} on the next {count} {name or 'any'} reply(s)", file=out)
    elif verb == "drop":
        if not args or not args[0].isdigit():
            raise ValueError("drop takes a baud rate above which bytes are lost")
        sim.drop_above = int(args[0])
        if len(args) > 1 and args[1].isdigit() and int(args[1]) >= 1:
            sim.drop_every = int(args[1])
        if sim.drop_every <= 1:
            print(f"nothing gets through above {sim.drop_above} baud", file=out)
        else:
            print(f"losing one byte in {sim.drop_every} above {sim.drop_above} baud", file=out)
    elif verb in simconsole.LINE_COMMANDS:
        simconsole.line_command(sim, verb, args, out)
    elif verb == "state":
        finger = sim.finger
        print(
            f"{sim.baud} baud, {sim.packet_size}-byte packets, finger: "
            f"{finger.name + ' (' + finger.quality + ')' if finger else 'none'}",
            file=out,
        )
    else:
        raise ValueError(f"unknown command {verb!r}; type help")


def run(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    try:
        sim = SimulatedSensor(
            baud=args.baud,
            packet_size=args.packet_size,
            link=args.link,
            timing_scale=args.timing,
            password=args.password,
        )
    except ValueError as e:
        print(f"kiosk-sim fingerprint: {e}", file=out)
        return 2
    with sim:
        print(f"port: {sim.path}", file=out)
        print(
            f"simulated fingerprint sensor at {sim.baud} baud 8N1; type help", file=out, flush=True
        )
        # OSError: an image file that cannot be read.
        simconsole.command_loop(
            stdin,
            out,
            lambda words: _do(sim, words, out),
            errors=(ValueError, OSError),
            help_text=HELP,
        )
    return 0
