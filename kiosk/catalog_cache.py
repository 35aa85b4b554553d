"""The hub's catalog, cached on the kiosk so that it starts and works offline.

Fetched with its ETag, so an unchanged catalog costs one small request; a new one is
checked like any catalog before it replaces the cached copy, and written atomically.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pydantic import ValidationError

from kiosk.catalog.check import check_catalog
from kiosk.catalog.model import Catalog
from kiosk.hubclient import HubClient, HubError

log = logging.getLogger(__name__)


class CatalogCache:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / "catalog-cache.json"

    def load(self) -> tuple[str, Catalog] | None:
        """The cached catalog and its ETag, if there is a usable one."""
        try:
            cached = json.loads(self.path.read_text("utf-8"))
            return cached["etag"], Catalog.model_validate(cached["catalog"])
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, ValidationError) as e:
            log.warning("the cached catalog is unusable and is ignored: %s", e)
            return None

    def refresh(self, client: HubClient) -> Catalog | None:
        """A new catalog from the hub if it changed, else None (the cached one stands)."""
        cached = self.load()
        reply = client.catalog(cached[0] if cached else "")
        if reply is None:
            return None
        etag, data = reply
        return self.adopt(etag, data, "the hub's catalog")

    def adopt(self, etag: str, data: dict, source: str) -> Catalog:
        """Check a catalog and keep it (atomically) as the one the kiosk starts with;
        HubError naming `source` when it is not a valid catalog."""
        try:
            catalog = Catalog.model_validate(data)
        except ValidationError as e:
            raise HubError(
                "malformed_reply",
                f"{source} is not a valid catalog: {e.errors()[0]['loc']}: {e.errors()[0]['msg']}",
            ) from None
        problems = check_catalog(catalog)
        if problems:
            raise HubError("catalog_problems", f"{source} fails its checks: {problems[0]}")
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"etag": etag, "catalog": data}, ensure_ascii=False), "utf-8")
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        tmp.replace(self.path)
        return catalog
