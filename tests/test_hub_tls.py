"""TLS to the hub: the kiosk verifies the hub against the configured CA and presents its
own certificate where the hub asks for one (mutual TLS). Real certificates, real handshakes."""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.hubclient import HubClient, HubError, HubSettings
from tests.certs import make_ca, make_leaf

CATALOG_REPLY = b'{"version": "x"}'


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pki")
    hub_ca = make_ca(d, "hub-ca")
    make_leaf(d, "hub", hub_ca)
    kiosk_ca = make_ca(d, "kiosk-ca")
    make_leaf(d, "kiosk", kiosk_ca, client=True)
    make_leaf(d, "stranger", make_ca(d, "stranger-ca"), client=True)
    return d


@pytest.fixture
def tls_hub(pki):
    """A hub stand-in that only talks to clients with a certificate from kiosk-ca."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            cert = self.connection.getpeercert()
            seen.append(dict(x[0] for x in cert["subject"])["commonName"])
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(CATALOG_REPLY)))
            self.end_headers()
            self.wfile.write(CATALOG_REPLY)

        def log_message(self, *args: object) -> None:
            pass

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki / "hub.crt", pki / "hub.key")
    context.load_verify_locations(pki / "kiosk-ca.crt")
    context.verify_mode = ssl.CERT_REQUIRED
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://localhost:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def _tls(url: str, pki: Path, ca: str, cert: str | None) -> HubSettings:
    """Settings that trust the CA `ca` of `pki` and show its certificate `cert` (or none)."""
    if cert is None:
        return HubSettings(url=url, ca_file=str(pki / f"{ca}.crt"))
    return HubSettings(
        url=url,
        ca_file=str(pki / f"{ca}.crt"),
        client_cert=str(pki / f"{cert}.crt"),
        client_key=str(pki / f"{cert}.key"),
    )


def test_mutual_tls_with_the_configured_ca_and_client_certificate(pki, tls_hub):
    url, seen = tls_hub
    client = HubClient(_tls(url, pki, "hub-ca", "kiosk"))
    _, data = client.catalog()
    assert data == {"version": "x"} and seen == ["kiosk"]


def test_a_hub_certificate_from_another_ca_is_refused(pki, tls_hub):
    url, _ = tls_hub
    client = HubClient(_tls(url, pki, "stranger-ca", "kiosk"))
    with pytest.raises(HubError) as e:
        client.catalog()
    assert e.value.code == "tls_error"


def test_a_kiosk_without_an_accepted_certificate_gets_no_answer(pki, tls_hub):
    url, seen = tls_hub
    for cert in (None, "stranger"):
        with pytest.raises(HubError) as e:
            HubClient(_tls(url, pki, "hub-ca", cert)).catalog()
        assert e.value.retryable
    assert seen == []
