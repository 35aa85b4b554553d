"""The kiosk's hub token, renewed before it expires.

`hub.token` holds the token (as `kiosk enrol` writes it: owner-only, atomically);
`hub.token.expiry` says when to renew it and when it expires, in seconds of the kiosk's own
clock, reckoned from the hub's `expires_in`: the kiosk's clock may be off, it only needs to
run at the right speed. A token without an expiry file (enrolled before tokens expired) is
renewed at the first chance, which teaches the kiosk its expiry.

One HubToken per process, shared by the desk and the sync worker (HubClient takes it in
place of a fixed token): a renewal happens once, under a lock, before the request that
finds it due. A token that the hub no longer knows is read again from the file before the
kiosk gives up, since `kiosk enrol` (after the admin re-issued the code) or another kiosk
process may have replaced it.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.credentials import read_secret, write_secret

log = logging.getLogger(__name__)

RENEW_WHEN_LEFT = 0.5  # renew once half the token's life is over
RETRY_SECONDS = 60.0  # after a renewal that failed (hub away): the token still works


class HubToken:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.Lock()
        self._token = ""
        self._renew_after = 0.0
        self._expires = 0.0
        self._not_before = 0.0
        self.renewals = 0  # for the curious: how many this process made
        self.reload()

    @property
    def expiry_path(self) -> Path:
        return self.path.with_name(self.path.name + ".expiry")

    def token(self) -> str:
        return self._token

    def expires_in(self) -> float | None:
        """Seconds until the token expires, as far as this kiosk knows."""
        return self._expires - self._clock() if self._expires else None

    def reload(self) -> str:
        """The token as the files say now (another process or `kiosk enrol` may have
        written them)."""
        token = read_secret(self.path)
        renew_after = expires = 0.0
        try:
            saved = json.loads(self.expiry_path.read_text())
            renew_after, expires = float(saved["renew_after"]), float(saved["expires"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # none, or unreadable: renew at the first chance
        with self._lock:
            self._token, self._renew_after, self._expires = token, renew_after, expires
        return token

    def save(self, token: str, expires_in: float) -> None:
        """A token from enrolment or renewal, valid for `expires_in` seconds from now."""
        now = self._clock()
        expires = now + expires_in
        renew_after = now + expires_in * (1 - RENEW_WHEN_LEFT)
        # The token first: a crash before the expiry is written leaves the old expiry, which
        # is earlier, so the kiosk renews early, never late.
        write_secret(self.path, token)
        write_secret(self.expiry_path, json.dumps({"renew_after": renew_after, "expires": expires}))
        self._token, self._renew_after, self._expires = token, renew_after, expires
        self._not_before = 0.0

    def due(self) -> bool:
        now = self._clock()
        return bool(self._token) and now >= self._renew_after and now >= self._not_before

    def renew_if_due(self, renew: Callable[[str], tuple[str, float]]) -> None:
        """`renew(token)` asks the hub: (new token, seconds it lasts), or raises. A failure
        is logged and tried again after RETRY_SECONDS; the current token goes on working."""
        if not self.due():
            return
        with self._lock:
            if not self.due():  # another thread renewed it while this one waited
                return
            current = self._token
            try:
                token, expires_in = renew(current)
            except Exception as e:  # a HubError mostly; nothing may stop the request itself
                self._not_before = self._clock() + RETRY_SECONDS
                log.warning("the hub token was not renewed (trying again later): %s", e)
                return
            self.save(token, expires_in)
            self.renewals += 1
            log.info("the hub token was renewed; it lasts %.0f s", expires_in)
