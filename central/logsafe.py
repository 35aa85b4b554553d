"""The hub's logging configuration for uvicorn (and so for every worker of `--workers N`):
kiosk.logsafe's filter on every handler, so that no record, the hub's own, uvicorn's
("Exception in ASGI application" carries the whole exception otherwise) or a library's,
writes an exception's message, which may quote a resident's data."""

from __future__ import annotations

from typing import Any

from kiosk.logsafe import NoExceptionMessages


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
