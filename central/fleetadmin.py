"""The admins' side of fleet configuration (kioskctl config): root and targets keys in a
directory of their own, off the hub; metadata signed here and uploaded to the hub, which
checks it and signs snapshot and timestamp (central.fleet)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from securesystemslib.exceptions import UnverifiedSignatureError
from tuf.api.exceptions import UnsignedMetadataError
from tuf.api.metadata import Metadata, Root, TargetFile, Targets

from central.fleet import FleetRefused, generate_key, load_key, public_key
from kiosk.fleet import (
    ASSIGNMENTS_TARGET,
    CATALOG_TARGET,
    DEFAULT_GROUP,
    Bundle,
    assignments_from_bytes,
    assignments_to_bytes,
    checked,
    group_name,
    group_target,
)

# Beside the keys: the root and the targets the admins signed last, the reference the hub's
# copies are checked against before anything is signed over them.
LATEST_ROOT = "root.latest.json"
LATEST_TARGETS = "targets.latest.json"
# A new root on its way to the hub (a rotation, a renewal): written before it is sent, and
# settled by the next command from what the hub serves. Without it, a reply lost after the
# hub took the root left the admins' folder a root behind the hub, and every later command
# refused the hub's targets as not signed by their key.
PENDING_ROOT = "root.pending.json"
ROOT_DAYS = 365
TARGETS_DAYS = 90
# `config status` asks for `config renew` this long before the root or the targets expire:
# once either has, every kiosk refuses the repository (and keeps its last configuration).
RENEW_DAYS = 30


def _last_signed(retired_key: Path) -> int:
    """The last targets version a retired key signed, as noted when it was retired; 0 (none
    taken) when that note is missing or unreadable."""
    try:
        return int(json.loads(retired_key.with_suffix(".json").read_bytes())["last"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def _expiry(days: int) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)


class FleetAdmin:
    """`call(method, path, **kw)` is the admin API client (kioskctl's)."""

    def __init__(self, keys_dir: Path, call: Any, fleet_url: str) -> None:
        self.keys_dir = Path(keys_dir)
        self.call = call
        self.fleet_url = fleet_url.rstrip("/") + "/"

    def keygen(self) -> bytes:
        """Root and targets keys, root v1 naming the hub's online key, empty targets v1;
        published. Returns root.json, the root of trust to ship with every kiosk."""
        root_signer = generate_key(self.keys_dir / "root.key")
        targets_signer = generate_key(self.keys_dir / "targets.key")
        online = public_key(self.call("GET", "/admin/fleet/online-key"))
        root = Metadata(Root(expires=_expiry(ROOT_DAYS), consistent_snapshot=True))
        root.signed.add_key(root_signer.public_key, "root")
        root.signed.add_key(targets_signer.public_key, "targets")
        root.signed.add_key(online, "snapshot")
        root.signed.add_key(online, "timestamp")
        root.sign(root_signer)
        targets = Metadata(Targets(expires=_expiry(TARGETS_DAYS)))
        targets.sign(targets_signer)
        root_bytes = root.to_bytes()
        self.call(
            "POST",
            "/admin/fleet/publish",
            json={"root": root_bytes.decode(), "targets": targets.to_bytes().decode()},
        )
        (self.keys_dir / "root.json").write_bytes(root_bytes)
        self._keep(LATEST_ROOT, root_bytes)
        self._keep(LATEST_TARGETS, targets.to_bytes())
        return root_bytes

    def rotate(self, role: str) -> bytes:
        """A new key for `role` ("targets", or "timestamp": the hub's next online key, for
        snapshot and timestamp) in a new root signed by the root key; published. Kiosks
        follow the chain of roots from the one they were shipped with. A rotation of `role`
        that reached the hub while its reply was lost is completed, not done again."""
        if self._settle() == role:
            return self._trusted_root().to_bytes()
        # From the root the admins signed last, never from the hub's copy: a hub that has been
        # taken over must not get its own keys into a root signed by the root key.
        root = self._trusted_root()
        targets = self.current_targets()  # checked before any key is touched
        # The new targets key waits beside the one in force until the hub has taken the root
        # naming it: a rotation that does not get through changes no key (publishing goes on
        # with the one in force), and when tried again it retires that key, not a new one.
        next_key = self.keys_dir / "targets.next.key"
        if role == "targets":
            if not next_key.exists():
                generate_key(next_key)
            keys = {"targets": load_key(next_key).public_key}
        elif role == "timestamp":
            online = public_key(
                self.call("GET", "/admin/fleet/online-key", params={"next": "true"})
            )
            keys = {"snapshot": online, "timestamp": online}
        else:
            raise ValueError("rotate targets or timestamp")
        retiring_at = root.signed.version
        for name, key in keys.items():
            for keyid in list(root.signed.roles[name].keyids):
                root.signed.revoke_key(keyid, name)
            root.signed.add_key(key, name)
        root.signed.version += 1
        root.signed.expires = _expiry(ROOT_DAYS)
        root.signatures.clear()
        root.sign(load_key(self.keys_dir / "root.key"))
        body: dict[str, Any] = {"root": root.to_bytes().decode()}
        pending: dict[str, Any] = {"role": role, "root": body["root"]}
        if role == "targets":  # the targets again, under the new key
            pending |= {"retiring_at": retiring_at, "last_signed": targets.signed.version}
            targets.signed.version += 1
            targets.signatures.clear()
            targets.sign(load_key(next_key))
            body["targets"] = pending["targets"] = targets.to_bytes().decode()
        self._publish_root(pending, body)
        return root.to_bytes()

    def _publish_root(self, pending: dict[str, Any], body: dict[str, Any]) -> None:
        """Send a new root (and whatever goes with it), noted as pending until the hub has
        answered; then what it changes here is done (_finish)."""
        self._keep(PENDING_ROOT, json.dumps(pending).encode())
        self.call("POST", "/admin/fleet/publish", json=body)
        self._finish(pending)

    def _finish(self, pending: dict[str, Any]) -> None:
        """The hub has the pending root: the keys and the records here follow it."""
        if pending["role"] == "targets":
            retired = f"targets.{pending['retiring_at']}.retired"
            # The last version the outgoing key signed: whatever it signs after (it may have
            # leaked) is no part of the history a rollback reads.
            self._keep(f"{retired}.json", json.dumps({"last": pending["last_signed"]}).encode())
            (self.keys_dir / "targets.key").rename(self.keys_dir / f"{retired}.key")
            (self.keys_dir / "targets.next.key").rename(self.keys_dir / "targets.key")
        self._keep(LATEST_ROOT, pending["root"].encode())
        if pending.get("targets"):
            self._keep(LATEST_TARGETS, pending["targets"].encode())
        (self.keys_dir / PENDING_ROOT).unlink()

    def _settle(self) -> str | None:
        """A root sent before without an answer: finished when the hub serves it, dropped
        when the hub does not have its version (nothing changed; a rotation tried again
        takes the same next key). The role of a rotation so finished ("renew" for a
        renewal), or None."""
        import requests

        path = self.keys_dir / PENDING_ROOT
        if not path.exists():
            return None
        pending = json.loads(path.read_bytes())
        root = Metadata[Root].from_bytes(pending["root"].encode())
        version = root.signed.version
        try:
            served = self._get(f"metadata/{version}.root.json")
        except requests.HTTPError as e:
            if e.response is None or e.response.status_code != 404:
                raise FleetRefused(
                    f"cannot tell whether root {version}, sent before without an answer, "
                    f"reached the hub (HTTP {getattr(e.response, 'status_code', '?')}); "
                    "try again when the hub answers"
                ) from None
            path.unlink()
            return None
        except requests.RequestException:
            raise FleetRefused(
                f"cannot tell whether root {version}, sent before without an answer, reached "
                "the hub: it cannot be reached; try again when it answers"
            ) from None
        if Metadata[Root].from_bytes(served).signed_bytes != root.signed_bytes:
            raise FleetRefused(
                f"the hub serves a root {version} that is not the one you sent: nothing is "
                "signed over it (has the hub been tampered with?)"
            )
        self._finish(pending)
        return str(pending["role"])

    def renew(self) -> list[str]:
        """The targets signed again with a new expiry (same content, a new version), and the
        root too when it expires within RENEW_DAYS; published. What was renewed, in words."""
        root = self._trusted_root()
        targets = self.current_targets()
        body: dict[str, Any] = {}
        renewed = []
        if root.signed.expires - _expiry(0) < timedelta(days=RENEW_DAYS):
            root.signed.version += 1
            root.signed.expires = _expiry(ROOT_DAYS)
            root.signatures.clear()
            root.sign(load_key(self.keys_dir / "root.key"))
            body["root"] = root.to_bytes().decode()
            renewed.append(f"root {root.signed.version} until {root.signed.expires:%Y-%m-%d}")
        signed = self._signed(targets, {})
        if body:
            pending = {"role": "renew", "root": body["root"], "targets": signed["targets"]}
            self._publish_root(pending, {**body, **signed})
        else:
            self.upload(signed)
        renewed.append(f"targets {targets.signed.version} until {targets.signed.expires:%Y-%m-%d}")
        return renewed

    def expiries(self, targets: Metadata[Targets]) -> list[str]:
        """When the root and the targets expire, with a call to renew when that is near."""
        try:
            root = self._trusted_root().signed
        except FleetRefused:  # no keys here: the root the hub serves says the same
            root = Metadata[Root].from_bytes(self._get("metadata/root.json")).signed
        lines = []
        for name, signed in (("root", root), ("targets", targets.signed)):
            left = signed.expires - _expiry(0)
            line = f"{name} {signed.version} signed until {signed.expires:%Y-%m-%d}"
            if left <= timedelta(0):
                line += ": EXPIRED, kiosks refuse every update; run kioskctl config renew"
            elif left < timedelta(days=RENEW_DAYS):
                line += f": RENEW within {left.days} days (kioskctl config renew)"
            lines.append(line)
        return lines

    def current_targets(self) -> Metadata[Targets]:
        """The targets the hub serves now, checked against the admins' own root and the last
        targets they signed: whatever is signed next starts from them, so a hub that serves
        targets of its own making (another group for a kiosk, its own catalog) or an older
        version is refused here rather than signed over."""
        targets = self._served_targets()
        root = self._trusted_root()
        try:
            root.verify_delegate(Targets.type, targets)
        except UnsignedMetadataError:
            raise FleetRefused(
                "the hub serves targets that are not signed by your targets key: nothing is "
                "signed over them (has the hub been tampered with?)"
            ) from None
        kept = self.keys_dir / LATEST_TARGETS
        mine = 0
        if kept.exists():
            mine = Metadata[Targets].from_bytes(kept.read_bytes()).signed.version
        if targets.signed.version < mine:
            raise FleetRefused(
                f"the hub serves targets version {targets.signed.version}, older than "
                f"the {mine} you signed last: nothing is signed over them"
            )
        if targets.signed.version > mine and (self.keys_dir / "targets.key").exists():
            # Signed by this folder's key and uploaded from elsewhere (`config sign` here,
            # `config upload` by whoever holds the admin credential): the record follows,
            # so that the hub serving an older version again is refused here too.
            self._keep(LATEST_TARGETS, targets.to_bytes())
        return targets

    def _signed_by_us(self, targets: Metadata[Targets]) -> None:
        """FleetRefused unless `targets` carries a signature of the admins' targets key, the
        one in force or one retired by a rotation, for the versions it signed before it was
        retired (older versions were signed by those)."""
        try:
            self._trusted_root().verify_delegate(Targets.type, targets)
            return
        except UnsignedMetadataError:
            pass
        for path in sorted(self.keys_dir.glob("targets.*.retired.key")):
            if targets.signed.version > _last_signed(path):
                continue
            key = load_key(path).public_key
            signature = targets.signatures.get(key.keyid)
            if signature is None:
                continue
            try:
                key.verify_signature(signature, targets.signed_bytes)
                return
            except UnverifiedSignatureError:
                continue
        raise FleetRefused(
            f"the hub serves targets version {targets.signed.version} that none of your "
            "targets keys signed: nothing is signed over them (has the hub been tampered with?)"
        )

    def _served_targets(self) -> Metadata[Targets]:
        ts = Metadata.from_bytes(self._get("metadata/timestamp.json"))
        snap = Metadata.from_bytes(
            self._get(f"metadata/{ts.signed.snapshot_meta.version}.snapshot.json")
        )
        version = snap.signed.meta["targets.json"].version
        return Metadata[Targets].from_bytes(self._get(f"metadata/{version}.targets.json"))

    def _trusted_root(self) -> Metadata[Root]:
        self._settle()
        for name in (LATEST_ROOT, "root.json"):
            path = self.keys_dir / name
            if path.exists():
                return Metadata[Root].from_bytes(path.read_bytes())
        raise FleetRefused(f"no root in {self.keys_dir}: run kioskctl config keygen first")

    def _keep(self, name: str, data: bytes) -> None:
        """What the admins signed last, beside their keys (written whole or not at all)."""
        path = self.keys_dir / name
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)

    def _get(self, path: str) -> bytes:
        import requests

        r = requests.get(self.fleet_url + path, timeout=30)
        r.raise_for_status()
        return r.content

    def next_serial(self, targets: Metadata[Targets]) -> int:
        return targets.signed.version + 1

    def publish(self, bundle: Bundle, group: str) -> Bundle:
        """Sign targets naming `bundle` for `group` (a new serial) and upload them."""
        bundle, upload = self.sign(bundle, group)
        self.upload(upload)
        return bundle

    def sign(self, bundle: Bundle, group: str) -> tuple[Bundle, dict[str, Any]]:
        """`publish` without the upload: the signed targets and the bundle, for `upload` by
        whoever holds the admin credential (the targets key need not be on that machine).
        Reads only what the hub serves to anyone."""
        group_name(group)
        checked(bundle)
        targets = self.current_targets()
        bundle = bundle.renumbered(self.next_serial(targets), group, bundle.note)
        data = bundle.to_bytes()
        path = group_target(group)
        targets.signed.targets[path] = TargetFile.from_data(path, data)
        return bundle, self._signed(targets, {path: data})

    def upload(self, body: dict[str, Any]) -> None:
        """Metadata signed here or elsewhere (`sign`), to the hub, which checks it again."""
        self.call("POST", "/admin/fleet/publish", json=body)
        if "targets" in body and (self.keys_dir / "targets.key").exists():  # the signers' folder
            self._keep(LATEST_TARGETS, str(body["targets"]).encode())

    def publish_catalog(self, data: bytes) -> str:
        """Sign the catalog (its JSON, checked by the caller) as a target; its sha256."""
        targets = self.current_targets()
        target = TargetFile.from_data(CATALOG_TARGET, data)
        targets.signed.targets[CATALOG_TARGET] = target
        self._sign_and_upload(targets, {CATALOG_TARGET: data})
        return target.hashes["sha256"]

    def assignments(self, targets: Metadata[Targets] | None = None) -> dict[str, str]:
        """Kiosk id -> group, as last signed ({} before any assignment: every kiosk is in
        "all")."""
        targets = targets or self.current_targets()
        target = targets.signed.targets.get(ASSIGNMENTS_TARGET)
        if target is None:
            return {}
        data = self._get(self._target_path(target))
        target.verify_length_and_hashes(data)
        return assignments_from_bytes(data)

    def assign(self, group: str, kiosk_ids: list[str]) -> dict[str, str]:
        """Move kiosks into `group` ("all": back to the default), signed like a bundle, so
        that whoever controls the hub cannot move a kiosk to another group's settings."""
        if not kiosk_ids:
            raise ValueError("name at least one kiosk")
        group_name(group)
        targets = self.current_targets()
        kiosks = self.assignments(targets)
        for kiosk_id in kiosk_ids:
            if group == DEFAULT_GROUP:
                kiosks.pop(kiosk_id, None)
            else:
                kiosks[kiosk_id] = group
        data = assignments_to_bytes(kiosks)
        targets.signed.targets[ASSIGNMENTS_TARGET] = TargetFile.from_data(ASSIGNMENTS_TARGET, data)
        self._sign_and_upload(targets, {ASSIGNMENTS_TARGET: data})
        return kiosks

    def status(self, kiosks: list[dict[str, Any]]) -> list[str]:
        """One line per kiosk (from the hub's /admin/kiosks, i.e. their heartbeats): its
        group, the configuration it runs, and whether that is its group's current one."""
        checked = any((self.keys_dir / n).exists() for n in (LATEST_ROOT, "root.json"))
        try:
            targets = self.current_targets() if checked else self._served_targets()
        except FleetRefused as e:
            return [str(e)]
        except Exception as e:  # nothing published yet, or the repository unreadable
            return [f"no fleet configuration published ({type(e).__name__})"]
        groups = self.assignments(targets)
        current: dict[str, Bundle | None] = {}
        lines = self.expiries(targets)
        for k in kiosks:
            group = groups.get(k["kiosk_id"], DEFAULT_GROUP)
            if group not in current:
                current[group] = self.bundle_of(targets, group) or self.bundle_of(
                    targets, DEFAULT_GROUP
                )
            wanted = current[group]
            runs = k.get("config_version") or ""
            if k.get("config_error"):
                state = f"FAILED: {k['config_error']}"
            elif wanted is None:
                state = "no configuration for its group"
            elif not runs:
                state = f"never reported; should run {wanted.version}"
            elif runs == wanted.version:
                state = "up to date"
            else:
                state = f"BEHIND: its group is at {wanted.version}"
            lines.append(f"{k['kiosk_id']:<20} group {group:<10} runs {runs or '-':<16} {state}")
        return lines

    @staticmethod
    def _target_path(target: TargetFile) -> str:
        directory, _, name = target.path.rpartition("/")
        return f"targets/{directory}/{target.hashes['sha256']}.{name}"

    def bundle_of(self, targets: Metadata[Targets], group: str) -> Bundle | None:
        target = targets.signed.targets.get(group_target(group))
        if target is None:
            return None
        data = self._get(self._target_path(target))
        target.verify_length_and_hashes(data)
        return Bundle.from_bytes(data)

    def promote(self, source: str, group: str = "all") -> Bundle:
        bundle = self.bundle_of(self.current_targets(), source)
        if bundle is None:
            raise ValueError(f"group {source} has no configuration to promote")
        return self.publish(
            Bundle(0, group, bundle.settings, note=f"promoted from {source}"), group
        )

    def rollback(self, group: str) -> Bundle:
        """The group's previous different content, published again as a new version."""
        targets = self.current_targets()
        now = self.bundle_of(targets, group)
        if now is None:
            raise ValueError(f"group {group} has no configuration")
        for version in range(targets.signed.version - 1, 0, -1):
            earlier = Metadata[Targets].from_bytes(self._get(f"metadata/{version}.targets.json"))
            # What the hub serves as history is checked like the present: a hub taken over
            # must not get settings of its own signed by the targets key through a rollback.
            self._signed_by_us(earlier)
            old = self.bundle_of(earlier, group)
            if old is not None and old.digest != now.digest:
                note = f"rollback to {old.serial}"
                return self.publish(Bundle(0, group, old.settings, note=note), group)
        raise ValueError(f"group {group} has no earlier configuration to go back to")

    def _sign_and_upload(
        self,
        targets: Metadata[Targets],
        files: dict[str, bytes],
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.upload({**(extra or {}), **self._signed(targets, files)})

    def _signed(self, targets: Metadata[Targets], files: dict[str, bytes]) -> dict[str, Any]:
        """The next version of `targets`, signed by the targets key, with the files it names:
        the hub's upload body."""
        targets.signed.version += 1
        targets.signed.expires = _expiry(TARGETS_DAYS)
        targets.signatures.clear()
        targets.sign(load_key(self.keys_dir / "targets.key"))
        return {
            "targets": targets.to_bytes().decode(),
            "files": {p: base64.b64encode(d).decode() for p, d in files.items()},
        }
