"""`kiosk`: run the kiosk, render its screens, check a catalog or a configuration, enrol with
the hub and deliver the outbox. It lives with the UI because it starts the UI; the commands
that need no screen import no Qt.

Every failure a person can cause (a bad file, an unknown one-thing) ends in one plain
message and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from pathlib import Path

from demo.render import CARDS, SCREENS
from kiosk import logsafe, version
from kiosk.catalog import DEFAULT_CATALOG, Catalog, check_catalog, load_catalog
from kiosk.catalog_cache import CatalogCache
from kiosk.config import Config, load_config
from kiosk.tomlfile import FileProblem
from services import commands, runas
from services.doctor import NAMES as DOCTOR_CHECKS  # one list of checks, fleet included

log = logging.getLogger("kiosk")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logsafe.install()  # no exception's message, which may quote a resident's data, is logged
    try:
        _as_data_owner(args)
        return args.func(args)
    except FileProblem as e:
        print(f"kiosk: cannot continue:\n{e}", file=sys.stderr)
        return 2
    except commands.CommandFailed as e:
        print(f"{' '.join(['kiosk', args.command]).strip()}: {e}", file=sys.stderr)
        return e.status
    except (commands.StoreError, OSError) as e:
        print(f"kiosk: cannot continue: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _as_data_owner(args: argparse.Namespace) -> None:
    """Root on a terminal acts as the kiosk's user (services/runas.py), for the commands
    that use the terminal's data directory; the others (demo, render, checks) keep their
    own. A settings file with a mistake is left for the command to report."""
    if os.geteuid() != 0 or args.func not in _ON_THE_DATA:
        return
    try:
        config = load_config(args.config)
    except FileProblem:
        return
    runas.act_as_data_owner(config.data_dir())


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk", description="一件事 self-service kiosk")
    p.add_argument(
        "--config",
        type=Path,
        help="override file (default: $KIOSK_CONFIG, then /etc/yijianshi-kiosk/kiosk.toml)",
    )
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--version", action="version", version=f"kiosk {version.RUNNING}")
    p.set_defaults(func=_run, windowed=False, simulated_devices=False, command="")
    sub = p.add_subparsers(title="commands")

    run = sub.add_parser("run", help="run the kiosk (the default)")
    run.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    run.add_argument(
        "--simulated-devices",
        action="store_true",
        help="simulated card readers with a panel of sample residents (demos, technicians)",
    )
    run.add_argument(
        "--hide-cursor",
        action="store_true",
        help="no mouse pointer on the screen (a touch terminal; the systemd unit sets it)",
    )
    run.set_defaults(func=_run, hide_cursor=False)

    demo = sub.add_parser(
        "demo",
        help="run with embedded defaults; without a display, "
        "render the screens to PNG and serve the kiosk over VNC on localhost",
    )
    demo.add_argument("--out", type=Path, default=Path("out/demo"))
    demo.add_argument("--port", type=int, default=5900)
    demo.set_defaults(func=_demo)

    journey = sub.add_parser(
        "journey",
        help="walk the birth journey end to end (sandbox hub, simulated devices, offscreen) "
        "and keep a picture of every screen and the printed receipt",
    )
    journey.add_argument("--out", type=Path, default=Path("out/journey"))
    journey.add_argument("--elderly", action="store_true", help="in elderly mode")
    journey.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"))
    journey.add_argument(
        "--proxy",
        action="store_true",
        help="代办: a daughter applies for her mother's benefits for older people",
    )
    journey.add_argument(
        "--assisted",
        action="store_true",
        help="a community staff member signs in and helps the resident (帮办)",
    )
    journey.set_defaults(func=_journey)

    render = sub.add_parser("render", help="render a screen to PNG, with no display")
    render.add_argument("-o", "--output", type=Path, help="PNG file to write")
    render.add_argument(
        "--all", type=Path, metavar="DIR", help="render the review set of screens into DIR"
    )
    render.add_argument("--screen", default="attract", choices=SCREENS)
    render.add_argument("--card", default="", choices=CARDS, help="a sample card read on arrival")
    render.add_argument("--audience", default="personal", choices=["personal", "enterprise"])
    render.add_argument("--stage", default="")
    render.add_argument("--onething", default="")
    render.add_argument("--situation", default="")
    render.add_argument("--answers", default="", help="option numbers from 0, e.g. 0,1")
    render.add_argument("--elderly", action="store_true")
    render.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    render.add_argument(
        "--idle-warning",
        type=int,
        default=0,
        metavar="SECONDS",
        help="show the idle countdown at SECONDS left",
    )
    render.add_argument("--size", default="", help="WIDTHxHEIGHT (default: the config's)")
    render.add_argument(
        "--print-state",
        default="",
        metavar="STATE",
        help="the receipt's print state (done, paper_out, may_have_printed, …)",
    )
    render.add_argument(
        "--maintenance",
        default="",
        choices=["", "code", "pin", "menu"],
        help="maintenance mode over the screen: the code pad, the PIN after a technician's "
        "card (with a wrong PIN), or the tests with sample results",
    )
    render.set_defaults(func=_render)

    catalog = sub.add_parser("catalog", help="catalog tools")
    csub = catalog.add_subparsers(title="catalog commands", required=True)
    check = csub.add_parser("check", help="validate a catalog (file or directory)")
    check.add_argument("path", type=Path, nargs="?", default=DEFAULT_CATALOG)
    check.set_defaults(func=_catalog_check)

    enrol = sub.add_parser("enrol", help="enrol this kiosk with the hub (one-time code)")
    enrol.add_argument("code", help="the enrolment code the central admin gave")
    enrol.set_defaults(func=_enrol, command="enrol")

    outbox = sub.add_parser("outbox", help="applications waiting for the hub")
    osub = outbox.add_subparsers(title="outbox commands", required=True)
    status = osub.add_parser("status", help="how many are pending, delivered, refused")
    status.set_defaults(func=_outbox_status, command="outbox status")

    sync = sub.add_parser("sync", help="deliver the outbox and send heartbeats (foreground)")
    sync.add_argument(
        "--until-empty",
        action="store_true",
        help="stop once nothing is pending (or after --timeout seconds)",
    )
    sync.add_argument("--timeout", type=float, default=600.0)
    sync.set_defaults(func=_sync, command="sync")

    test = sub.add_parser("print-test", help="print the receipt printer's test page (technicians)")
    test.set_defaults(func=_print_test, command="print-test")

    doctor = sub.add_parser(
        "doctor",
        help="check every peripheral (technicians, over SSH): one line per check, "
        "exit status 1 when one fails",
    )
    doctor.add_argument(
        "check", nargs="?", choices=DOCTOR_CHECKS, help="only this check (default: all of them)"
    )
    doctor.add_argument("--json", action="store_true", help="the report as JSON, for machines")
    doctor.add_argument("--test-page", action="store_true", help="printer: print the test page too")
    doctor.add_argument("--snapshot", type=Path, help="camera: write one frame to this file")
    doctor.add_argument("--port", help="fingerprint: the sensor's serial port")
    doctor.add_argument(
        "--wait",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="card (on its own): wait this long for a card and read it once (0: do not read)",
    )
    doctor.add_argument(
        "--image", type=Path, help="fingerprint: capture one finger and write the image here"
    )
    doctor.add_argument(
        "--set-baud",
        type=int,
        metavar="B",
        help="fingerprint: set the sensor's link to B baud (9600, 19200, 38400, 57600 or "
        "115200) once, and keep it in this kiosk's calibration",
    )
    doctor.add_argument(
        "--packet-size",
        type=int,
        choices=(32, 64, 128, 256),
        help="fingerprint: with --set-baud, the data packet size to set too",
    )
    doctor.add_argument(
        "--enrol",
        action="store_true",
        help="fingerprint: two presses of your own finger, then a 1:1 match of them",
    )
    doctor.add_argument(
        "--silent",
        action="store_true",
        help="voice (on its own): find the voices only; without it a test sentence is said "
        "in Chinese, then in English",
    )
    doctor.add_argument(
        "--bundle",
        type=Path,
        metavar="DIR",
        help="also write the diagnostic bundle (no personal data) into DIR, e.g. a USB stick",
    )
    doctor.set_defaults(func=_doctor, command="doctor")

    config = sub.add_parser("config", help="configuration tools")
    fsub = config.add_subparsers(title="config commands", required=True)
    fcheck = fsub.add_parser("check", help="validate an override file against the defaults")
    fcheck.add_argument("path", type=Path, nargs="?")
    fcheck.set_defaults(func=_config_check)
    return p


def _load(args: argparse.Namespace) -> tuple[Config, Catalog]:
    config = load_config(args.config)
    return config, active_catalog(config)


def active_catalog(config: Config) -> Catalog:
    """The configured catalog file if there is one; else the hub's, as last cached; else the
    bundled sample. A configured catalog with problems stops the kiosk; a cached one with
    problems is passed over."""
    if path := config.catalog_path():
        try:
            catalog = load_catalog(path)
        except FileProblem as e:
            raise FileProblem(f"catalog.path: {e}") from None
        problems = check_catalog(catalog)
        if problems:
            raise FileProblem(
                f"{path}: the catalog has problems:\n" + "\n".join(map(str, problems))
            )
        return catalog
    cached = CatalogCache(config.data_dir()).load()
    if cached is not None and not check_catalog(cached[1]):
        return cached[1]
    return load_catalog(DEFAULT_CATALOG)


def _run(args: argparse.Namespace) -> int:
    config, catalog = _load(args)
    if not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        print(
            "kiosk run: there is no display here. `kiosk demo` serves the kiosk over VNC on "
            "localhost; `kiosk render` draws its screens to PNG.",
            file=sys.stderr,
        )
        return 2
    from services.diagnostics import start_file_log
    from ui.launcher import run_kiosk

    start_file_log(config)  # for the technicians' diagnostic bundle
    return run_kiosk(
        config,
        catalog,
        windowed=args.windowed,
        simulated_devices=args.simulated_devices,
        hide_cursor=args.hide_cursor,
    )


def _demo(args: argparse.Namespace) -> int:
    config, catalog = _load(args)
    if args.config:  # the live kiosk runs in a child process: hand it the same file
        os.environ["KIOSK_CONFIG"] = str(args.config)
    from demo.launcher import run_demo

    return run_demo(config, catalog, out_dir=args.out, port=args.port)


def _journey(args: argparse.Namespace) -> int:
    from demo.scenario import ScenarioFailed, run_birth_journey, run_proxy_journey

    try:
        result = (
            run_proxy_journey(args.out)
            if args.proxy
            else run_birth_journey(
                args.out, elderly=args.elderly, language=args.language, assisted=args.assisted
            )
        )
    except ScenarioFailed as e:
        print(f"kiosk journey: {e}", file=sys.stderr)
        return 1
    for path in result.shots:
        print(path)
    print(f"receipt: {result.receipt}")
    if result.progress_page is not None:
        print(f"progress page: {result.progress_page}")
    print(f"acceptance number: {result.acceptance_number}")
    if args.assisted:
        print(f"accepted by: {result.hub_record.get('accepted_by', '')}")
    if args.proxy:
        agent = result.hub_record.get("agent") or {}
        print(f"agent at the hub: relation {agent.get('relation', '?')}, {agent.get('basis', '?')}")
    waited = ", ".join(f"{k} {v:.2f} s" for k, v in result.waited.items())
    print(f"the resident waited on the kiosk: {waited}")
    return 0


def _render(args: argparse.Namespace) -> int:
    config, catalog = _load(args)
    from demo.render import RenderError, ScreenState, render, render_set

    size = (config.ui.width, config.ui.height)
    if args.size:
        try:
            w, h = (int(x) for x in args.size.lower().split("x"))
            size = (w, h)
        except ValueError:
            print(
                f"kiosk render: --size must look like 1920x1080, not '{args.size}'", file=sys.stderr
            )
            return 2
    try:
        answers = tuple(int(a) for a in args.answers.split(",") if a.strip())
    except ValueError:
        print(
            f"kiosk render: --answers must be numbers like 0,1, not '{args.answers}'",
            file=sys.stderr,
        )
        return 2
    try:
        if args.all:
            for path in render_set(config, catalog, args.all):
                print(path)
            return 0
        if not args.output:
            print("kiosk render: give -o FILE.png (or --all DIR)", file=sys.stderr)
            return 2
        state = ScreenState(
            screen=args.screen,
            audience=args.audience,
            stage=args.stage,
            onething=args.onething,
            situation=args.situation,
            answers=answers,
            elderly=args.elderly,
            card=args.card,
            language=args.lang,
            idle_warning=args.idle_warning,
            size=size,
            print_state=args.print_state,
            maintenance=args.maintenance,
        )
        print(render(config, catalog, state, args.output))
        return 0
    except RenderError as e:
        print(f"kiosk render: {e}", file=sys.stderr)
        return 2


def _catalog_check(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.path)
    problems = check_catalog(catalog)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{args.path}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    stages = len(catalog.stages)
    print(
        f"{args.path}: catalog {catalog.version} is fine: {stages} stages, "
        f"{len(catalog.onethings)} one-things, {len(catalog.units)} units"
    )
    return 0


def _enrol(args: argparse.Namespace) -> int:
    print(commands.enrol(load_config(args.config), args.code))
    return 0


def _outbox_status(args: argparse.Namespace) -> int:
    counts = commands.outbox_counts(load_config(args.config))
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


def _sync(args: argparse.Namespace) -> int:
    synced = commands.sync(
        load_config(args.config), until_empty=args.until_empty, timeout=args.timeout
    )
    if args.until_empty:
        print(synced.summary)
        if not synced.done and synced.last_error:
            print(f"last error: {synced.last_error}", file=sys.stderr)
    return 0 if synced.done else 1


def _print_test(args: argparse.Namespace) -> int:
    print(commands.print_test(load_config(args.config)))
    return 0


def _doctor(args: argparse.Namespace) -> int:
    # Imported here: the drivers are slow to import and only this command needs them all.
    from services import doctor

    config = load_config(args.config)
    names = [args.check] if args.check else list(doctor.NAMES)
    checks = []
    for name in names:
        if name in ("camera", "document_camera") and args.snapshot:
            checks.append(doctor.check_camera(config, snapshot=args.snapshot, section=name))
        elif name == "voice" and args.check == "voice" and not args.silent:
            checks.append(doctor.check_voice(config, say=True))
        elif name == "card" and args.check == "card" and args.wait > 0:
            checks.append(doctor.read_card(config, wait=args.wait))
        elif name == "fingerprint" and (
            args.port or args.image or args.set_baud or args.packet_size or args.enrol
        ):
            checks.append(
                doctor.check_fingerprint(
                    config,
                    port=args.port,
                    image=args.image,
                    set_baud=args.set_baud,
                    packet_size=args.packet_size,
                    enrol=args.enrol,
                    on_step=lambda words: print(words, flush=True) if words else None,
                )
            )
        else:
            checks.extend(doctor.run_checks(config, [name]))
    if args.test_page and "printer" in names:
        try:
            words = commands.print_test(config)
            ok = doctor.Check.of("test-page", doctor.Verdict.OK, "printer.test_page", words)
            checks.append(ok)
        except commands.CommandFailed as e:
            failed = doctor.Check.of(
                "test-page", doctor.Verdict.FAIL, "printer.test_page_failed", str(e)
            )
            checks.append(failed)
    if args.json:
        print(doctor.report_json(checks))
    else:
        # Wrapped at a terminal's width (or $COLUMNS); piped, one line per check for grep.
        wrap = sys.stdout.isatty() or bool(os.environ.get("COLUMNS"))
        width = shutil.get_terminal_size().columns if wrap else None
        print(doctor.report_text(checks, width))
    if args.bundle:
        from services import diagnostics

        print(f"diagnostic bundle: {diagnostics.export(config, args.bundle, checks)}")
    return doctor.exit_status(checks)


def _config_check(args: argparse.Namespace) -> int:
    config = load_config(args.path or args.config)
    print(f"configuration is fine (kiosk {config.kiosk.id})")
    return 0


# The commands that open the terminal's data directory (services/runas.py).
_ON_THE_DATA = {_run, _enrol, _outbox_status, _sync, _print_test, _doctor}


if __name__ == "__main__":
    sys.exit(main())
