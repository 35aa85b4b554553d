"""`kiosk-hub`: run the reference hub, or print its OpenAPI document.

kiosk-hub serve [--host 127.0.0.1] [--port 8700] [--workers N] [--db URL] [--data-dir DIR]
                [--sandbox] [--key-file FILE] [--blob-dir DIR]
                [--auto-handle SECONDS] [--admin-token TOKEN | --admin-token-file F]
kiosk-hub openapi > central/openapi.json
"""

from __future__ import annotations

import argparse
import json
import logging.config
import os
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from central import logsafe
from central.calendar import CalendarProblem
from central.db import DatabaseProblem
from central.keys import KeyProblem
from central.settings import DEFAULT_PORT, Settings, load_settings
from kiosk.logsafe import install as install_logsafe
from kiosk.tomlfile import FileProblem

OPENAPI_FILE = Path(__file__).resolve().parent / "openapi.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kiosk-hub", description="the reference joint-handling hub"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    serve = commands.add_parser("serve", help="run the hub (on loopback unless told otherwise)")
    serve.add_argument("--config", type=Path, help="a TOML settings file (or $KIOSK_HUB_CONFIG)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="hub processes sharing the port (default 1); best on PostgreSQL",
    )
    serve.add_argument(
        "--db", dest="database_url", help="database URL (default: SQLite in the data dir)"
    )
    serve.add_argument("--data-dir", type=Path, help="where the SQLite file and admin token live")
    serve.add_argument(
        "--key-file", type=Path, help="the hub's keys, outside the data dir (made if absent)"
    )
    serve.add_argument("--blob-dir", type=Path, help="documents (default: DATA_DIR/blobs)")
    serve.add_argument("--holidays", dest="holidays_file", type=Path, help="holiday calendar TOML")
    serve.add_argument(
        "--sandbox",
        action="store_const",
        const=True,
        help="sample catalog, sample data-sharing dataset and appointment slots",
    )
    serve.add_argument(
        "--auto-handle",
        dest="auto_handle_delay_seconds",
        type=float,
        metavar="SECONDS",
        help="sandbox: complete department tasks after SECONDS with sample results",
    )
    token = serve.add_mutually_exclusive_group()
    token.add_argument("--admin-token", help="the admin credential (or $KIOSK_HUB_ADMIN_TOKEN)")
    token.add_argument("--admin-token-file", type=Path, help="a file holding the admin credential")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    commands.add_parser("openapi", help="print the hub's OpenAPI document (JSON)")
    args = parser.parse_args(argv)

    if args.command == "openapi":
        sys.stdout.write(openapi_text())
        return 0
    try:
        return _serve(args)
    except (FileProblem, CalendarProblem, DatabaseProblem, KeyProblem, ValueError) as e:
        print(f"kiosk-hub: cannot start:\n{e}", file=sys.stderr)
        return 2
    except SQLAlchemyError as e:
        print(
            f"kiosk-hub: cannot start: the database cannot be used:\n{_first_line(e)}",
            file=sys.stderr,
        )
        return 2


def openapi_text() -> str:
    from central.app import create_app

    app = create_app(Settings())
    return json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n"


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from central.app import create_app

    options = {
        key: getattr(args, key)
        for key in (
            "host",
            "port",
            "database_url",
            "data_dir",
            "key_file",
            "blob_dir",
            "holidays_file",
            "sandbox",
            "auto_handle_delay_seconds",
            "admin_token",
            "admin_token_file",
            "workers",
        )
    }
    settings = load_settings(args.config, **options)
    generated = not settings.admin_token and not settings.admin_token_file
    settings = settings.with_admin_token()
    logging.config.dictConfig(logsafe.log_config(args.log_level))
    install_logsafe()  # uncaught exceptions too
    app = create_app(settings)
    app.state.hub.start()  # migrations and sandbox data now, so that a problem ends here
    if generated:
        print(
            f"kiosk-hub: the admin token is in {settings.data_dir / 'admin.token'}", file=sys.stderr
        )
    if settings.sandbox:
        print("kiosk-hub: SANDBOX — sample catalog and SAMPLE DATA only", file=sys.stderr)
    serving = {
        "host": settings.host,
        "port": settings.port,
        "log_level": args.log_level,
        "log_config": logsafe.log_config(args.log_level),
    }
    if settings.workers == 1:
        uvicorn.run(app, **serving)
    else:
        # Each worker is a new process that builds its own app from the settings, passed
        # on in the environment (with the admin token: not on a command line `ps` shows).
        app.state.hub.stop()
        os.environ.update(settings.environment())
        uvicorn.run(
            "central.app:app_from_environment", factory=True, workers=settings.workers, **serving
        )
    return 0


def _first_line(error: Exception) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


if __name__ == "__main__":
    sys.exit(main())
