"""Load a catalog from TOML: one file, or a directory (catalog.toml + onethings/*.toml)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from kiosk import paths
from kiosk.catalog.model import Catalog
from kiosk.tomlfile import FileProblem, describe_validation_error, read_toml

DEFAULT_CATALOG = paths.CATALOG


def load_catalog(path: Path = DEFAULT_CATALOG) -> Catalog:
    """Raise FileProblem, with every structural problem in plain words, if it cannot load."""
    path = Path(path)
    if path.is_dir():
        data = read_toml(path / "catalog.toml")
        onething_files = sorted((path / "onethings").glob("*.toml"))
        inline = list(data.get("onethings", []))
        data["onethings"] = inline + [read_toml(f) for f in onething_files]
        # Which file each entry of data["onethings"] came from, for error messages.
        sources = [path / "catalog.toml"] * len(inline) + onething_files
    else:
        data = read_toml(path)
        sources = []
    try:
        return Catalog.model_validate(data)
    except ValidationError as e:
        raise FileProblem(_with_file_names(path, e, sources)) from None


def _with_file_names(path: Path, error: ValidationError, sources: list[Path]) -> str:
    """Name the one-thing's file rather than 'onethings.7' when loading a directory."""
    prefix = f"{path}: onethings."
    out = []
    for line in describe_validation_error(str(path), error).splitlines():
        index, _, key = line.removeprefix(prefix).partition(".")
        if line.startswith(prefix) and index.isdigit() and int(index) < len(sources):
            line = f"{sources[int(index)]}: {key}"
        out.append(line)
    return "\n".join(out)
