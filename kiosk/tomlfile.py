"""Reading TOML files and turning pydantic errors into one plain sentence each.

Both the configuration and the catalog are hand-written TOML; whoever edits them should
see "kiosk.toml: idle.timeout_seconds: must be a whole number, not 'abc'", never a
traceback.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError


class FileProblem(Exception):
    """A file that cannot be used; str() is a message fit for the person who edits it."""


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise FileProblem(f"{path}: file not found") from None
    except IsADirectoryError:
        raise FileProblem(f"{path}: is a directory, expected a TOML file") from None
    except PermissionError:
        raise FileProblem(f"{path}: cannot be read (permission denied)") from None
    except UnicodeDecodeError:
        raise FileProblem(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise FileProblem(f"{path}: not valid TOML: {e}") from None


_PLAIN = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a known setting (check the spelling)",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be a table",
    "model_type": "must be a table",
}


def describe_validation_error(source: str, error: ValidationError) -> str:
    """One line per problem: `source: dotted.key: what is wrong`."""
    lines = []
    for err in error.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        plain = _PLAIN.get(err["type"])
        if plain is None:
            plain = err["msg"][0].lower() + err["msg"][1:]
            plain = plain.removeprefix("value error, ")
        if "input" in err and err["type"] not in ("missing", "extra_forbidden"):
            shown = repr(err["input"])
            if len(shown) <= 60 and not isinstance(err["input"], dict):
                plain = f"{plain}, not {shown}"
        lines.append(f"{source}: {key}: {plain}")
    return "\n".join(lines)
