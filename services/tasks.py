"""A service's calls on one worker thread of its own, one at a time, each result handed back
through `post` (the screens' thread): for the screens' services whose calls may wait for the
hub or a device (staff sign-in, maintenance checks), so that the screens start no thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

S = TypeVar("S")


class Tasks(Generic[S]):
    def __init__(self, service: S, post: Callable[[Callable[[], None]], None], name: str) -> None:
        self.service = service
        self._post = post
        self._name = name
        self._pool = ThreadPoolExecutor(1, thread_name_prefix=name)

    def run(self, work: Callable[[S], Any], done: Callable[[Any], None]) -> None:
        """`done(result)` on the screens' thread; done(the exception) if the work raised one,
        for the screen to word (never a traceback on screen; the log names its type only)."""

        def job() -> None:
            try:
                result: Any = work(self.service)
            except Exception as e:
                log.error("%s work failed: %s", self._name, type(e).__name__)
                result = e
            self._post(lambda: done(result))

        self._pool.submit(job)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
