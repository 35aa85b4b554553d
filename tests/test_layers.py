"""The layers, read from the source: every import of every module (function-level ones too)
must go in an allowed direction.

    kiosk/      the core: rules and formats; no devices, screens, services, hub or Qt
    drivers/    devices; no screens, services, hub, Qt or the kiosk's store
    services/   what runs beside the screens; no screens, hub or Qt
    ui/         screens, view models and the app shell; no SQL, HTTP or device protocol
    demo/       the demo and the scripted journey: may use everything; nothing uses it but
                the `kiosk` command (for `demo`, `journey` and --simulated-devices)
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT = ("PySide6", "shiboken6")
STORE = ("kiosk.store", "kiosk.outbox", "kiosk.sealed", "kiosk.printing.jobs", "services.storage")


@dataclass(frozen=True)
class Rule:
    package: str  # the modules it is about: a package, or one module
    forbidden: tuple[str, ...]  # imported modules (or their parents) it may not import
    why: str
    except_in: tuple[str, ...] = ()  # modules (dotted) the rule leaves alone, each for a reason


RULES = (
    Rule(
        "kiosk",
        ("services", "drivers", "ui", "central", "demo", *QT),
        "the core holds rules and formats only",
    ),
    Rule(
        "drivers",
        ("services", "ui", "central", "demo", *QT, *STORE),
        "a driver talks to its device and tells what happened; it keeps nothing",
        # Printing A4 results through CUPS is done by Qt's print support (rendering each
        # page with QtPdf): a device driver with no screen, the one module that needs Qt.
        except_in=("drivers.printer.office",),
    ),
    Rule(
        "services",
        ("ui", "central", "demo", *QT),
        "the services run beside the screens and tell them through post(); no Qt",
    ),
    Rule(
        "ui",
        (
            "central",
            "sqlite3",
            "sqlalchemy",
            "requests",
            "urllib3",
            "httpx",
            "serial",
            "smartcard",
            "kiosk.hubclient",
            *STORE,
        ),
        "the screens draw and react; the work is the services' (no SQL, HTTP or device protocol)",
    ),
    Rule("central", ("ui", "services", "drivers", "demo", *QT), "the hub needs no kiosk parts"),
)
# Who may import the demo package: the command that starts it.
DEMO_USERS = ("ui.cli", "ui.launcher")
# View models start no threads: blocking work goes to the services, which post results back.
THREAD_STARTERS = ("Thread", "ThreadPoolExecutor", "Timer")
VIEW_MODEL_THREADS_ALLOWED = {
    # The camera's capture threads are stopped (and joined) off the screens' thread, so that
    # a device stuck in a read cannot freeze the screen; the camera moves into the runtime
    # with the technicians' tools.
    "ui.camera",
}


def _modules(package: str) -> Iterator[tuple[str, Path]]:
    base = ROOT / package.replace(".", "/")
    paths = [base.with_suffix(".py")] if base.with_suffix(".py").exists() else base.rglob("*.py")
    for path in sorted(paths):
        dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        yield dotted.removesuffix(".__init__"), path


def _imports(path: Path, module: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                parts = module.split(".")[: -node.level] if path.name != "__init__.py" else []
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            yield node.lineno, base
            for alias in node.names:  # `from drivers import events` imports drivers.events
                yield node.lineno, f"{base}.{alias.name}"


def _hits(name: str, forbidden: tuple[str, ...]) -> str | None:
    return next((f for f in forbidden if name == f or name.startswith(f + ".")), None)


def violations(rule: Rule) -> list[str]:
    found = []
    for module, path in _modules(rule.package):
        if module in rule.except_in:
            continue
        for line, name in _imports(path, module):
            if (hit := _hits(name, rule.forbidden)) is not None:
                found.append(f"{path.relative_to(ROOT)}:{line}: imports {name} ({hit}): {rule.why}")
    return sorted(set(found))


@pytest.mark.parametrize("rule", RULES, ids=[r.package for r in RULES])
def test_no_layer_imports_against_its_direction(rule):
    assert violations(rule) == []


def test_only_the_command_imports_the_demo():
    found = []
    for package in ("kiosk", "drivers", "services", "ui", "central"):
        for module, path in _modules(package):
            if module in DEMO_USERS:
                continue
            for line, name in _imports(path, module):
                if _hits(name, ("demo",)):
                    found.append(f"{path.relative_to(ROOT)}:{line}: imports {name}")
    assert found == []


def test_view_models_start_no_threads():
    found = []
    for module, path in _modules("ui"):
        if module in VIEW_MODEL_THREADS_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if name in THREAD_STARTERS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: starts a {name}")
    assert found == []


def test_the_rules_catch_a_forbidden_import(tmp_path, monkeypatch):
    """The check itself: a core module that imports Qt, and a function-level import of the
    store in a driver, are both found."""
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk" / "bad.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "drivers").mkdir()
    (tmp_path / "drivers" / "sneaky.py").write_text(
        "def f():\n    from kiosk import store\n    return store\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    core, drivers = RULES[0], RULES[1]
    assert {v.split(":")[0] for v in violations(core)} == {"kiosk/bad.py"}
    assert {v.split(":")[0] for v in violations(drivers)} == {"drivers/sneaky.py"}
