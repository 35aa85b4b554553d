"""The hub's logging, which never writes an exception's message.

An exception's message may quote what it was working on: a database error quotes the row
it could not write ("Failing row contains (…, 110101…, 张三, …)", "Key (number)=(…)"), a
validation error the value it refused. Those are residents' ID numbers, names and forms.
So a record's traceback is written as its frames and the exception's type only, for the
hub's own records and uvicorn's alike ("Exception in ASGI application" carries the whole
exception otherwise), and a traceback that arrives as text is cut down the same way.

`log_config(level)` is the logging configuration for uvicorn (and so for every worker of
`--workers N`): the scrubbing filter sits on the handlers, which every record passes.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

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


def log_config(level: str = "info") -> dict[str, Any]:
    """uvicorn's own configuration, with the filter on every handler and the hub's loggers
    (and any library's, through the root logger) written the same way."""
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"no_exception_messages": {"()": NoExceptionMessages}},
        "formatters": {
            "default": {
                "()": "uvicorn.logging.DefaultFormatter",
                "fmt": "%(levelprefix)s %(name)s: %(message)s",
                "use_colors": None,
            },
            "access": {
                "()": "uvicorn.logging.AccessFormatter",
                "fmt": '%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s',
            },
        },
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["no_exception_messages"],
                "stream": "ext://sys.stderr",
            },
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "filters": ["no_exception_messages"],
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["access"], "level": level, "propagate": False},
            "alembic": {"level": "WARNING"},
        },
        "root": {"handlers": ["default"], "level": level},
    }
