"""Documents (photos, signatures, PDFs) in a blob store rather than in the database, sealed.

A BlobStore keeps bytes by name; FileBlobs is the reference one, files in a directory on
disk. An S3-compatible store implements the same three methods (put_object, get_object,
delete_object), which is what several hub hosts behind a load balancer share.

SealedBlobs seals what goes in with the hub's data keys, bound to the blob's name: the store,
whichever it is, only ever holds sealed bytes.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from central.keys import private_dir
from central.sealing import Cipher

_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")


class BlobMissing(Exception):
    """No blob by this name."""


class BlobStore(Protocol):
    def put(self, name: str, data: bytes) -> None:
        """Durable when this returns; a blob of the same name is replaced."""
        ...

    def get(self, name: str) -> bytes:
        """The bytes; BlobMissing if there is none."""
        ...

    def delete(self, name: str) -> None:
        """Gone, or was never there."""
        ...


class FileBlobs:
    """One file per blob, in directories by the name's first two characters (so that no
    directory grows to millions of entries); files 0600, directories 0700."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        private_dir(self.root)

    def path(self, name: str) -> Path:
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a blob name: {name!r}")
        return self.root / name[:2] / name

    def put(self, name: str, data: bytes) -> None:
        path = self.path(name)
        if not path.parent.is_dir():
            private_dir(path.parent)
        # A file under a temporary name, then renamed: a reader sees all of it or nothing.
        tmp = path.with_name(f".{name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        # The rename is durable once the directory is.
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def get(self, name: str) -> bytes:
        try:
            return self.path(name).read_bytes()
        except FileNotFoundError:
            raise BlobMissing(name) from None

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)


class SealedBlobs:
    def __init__(self, store: BlobStore, cipher: Cipher) -> None:
        self.store = store
        self._cipher = cipher

    def put(self, name: str, data: bytes) -> None:
        self.store.put(name, self._cipher.seal(data, f"blob:{name}"))

    def get(self, name: str) -> bytes:
        return self._cipher.open(self.store.get(name), f"blob:{name}")

    def delete(self, name: str) -> None:
        self.store.delete(name)
