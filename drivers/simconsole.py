"""The one way the simulators' consoles (`kiosk-sim idcard`, `fingerprint`, `printer`, `card`)
read what a technician types: a line at a time, split into words, until "quit" or the end of
the input; a command that is wrong says why and the next one is read."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

# One typed command, split into words: False to stop.
Command = Callable[[list[str]], bool]


def command_loop(
    stdin: TextIO,
    out: TextIO,
    do: Command,
    errors: tuple[type[Exception], ...] = (ValueError,),
) -> None:
    """Hand each line of `stdin` that holds a word to `do`, until it returns False or the
    input ends. `errors` are the console's words for a command it cannot do: printed as
    "error: …", and the console goes on."""
    for line in stdin:
        words = line.split()
        if not words:
            continue
        try:
            if not do(words):
                break
        except errors as e:
            print(f"error: {e}", file=out)
        out.flush()
