"""Logged failures carry frames and exception types, never an exception's message: a
pydantic error quotes the value it refused (a resident's ID number), a database error the
row it could not write."""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from kiosk.logsafe import NoExceptionMessages, install, scrub_traceback_text

NUMBER = "330106198104287402"
NAME = "郑秘芸"


class Applicant(BaseModel):
    number: str
    name: str

    @field_validator("name")
    @classmethod
    def _short(cls, value: str) -> str:
        raise ValueError(f"{value} is not accepted")  # quotes the value, as some do


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    root = logging.getLogger()
    root.addHandler(handler)
    hooks = threading.excepthook, sys.excepthook
    filters = {h: list(h.filters) for h in root.handlers}
    try:
        install()
        yield out
    finally:
        root.removeHandler(handler)
        for h, before in filters.items():  # pytest's own handlers as they were
            h.filters[:] = before
        threading.excepthook, sys.excepthook = hooks


def test_a_logged_exception_keeps_its_frames_and_types_not_its_message(
    captured: io.StringIO,
) -> None:
    try:
        try:
            Applicant(number=NUMBER, name=NAME)
        except ValidationError as e:
            raise RuntimeError(f"could not take {NUMBER}") from e
    except RuntimeError:
        logging.getLogger("kiosk.test").exception("the application was not taken")
    text = captured.getvalue()
    assert "the application was not taken" in text
    assert "pydantic_core._pydantic_core.ValidationError" in text
    assert "RuntimeError" in text and "test_logsafe.py" in text  # frames and types kept
    assert NUMBER not in text and NAME not in text


def test_a_thread_that_dies_is_logged_without_the_message(captured: io.StringIO) -> None:
    def work() -> None:
        Applicant(number=NUMBER, name=NAME)

    thread = threading.Thread(target=work, name="sync")
    thread.start()
    thread.join()
    text = captured.getvalue()
    assert "a thread (sync) stopped on an error" in text
    assert NUMBER not in text and NAME not in text


def test_a_traceback_given_as_text_is_cut_to_frames_and_types() -> None:
    text = (
        "Application startup failed\n"
        "Traceback (most recent call last):\n"
        '  File "/srv/hub/app.py", line 3, in start\n'
        "    hub.start()\n"
        "psycopg.errors.CheckViolation: new row violates check constraint\n"
        f"DETAIL:  Failing row contains (7, {NUMBER}, {NAME}).\n"
        f"{NAME}\n"
    )
    record = logging.LogRecord("uvicorn.error", logging.ERROR, "", 0, text, None, None)
    NoExceptionMessages().filter(record)
    kept = record.getMessage()
    assert scrub_traceback_text(text) == kept
    assert "Application startup failed" in kept and "/srv/hub/app.py" in kept
    assert "psycopg.errors.CheckViolation" in kept
    assert NUMBER not in kept and NAME not in kept
