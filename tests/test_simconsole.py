"""The one command loop every simulator's console reads with (drivers.simconsole)."""

from __future__ import annotations

import io

import pytest

from drivers.simconsole import command_loop


def test_words_go_to_the_command_errors_are_said_and_quit_stops() -> None:
    seen: list[list[str]] = []

    def do(words: list[str]) -> bool:
        if words[0] == "quit":
            return False
        if words[0] == "bad":
            raise ValueError("bad takes nothing")
        seen.append(words)
        return True

    out = io.StringIO()
    command_loop(io.StringIO("place  1\n\n   \nbad\nremove\nquit\nnever\n"), out, do)
    assert seen == [["place", "1"], ["remove"]]
    assert out.getvalue() == "error: bad takes nothing\n"


def test_the_end_of_the_input_ends_it_and_other_errors_go_up() -> None:
    out = io.StringIO()
    command_loop(io.StringIO("a\nb"), out, lambda words: True)
    assert out.getvalue() == ""
    with pytest.raises(ZeroDivisionError):  # not the console's to swallow
        command_loop(io.StringIO("x\n"), out, lambda words: 1 / 0 > 0, errors=())


def test_with_a_help_text_the_loop_answers_help_and_quit_itself() -> None:
    seen: list[list[str]] = []
    out = io.StringIO()
    command_loop(io.StringIO("HELP\nplace 1\nExit\nnever\n"), out, seen.append, help_text="usage")
    assert seen == [["place", "1"]]
    assert out.getvalue() == "usage\n"
