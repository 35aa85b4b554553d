"""The kiosk's fleet configuration client: The Update Framework's ngclient against the
signed repository the hub serves (/fleet/), from the root of trust shipped with the kiosk.

Each poll refreshes the metadata (an unchanged repository costs the timestamp and a root
probe), downloads this kiosk's group's bundle when it changed, checks it by the kiosk's own
settings models, and keeps it as the last good configuration (written atomically: a power
cut leaves the old one or the new one). Anything refused (a wrong signature, an older
version, expired metadata, a hash that does not match, a bundle too large or unusable) is
logged in one plain line and reported; the last good configuration stays in force.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tuf.api.exceptions import DownloadError, RepositoryError
from tuf.ngclient import Updater

from kiosk.fleet import (
    ASSIGNMENTS_TARGET,
    CATALOG_TARGET,
    DEFAULT_GROUP,
    MAX_BUNDLE_BYTES,
    Bundle,
    BundleProblem,
    assignments_from_bytes,
    checked,
    group_target,
)

log = logging.getLogger(__name__)

# What a poll may meet in what the repository serves, all refused the same way; anything
# else is a fault of the kiosk's own, for the sync worker's guard.
_REFUSED = (
    RepositoryError,
    DownloadError,
    BundleProblem,
    OSError,
    ValueError,
    KeyError,
    TypeError,
    RecursionError,
)


@dataclass
class FleetState:
    version: str = ""
    error: str = ""
    group: str = DEFAULT_GROUP  # as the signed assignments say, else the configured one
    # The last error was the repository's or a bundle's refusal (not only "unreachable").
    refused: bool = False
    last_confirmed: float = 0.0  # time.time() of the last successful refresh


class FleetClient:
    def __init__(
        self,
        data_dir: Path,
        root: bytes,
        base_url: str,
        group: str = DEFAULT_GROUP,
        kiosk_id: str = "",
        fits: Callable[[Bundle], None] = lambda bundle: None,
    ) -> None:
        """`fits(bundle)` raises BundleProblem when a bundle, valid in itself, does not fit
        this kiosk's own settings: it is then refused like any other, not adopted."""
        self.dir = Path(data_dir) / "fleet"
        self.metadata_dir = self.dir / "metadata"
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.base_url = base_url.rstrip("/") + "/"
        self.group = group
        self.kiosk_id = kiosk_id
        self._fits = fits
        self.current_path = self.dir / "current.json"
        self.state = FleetState(group=group)
        self.before_switch: Callable[[], None] = lambda: None  # tests: a power cut here
        # The signed catalog, when one newer than the last taken came with a poll: its
        # sha256 and its bytes, for the sync worker to check and adopt (take_catalog).
        self.new_catalog: tuple[str, bytes] | None = None
        current = self.current()
        if current is not None:
            self.state.version = current.version
        self._refused_catalog = ""
        self._catalog_error = ""
        self._load_state()

    def current(self) -> Bundle | None:
        """The last good configuration, if any."""
        try:
            return checked(Bundle.from_bytes(self.current_path.read_bytes()))
        except FileNotFoundError:
            return None
        except BundleProblem as e:
            log.warning("the kept fleet configuration is unusable and is ignored: %s", e)
            return None

    def stale(self, now: float, stale_after_hours: float = 24.0) -> str:
        """ "expired" when the signed timestamp or snapshot has expired, "unconfirmed" when
        the repository could not be confirmed for `stale_after_hours`, else "": for the
        technician's check to word. The kiosk keeps serving residents on its configuration
        either way."""
        from datetime import UTC, datetime

        from tuf.api.metadata import Metadata

        expiries = []
        for name in ("timestamp.json", "snapshot.json"):
            try:
                data = (self.metadata_dir / name).read_bytes()
                expiries.append(Metadata.from_bytes(data).signed.expires)
            except (OSError, ValueError, RepositoryError):  # unreadable: the next poll
                continue  # fetches it again (ngclient does not trust a bad local copy)
        if not expiries:
            return ""
        expires = min(expiries)
        if datetime.fromtimestamp(now, UTC) > expires:
            return "expired"
        if self.state.last_confirmed and now - self.state.last_confirmed > stale_after_hours * 3600:
            return "unconfirmed"
        return ""

    def _look_for_catalog(self, updater: Updater) -> None:
        """A signed catalog newer than the one in use, for take_catalog. On its own: a catalog
        that cannot be fetched does not keep a configuration from being adopted."""
        try:
            info = updater.get_targetinfo(CATALOG_TARGET)
            if info is None or info.hashes.get("sha256") in (None, self._refused_catalog):
                return
            self._catalog_error = ""  # another catalog: the refusal of the last one is over
            if updater.find_cached_target(info, str(self.dir / "catalog.json")):
                return  # the one adopted last
            path = updater.download_target(info, str(self.dir / "catalog.new.json"))
            self.new_catalog = (info.hashes["sha256"], Path(path).read_bytes())
        except _REFUSED as e:
            self.state.error = f"catalog: {type(e).__name__}: {e}"[:300]
            log.error("the signed catalog could not be fetched: %s", self.state.error)

    def catalog_refused(self, digest: str, why: str) -> None:
        """Not fetched again until the admins sign another one; reported until then."""
        self._refused_catalog = digest
        self._catalog_error = self.state.error = f"catalog refused: {why}"[:300]
        self.state.refused = True
        self._save_state()

    def take_catalog(self) -> tuple[str, bytes] | None:
        catalog, self.new_catalog = self.new_catalog, None
        return catalog

    def catalog_adopted(self) -> None:
        """The catalog last taken is in use: the next poll does not fetch it again (until
        then, a catalog that failed its checks is fetched and refused again, and said)."""
        os.replace(self.dir / "catalog.new.json", self.dir / "catalog.json")

    def _group(self, updater: Updater) -> str:
        """This kiosk's group: the admins' signed assignment when it names this kiosk, else
        the group it was configured with."""
        info = updater.get_targetinfo(ASSIGNMENTS_TARGET) if self.kiosk_id else None
        if info is None:
            return self.group
        kept = str(self.dir / "assignments.json")
        path = updater.find_cached_target(info, kept) or updater.download_target(info, kept)
        return assignments_from_bytes(Path(path).read_bytes()).get(self.kiosk_id, self.group)

    def poll(self) -> Bundle | None:
        """A new configuration when one was adopted, else None (see state.error)."""
        try:
            updater = self._refreshed()
            bundle = self._new_bundle(updater)
        except _REFUSED as e:
            self.state.error = f"{type(e).__name__}: {e}"[:300]
            self.state.refused = not isinstance(e, DownloadError | ConnectionError)
            log.error(
                "fleet configuration refused, keeping %s: %s",
                self.state.version or "the local configuration",
                self.state.error,
            )
            self._save_state()
            return None
        self.state.error = self._catalog_error
        self.state.refused = bool(self._catalog_error)
        self._look_for_catalog(updater)
        if bundle is not None:
            self.before_switch()
            try:
                _switch(self.dir / "download.json", self.current_path)
            except OSError as e:  # a full disk: not adopted, said; the next poll tries again
                self.state.error = f"not switched in: {type(e).__name__}: {e}"[:300]
                self.state.refused = True
                log.error("fleet configuration %s %s", bundle.version, self.state.error)
                self._save_state()
                return None
            self.state.version = bundle.version
            log.info("fleet configuration %s adopted", bundle.version)
        self._save_state()
        return bundle

    def _refreshed(self) -> Updater:
        bootstrap = None if (self.metadata_dir / "root.json").exists() else self.root
        if bootstrap == b"":  # needed only until the first poll keeps a root of its own
            raise RepositoryError("no root of trust: the kiosk's [fleet] root cannot be read")
        updater = Updater(
            str(self.metadata_dir),
            self.base_url + "metadata/",
            str(self.dir / "download"),
            self.base_url + "targets/",
            bootstrap=bootstrap,
        )
        updater.refresh()
        self.state.last_confirmed = time.time()
        self.state.group = self._group(updater)
        return updater

    def _new_bundle(self, updater: Updater) -> Bundle | None:
        """This kiosk's group's bundle, downloaded and checked, when it is not the one in
        force (not switched in yet)."""
        info = updater.get_targetinfo(group_target(self.state.group)) or updater.get_targetinfo(
            group_target(DEFAULT_GROUP)
        )
        if info is None:
            return None
        current = self.current()
        if (
            current is not None
            and info.length == len(current.to_bytes())
            and updater.find_cached_target(info, str(self.current_path))
        ):
            return None
        if info.length > MAX_BUNDLE_BYTES:  # refused before a byte of it is fetched
            raise BundleProblem(
                f"{info.path} is signed as {info.length} bytes, more than {MAX_BUNDLE_BYTES}"
            )
        path = updater.download_target(info, str(self.dir / "download.json"))
        bundle = checked(Bundle.from_bytes(Path(path).read_bytes()))
        self._fits(bundle)
        return bundle

    def _save_state(self) -> None:
        """For the technician's check in another process (kiosk doctor): when the repository
        was last confirmed, and the last error."""
        data = json.dumps(
            {
                "last_confirmed": self.state.last_confirmed,
                "error": self.state.error,
                "refused": self.state.refused,
            }
        )
        try:
            tmp = self.dir / "state.tmp"
            tmp.write_text(data, "utf-8")
            tmp.replace(self.dir / "state.json")
        except OSError as e:
            log.warning("the fleet state could not be kept: %s", type(e).__name__)

    def _load_state(self) -> None:
        try:
            data = json.loads((self.dir / "state.json").read_text("utf-8"))
            self.state.last_confirmed = float(data["last_confirmed"])
            self.state.error = str(data["error"])[:300]
            self.state.refused = bool(data.get("refused", False))
        except (OSError, ValueError, KeyError, TypeError):
            pass


def _switch(new: Path, current: Path) -> None:
    """`new` in the place of `current`, in one step that survives a power cut: its bytes on
    the disk before the rename (else the rename may land first and leave an empty file), and
    the rename itself on the disk after it."""
    with new.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(new, current)
    try:  # switched already: a failure from here on is the rename's durability only
        fd = os.open(current.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as e:
        log.warning("the fleet folder could not be synced: %s", type(e).__name__)
