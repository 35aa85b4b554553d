"""The demo's hub: the reference hub with its sandbox data on loopback, and the kiosk
enrolled with it, so that `./run demo` shows applications flowing with nobody at a desk."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

from central.process import HubProcess, answers
from kiosk.config import Config
from kiosk.credentials import write_secret

# Seconds before the sandbox's departments handle each step: long enough to watch.
DEMO_STEP_SECONDS = 20


# A demo shows the same sample residents all day: the production limit of a person's
# look-ups an hour would stop it by mid-morning.
DEMO_LIMITS = {"subject_lookups_per_hour": 1000}


def start_sandbox_hub(config: Config) -> HubProcess | None:
    """Start a fresh sandbox hub where the configuration points and enrol this kiosk with it.
    A remote hub, or one already answering on loopback, is used as it is (None)."""
    url = urlsplit(config.hub.url)
    if url.scheme != "http" or url.hostname not in ("127.0.0.1", "localhost"):
        print(f"Using the hub at {config.hub.url}.")
        return None
    port = url.port or 80
    if answers("127.0.0.1", port):
        print(f"A hub already answers at {config.hub.url}; using it.")
        return None
    hub_dir = config.data_dir() / "sandbox-hub"
    shutil.rmtree(hub_dir, ignore_errors=True)  # a fresh sandbox for every demo
    hub = HubProcess(hub_dir, port, auto_handle=DEMO_STEP_SECONDS, settings=DEMO_LIMITS)
    try:
        hub.start()
        write_secret(config.token_path(), hub.enrol(config.kiosk.id, config.kiosk.name))
    except Exception as e:  # the demo goes on without a hub; the outbox keeps applications
        print(f"The sandbox hub could not be started ({e}); the kiosk runs without it.")
        hub.stop()
        return None
    token_file = hub_dir / "admin.token"
    write_secret(token_file, hub.admin_token)
    print(
        f"Sandbox hub (sample data only) on {config.hub.url}: departments handle each "
        f"step after {DEMO_STEP_SECONDS} s. This kiosk is enrolled with it.\n"
        f"  Admin: kioskctl --hub {config.hub.url} --admin-token-file {token_file} kiosks"
    )
    _demo_console_users(hub, config.hub.url)
    return hub


# Sample console users, one of each role, with passwords made up for this demo.
DEMO_CONSOLE_USERS = (
    ("midwifery-clerk", "clerk", "midwifery"),
    ("police-clerk", "clerk", "police"),
    ("police-head", "head", "police"),
    ("centre-staff", "centre", ""),
    ("admin", "admin", ""),
    ("supervisor", "supervisor", ""),
)


def _demo_console_users(hub: HubProcess, url: str) -> None:
    lines = [f"Web console (sample users): {url}/console/"]
    for login, role, unit in DEMO_CONSOLE_USERS:
        made = hub.admin(
            "POST", "/admin/console-users", json={"login": login, "role": role, "unit": unit}
        )
        lines.append(f"  {login:16} {made['password']:18} {role} {unit}".rstrip())
    print("\n".join(lines))
