"""`kioskctl`: the central admin's command line, a client of the hub's admin API.

    kioskctl --hub URL --admin-token TOKEN kiosk add ID NAME      (prints the enrolment code)
    kioskctl kiosk add ID NAME --group G --keys DIR          (and signs it into fleet group G)
    kioskctl kiosk revoke ID | kiosk reissue ID        (reissue prints a new enrolment code)
    kioskctl department credentials UNIT                           (prints the token)
    kioskctl department list | revoke CRED_ID | rotate CRED_ID     (rotate prints the token)
    kioskctl admin add NAME | list | revoke ADMIN_ID | rotate ADMIN_ID
    kioskctl admin revoke settings          (retires the admin token of the hub's settings)
    kioskctl catalog push [DIR] [--keys DIR | --unsigned]  (default: the sample catalog; signed)
    kioskctl console user add LOGIN ROLE [--unit U] [--totp] | console user disable LOGIN
    kioskctl kiosks                                                (last heartbeats, devices)
    kioskctl alerts [--since ID]                                   (refused cards, rate limits)
    kioskctl staff add ID NAME CENTRE --card NUMBER [--pin PIN]    (PIN asked for if not given)
    kioskctl staff list | code ID | enable ID | disable ID | events
    kioskctl staff page CENTRE                  (prints the link to the live help-request list)
    kioskctl config keygen --keys DIR          (root and targets keys; prints root.json's path)
    kioskctl config new SETTINGS.toml -o BUNDLE.json     (checked by the kiosk's own models)
    kioskctl config publish BUNDLE.json --group G --keys DIR    (signed, then published)
    kioskctl config sign BUNDLE.json --group G --keys DIR -o SIGNED.json | upload SIGNED.json
    kioskctl config promote FROM [TO] --keys DIR | rollback GROUP --keys DIR | status
    kioskctl config rotate targets|timestamp --keys DIR       (a new key, in a new root)
    kioskctl config renew --keys DIR     (signed again before they expire; config status warns)
    kioskctl config assign GROUP KIOSK... --keys DIR     (signed; "all" is the default group)
    kioskctl technician code KIOSK      (a one-time maintenance code for that kiosk, printed)
    kioskctl technician day-code KIOSK --secret-file F [--day D]   (offline, from its secret)
    kioskctl technician events [KIOSK]                   (the maintenance audit trail)
    kioskctl technician bundles [KIOSK]                  (diagnostic bundles sent by kiosks)
    kioskctl technician bundle ID -o FILE                (one bundle's archive, audited)

The hub and the token may also come from $KIOSK_HUB_URL and $KIOSK_HUB_ADMIN_TOKEN (or
--admin-token-file), so that the token need not appear in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import requests

from central.settings import DEFAULT_PORT
from kiosk.catalog.load import DEFAULT_CATALOG, load_catalog
from kiosk.contract import API_PREFIX
from kiosk.tomlfile import FileProblem


class CtlError(Exception):
    """Ends the command with this message and exit status 1."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kioskctl", description="central admin tools")
    parser.add_argument(
        "--hub",
        default=os.environ.get("KIOSK_HUB_URL", f"http://127.0.0.1:{DEFAULT_PORT}"),
        help="the hub's address (default: $KIOSK_HUB_URL, else %(default)s)",
    )
    token = parser.add_mutually_exclusive_group()
    token.add_argument("--admin-token", help="the admin credential (or $KIOSK_HUB_ADMIN_TOKEN)")
    token.add_argument("--admin-token-file", type=Path, help="a file holding the admin credential")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    kiosk = commands.add_parser("kiosk", help="register kiosks")
    kiosk_commands = kiosk.add_subparsers(dest="action", required=True)
    add = kiosk_commands.add_parser("add", help="register a kiosk; prints its enrolment code")
    add.add_argument("kiosk_id")
    add.add_argument("name")
    add.add_argument("--group", help="its fleet group (signed: needs --keys)")
    add.add_argument("--keys", type=Path, help="the admins' key folder, for --group")
    revoke = kiosk_commands.add_parser("revoke", help="the kiosk's token stops working at once")
    revoke.add_argument("kiosk_id")
    reissue = kiosk_commands.add_parser(
        "reissue", help="a new enrolment code; the kiosk's token and old code stop working"
    )
    reissue.add_argument("kiosk_id")

    department = commands.add_parser("department", help="department credentials")
    department_commands = department.add_subparsers(dest="action", required=True)
    creds = department_commands.add_parser("credentials", help="a new token for a unit")
    creds.add_argument("unit")
    department_commands.add_parser("list", help="every department credential (never a token)")
    for action, text in _LIFE_CYCLE.items():
        department_commands.add_parser(action, help=text).add_argument("credential_id", type=int)

    admins = commands.add_parser("admin", help="named admin credentials")
    admin_commands = admins.add_subparsers(dest="action", required=True)
    admin_commands.add_parser("add", help="a new admin credential; prints its token").add_argument(
        "name"
    )
    admin_commands.add_parser("list", help="every admin credential (never a token)")
    admin_commands.add_parser(
        "revoke", help=_LIFE_CYCLE["revoke"] + "; 'settings': the settings' admin token"
    ).add_argument("credential_id")
    admin_commands.add_parser("rotate", help=_LIFE_CYCLE["rotate"]).add_argument(
        "credential_id", type=int
    )

    catalog = commands.add_parser("catalog", help="publish the catalog")
    catalog_commands = catalog.add_subparsers(dest="action", required=True)
    push = catalog_commands.add_parser("push", help="check and publish a catalog directory")
    push.add_argument("path", nargs="?", type=Path, default=DEFAULT_CATALOG)
    push.add_argument(
        "--keys", type=Path, help="the admins' key folder: sign it for kiosks with a fleet root"
    )
    push.add_argument(
        "--unsigned",
        action="store_true",
        help="on a hub with a fleet repository: for kiosks without a fleet root only",
    )

    fleet = commands.add_parser("config", help="fleet configuration, signed (TUF)")
    fleet_commands = fleet.add_subparsers(dest="action", required=True)
    keygen = fleet_commands.add_parser("keygen", help="root and targets keys, and the root")
    new = fleet_commands.add_parser("new", help="a bundle from a settings TOML, checked")
    new.add_argument("settings", type=Path)
    new.add_argument("-o", "--output", type=Path, required=True)
    publish = fleet_commands.add_parser("publish", help="sign a bundle for a group, publish it")
    publish.add_argument("bundle", type=Path)
    publish.add_argument("--group", default="all")
    promote = fleet_commands.add_parser("promote", help="a group's configuration to another")
    promote.add_argument("source")
    promote.add_argument("target", nargs="?", default="all")
    rollback = fleet_commands.add_parser("rollback", help="the previous content, as new")
    rollback.add_argument("group")
    status = fleet_commands.add_parser("status", help="which kiosk runs which configuration")
    status.add_argument(
        "--keys", type=Path, default=Path("."), help="check what the hub serves against them"
    )
    assign = fleet_commands.add_parser("assign", help="move kiosks into a group (signed)")
    assign.add_argument("group", help='the group; "all" takes them back to the default')
    assign.add_argument("kiosk_ids", nargs="+", metavar="KIOSK")
    sign = fleet_commands.add_parser(
        "sign", help="sign a bundle for a group into a file, for config upload (no credential)"
    )
    sign.add_argument("bundle", type=Path)
    sign.add_argument("--group", default="all")
    sign.add_argument("-o", "--output", type=Path, required=True)
    upload = fleet_commands.add_parser("upload", help="upload what config sign wrote")
    upload.add_argument("signed", type=Path)
    upload.add_argument("--keys", type=Path, default=Path("."), help="the admins' key folder")
    rotate = fleet_commands.add_parser("rotate", help="a new targets or timestamp key")
    rotate.add_argument("role", choices=["targets", "timestamp"])
    renew = fleet_commands.add_parser(
        "renew", help="the targets (and a root near its end) signed again with a new expiry"
    )
    for command in (keygen, publish, sign, promote, rollback, rotate, assign, renew):
        command.add_argument("--keys", type=Path, required=True, help="the admins' key folder")
    console = commands.add_parser("console", help="users of the web console (/console)")
    console_commands = console.add_subparsers(dest="what", required=True)
    users = console_commands.add_parser("user", help="console users").add_subparsers(
        dest="action", required=True
    )
    user_add = users.add_parser("add", help="a new console user; prints the password once")
    user_add.add_argument("login")
    user_add.add_argument("role", choices=["clerk", "head", "centre", "admin", "supervisor"])
    user_add.add_argument("--unit", default="", help="a clerk's or head's unit")
    user_add.add_argument("--name", default="", help="the name shown")
    user_add.add_argument("--totp", action="store_true", help="one-time codes (admins)")
    users.add_parser("disable", help="no more sign-ins; sessions end").add_argument("login")

    commands.add_parser("kiosks", help="list kiosks with their last heartbeat and devices")
    alerts = commands.add_parser("alerts", help="refused cards and rate limits reached")
    alerts.add_argument("--since", type=int, default=0, metavar="ID", help="after this alert")
    _staff_parser(commands)
    technician = commands.add_parser("technician", help="field technicians' maintenance codes")
    technician_commands = technician.add_subparsers(dest="action", required=True)
    tcode = technician_commands.add_parser(
        "code", help="a one-time maintenance code for one kiosk (valid minutes, single use)"
    )
    tcode.add_argument("kiosk_id")
    tday = technician_commands.add_parser(
        "day-code",
        help="the offline day code of a kiosk, from its secret file (no hub needed)",
    )
    tday.add_argument("kiosk_id")
    tday.add_argument("--secret-file", type=Path, required=True)
    tday.add_argument("--day", type=date.fromisoformat, default=None, help="YYYY-MM-DD (today)")
    tevents = technician_commands.add_parser("events", help="the maintenance audit trail")
    tevents.add_argument("kiosk_id", nargs="?", default=None)
    tbundles = technician_commands.add_parser(
        "bundles", help="diagnostic bundles the kiosks sent (导出诊断包)"
    )
    tbundles.add_argument("kiosk_id", nargs="?", default=None)
    tbundle = technician_commands.add_parser("bundle", help="one diagnostic bundle's archive")
    tbundle.add_argument("bundle_id")
    tbundle.add_argument("-o", "--output", type=Path, required=True, help="the .tar.gz to write")
    args = parser.parse_args(argv)
    if args.command == "technician" and args.action == "day-code":
        from kiosk.maintenance import day_code

        day = args.day or datetime.now(ZoneInfo("Asia/Shanghai")).date()
        print(day_code(args.secret_file.read_bytes().strip(), args.kiosk_id, day))
        return 0

    try:
        # Signing (and checking a bundle) reads only what the hub serves to anyone: the
        # targets key's holder needs no admin credential.
        signs_only = args.command == "config" and args.action in ("new", "sign")
        client = _Client(args.hub, "" if signs_only else _admin_token(args))
        if args.command == "kiosk":
            _kiosk(client, args)
        elif args.command == "department":
            _department(client, args)
        elif args.command == "admin":
            _admin(client, args)
        elif args.command == "catalog":
            body = load_catalog(args.path).model_dump(mode="json")
            if args.keys is None and not args.unsigned and _serves_fleet(client):
                raise CtlError(
                    "this hub serves signed fleet configuration: its kiosks take only a signed "
                    "catalog, and would never see this one. Give --keys (the admins' key "
                    "folder), or --unsigned for kiosks without a fleet root only"
                )
            published = client.call("PUT", "/admin/catalog", json=body)
            print(f"published catalog {published['version']} (ETag {published['etag']})")
            if args.keys is not None:
                _sign_catalog(client, args.keys, body)
        elif args.command == "staff":
            _staff(client, args)
        elif args.command == "config":
            _config(client, args)
        elif args.command == "console":
            _console(client, args)
        elif args.command == "technician":
            _technician(client, args)
        elif args.command == "alerts":
            _print_alerts(client.call("GET", "/admin/alerts", params={"since_id": args.since}))
        else:
            _print_kiosks(client.call("GET", "/admin/kiosks"))
    except (CtlError, FileProblem) as e:
        print(f"kioskctl: {e}", file=sys.stderr)
        return 1
    return 0


_LIFE_CYCLE = {
    "revoke": "the credential stops working at once, in every hub process",
    "rotate": "a new token for the credential (printed); the old one stops at once",
}


def _technician(client: _Client, args: argparse.Namespace) -> None:
    if args.action == "code":
        issued = client.call("POST", f"/admin/kiosks/{_segment(args.kiosk_id)}/technician-code")
        print(issued["code"])
        print(
            f"maintenance code for kiosk {args.kiosk_id}, valid once until {issued['expires_at']}",
            file=sys.stderr,
        )
        return
    if args.action == "bundle":
        data = client.fetch(f"/admin/diagnostics/{_segment(args.bundle_id)}")
        args.output.write_bytes(data)
        print(f"{args.output}: {len(data)} bytes", file=sys.stderr)
        return
    params = {"kiosk_id": args.kiosk_id} if args.kiosk_id else {}
    if args.action == "bundles":
        for b in client.call("GET", "/admin/diagnostics", params=params):
            print(f"{b['at']}  {b['kiosk_id']}  {b['session']}  {b['bundle_id']}  {b['size']} B")
        return
    for e in client.call("GET", "/admin/maintenance-events", params=params):
        print(f"{e['at']}  {e['kiosk_id']}  {e['session'] or '-'}  {e['action']}  {e['outcome']}")


def _kiosk(client: _Client, args: argparse.Namespace) -> None:
    if args.action == "revoke":
        revoked = client.call("POST", f"/admin/kiosks/{_segment(args.kiosk_id)}/revoke")
        print(f"kiosk {args.kiosk_id} revoked at {revoked['revoked_at']}", file=sys.stderr)
        return
    if args.action == "add":
        if args.group and args.keys is None:
            raise CtlError("--group is signed: give --keys, the admins' key folder")
        what = "registered"
        if args.group:  # first: a refused signature must not leave a code that was not shown
            _assign(client, args.keys, args.group, [args.kiosk_id])
            what += f" in fleet group {args.group}"
        created = client.call(
            "POST", "/admin/kiosks", json={"kiosk_id": args.kiosk_id, "name": args.name}
        )
    else:
        created = client.call("POST", f"/admin/kiosks/{_segment(args.kiosk_id)}/enrolment")
        what = "has a new enrolment code; its old token no longer works"
    print(created["enrolment_code"])
    print(
        f"Kiosk {created['kiosk_id']} {what}. On the kiosk: "
        f"kiosk enrol {created['enrolment_code']} (the code works once).",
        file=sys.stderr,
    )


def _department(client: _Client, args: argparse.Namespace) -> None:
    if args.action == "credentials":
        issued = client.call("POST", f"/admin/departments/{_segment(args.unit)}/credentials")
    elif args.action == "list":
        _print_credentials(client.call("GET", "/admin/departments/credentials"), "unit")
        return
    else:
        issued = client.call(
            "POST", f"/admin/departments/credentials/{args.credential_id}/{args.action}"
        )
        if args.action == "revoke":
            print(f"credential {args.credential_id} revoked", file=sys.stderr)
            return
    print(issued["token"])
    print(
        f"credential {issued['id']} of {issued['unit']}, expires {issued['expires_at']}",
        file=sys.stderr,
    )


def _console(client: _Client, args: argparse.Namespace) -> None:
    if args.action == "disable":
        client.call("POST", f"/admin/console-users/{quote(args.login, safe='')}/disable")
        print(f"console user {args.login} disabled", file=sys.stderr)
        return
    body = {"login": args.login, "role": args.role, "unit": args.unit}
    body.update({"display_name": args.name, "totp": args.totp})
    made = client.call("POST", "/admin/console-users", json=body)
    print(made["password"])
    if made["totp_uri"]:
        print(made["totp_uri"])
    print(f"console user {made['login']} ({made['role']} {made['unit']})".rstrip(), file=sys.stderr)


def _admin(client: _Client, args: argparse.Namespace) -> None:
    if args.action == "list":
        _print_credentials(client.call("GET", "/admin/admins"), "name")
        return
    if args.action == "revoke":
        which = args.credential_id
        if which != "settings" and not which.isdigit():
            raise CtlError("revoke what: an admin credential's number, or 'settings'")
        path = "settings-token" if which == "settings" else which
        client.call("POST", f"/admin/admins/{path}/revoke")
        print(f"admin credential {which} revoked", file=sys.stderr)
        return
    if args.action == "add":
        issued = client.call("POST", "/admin/admins", json={"name": args.name})
    else:
        issued = client.call("POST", f"/admin/admins/{args.credential_id}/rotate")
    print(issued["token"])
    print(
        f"admin credential {issued['id']} ({issued['name']}), expires {issued['expires_at']}",
        file=sys.stderr,
    )


def _staff_parser(commands: Any) -> None:
    staff = commands.add_parser("staff", help="community staff who help at the kiosks")
    actions = staff.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="register a staff member with their card and a PIN")
    add.add_argument("staff_id", help="工号")
    add.add_argument("name")
    add.add_argument("centre", help="the service centre")
    add.add_argument("--card", required=True, help="the ID number on the staff member's card")
    add.add_argument("--pin", help="4 to 8 digits (asked for when not given)")
    add.add_argument(
        "--role",
        choices=("helper", "supervisor", "technician"),
        default="helper",
        help="a technician's card opens maintenance mode (and never 帮办)",
    )
    actions.add_parser("list", help="every staff member")
    for action, text in (
        ("code", "a one-time sign-in code (printed), valid for 10 minutes"),
        ("enable", "the staff member may sign in again (and is unlocked)"),
        ("disable", "the staff member can no longer sign in"),
    ):
        actions.add_parser(action, help=text).add_argument("staff_id")
    actions.add_parser("events", help="the newest sign-ins, refusals and sign-outs")
    actions.add_parser("page", help="a link to the live help-request list").add_argument("centre")


def _staff(client: _Client, args: argparse.Namespace) -> None:
    if args.action == "add":
        pin = args.pin or getpass.getpass("PIN (4 to 8 digits): ")
        body = {
            "staff_id": args.staff_id,
            "name": args.name,
            "service_centre": args.centre,
            "card_number": args.card,
            "pin": pin,
            "role": args.role,
        }
        client.call("POST", "/admin/staff", json=body)
        print(f"staff member {args.staff_id} registered", file=sys.stderr)
    elif args.action == "list":
        rows = client.call("GET", "/admin/staff")
        if not rows:
            print("no staff registered")
        for r in rows:
            state = "enabled" if r["enabled"] else "disabled"
            if r["locked_until"]:
                state += f", locked until {r['locked_until']}"
            print(f"{r['staff_id']:<10} {r['name']:<12} {r['service_centre']:<24} {state}")
    elif args.action == "code":
        issued = client.call("POST", f"/admin/staff/{_segment(args.staff_id)}/code")
        print(issued["code"])
        print(f"valid until {issued['expires_at']}, once", file=sys.stderr)
    elif args.action in ("enable", "disable"):
        client.call("POST", f"/admin/staff/{_segment(args.staff_id)}/{args.action}")
        print(f"staff member {args.staff_id}: {args.action}d", file=sys.stderr)
    elif args.action == "events":
        for e in client.call("GET", "/admin/staff-events"):
            who = e["staff_id"] or "(unknown card)"
            print(f"{e['created_at']}  {who:<10} {e['kiosk_id']:<16} {e['action']} {e['outcome']}")
    else:
        created = client.call("POST", "/admin/staff-pages", json={"service_centre": args.centre})
        print(client.base.removesuffix(API_PREFIX) + created["path"])


def _assign(client: _Client, keys: Path, group: str, kiosk_ids: list[str]) -> None:
    from central.fleet import FleetRefused
    from central.fleetadmin import FleetAdmin

    admin = FleetAdmin(keys, client.call, client.base.removesuffix(API_PREFIX) + "/fleet/")
    try:
        admin.assign(group, kiosk_ids)
    except (FleetRefused, ValueError, OSError) as e:
        raise CtlError(f"not moved to group {group}: {e}") from None
    print(f"{', '.join(kiosk_ids)} now in fleet group {group} (signed)", file=sys.stderr)


def _serves_fleet(client: _Client) -> bool:
    """The hub has a signed fleet repository (its timestamp is served)."""
    url = client.base.removesuffix(API_PREFIX) + "/fleet/metadata/timestamp.json"
    try:
        return requests.get(url, timeout=(5, 30)).status_code == 200
    except requests.RequestException:
        return False  # the push itself says the hub cannot be reached


def _sign_catalog(client: _Client, keys: Path, body: dict[str, Any]) -> None:
    """The catalog as a signed target too: kiosks with a fleet root take it only so."""
    from central.fleet import FleetRefused
    from central.fleetadmin import FleetAdmin

    data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    admin = FleetAdmin(keys, client.call, client.base.removesuffix(API_PREFIX) + "/fleet/")
    try:
        digest = admin.publish_catalog(data)
    except (FleetRefused, ValueError, OSError) as e:
        raise CtlError(f"the catalog is on the hub but not signed: {e}") from None
    print(f"signed catalog {body['version']} for the fleet (sha256 {digest[:12]})")


def _config(client: _Client, args: argparse.Namespace) -> None:
    from tuf.api.exceptions import RepositoryError

    from central.fleet import FleetRefused
    from central.fleetadmin import FleetAdmin
    from kiosk.fleet import Bundle, BundleProblem, checked
    from kiosk.tomlfile import read_toml

    if args.action == "new":
        bundle = Bundle(0, "", read_toml(args.settings))
        try:
            checked(bundle)
        except BundleProblem as e:
            raise CtlError(f"{args.settings}: not signed: {e}") from None
        args.output.write_bytes(bundle.to_bytes())
        print(f"bundle {args.output} checked; publish it with kioskctl config publish")
        return
    fleet_url = client.base.removesuffix(API_PREFIX) + "/fleet/"
    if args.action == "status":
        reader = FleetAdmin(args.keys, client.call, fleet_url)  # reads, signs nothing
        for line in reader.status(client.call("GET", "/admin/kiosks")):
            print(line)
        return
    admin = FleetAdmin(args.keys, client.call, fleet_url)
    try:
        if args.action == "keygen":
            admin.keygen()
            print(f"keys and root in {args.keys}; ship {args.keys / 'root.json'} with every kiosk")
            return
        if args.action == "rotate":
            admin.rotate(args.role)
            print(f"the {args.role} key is replaced; kiosks follow the new root")
            return
        if args.action == "assign":
            _assign(client, args.keys, args.group, args.kiosk_ids)
            return
        if args.action == "renew":
            print(f"signed again: {'; '.join(admin.renew())}")
            return
        if args.action == "sign":
            bundle, body = admin.sign(Bundle.from_bytes(args.bundle.read_bytes()), args.group)
            args.output.write_text(json.dumps({"bundle": bundle.version, **body}), "utf-8")
            print(
                f"signed configuration {bundle.version} for group {bundle.group} into "
                f"{args.output}; upload it with kioskctl config upload"
            )
            return
        if args.action == "upload":
            body = json.loads(args.signed.read_text("utf-8"))
            if not isinstance(body, dict) or "targets" not in body:
                raise CtlError(f"{args.signed} is not what kioskctl config sign writes")
            version = body.pop("bundle", "")
            admin.upload(body)
            print(f"published configuration {version}")
            return
        if args.action == "publish":
            bundle = admin.publish(Bundle.from_bytes(args.bundle.read_bytes()), args.group)
        elif args.action == "promote":
            bundle = admin.promote(args.source, args.target)
        else:
            bundle = admin.rollback(args.group)
    except (FleetRefused, BundleProblem, ValueError, FileExistsError) as e:
        raise CtlError(str(e)) from None
    except (OSError, RepositoryError) as e:  # a file, or what the hub serves (requests' too)
        raise CtlError(f"{type(e).__name__}: {e}") from None
    print(f"published configuration {bundle.version} to group {bundle.group} {bundle.note}")


def _segment(text: str) -> str:
    return quote(text, safe="")


def _print_credentials(rows: list[dict[str, Any]], holder: str) -> None:
    if not rows:
        print("no credentials issued")
    for r in rows:
        state = f"revoked {r['revoked_at']}" if r["revoked_at"] else f"expires {r['expires_at']}"
        print(f"{r['id']:>5}  {r[holder]:<24} issued {r['created_at']}  {state}")


def _admin_token(args: argparse.Namespace) -> str:
    if args.admin_token:
        return args.admin_token
    if args.admin_token_file:
        try:
            return args.admin_token_file.read_text().strip()
        except OSError as e:
            raise CtlError(f"cannot read the admin token file: {e.strerror}") from None
    token = os.environ.get("KIOSK_HUB_ADMIN_TOKEN", "")
    if not token:
        raise CtlError(
            "no admin token: give --admin-token, --admin-token-file or $KIOSK_HUB_ADMIN_TOKEN"
        )
    return token


class _Client:
    def __init__(self, hub: str, token: str) -> None:
        self.base = hub.rstrip("/") + API_PREFIX
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, **kw: Any) -> Any:
        try:
            response = requests.request(
                method, self.base + path, headers=self.headers, timeout=(5, 60), **kw
            )
        except requests.RequestException:
            raise CtlError(f"the hub at {self.base} cannot be reached") from None
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code >= 400:
            error = data.get("error", {}) if isinstance(data, dict) else {}
            message = error.get("message") or f"HTTP {response.status_code}"
            code = error.get("code", "")
            raise CtlError(f"the hub refused: {message}" + (f" ({code})" if code else ""))
        return data

    def fetch(self, path: str) -> bytes:
        """A download's bytes (call() is for JSON answers)."""
        try:
            response = requests.get(self.base + path, headers=self.headers, timeout=(5, 60))
        except requests.RequestException:
            raise CtlError(f"the hub at {self.base} cannot be reached") from None
        if response.status_code >= 400:
            raise CtlError(f"the hub refused: HTTP {response.status_code}")
        return response.content


def _print_kiosks(kiosks: list[dict[str, Any]]) -> None:
    if not kiosks:
        print("no kiosks registered")
        return
    for k in kiosks:
        seen = k["last_heartbeat_at"] or ("never" if k["enrolled"] else "not enrolled")
        devices = ", ".join(f"{d['name']} {d['status']}" for d in k["devices"]) or "-"
        credential = (
            f"revoked {k['revoked_at']}"
            if k.get("revoked_at")
            else f"token expires {k['token_expires_at']}"
            if k.get("token_expires_at")
            else "no token"
        )
        print(f"{k['kiosk_id']:<20} {k['name']:<20} last heartbeat {seen}; {credential}")
        print(
            f"{'':<20} app {k['app_version'] or '-'}, catalog {k['catalog_version'] or '-'}, "
            f"outbox {k['outbox_pending']}, devices: {devices}"
        )


def _print_alerts(alerts: list[dict[str, Any]]) -> None:
    if not alerts:
        print("no alerts")
        return
    for a in alerts:
        print(
            f"{a['id']:>6} {a['created_at'][:19]} {a['kind']:<22} kiosk {a['kiosk_id']:<16} "
            f"{a['subject_masked']:<18} {a['detail']}"
        )


if __name__ == "__main__":
    sys.exit(main())
