"""Logging that never writes an exception's message, for the kiosk and the hub alike.

An exception's message may quote what it was working on: a database error quotes the row
it could not write ("Failing row contains (…, 110101…, 张三, …)", "Key (number)=(…)"), a
pydantic validation error the value it refused (input_value='110101…'). Those are
residents' ID numbers, names and forms. So a record's traceback is written as its frames
and the exception's type only, and a traceback that arrives as text (uvicorn logs a failed
start so) is cut down the same way. The filter sits on handlers, which every record passes.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from types import TracebackType

_TRACEBACK = "Traceback (most recent call last):"
# The type line of an exception in a traceback: "psycopg.errors.CheckViolation: new row…".
_TYPE_LINE = re.compile(
    r"([A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt|Group|Violation))(?::|$)",
    re.ASCII,
)
_CHAIN_LINES = (
    "The above exception was the direct cause of the following exception:",
    "During handling of the above exception, another exception occurred:",
)


def exception_summary(exc: BaseException) -> str:
    """A traceback without messages: frames, and the type of each exception in the chain,
    the innermost first as Python prints it."""
    chain: list[tuple[BaseException, str]] = []  # outermost first, with the link to it
    current: BaseException | None = exc
    link = ""
    while current is not None and all(current is not seen for seen, _ in chain):
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, _CHAIN_LINES[0]
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, _CHAIN_LINES[1]
        else:
            current = None
    out = [_one(chain[-1][0])]
    for i in range(len(chain) - 2, -1, -1):
        out += ["", chain[i + 1][1], "", _one(chain[i][0])]
    return "\n".join(out)


def _one(exc: BaseException) -> str:
    kind = type(exc)
    frames = "".join(traceback.format_tb(exc.__traceback__))
    name = f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")
    return f"{_TRACEBACK}\n{frames}{name} (message not logged: it may quote personal data)"


def scrub_traceback_text(text: str) -> str:
    """A traceback printed as text (uvicorn logs a failed startup so), cut to its frames and
    exception types; any other line, which may be part of a message, is dropped."""
    out: list[str] = []
    lines = text.splitlines()
    if _TRACEBACK in lines:  # what comes before the traceback is the record's own message
        first = lines.index(_TRACEBACK)
        out, lines = lines[:first], lines[first:]
    for line in lines:
        if line.startswith(("  File ", "    ")) or line in (_TRACEBACK, *_CHAIN_LINES, ""):
            out.append(line)
        elif match := _TYPE_LINE.match(line):
            out.append(f"{match.group(1)} (message not logged: it may quote personal data)")
    return "\n".join(out)


class NoExceptionMessages(logging.Filter):
    """On a handler: every record leaves with its traceback reduced to frames and types."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = exception_summary(record.exc_info[1])
        elif record.exc_text:
            record.exc_text = scrub_traceback_text(record.exc_text)
        message = record.getMessage()
        if _TRACEBACK in message:
            record.msg, record.args = scrub_traceback_text(message), None
        return True


def install() -> None:
    """The filter on every handler of the root logger (after logging.basicConfig), and
    uncaught exceptions, of the main thread or any other, logged through it rather than
    printed whole on stderr."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, NoExceptionMessages) for f in handler.filters):
            handler.addFilter(NoExceptionMessages())
    log = logging.getLogger("uncaught")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            name = args.thread.name if args.thread else "?"
            log.error("a thread (%s) stopped on an error", name, exc_info=args.exc_value)

    def main_hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
        else:
            log.critical("stopped on an error", exc_info=exc)

    threading.excepthook = thread_hook
    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = main_hook
