"""A `kiosk` command started by root on a terminal acts as the owner of the kiosk's data
directory (the package's user "kiosk"). A technician who types `kiosk doctor` or `kiosk
outbox status` as root, forgetting `runuser -u kiosk --`, would otherwise leave files in the
data directory that only root can read or write (the store, its journal, the calibration, the
seal key), and the kiosk, which runs as its own user, would stop at its next start with
"Permission denied". Root's own data directory (a developer's machine) changes nothing."""

from __future__ import annotations

import logging
import os
import pwd
from pathlib import Path

log = logging.getLogger(__name__)


# The shells of accounts nobody logs in to: the package's "kiosk" user is one (adduser
# --system). A person's account is not followed: root would become that person.
_NO_LOGIN = frozenset(
    ("/usr/sbin/nologin", "/sbin/nologin", "/bin/false", "/usr/bin/false", "/bin/true")
)


def data_owner(data_dir: Path) -> pwd.struct_passwd | None:
    """The user to act as: the owner of the data directory, or of the directory it is to be
    made in, when that is a service account; None when it is root, a person, unknown, or
    nothing of it exists yet."""
    for path in (data_dir, data_dir.parent):
        try:
            uid = path.stat().st_uid
        except OSError:
            continue
        if uid == 0:
            return None
        try:
            user = pwd.getpwuid(uid)
        except KeyError:
            return None
        return user if user.pw_shell in _NO_LOGIN else None
    return None


def act_as_data_owner(data_dir: Path) -> str | None:
    """Root becomes the data directory's owner for the rest of the process (groups, HOME
    and a private umask with it); the name of that user, or None when nothing changed."""
    if os.geteuid() != 0:
        return None
    user = data_owner(Path(data_dir))
    if user is None:
        return None
    os.initgroups(user.pw_name, user.pw_gid)
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    os.umask(0o077)
    os.environ.update(HOME=user.pw_dir, USER=user.pw_name, LOGNAME=user.pw_name)
    # Root's directories (runtime, cache, config, data, state) are closed to the kiosk's
    # user: without them each falls back to the user's HOME.
    for name in [n for n in os.environ if n.startswith("XDG_") and n.endswith(("_DIR", "_HOME"))]:
        del os.environ[name]
    log.info("acting as %s, the owner of %s", user.pw_name, data_dir)
    return user.pw_name
