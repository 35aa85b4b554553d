"""The "一件事" catalog: model, loading, and the checks a catalog must pass."""

from kiosk.catalog.check import Problem, check_catalog
from kiosk.catalog.load import DEFAULT_CATALOG, load_catalog
from kiosk.catalog.model import Catalog, MaterialSource, OneThing

__all__ = [
    "DEFAULT_CATALOG",
    "Catalog",
    "MaterialSource",
    "OneThing",
    "Problem",
    "check_catalog",
    "load_catalog",
]
