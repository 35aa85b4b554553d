"""The one back-off and the one background-thread base everything beside the screens uses."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.background import Background
from kiosk.backoff import Backoff, jittered


@given(st.floats(0.01, 10), st.floats(1, 100), st.integers(1, 50))
def test_the_pause_doubles_up_to_its_cap_and_starts_over(first, factor, tries):
    cap = first * factor
    backoff = Backoff(first, cap)
    pauses = [backoff.next() for _ in range(tries)]
    assert pauses[0] == first
    assert all(b == min(a * 2, cap) for a, b in itertools.pairwise(pauses))
    assert max(pauses) <= cap
    backoff.reset()
    assert backoff.next() == first


def test_a_back_off_without_sense_is_refused():
    with pytest.raises(ValueError):
        Backoff(0, 1)
    with pytest.raises(ValueError):
        Backoff(2, 1)


@given(st.integers(0, 1000))
def test_jitter_stays_under_the_exponential_and_its_cap(attempt):
    assert 0 <= jittered(attempt, base=1, cap=300) <= min(300, 2 ** min(attempt, 30))


def _until(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.01)


class Counting(Background):
    def __init__(self, fail_first: int = 0) -> None:
        super().__init__("counting")
        self.rounds = 0
        self.fail_first = fail_first
        self.failures = 0
        self.ended = threading.Event()

    def run(self) -> None:
        while self.running:
            self.rounds += 1
            if self.rounds <= self.fail_first:
                raise RuntimeError("a bug")
            self.pause(3600)  # only stop() or wake() ends this

    def failed(self) -> None:
        self.failures += 1

    def stopped(self) -> None:
        self.ended.set()


def test_start_twice_is_one_thread_and_stop_cuts_a_long_pause_short():
    worker = Counting()
    assert worker.start() is worker
    assert worker.start() is worker
    _until(lambda: worker.rounds == 1)
    assert sum(t.name == "counting" for t in threading.enumerate()) == 1
    started = time.monotonic()
    assert worker.stop(timeout=30)
    assert time.monotonic() - started < 30
    assert worker.ended.is_set() and not worker.alive
    assert worker.stop()  # a second stop is harmless


def test_wake_runs_a_round_at_once():
    with Counting() as worker:
        _until(lambda: worker.rounds == 1)
        worker.wake()
        _until(lambda: worker.rounds == 2)


def test_a_bug_in_the_loop_is_survived(caplog):
    worker = Counting(fail_first=1).start()
    try:
        _until(lambda: worker.rounds == 2)
        assert worker.failures == 1 and worker.alive
        assert "unexpected failure" in caplog.text
    finally:
        worker.stop()


def test_stop_without_start_and_restart_after_stop():
    worker = Counting()
    assert worker.stop()
    worker.start()
    _until(lambda: worker.rounds == 1)
    worker.stop()
    worker.start()
    _until(lambda: worker.rounds == 2)
    worker.stop()


def test_the_thread_may_have_a_name_of_its_own():
    worker = Counting()
    worker.thread_name = "counting-thread"
    with worker:
        _until(lambda: worker.rounds == 1)
        assert any(t.name == "counting-thread" for t in threading.enumerate())
    assert Background("plain").thread_name == "plain"
    assert Background("pcsc", thread_name="pcsc-watcher").thread_name == "pcsc-watcher"


def test_a_lock_of_the_subclass_is_its_own():
    class Locking(Counting):
        def __init__(self) -> None:
            super().__init__()
            self._lock = threading.RLock()  # held below by someone else, for a long time

    worker = Locking()
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with worker._lock:
            held.set()
            release.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    starter = threading.Thread(target=worker.start)
    try:
        assert held.wait(30)
        starter.start()
        _until(lambda: worker.rounds == 1, timeout=10)  # start did not wait for that lock
        assert worker.stop(timeout=30)
    finally:
        release.set()
        holder.join()
        starter.join()
