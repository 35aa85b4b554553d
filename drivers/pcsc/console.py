"""`kiosk-sim card`: put a virtual social security card into vpcd's reader, and take it out.

    kiosk-sim card insert [--file F] [--port 35963] [--fault KIND] [--pull-after N]
    kiosk-sim card remove [--port 35963]      # from another shell
    kiosk-sim card list                       # the sample cards

`insert` stays in the foreground with the card in until Ctrl-C, `kiosk-sim card remove`, or
"remove" typed on its input ("insert" puts it back, "quit" ends). If pcscd goes away the
card waits and goes back in when the reader returns, as a card left in a real reader would.
Holders are shown masked, as everywhere else.
"""

from __future__ import annotations

import argparse
import os
import signal
import tempfile
import threading
from pathlib import Path
from typing import TextIO

from drivers.pcsc.cardfile import DEFAULT_CARD, CardData, CardFileError, Fault, load_card, samples
from drivers.pcsc.vcard import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    ReaderNotListening,
    VirtualCard,
    with_fault,
)
from drivers.simconsole import command_loop
from kiosk.identity import CardType, Identity

_RETRY = 0.5  # seconds between attempts to reach a reader that is not listening


def add_arguments(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(title="actions", metavar="ACTION", required=True)
    insert = actions.add_parser("insert", help="insert a virtual card and keep it in")
    insert.add_argument("--file", type=Path, default=DEFAULT_CARD, help="card data (TOML)")
    insert.add_argument("--port", type=int, default=DEFAULT_PORT, help="vpcd slot's TCP port")
    insert.add_argument("--host", default=DEFAULT_HOST, help="where vpcd listens")
    insert.add_argument(
        "--fault",
        choices=[f.value for f in Fault if f.value],
        help="make the card misbehave (overrides the file's fault)",
    )
    insert.add_argument(
        "--pull-after", type=int, metavar="N", help="pull the card out after N commands"
    )
    insert.set_defaults(action=_insert)
    remove = actions.add_parser("remove", help="remove the card a running 'insert' holds")
    remove.add_argument("--port", type=int, default=DEFAULT_PORT)
    remove.set_defaults(action=_remove)
    listing = actions.add_parser("list", help="the sample card files")
    listing.set_defaults(action=_list)


def run(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    return args.action(args, stdin, out)


def describe(data: CardData) -> str:
    # Sample data, but shown masked like any card: the habit is the safeguard.
    holder = Identity(data.name, data.id_number, CardType.SOCIAL_SECURITY, reader="")
    until = data.expiry_date.isoformat() if data.expiry_date else "no end"
    fault = f", fault {data.fault.value}" if data.fault.value else ""
    return f"{holder.masked_name} {holder.masked_number}, valid until {until}{fault}"


def _list(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    for path in samples():
        try:
            print(f"  {path.name}: {describe(load_card(path))}", file=out)
        except CardFileError as e:
            print(f"  {e}", file=out)
    return 0


def pidfile(port: int) -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(base) / f"kiosk-sim-{os.getuid()}" / f"card-{port}.pid"


def _remove(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    path = pidfile(args.port)
    try:
        pid = int(path.read_text())
        # The pid may have been reused since: only signal a kiosk-sim.
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        print(f"no virtual card is inserted on port {args.port}", file=out)
        return 1
    if b"sim" not in cmdline:
        path.unlink(missing_ok=True)
        print(f"no virtual card is inserted on port {args.port}", file=out)
        return 1
    os.kill(pid, signal.SIGTERM)
    print(f"removed the virtual card on port {args.port}", file=out)
    return 0


def _insert(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    try:
        data = load_card(args.file)
    except CardFileError as e:
        print(f"kiosk-sim: {e}", file=out)
        return 2
    if args.fault:
        data = with_fault(data, Fault(args.fault))
    card = VirtualCard(data, args.port, args.host, remove_after=args.pull_after)
    holder = _Holder(card, out)
    path = pidfile(args.port)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(os.getpid()))
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print(f"card: {describe(data)}", file=out, flush=True)
    holder.want_in()
    threading.Thread(target=_commands, args=(holder, stdin, out, done), daemon=True).start()
    try:
        while not done.is_set():
            holder.keep()
            done.wait(_RETRY)
    except KeyboardInterrupt:
        pass
    finally:
        card.remove()
        path.unlink(missing_ok=True)
        print("card removed", file=out, flush=True)
    return 0


class _Holder:
    """Keeps the card in while it is wanted in: a lost connection (pcscd restarted) is
    made again; a pull (--pull-after) is left as it is, as a resident would."""

    def __init__(self, card: VirtualCard, out: TextIO) -> None:
        self.card, self.out = card, out
        self.wanted = False
        self.waiting = False
        self.lock = threading.Lock()

    def want_in(self) -> None:
        with self.lock:
            self.wanted = True
        self.keep()

    def take_out(self) -> None:
        with self.lock:
            self.wanted = False
            self.card.remove()

    def keep(self) -> None:
        with self.lock:
            if not self.wanted or self.card.inserted:
                return
            pulled = (
                self.card.remove_after is not None and self.card.apdus >= self.card.remove_after
            )
            if pulled:
                self.wanted = False
                print("card pulled out mid-read; 'insert' puts it back", file=self.out, flush=True)
                return
            try:
                self.card.insert()
            except ReaderNotListening as e:
                if not self.waiting:
                    print(f"waiting for the reader: {e}", file=self.out, flush=True)
                self.waiting = True
                return
            self.waiting = False
            port = f"{self.card.host}:{self.card.port}"
            print(f"card inserted into the virtual reader on {port}", file=self.out, flush=True)


def _commands(holder: _Holder, stdin: TextIO, out: TextIO, done: threading.Event) -> None:
    print("type 'remove', 'insert' or 'quit' (Ctrl-C also quits)", file=out, flush=True)

    def do(words: list[str]) -> bool:
        word = " ".join(words).lower()
        if word in ("quit", "exit"):
            done.set()
            return False
        if word == "remove":
            holder.take_out()
            print("card removed", file=out, flush=True)
        elif word == "insert":
            holder.card.apdus = 0
            holder.want_in()
        else:
            print(f"unknown command {word!r}: remove, insert or quit", file=out, flush=True)
        return True

    command_loop(stdin, out, do, errors=())
    # End of input (run in the background): the card stays in until a signal.
