"""Sealing personal data with the hub's data keys: AES-256-GCM (cryptography's AESGCM).

A sealed value names the key it was sealed with, so that keys can be added and older data
still opens; and it is bound to where it belongs (a column, a document id) as associated
data, so that a sealed value copied elsewhere in the database does not open there.

Columns of personal data are declared with SealedText or SealedJSON: the ORM seals on the way
in and opens on the way out, with the cipher attached to the hub's database engine.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Engine, Text
from sqlalchemy.types import TypeDecorator

from central.keys import Keys

_NONCE = 12
_TEXT_PREFIX = "s1."
_BLOB_PREFIX = b"\x01"


class Unsealable(Exception):
    """A sealed value that does not open: another key, damaged, or moved from elsewhere."""


class Cipher:
    def __init__(self, keys: Keys) -> None:
        self._aeads: Mapping[str, AESGCM] = {k: AESGCM(v) for k, v in keys.data_keys.items()}
        self._current = keys.current

    def seal(self, plain: bytes, context: str) -> bytes:
        """Version, key id's length and key id, nonce, ciphertext with its tag."""
        key_id = self._current.encode()
        nonce = secrets.token_bytes(_NONCE)
        sealed = self._aeads[self._current].encrypt(nonce, plain, context.encode())
        return _BLOB_PREFIX + bytes([len(key_id)]) + key_id + nonce + sealed

    def open(self, sealed: bytes, context: str) -> bytes:
        if sealed[:1] != _BLOB_PREFIX or len(sealed) < 2:
            raise Unsealable(f"{context}: not a sealed value")
        end = 2 + sealed[1]
        return self._open(sealed[2:end].decode(errors="replace"), sealed[end:], context)

    def seal_text(self, plain: str, context: str) -> str:
        """s1.<key id>.<base64 of nonce and ciphertext>: text for a text column."""
        nonce = secrets.token_bytes(_NONCE)
        sealed = self._aeads[self._current].encrypt(nonce, plain.encode(), context.encode())
        return f"{_TEXT_PREFIX}{self._current}.{base64.b64encode(nonce + sealed).decode()}"

    def open_text(self, sealed: str, context: str) -> str:
        if not sealed.startswith(_TEXT_PREFIX):
            raise Unsealable(f"{context}: not a sealed value")
        key_id, _, body = sealed[len(_TEXT_PREFIX) :].partition(".")
        try:
            raw = base64.b64decode(body, validate=True)
        except ValueError:
            raise Unsealable(f"{context}: a sealed value is damaged") from None
        return self._open(key_id, raw, context).decode()

    def _open(self, key_id: str, raw: bytes, context: str) -> bytes:
        aead = self._aeads.get(key_id)
        if aead is None:
            raise Unsealable(
                f"{context}: sealed with the data key {key_id!r}, which the hub's keys do not "
                "hold; add it back under data_keys"
            )
        try:
            return aead.decrypt(raw[:_NONCE], raw[_NONCE:], context.encode())
        except InvalidTag:
            raise Unsealable(f"{context}: a sealed value is damaged or out of place") from None


_ATTRIBUTE = "_hub_cipher"


def attach(engine: Engine, cipher: Cipher) -> None:
    """The cipher the sealed columns of this engine use (one per engine, not per process)."""
    setattr(engine.dialect, _ATTRIBUTE, cipher)


def _cipher(dialect: Any) -> Cipher:
    cipher = getattr(dialect, _ATTRIBUTE, None)
    if cipher is None:
        raise RuntimeError("personal data cannot be read or written before the keys are loaded")
    return cipher


class SealedText(TypeDecorator[str]):
    """Text sealed in the database; `context` names the column (table.column)."""

    impl = Text
    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else _cipher(dialect).seal_text(value, self.context)

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else _cipher(dialect).open_text(value, self.context)


class SealedJSON(SealedText):
    """A JSON value sealed in the database as text."""

    cache_ok = True  # SQLAlchemy asks each subclass again

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        text = None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
        return super().process_bind_param(text, dialect)

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        text = super().process_result_value(value, dialect)
        return None if text is None else json.loads(text)
