"""One TLS handshake with the hub, for `kiosk doctor`: the certificate it shows (subject,
issuer, expiry), the TLS version agreed, and when the certificate is refused, why, in one
word a technician can act on (expired, not trusted, wrong name…).

It trusts what HubClient trusts (the configured CA, else the CA bundle requests uses) and
shows the same client certificate, so its verdict is the one the kiosk's requests meet. A
refused certificate is fetched again without verification, only to be described."""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

# OpenSSL's verify codes (X509_V_ERR_*), by what they mean to a technician.
_PROBLEMS = {
    9: "not_yet_valid",
    10: "expired",
    2: "untrusted",
    18: "untrusted",  # self-signed
    19: "untrusted",  # self-signed CA in the chain, not the configured one
    20: "untrusted",
    21: "untrusted",
    23: "revoked",
    62: "wrong_name",  # hostname mismatch
    64: "wrong_name",  # IP address mismatch
}


@dataclass(frozen=True)
class TlsReport:
    # "": verified. Else expired, not_yet_valid, untrusted, wrong_name, revoked, failed (any
    # other refusal), unreachable (no TCP connection: the HTTP check says more).
    problem: str
    message: str = ""  # OpenSSL's words for the problem
    version: str = ""  # TLSv1.3, …
    subject: str = ""
    issuer: str = ""
    not_after: float = 0.0  # epoch seconds; 0: unknown

    def days_left(self, now: float | None = None) -> float | None:
        if not self.not_after:
            return None
        return (self.not_after - (time.time() if now is None else now)) / 86400

    def describe(self, now: float | None = None) -> str:
        if self.problem == "unreachable":
            return f"TLS: no connection ({self.message})"
        parts = [f"TLS {self.version or '?'}"]
        if self.subject:
            parts.append(f"subject {self.subject}")
        if self.issuer:
            parts.append(f"issuer {self.issuer}")
        days = self.days_left(now)
        if days is not None:
            until = datetime.fromtimestamp(self.not_after, UTC).strftime("%Y-%m-%d")
            left = f"{days:.0f} days left" if days >= 0 else f"expired {-days:.0f} days ago"
            parts.append(f"valid until {until} ({left})")
        if self.problem:
            parts.append(f"refused: {self.problem} ({self.message})")
        return ", ".join(parts)


def probe(
    url: str,
    ca_file: str = "",
    client_cert: str = "",
    client_key: str = "",
    timeout: float = 5.0,
) -> TlsReport:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or 443
    try:
        context = ssl.create_default_context(cafile=ca_file or _default_bundle())
        if client_cert:
            context.load_cert_chain(client_cert, client_key or None)
    except OSError as e:  # ssl.SSLError included: the kiosk's own files, not the hub
        # A CA or client certificate missing or unreadable: said as such, never an error
        # that takes the whole hub check (clock, outbox, sync) down with it.
        return TlsReport("failed", f"the kiosk's TLS files: {type(e).__name__}: {e}"[:200])
    try:
        version, der = _handshake(context, host, port, timeout)
        return _described(TlsReport(""), version, der)
    except ssl.SSLCertVerificationError as e:
        refused = TlsReport(
            _PROBLEMS.get(e.verify_code, "failed"), str(e.verify_message or e.reason)[:200]
        )
    except ssl.SSLError as e:
        refused = TlsReport("failed", str(e.reason or e)[:200])
    except OSError as e:
        return TlsReport("unreachable", type(e).__name__)
    # Once more without verification, only to say what certificate was refused.
    blind = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    blind.check_hostname = False
    blind.verify_mode = ssl.CERT_NONE
    if client_cert:
        blind.load_cert_chain(client_cert, client_key or None)
    try:
        version, der = _handshake(blind, host, port, timeout)
    except OSError:  # ssl.SSLError included: described by its problem alone
        return refused
    return _described(refused, version, der)


def _default_bundle() -> str | None:
    try:
        from requests.certs import where

        return where()
    except ImportError:
        return None


def _handshake(
    context: ssl.SSLContext, host: str, port: int, timeout: float
) -> tuple[str, bytes | None]:
    with (
        socket.create_connection((host, port), timeout=timeout) as sock,
        context.wrap_socket(sock, server_hostname=host) as tls,
    ):
        return tls.version() or "", tls.getpeercert(binary_form=True)


def _described(report: TlsReport, version: str, der: bytes | None) -> TlsReport:
    if not der:
        return replace(report, version=version)
    from cryptography import x509

    cert = x509.load_der_x509_certificate(der)
    return replace(
        report,
        version=version,
        subject=cert.subject.rfc4514_string()[:200],
        issuer=cert.issuer.rfc4514_string()[:200],
        not_after=cert.not_valid_after_utc.timestamp(),
    )
