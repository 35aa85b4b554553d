"""`kiosk doctor hub`: reachability, enrolment, the clock against the hub's, the outbox and the
sync worker's last successes (read from disk, as a process of its own), against a real hub
over HTTP; TLS against a local https server whose certificates are made here (good, expiring,
expired, from another CA, for another name), and whose clock can be set wrong."""

from __future__ import annotations

import json
import re
import ssl
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from central.process import HubProcess
from kiosk import sync_state
from kiosk.config import load_config
from kiosk.hubtoken import HubToken
from kiosk.outbox import Outbox
from kiosk.sealed import Sealer
from kiosk.store import open_store
from services.doctor import WORDS, Verdict, _when, check_hub
from services.sync import sync_worker
from tests.certs import make_ca, make_leaf
from tests.test_outbox import application
from ui.cli import main


def _config(tmp_path: Path, url: str, ca_file: str = ""):
    path = tmp_path / "kiosk.toml"
    ca = f'ca_file = "{ca_file}"\n' if ca_file else ""
    path.write_text(
        f'[kiosk]\nid = "kiosk-doctor"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[hub]\nurl = "{url}"\nconnect_timeout_seconds = 2\nread_timeout_seconds = 5\n{ca}'
    )
    return path, load_config(path)


def _skew(detail: str) -> int:
    """The kiosk's clock against the hub's as the detail says it (the Date header has whole
    seconds): positive when the kiosk is ahead."""
    seconds, side = re.search(r"clock: kiosk (\d+) s (ahead of|behind) the hub", detail).groups()
    return int(seconds) if side == "ahead of" else -int(seconds)


# -- a real hub over HTTP -------------------------------------------------------------------


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    running = HubProcess(tmp_path_factory.mktemp("hub") / "hub").start()
    yield running
    running.stop()


def test_an_enrolled_kiosk_reaches_the_hub_and_the_doctor_reads_what_sync_did(
    tmp_path, hub, capsys
):
    path, config = _config(tmp_path, hub.url)
    HubToken(config.token_path()).save(hub.enrol("kiosk-doctor"), 3600)
    check = check_hub(config)
    assert (check.verdict, check.code) == (Verdict.OK, "hub.ok"), check.detail
    assert "enrolled, answered in" in check.detail
    assert abs(_skew(check.detail)) <= 1
    assert "last sync never" in check.detail

    # The kiosk's sync worker runs, delivers an application, beats and fetches the catalog...
    data = config.data_dir()
    outbox = Outbox(open_store(data), Sealer.for_data_dir(data))
    outbox.enqueue(application())
    worker = sync_worker(config, HubToken(config.token_path()), catalog_version=lambda: "x.1")
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            state = sync_state.load(data)
            if state.heartbeat_at and state.catalog_checked_at and not outbox.counts()["pending"]:
                break
            worker.wake()
            time.sleep(0.05)  # polling the disk for the worker's thread, with a deadline
    finally:
        worker.stop()
    # ... and `kiosk doctor hub`, another process's view, reads it all from the data directory.
    assert main(["--config", str(path), "doctor", "hub", "--json"]) == 0
    (reported,) = json.loads(capsys.readouterr().out)["checks"]
    assert (reported["verdict"], reported["code"]) == ("ok", "hub.ok"), reported["detail"]
    detail = reported["detail"]
    assert "outbox pending=0 delivered=1 refused=0, last delivered 20" in detail
    assert "heartbeat 20" in detail and "catalog checked 20" in detail
    version = sync_state.load(data).catalog_version
    assert version and f"catalog {version} (got 20" in detail and "in use x.1" in detail

    # Nothing went through for two hours, and an application has waited all that time.
    outbox.enqueue(application())
    later = check_hub(config, now=time.time() + 2 * 3600)
    assert (later.verdict, later.code) == (Verdict.WARN, "hub.outbox_stuck"), later.detail
    assert later.detail.endswith("also: sync_stale")


def test_before_enrolling_the_network_and_the_clock_are_checked_all_the_same(tmp_path, hub):
    """An installer checks the network before enrolling: the hub's health needs no
    credential, so a kiosk not enrolled yet learns that the hub answers, and its clock."""
    _, config = _config(tmp_path, hub.url)
    check = check_hub(config)
    assert (check.verdict, check.code) == (Verdict.FAIL, "hub.not_enrolled"), check.detail
    assert "not enrolled; health answered in" in check.detail
    assert abs(_skew(check.detail)) <= 2 and "also:" not in check.detail


def test_before_enrolling_a_hub_that_is_not_there_is_named_too(tmp_path):
    from central.process import free_port

    _, config = _config(tmp_path, f"http://127.0.0.1:{free_port()}")
    check = check_hub(config)
    assert (check.verdict, check.code) == (Verdict.FAIL, "hub.not_enrolled"), check.detail
    assert check.detail.endswith("also: unreachable"), check.detail


def test_a_token_the_hub_does_not_know_is_named(tmp_path, hub):
    _, config = _config(tmp_path, hub.url)
    HubToken(config.token_path()).save("not-a-token-the-hub-issued", 3600)
    check = check_hub(config)
    assert (check.verdict, check.code) == (Verdict.FAIL, "hub.not_accepted"), check.detail
    assert check.words == WORDS["hub.not_accepted"]


def test_a_hub_that_is_not_there_is_unreachable(tmp_path):
    from central.process import free_port

    _, config = _config(tmp_path, f"http://127.0.0.1:{free_port()}")
    HubToken(config.token_path()).save("a-token", 3600)
    check = check_hub(config)
    assert (check.verdict, check.code) == (Verdict.FAIL, "hub.unreachable"), check.detail
    assert "the hub gave no time" in check.detail


@pytest.mark.parametrize("status", [502, 500, 429])
def test_a_hub_that_answers_with_an_error_fails(tmp_path, status):
    """A reverse proxy's 502 while the hub is down, the hub's own 500: an answer, not a hub
    that works (the network is fine, the centre is not)."""

    class Failing(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _, config = _config(tmp_path, f"http://127.0.0.1:{server.server_port}")
        HubToken(config.token_path()).save("a-token", 3600)
        check = check_hub(config)
    finally:
        server.shutdown()
        server.server_close()
    assert (check.verdict, check.code) == (Verdict.FAIL, "hub.failing"), check.detail
    assert f"HTTP {status}" in check.detail


# -- TLS, with certificates made here --------------------------------------------------------


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pki")
    ca = make_ca(d, "doctor-ca", days=(-400, 400))
    make_ca(d, "other-ca", days=(-400, 400))
    make_leaf(d, "good", ca, days=(-1, 90), common_name="hub-good")
    make_leaf(d, "expiring", ca, days=(-80, 5), common_name="hub-expiring")
    make_leaf(d, "expired", ca, days=(-90, -1), common_name="hub-expired")
    make_leaf(
        d, "elsewhere", ca, days=(-1, 90), host="hub.elsewhere.example", common_name="hub-elsewhere"
    )
    return d


class _Hub:
    """A stand-in for the hub over TLS: answers every GET with a catalog, and dates its
    answers `skew` seconds off the real time."""

    def __init__(self, cert: Path) -> None:
        self.skew = 0.0
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = b'{"version": "x"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("ETag", '"x"')
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def date_time_string(self, timestamp: float | None = None) -> str:
                return formatdate(time.time() + hub.skew, usegmt=True)

            def log_message(self, *args: object) -> None:
                pass

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert.with_suffix(".crt"), cert.with_suffix(".key"))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://localhost:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tls_hub(pki):
    started: list[_Hub] = []

    def start(cert: str) -> _Hub:
        started.append(_Hub(pki / cert))
        return started[-1]

    yield start
    for hub in started:
        hub.close()


def _tls_check(tmp_path: Path, url: str, ca: Path):
    _, config = _config(tmp_path, url, str(ca))
    HubToken(config.token_path()).save("a-token", 3600)
    return check_hub(config)


def test_a_good_certificate_is_described_and_the_clock_judged(tmp_path, pki, tls_hub):
    hub = tls_hub("good")
    check = _tls_check(tmp_path, hub.url, pki / "doctor-ca.crt")
    assert (check.verdict, check.code) == (Verdict.OK, "hub.ok"), check.detail
    assert "TLS TLSv1.3, subject CN=hub-good, issuer CN=doctor-ca, valid until" in check.detail
    assert "(90 days left)" in check.detail or "(89 days left)" in check.detail

    hub.skew = -120  # the kiosk two minutes ahead: a warning
    check = _tls_check(tmp_path, hub.url, pki / "doctor-ca.crt")
    assert (check.verdict, check.code) == (Verdict.WARN, "hub.clock_off"), check.detail
    assert _skew(check.detail) in (119, 120, 121)

    hub.skew = 600  # ten minutes behind: TLS and the signed configuration are at risk
    check = _tls_check(tmp_path, hub.url, pki / "doctor-ca.crt")
    assert (check.verdict, check.code) == (Verdict.FAIL, "hub.clock_wrong"), check.detail
    assert _skew(check.detail) in (-599, -600, -601)


@pytest.mark.parametrize(
    ("cert", "ca", "verdict", "code"),
    [
        ("expiring", "doctor-ca", Verdict.WARN, "hub.tls_expiring"),
        ("expired", "doctor-ca", Verdict.FAIL, "hub.tls_expired"),
        ("good", "other-ca", Verdict.FAIL, "hub.tls_untrusted"),
        ("elsewhere", "doctor-ca", Verdict.FAIL, "hub.tls_wrong_name"),
    ],
)
def test_a_certificate_problem_is_named(tmp_path, pki, tls_hub, cert, ca, verdict, code):
    hub = tls_hub(cert)
    check = _tls_check(tmp_path, hub.url, pki / f"{ca}.crt")
    assert (check.verdict, check.code, check.words) == (verdict, code, WORDS[code]), check.detail
    # The certificate is described even when refused: the technician sees which one it was.
    assert f"subject CN=hub-{cert}, issuer CN=doctor-ca" in check.detail
    if code == "hub.tls_expired":
        assert "kiosk clock 20" in check.detail and "(expired 1 days ago)" in check.detail


def test_before_enrolling_a_certificate_problem_is_named_too(tmp_path, pki, tls_hub):
    hub = tls_hub("elsewhere")
    _, config = _config(tmp_path, hub.url, str(pki / "doctor-ca.crt"))
    check = check_hub(config)
    assert (check.verdict, check.code) == (Verdict.FAIL, "hub.not_enrolled"), check.detail
    assert "subject CN=hub-elsewhere" in check.detail
    assert check.detail.endswith("also: tls_wrong_name"), check.detail


# -- what the doctor parses: never an exception from a hostile header or a damaged file -------


@given(st.text(max_size=80))
def test_any_date_header_is_read_or_left_unknown(header):
    from kiosk.hubclient import HubClient, HubSettings

    client = HubClient(HubSettings(url="http://127.0.0.1:9"))
    client._heard(header, 1000.0)
    assert client.hub_clock is None or client.hub_clock[1] == 1000.0


@given(st.integers(min_value=0, max_value=4_000_000_000))
def test_a_well_formed_date_header_gives_the_hubs_clock(epoch):
    from kiosk.hubclient import HubClient, HubSettings

    client = HubClient(HubSettings(url="http://127.0.0.1:9"))
    client._heard(formatdate(epoch, usegmt=True), 5.0)
    assert client.hub_clock == (float(epoch), 5.0)


_JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner),
    max_leaves=10,
)


@given(st.dictionaries(st.sampled_from(["heartbeat_at", "catalog_version", "x"]), _JSON) | _JSON)
def test_a_damaged_sync_state_is_nothing_known(tmp_path_factory, data):
    d = tmp_path_factory.mktemp("state")
    (d / sync_state.FILE).write_text(json.dumps(data))
    state = sync_state.load(d)
    assert isinstance(state.heartbeat_at, float) and isinstance(state.catalog_version, str)
    assert state.heartbeat_at == 0 or _when(state.heartbeat_at, time.time())  # printable
    written = sync_state.record(d, catalog_version="v1")
    assert sync_state.load(d) == written and written.catalog_version == "v1"


def test_the_kiosks_own_tls_files_missing_are_named_not_an_error(tmp_path, pki, tls_hub):
    hub = tls_hub("good")
    check = _tls_check(tmp_path, hub.url, tmp_path / "no-such-ca.pem")
    assert check.code == "hub.tls_failed"
    assert "no-such-ca.pem" in check.detail and "clock" in check.detail
