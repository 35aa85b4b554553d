"""Sealing personal data at rest: AES-256-GCM with a key kept apart from the store it seals,
in a key directory beside the data directory (<data dir>-keys/seal.key), made on first use,
the file 0600 and the directory 0700.

An application waiting in the outbox holds ID numbers and photos; a copy of the data
directory (a backup, a support bundle) without the key must not give them away, and a
tampered blob must not decrypt. A key that older kiosks kept in the data directory itself is
moved out the first time it is used.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE = 12
_VERSION = b"\x01"
_KEY_NAME = "seal.key"


def key_path(data_dir: Path) -> Path:
    """The seal key of a data directory: beside it, in a directory of its own."""
    data_dir = Path(data_dir)
    return data_dir.with_name(f"{data_dir.name}-keys") / _KEY_NAME


def _write_once(path: Path, key: bytes) -> None:
    # O_EXCL: two processes starting together cannot each write their own key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as f:
        f.write(key)
        f.flush()
        os.fsync(f.fileno())


class SealError(Exception):
    """A sealed blob that cannot be opened: wrong key, or damaged."""


class Sealer:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the sealing key must be 32 bytes")
        self._aead = AESGCM(key)

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> Sealer:
        path = key_path(data_dir)
        if not path.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            old = Path(data_dir) / _KEY_NAME
            _write_once(path, old.read_bytes() if old.exists() else secrets.token_bytes(32))
            # Only once the key is safe in its new place (a copy, not a rename: the key
            # directory may be on another file system than a mounted data directory).
            old.unlink(missing_ok=True)
        # Tightened at every start: kiosks before the key directory left the data directory
        # 0755, and a key directory made by hand may be looser than it should be.
        os.chmod(path.parent, 0o700)
        os.chmod(path, 0o600)
        return cls(path.read_bytes())

    def seal(self, plain: bytes, context: bytes = b"") -> bytes:
        nonce = secrets.token_bytes(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, plain, context)

    def open(self, sealed: bytes, context: bytes = b"") -> bytes:
        if len(sealed) < 1 + _NONCE + 16 or sealed[:1] != _VERSION:
            raise SealError("not a sealed blob")
        try:
            return self._aead.decrypt(sealed[1 : 1 + _NONCE], sealed[1 + _NONCE :], context)
        except InvalidTag:
            raise SealError("the sealed blob is damaged or was sealed with another key") from None
