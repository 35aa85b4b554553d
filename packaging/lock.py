"""Write packaging/requirements.lock: the kiosk's run-time dependencies (not the dev extra),
each pinned to the version installed in this virtualenv, with their own dependencies.

The Debian package's virtualenv is built from this file (packaging/build-deb.sh), so every
terminal runs the versions the tests ran. Run it after changing pyproject.toml's
dependencies: .venv/bin/python packaging/lock.py
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = Path(__file__).with_name("requirements.lock")
ROOT_DISTRIBUTION = "yijianshi-kiosk"


def closure(root: str) -> dict[str, str]:
    """Every distribution the root needs at run time, by canonical name, with its version."""
    pinned: dict[str, str] = {}
    todo = [(Requirement(root), ())]
    while todo:
        requirement, extras = todo.pop()
        name = canonicalize_name(requirement.name)
        seen = name in pinned
        dist = metadata.distribution(requirement.name)
        pinned[name] = dist.version
        if seen and not requirement.extras:
            continue
        wanted = set(requirement.extras) | set(extras)
        for line in dist.requires or []:
            sub = Requirement(line)
            env = {"extra": ""}
            if sub.marker is not None and not any(
                sub.marker.evaluate({"extra": e}) for e in (wanted or {""})
            ):
                continue
            if sub.marker is not None and not wanted and not sub.marker.evaluate(env):
                continue
            todo.append((sub, tuple(sub.extras)))
    pinned.pop(canonicalize_name(root))
    return pinned


def main() -> int:
    pins = closure(ROOT_DISTRIBUTION)
    lines = [
        "# The kiosk's run-time dependencies, pinned: written by packaging/lock.py from the",
        "# virtualenv the tests ran in. The Debian package's virtualenv is built from it.",
        *(f"{name}=={version}" for name, version in sorted(pins.items())),
    ]
    LOCK.write_text("\n".join(lines) + "\n")
    print(f"{LOCK}: {len(pins)} distributions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
