"""The fleet configuration repository: The Update Framework's metadata and targets, kept by
the hub and served as static files at /fleet/ (any web server or CDN can serve a copy).

The admins keep the root and targets keys off the hub (`kioskctl config`, files in a
directory of their own); the hub holds the online key that signs snapshot and timestamp.
An admin uploads a root or targets metadata they signed, with the bundles it names; the hub
checks it against the root it trusts (signatures, threshold, a version that only grows, the
bundles' lengths and hashes), stores it under consistent-snapshot names, and signs a new
snapshot and timestamp. The timestamp is re-signed before it expires (`refresh_timestamp`),
so a kiosk can tell a live repository from a frozen one.

Layout (below the hub's fleet directory):
    metadata/1.root.json … N.root.json, root.json, N.targets.json, N.snapshot.json,
             timestamp.json
    targets/groups/<sha256>.<group>.json, targets/fleet/<sha256>.assignments.json
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.signer import CryptoSigner, Key, SSlibKey
from tuf.api.exceptions import UnsignedMetadataError
from tuf.api.metadata import Metadata, MetaFile, Root, Snapshot, Targets, Timestamp

SNAPSHOT_DAYS = 7
PASSPHRASE_ENV = "KIOSK_FLEET_KEY_PASSPHRASE"


class FleetRefused(ValueError):
    """An upload the hub will not publish; the message says why."""


# -- keys ------------------------------------------------------------------------------------


def generate_key(path: Path) -> CryptoSigner:
    """A new Ed25519 key in `path` (PEM, 0600, its directory 0700), encrypted with
    $KIOSK_FLEET_KEY_PASSPHRASE when set."""
    private = Ed25519PrivateKey.generate()
    passphrase = os.environ.get(PASSPHRASE_ENV, "").encode()
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.exists():
        raise FileExistsError(f"{path} exists already: a key is never overwritten")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return signer_of(private)


def load_key(path: Path) -> CryptoSigner:
    passphrase = os.environ.get(PASSPHRASE_ENV, "").encode() or None
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), passphrase)
    except FileNotFoundError:
        raise FleetRefused(f"no key at {path}") from None
    except (TypeError, ValueError):
        raise FleetRefused(
            f"{path} is not a key this tool can read (a passphrase in ${PASSPHRASE_ENV}?)"
        ) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise FleetRefused(f"{path} is not an Ed25519 key")
    return signer_of(private)


def signer_of(private: Ed25519PrivateKey) -> CryptoSigner:
    return CryptoSigner(private, SSlibKey.from_crypto(private.public_key()))


# -- the repository ---------------------------------------------------------------------------


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _write(path: Path, data: bytes) -> None:
    """Atomically: a kiosk or a web server never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    tmp.replace(path)


class FleetRepository:
    def __init__(self, directory: Path, key_path: Path, *, timestamp_hours: float = 24.0) -> None:
        self.directory = Path(directory)
        self.metadata_dir = self.directory / "metadata"
        self.targets_dir = self.directory / "targets"
        self.key_path = Path(key_path)
        self.timestamp_lifetime = timedelta(hours=timestamp_hours)

    # -- the online key (snapshot and timestamp) --

    def online_signer(self) -> CryptoSigner:
        if not self.key_path.exists():
            try:
                return generate_key(self.key_path)
            except FileExistsError:
                pass  # another hub process made it just now
        return load_key(self.key_path)

    def next_key_path(self) -> Path:
        return self.key_path.with_name(self.key_path.stem + ".next" + self.key_path.suffix)

    def online_key(self, *, next_key: bool = False) -> dict:
        """The public key the admins put in root for snapshot and timestamp; `next_key`:
        the key that replaces it at the next root (made on first ask)."""
        if next_key:
            path = self.next_key_path()
            if not path.exists():
                generate_key(path)
            signer = load_key(path)
        else:
            signer = self.online_signer()
        key = signer.public_key
        return {"keyid": key.keyid, **key.to_dict()}

    # -- reading --

    def _read(self, name: str) -> Metadata | None:
        path = self.metadata_dir / name
        return Metadata.from_bytes(path.read_bytes()) if path.exists() else None

    def root(self) -> Metadata[Root] | None:
        return self._read("root.json")

    def timestamp(self) -> Metadata[Timestamp] | None:
        return self._read("timestamp.json")

    def targets(self) -> Metadata[Targets] | None:
        ts = self.timestamp()
        if ts is None:
            return None
        snapshot = self._read(f"{ts.signed.snapshot_meta.version}.snapshot.json")
        version = snapshot.signed.meta["targets.json"].version
        return self._read(f"{version}.targets.json")

    # -- publishing --

    def publish(
        self,
        root_bytes: bytes | None = None,
        targets_bytes: bytes | None = None,
        files: dict[str, bytes] | None = None,
    ) -> dict[str, int]:
        """Check and store a new root and/or targets, then sign a snapshot and a timestamp
        over them; FleetRefused saying why. The caller holds the hub's fleet lock."""
        files = files or {}
        root = self.root()
        if root_bytes is not None:
            root = self._accept_root(root, root_bytes)
        if root is None:
            raise FleetRefused("the repository has no root yet: upload one first")
        targets = self.targets()
        new_targets = None
        if targets_bytes is not None:
            new_targets = self._accept_targets(root, targets, targets_bytes, files)
            targets = new_targets
        if targets is None:
            raise FleetRefused("the repository has no targets yet: upload them with the root")
        # Everything checked: now write, the timestamp last.
        if root_bytes is not None:
            _write(self.metadata_dir / f"{root.signed.version}.root.json", root_bytes)
            _write(self.metadata_dir / "root.json", root_bytes)
        if new_targets is not None:
            for target in new_targets.signed.targets.values():
                stored = self._target_path(target.path, next(iter(target.hashes.values())))
                if not stored.exists():
                    _write(stored, files[target.path])
            _write(self.metadata_dir / f"{new_targets.signed.version}.targets.json", targets_bytes)
        if self.next_key_path().exists() and self._online_role_uses(root, self.next_key_path()):
            self.next_key_path().replace(self.key_path)  # the rotation took effect
        snapshot_version = self._sign_snapshot(targets.signed.version)
        timestamp_version = self._sign_timestamp(snapshot_version)
        return {
            "root": root.signed.version,
            "targets": targets.signed.version,
            "snapshot": snapshot_version,
            "timestamp": timestamp_version,
        }

    def refresh_timestamp(self, *, now: datetime | None = None) -> bool:
        """Re-sign the timestamp once half its life is over, and the snapshot once half of
        its own is (a week without a publish must not freeze every kiosk: ngclient refuses
        an expired snapshot as it does an expired timestamp); True if it signed anything."""
        ts = self.timestamp()
        if ts is None:
            return False
        now = now or _utcnow()
        snapshot_version = ts.signed.snapshot_meta.version
        snapshot = self._read(f"{snapshot_version}.snapshot.json")
        snapshot_due = (
            snapshot is not None
            and snapshot.signed.expires - now <= timedelta(days=SNAPSHOT_DAYS) / 2
        )
        if not snapshot_due and ts.signed.expires - now > self.timestamp_lifetime / 2:
            return False
        if snapshot_due:
            targets_version = snapshot.signed.meta["targets.json"].version
            snapshot_version = self._sign_snapshot(targets_version, now=now)
        self._sign_timestamp(snapshot_version, now=now)
        return True

    def _accept_root(self, current: Metadata[Root] | None, data: bytes) -> Metadata[Root]:
        new = _parse(data, Root)
        try:
            if current is None:
                if new.signed.version != 1:
                    raise FleetRefused("the first root must be version 1")
            else:
                if new.signed.version != current.signed.version + 1:
                    raise FleetRefused(
                        f"the new root must be version {current.signed.version + 1}, "
                        f"not {new.signed.version}"
                    )
                current.verify_delegate(Root.type, new)  # signed by the old root's keys
            new.verify_delegate(Root.type, new)  # and by its own
        except UnsignedMetadataError as e:
            raise FleetRefused(f"the root is not signed by enough root keys: {e}") from None
        if not new.signed.consistent_snapshot:
            raise FleetRefused("the root must use consistent snapshots")
        for role in (Snapshot.type, Timestamp.type):
            usable = [self.key_path, self.next_key_path()]
            if not any(p.exists() and self._role_uses(new, role, p) for p in usable):
                raise FleetRefused(
                    f"the root's {role} role must use the hub's online key "
                    "(kioskctl config keygen / rotate fetch it)"
                )
        return new

    def _accept_targets(
        self,
        root: Metadata[Root],
        current: Metadata[Targets] | None,
        data: bytes,
        files: dict[str, bytes],
    ) -> Metadata[Targets]:
        new = _parse(data, Targets)
        try:
            root.verify_delegate(Targets.type, new)
        except UnsignedMetadataError as e:
            raise FleetRefused(f"the targets are not signed by the targets key(s): {e}") from None
        if current is not None and new.signed.version <= current.signed.version:
            raise FleetRefused(
                f"targets version {new.signed.version} is not newer than the published "
                f"{current.signed.version}"
            )
        if new.signed.is_expired(_utcnow()):
            raise FleetRefused("the targets metadata has expired already")
        for target in new.signed.targets.values():
            if not target.hashes:
                raise FleetRefused(f"target {target.path} has no hash")
            if self._target_path(target.path, next(iter(target.hashes.values()))).exists():
                continue
            body = files.get(target.path)
            if body is None:
                raise FleetRefused(f"target {target.path} was not uploaded")
            try:
                target.verify_length_and_hashes(body)
            except Exception:
                raise FleetRefused(f"target {target.path} does not match its hash") from None
        return new

    def _target_path(self, path: str, digest: str) -> Path:
        directory, _, name = path.rpartition("/")
        if ".." in path.split("/") or path.startswith("/"):
            raise FleetRefused(f"target path {path!r} is not allowed")
        return self.targets_dir / directory / f"{digest}.{name}"

    def _sign_snapshot(self, targets_version: int, *, now: datetime | None = None) -> int:
        ts = self.timestamp()
        version = ts.signed.snapshot_meta.version + 1 if ts else 1
        snapshot = Metadata(
            Snapshot(
                version=version,
                expires=(now or _utcnow()) + timedelta(days=SNAPSHOT_DAYS),
                meta={"targets.json": MetaFile(version=targets_version)},
            )
        )
        snapshot.sign(self.online_signer())
        _write(self.metadata_dir / f"{version}.snapshot.json", snapshot.to_bytes())
        return version

    def _sign_timestamp(
        self,
        snapshot_version: int,
        *,
        expires: datetime | None = None,
        now: datetime | None = None,
    ) -> int:
        ts = self.timestamp()
        version = ts.signed.version + 1 if ts else 1
        timestamp = Metadata(
            Timestamp(
                version=version,
                expires=expires or (now or _utcnow()) + self.timestamp_lifetime,
                snapshot_meta=MetaFile(version=snapshot_version),
            )
        )
        timestamp.sign(self.online_signer())
        _write(self.metadata_dir / "timestamp.json", timestamp.to_bytes())
        return version

    def _online_role_uses(self, root: Metadata[Root], key_path: Path) -> bool:
        return self._role_uses(root, Timestamp.type, key_path)

    @staticmethod
    def _role_uses(root: Metadata[Root], role: str, key_path: Path) -> bool:
        return load_key(key_path).public_key.keyid in root.signed.roles[role].keyids


def _parse(data: bytes, kind: type) -> Metadata:
    try:
        md = Metadata.from_bytes(data)
    except Exception:
        raise FleetRefused(f"not {kind.type} metadata that can be read") from None
    if not isinstance(md.signed, kind):
        raise FleetRefused(f"expected {kind.type} metadata, not {md.signed.type}")
    return md


def public_key(data: dict) -> Key:
    """A public key as online_key() gives it."""
    data = dict(data)
    keyid = data.pop("keyid")
    return Key.from_dict(keyid, data)
