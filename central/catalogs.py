"""Catalog versions: publishing (validated by the kiosk's own model and checker, so the hub
never serves a catalog a kiosk would refuse), the current one, and any past one by ETag.

The ETag is the SHA-256 of the catalog's canonical JSON, so publishing the same catalog
twice keeps one version and kiosks download nothing new.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.errors import ApiError
from central.tables import CatalogVersion
from kiosk.catalog.check import check_catalog
from kiosk.catalog.model import Catalog
from kiosk.text import find_text_problem
from kiosk.tomlfile import describe_validation_error


@dataclass(frozen=True)
class Published:
    version: str
    etag: str  # hex digest, unquoted
    catalog: Catalog
    body: bytes  # canonical JSON, served as it is

    def etag_header(self) -> str:
        return f'"{self.etag}"'


def canonical(catalog: Catalog) -> bytes:
    data = catalog.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def validate(data: Any) -> Catalog:
    """The catalog, or ApiError 422 "catalog_problems" listing every problem found."""
    if not isinstance(data, dict):
        raise ApiError(422, "catalog_problems", "the catalog must be a JSON object")
    if (problem := find_text_problem(data)) is not None:
        raise ApiError(422, "catalog_problems", f"catalog.{problem}")
    try:
        # Strictly, as JSON: a number is a number and true is true ("7" and "true" are
        # refused, not guessed at), while dates and enums are read from their strings.
        catalog = Catalog.model_validate_json(json.dumps(data), strict=True)
    except ValidationError as e:
        raise ApiError(
            422, "catalog_problems", "; ".join(describe_validation_error("catalog", e).splitlines())
        ) from None
    problems = check_catalog(catalog)
    if problems:
        raise ApiError(422, "catalog_problems", "; ".join(str(p) for p in problems))
    return catalog


class CatalogStore:
    """Reads the current version's ETag from the database on every call (another hub process
    may have published) and keeps parsed catalogs by ETag, which never change."""

    def __init__(self) -> None:
        self._parsed: dict[str, Published] = {}
        self._lock = threading.Lock()

    def current(self, session: Session) -> Published | None:
        row = session.execute(
            select(CatalogVersion.id, CatalogVersion.etag)
            .order_by(CatalogVersion.id.desc())
            .limit(1)
        ).first()
        return None if row is None else self.by_etag(session, row.etag)

    def by_etag(self, session: Session, etag: str) -> Published:
        with self._lock:
            found = self._parsed.get(etag)
        if found is not None:
            return found
        row = session.scalars(
            select(CatalogVersion).where(CatalogVersion.etag == etag).limit(1)
        ).one()
        body = row.body.encode()
        published = Published(row.version, etag, Catalog.model_validate_json(body), body)
        with self._lock:
            self._parsed[etag] = published
        return published

    def publish(self, session: Session, catalog: Catalog) -> Published:
        body = canonical(catalog)
        etag = hashlib.sha256(body).hexdigest()
        current = self.current(session)
        if current is not None and current.etag == etag:
            return current
        session.add(CatalogVersion(version=catalog.version, etag=etag, body=body.decode()))
        session.flush()
        published = Published(catalog.version, etag, catalog, body)
        with self._lock:
            self._parsed[etag] = published
        return published
