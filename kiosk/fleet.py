"""Fleet configuration: what a central push may set on a kiosk, and the bundle that carries it.

A bundle is a TUF target (signed by the admins' targets key, see README "Fleet
configuration"): a small JSON document with the settings it sets, in the kiosk's own
configuration shape, and the serial number the admin tools gave it. Both sides read it here:
`kioskctl config new` refuses a bundle before anything is signed, and the kiosk checks it
again before it adopts it, by the same rules and the kiosk's own settings models.

A push may set only the keys in PUSHABLE. A technician's calibration and the machine's wiring
(camera, printer, devices, the hub's address and TLS files, the data directory, the kiosk's
id) stay local: a bundle that names one is refused as a whole.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from kiosk.tomlfile import describe_validation_error

# Section -> keys a fleet push may set ("*": every key of the section).
PUSHABLE: dict[str, tuple[str, ...]] = {
    "kiosk": ("name", "name_en", "timezone"),  # branding, the service centre's details
    "ui": ("language", "elderly_mode"),
    "idle": ("*",),
    "catalog": ("onethings",),  # which one-things this kiosk offers
    "notice": ("*",),  # a notice on the attract screen
    "hub": ("heartbeat_seconds", "catalog_refresh_seconds", "progress_url"),
    "fleet": ("refresh_seconds", "stale_after_hours"),
}
# The TUF target that maps kiosks to groups, and each group's bundle.
ASSIGNMENTS_TARGET = "fleet/assignments.json"
DEFAULT_GROUP = "all"
# The catalog, signed like a bundle (`kioskctl catalog push --keys`): a kiosk with a fleet
# root takes its catalog only from here.
CATALOG_TARGET = "catalog/catalog.json"
MAX_BUNDLE_BYTES = 64 * 1024


class BundleProblem(ValueError):
    """A bundle that cannot be used; the message says why in plain words."""


# A group's name becomes part of a signed target's path and of the hub's file names: plain
# letters, digits, - and _ only, so a typo cannot reach another folder or need quoting.
_GROUP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def group_name(group: str) -> str:
    """`group` if it may name a fleet group; BundleProblem saying what a name may hold."""
    if not _GROUP_NAME.fullmatch(group):
        raise BundleProblem(
            f"{group!r} cannot name a group: use 1 to 64 plain letters, digits, - and _,"
            " starting with a letter or digit"
        )
    return group


def group_target(group: str) -> str:
    # Not checked here: a group named before names were checked is still read (and a kiosk
    # in one still falls back to "all"); only a new signature is held to group_name.
    return f"groups/{group}.json"


@dataclass(frozen=True)
class Bundle:
    serial: int  # grows with every publish, a rollback too
    group: str
    settings: dict[str, Any]
    published_at: str = ""
    note: str = ""  # e.g. "rollback to 3"

    @property
    def digest(self) -> str:
        """What the settings are, whatever their serial: two bundles with the same settings
        have the same digest (a rollback shows as the content it went back to)."""
        text = json.dumps(self.settings, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:8]

    @property
    def version(self) -> str:
        """The configuration version as kiosks report it: "7 (3f2a9c1e)"."""
        return f"{self.serial} ({self.digest})"

    def to_bytes(self) -> bytes:
        return json.dumps(
            {
                "serial": self.serial,
                "group": self.group,
                "published_at": self.published_at,
                "note": self.note,
                "settings": self.settings,
            },
            ensure_ascii=False,
            sort_keys=True,
            indent=1,
        ).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Bundle:
        if len(data) > MAX_BUNDLE_BYTES:
            raise BundleProblem(f"the bundle is {len(data)} bytes, more than {MAX_BUNDLE_BYTES}")
        try:
            raw = json.loads(data)
            bundle = cls(
                serial=int(raw["serial"]),
                group=str(raw["group"]),
                settings=dict(raw["settings"]),
                published_at=str(raw.get("published_at", "")),
                note=str(raw.get("note", "")),
            )
        except (ValueError, KeyError, TypeError) as e:
            raise BundleProblem(f"the bundle is not a configuration bundle ({e})") from None
        return bundle

    def renumbered(self, serial: int, group: str, note: str = "") -> Bundle:
        return Bundle(serial, group, self.settings, datetime.now(UTC).isoformat(), note)


def check_settings(settings: dict[str, Any]) -> list[str]:
    """Every problem with a bundle's settings, in plain lines; [] when it may be pushed."""
    from kiosk.config import DEFAULTS, Config, merge
    from kiosk.tomlfile import read_toml

    problems = []
    for section, values in settings.items():
        allowed = PUSHABLE.get(section)
        if allowed is None:
            problems.append(f"[{section}] is set on each kiosk, not by a fleet push")
            continue
        if not isinstance(values, dict):
            problems.append(f"[{section}] must be a section")
            continue
        problems += [
            f"{section}.{key} is set on each kiosk, not by a fleet push"
            for key in values
            if "*" not in allowed and key not in allowed
        ]
    if problems:
        return problems
    try:
        Config.model_validate(merge(read_toml(DEFAULTS), settings))
    except ValidationError as e:
        return describe_validation_error("bundle", e).splitlines()
    return []


def pushable_part(settings: dict[str, Any]) -> dict[str, Any]:
    """The keys of `settings` (a whole configuration) that a push may set."""
    part: dict[str, Any] = {}
    for section, keys in PUSHABLE.items():
        values = settings.get(section)
        if isinstance(values, dict):
            part[section] = {k: v for k, v in values.items() if "*" in keys or k in keys}
    return part


def checked(bundle: Bundle) -> Bundle:
    """The bundle if its settings may be used; BundleProblem naming the first problem."""
    problems = check_settings(bundle.settings)
    if problems:
        raise BundleProblem("; ".join(problems))
    return bundle


def assignments_from_bytes(data: bytes) -> dict[str, str]:
    try:
        raw = json.loads(data)
        return {str(k): str(v) for k, v in dict(raw["kiosks"]).items()}
    except (ValueError, KeyError, TypeError) as e:
        raise BundleProblem(f"the group assignments are unreadable ({e})") from None


def assignments_to_bytes(kiosks: dict[str, str]) -> bytes:
    return json.dumps({"kiosks": dict(sorted(kiosks.items()))}, indent=1).encode()
