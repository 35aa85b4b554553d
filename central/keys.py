"""The hub's keys, kept apart from the data they protect.

Two kinds: the data keys that seal personal fields and documents (AES-256-GCM, by id, so
that a new one can be added while data sealed with an older one still opens), and the key of
the subject-number hashes (HMAC-SHA256). A copy of the database or of the blob store without
them gives nothing away.

They come from a KeyProvider. The reference one is a key file (TOML, mode 0600, in a
directory of its own outside the data directory), made at the first start. A deployment
with a key management service names its own provider in the `key_provider` setting
("package.module:factory"); the factory is called with the hub's Settings.
"""

from __future__ import annotations

import base64
import binascii
import importlib
import json
import os
import re
import secrets
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from central.settings import Settings

KEY_BYTES = 32
_KEY_ID = re.compile(r"[a-z0-9-]{1,16}")


class KeyProblem(Exception):
    """The keys cannot be used; str() says why and what to do, in plain words."""


@dataclass(frozen=True)
class Keys:
    data_keys: Mapping[str, bytes]  # id -> 32 bytes
    current: str  # the id new data is sealed with
    # The HMAC key of the subject hashes. Bytes as they were: hubs before the key file used
    # the text of a hex string as the key, and their hashes must stay verifiable.
    subject_key: bytes

    def __post_init__(self) -> None:
        if self.current not in self.data_keys:
            raise KeyProblem(f"the current data key {self.current!r} is not among the data keys")
        for key_id, key in self.data_keys.items():
            if not _KEY_ID.fullmatch(key_id):
                raise KeyProblem(f"data key id {key_id!r}: use 1-16 of a-z, 0-9 and -")
            if len(key) != KEY_BYTES:
                raise KeyProblem(f"data key {key_id!r} is {len(key)} bytes, not {KEY_BYTES}")
        if not self.subject_key:
            raise KeyProblem("the subject-hash key is empty")


class KeyProvider(Protocol):
    """Where the keys come from: a file, or a key management service."""

    def describe(self) -> str:
        """Where the keys are, for messages (never the keys)."""
        ...

    def load(self) -> Keys | None:
        """The keys; None when there are none yet (a first start)."""
        ...

    def create(self, subject_key: bytes | None) -> Keys:
        """Make the keys at the first start. `subject_key` is the one an older hub kept in its
        database, to be kept so that existing hashes still match; None: make a new one."""
        ...


class KeyFile:
    """Keys in a TOML file, owner-only, in an owner-only directory:

        current = "k1"
        subject_key = "…"
        [data_keys]
        k1 = "…base64…"

    Another data key is added under [data_keys] and named in `current`; the older ones stay
    so that what they sealed still opens."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def describe(self) -> str:
        return f"the key file {self.path}"

    def load(self) -> Keys | None:
        if not self.path.exists():
            return None
        check_private(self.path, "the key file")
        try:
            data = tomllib.loads(self.path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise KeyProblem(f"{self.path}: the key file cannot be read: {e}") from None
        try:
            return Keys(
                data_keys={k: _b64(v) for k, v in dict(data["data_keys"]).items()},
                current=str(data["current"]),
                subject_key=str(data["subject_key"]).encode(),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise KeyProblem(
                f"{self.path}: the key file is incomplete or damaged ({e}); restore it from "
                "its backup"
            ) from None

    def create(self, subject_key: bytes | None) -> Keys:
        keys = Keys(
            data_keys={"k1": secrets.token_bytes(KEY_BYTES)},
            current="k1",
            subject_key=subject_key or secrets.token_hex(32).encode(),
        )
        text = (
            "# The hub's keys. Without them the hub's data cannot be read: keep a backup, apart\n"
            "# from the data's backups. Owner-only (0600); see README, encryption at rest.\n"
            f'current = "{keys.current}"\n'
            f"subject_key = {json.dumps(keys.subject_key.decode())}\n"
            "[data_keys]\n"
            + "".join(
                f'{k} = "{base64.b64encode(v).decode()}"\n' for k, v in keys.data_keys.items()
            )
        )
        private_dir(self.path.parent)
        # O_EXCL: of two hubs starting together, one writes the keys and the other reads them.
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            loaded = self.load()
            if loaded is None:
                raise KeyProblem(f"{self.path}: the key file vanished while it was made") from None
            return loaded
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        return keys


def provider_for(settings: Settings) -> KeyProvider:
    if settings.key_provider:
        module_name, _, attribute = settings.key_provider.partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError, ValueError):
            raise KeyProblem(
                f"key_provider: {settings.key_provider!r} cannot be loaded; name it as "
                "package.module:factory"
            ) from None
        return factory(settings)
    path = settings.key_path()
    for name, directory in (("data_dir", settings.data_dir), ("blob_dir", settings.blobs_path())):
        if path.resolve().is_relative_to(directory.resolve()):
            raise KeyProblem(
                f"key_file: {path} is inside {name} ({directory}); keep the keys apart from the "
                "data, so that a copy of one does not carry the other"
            )
    return KeyFile(path)


def check_private(path: Path, what: str) -> None:
    """Refuse a key (or its directory) that others may read: it may have been copied."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        wanted = "0700" if path.is_dir() else "0600"
        raise KeyProblem(
            f"{path}: {what} can be read by others (mode {mode:04o}); if nobody else could have "
            f"read it, make it owner-only (chmod {wanted} {path}) and start again"
        )


def private_dir(path: Path) -> None:
    """A directory only its owner can enter (made with its parents if needed)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def _b64(value: object) -> bytes:
    try:
        return base64.b64decode(str(value), validate=True)
    except binascii.Error:
        raise ValueError("a data key is not base64") from None
