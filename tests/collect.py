"""What a callback is given from another thread (a driver's events, the spooler's updates),
kept in order for a test to look at and to wait on until what it expects has come."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Collected(Generic[T]):
    """A callback that keeps what it is called with in `all`, in order."""

    def __init__(self) -> None:
        self.all: list[T] = []
        self._cursor = 0  # where `next_matching` looks from
        self._cond = threading.Condition()

    def __call__(self, item: T) -> None:
        with self._cond:
            self.all.append(item)
            self._cond.notify_all()

    def items(self) -> list[T]:
        """What has come so far (a copy: the callback may be adding to it meanwhile)."""
        with self._cond:
            return list(self.all)

    def wait_until(self, found: Callable[[list[T]], R | None], timeout: float, failure: str) -> R:
        """The first answer other than None that `found` gives about what has come, asked
        again as more comes; AssertionError with `failure` when `timeout` s pass first."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while (answer := found(self.all)) is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{failure}: {self.all}")
                self._cond.wait(left)
            return answer

    def next_matching(self, match: Callable[[T], bool], timeout: float, failure: str) -> T:
        """The first item that `match`es after the last one this returned, waiting for it;
        the items passed over stay in `all`."""

        def found(items: list[T]) -> T | None:
            for i in range(self._cursor, len(items)):
                if match(items[i]):
                    self._cursor = i + 1
                    return items[i]
            return None

        return self.wait_until(found, timeout, failure)
