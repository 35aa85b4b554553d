"""The kiosk's HTTP client of the joint-handling hub.

Timeouts on every request, TLS verified against the configured CA (with a client certificate
for mutual TLS), replies read up to a size limit and validated against the contract: a broken
or hostile hub produces a HubError with a plain message, never an exception from deep inside
a library, and never unbounded memory.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, date
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk.contract import (
    API_PREFIX,
    MAX_REFERENCE_PHOTO_BYTES,
    TRIES_LEFT_HEADER,
    ApplicationList,
    ApplicationSearch,
    ApplicationView,
    Booking,
    BookingRequest,
    CardEvidence,
    DiagnosticUpload,
    DiagnosticView,
    EnrolResponse,
    ErrorResponse,
    Heartbeat,
    HelpRequestCreate,
    HelpView,
    LookupRequest,
    LookupResponse,
    MaintenanceReport,
    RatingRequest,
    RatingView,
    ReferencePhotoRequest,
    Slot,
    StaffSignIn,
    StaffView,
    SubjectType,
    TechnicianSignIn,
    TechnicianView,
    TokenRenewed,
)
from kiosk.hubtoken import HubToken

M = TypeVar("M", bound=BaseModel)
_APPLICATION_LIST: TypeAdapter[list[ApplicationView]] = TypeAdapter(ApplicationList)
# No count limit in the contract: MAX_REPLY_BYTES bounds how many slots a reply can hold.
_SLOT_LIST: TypeAdapter[list[Slot]] = TypeAdapter(list[Slot])

# Every reply the contract allows fits in this; a result document is fetched separately.
MAX_REPLY_BYTES = 4 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class HubSettings:
    url: str
    ca_file: str = ""  # empty: the system's trusted CAs
    client_cert: str = ""  # for mutual TLS
    client_key: str = ""
    connect_timeout: float = 5.0
    read_timeout: float = 30.0


class HubError(Exception):
    """A request that did not succeed. `retryable` says whether sending it again later may."""

    def __init__(
        self,
        code: str,
        message: str,
        status: int | None = None,
        retryable: bool = False,
        tries_left: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.retryable = retryable
        self.tries_left = tries_left  # the hub's count, for a bounded attempt

    def __str__(self) -> str:
        where = f" (HTTP {self.status})" if self.status else ""
        return f"{self.code}{where}: {self.message}"


RENEW_PATH = "/credentials/renew"


class HubClient:
    def __init__(self, settings: HubSettings, token: str | HubToken = "") -> None:
        """`token`: a fixed one, or the kiosk's HubToken, which the client renews when due
        and reads again from its file when the hub no longer knows it."""
        self.settings = settings
        self._keeper = token if isinstance(token, HubToken) else None
        token = "" if isinstance(token, HubToken) else token
        self._http = requests.Session()
        # Given with every request: requests lets $REQUESTS_CA_BUNDLE override a Session's
        # own `verify`, and the configured CA must win.
        self._verify: str | bool = settings.ca_file or True
        self._cert = (
            (settings.client_cert, settings.client_key or None) if settings.client_cert else None
        )
        if token:
            self._http.headers["Authorization"] = f"Bearer {token}"
        self._http.headers["User-Agent"] = "yijianshi-kiosk"
        # The hub's clock as its last answer gave it (its Date header, epoch seconds) and the
        # kiosk's at the middle of that exchange: `kiosk doctor`'s clock-skew check.
        self.hub_clock: tuple[float, float] | None = None

    def close(self) -> None:
        self._http.close()

    # -- the calls ---------------------------------------------------------------------------

    def enrol(self, kiosk_id: str, enrolment_code: str) -> EnrolResponse:
        _, reply = self._call(
            "POST", "/kiosks/enrol", body={"kiosk_id": kiosk_id, "enrolment_code": enrolment_code}
        )
        return _parse(reply, EnrolResponse)

    def renew_token(self, token: str) -> TokenRenewed:
        """A new token for `token`'s credential (which keeps working for a few minutes)."""
        _, reply = self._call("POST", RENEW_PATH, headers={"Authorization": f"Bearer {token}"})
        return _parse(reply, TokenRenewed)

    def heartbeat(self, beat: Heartbeat) -> None:
        self._call("POST", "/kiosks/heartbeat", body=beat.model_dump(mode="json"))

    def submit_application(self, body: bytes, idempotency_key: str) -> ApplicationView:
        """`body` is the ApplicationSubmit JSON as written to the outbox, sent as it is."""
        _, reply = self._call(
            "POST", "/applications", raw=body, headers={"Idempotency-Key": idempotency_key}
        )
        return _parse(reply, ApplicationView)

    def application(self, number: str) -> ApplicationView:
        """By acceptance number (this kiosk's applications), or by the local number of an
        offline receipt (L-…, printed by any kiosk): its acceptance_number is then known."""
        _, reply = self._call("GET", f"/applications/{quote(number, safe='')}")
        return _parse(reply, ApplicationView)

    def applications_of(
        self, subject_type: SubjectType | str, number: str, card: CardEvidence
    ) -> list[ApplicationView]:
        """The applications of the person or enterprise whose card is at the kiosk, made at
        any kiosk, newest first; `card` is that card's evidence. Raises ValueError for a
        malformed number (checked here, before anything is sent)."""
        request = ApplicationSearch(
            subject_type=SubjectType(subject_type), number=number, card=card
        )
        _, reply = self._call("POST", "/applications/search", body=request.model_dump(mode="json"))
        return _parse_as(reply, _APPLICATION_LIST, "list of applications")

    def rate(self, acceptance_number: str, rating: RatingRequest) -> RatingView:
        """好差评, once per application (a second one is HubError "already_rated", 409)."""
        _, reply = self._call(
            "POST",
            f"/applications/{quote(acceptance_number, safe='')}/rating",
            body=rating.model_dump(mode="json"),
        )
        return _parse(reply, RatingView)

    def slots(self, onething_id: str, day: date | None = None) -> list[Slot]:
        """The appointment slots of a one-thing on `day`, or on every coming day."""
        params = {"onething_id": onething_id}
        if day is not None:
            params["day"] = day.isoformat()
        _, reply = self._call("GET", "/appointments/slots", params=params)
        return _parse_as(reply, _SLOT_LIST, "list of time slots")

    def book(self, request: BookingRequest) -> Booking:
        _, reply = self._call("POST", "/appointments", body=request.model_dump(mode="json"))
        return _parse(reply, Booking)

    def lookup(self, request: LookupRequest) -> LookupResponse:
        _, reply = self._call("POST", "/sharing/lookup", body=request.model_dump(mode="json"))
        return _parse(reply, LookupResponse)

    def reference_photo(self, request: ReferencePhotoRequest) -> tuple[bytes, bool]:
        """The card holder's reference photo for 人证比对 (a JPEG) and whether it is sample
        data; HubError 404 when data sharing holds none."""
        response, content = self._call(
            "POST",
            "/sharing/reference-photo",
            body=request.model_dump(mode="json"),
            limit=MAX_REFERENCE_PHOTO_BYTES,
        )
        if response.headers.get("Content-Type", "").split(";")[0] != "image/jpeg":
            raise HubError("malformed_reply", "the hub's reference photo is not a JPEG")
        return content, response.headers.get("X-Sample-Data") == "true"

    def health(self) -> None:
        """Returns if the hub answers GET /health (no credential needed); HubError if not."""
        self._call("GET", "/health", limit=4096)

    def catalog(self, etag: str = "") -> tuple[str, dict] | None:
        """The hub's catalog and its ETag, or None when `etag` is still current."""
        headers = {"If-None-Match": etag} if etag else {}
        response, reply = self._call("GET", "/catalog", headers=headers, allow_304=True)
        if response.status_code == 304:
            return None
        data = _json(reply)
        if not isinstance(data, dict):
            raise HubError("malformed_reply", "the hub's catalog is not a JSON object")
        return response.headers.get("ETag", ""), data

    def document(self, document_id: str) -> tuple[str, bytes]:
        response, content = self._call("GET", f"/documents/{document_id}", limit=MAX_DOCUMENT_BYTES)
        return response.headers.get("Content-Type", "application/octet-stream"), content

    def result_for_card_holder(
        self, document_id: str, subject_type: str, number: str, card: CardEvidence
    ) -> tuple[str, bytes]:
        """A result of the card holder's application, whichever kiosk it was made at."""
        body = ApplicationSearch(subject_type=SubjectType(subject_type), number=number, card=card)
        response, content = self._call(
            "POST",
            f"/documents/{quote(document_id, safe='')}/for-card-holder",
            body=body.model_dump(mode="json"),
            limit=MAX_DOCUMENT_BYTES,
        )
        return response.headers.get("Content-Type", "application/octet-stream"), content

    def staff_sign_in(self, request: StaffSignIn) -> StaffView:
        _, reply = self._call("POST", "/staff/sign-in", body=request.model_dump(mode="json"))
        return _parse(reply, StaffView)

    def staff_sign_out(self, staff_id: str, reason: str) -> None:
        self._call("POST", "/staff/sign-out", body={"staff_id": staff_id, "reason": reason})

    def technician_sign_in(
        self, code: str = "", card_number: str = "", pin: str = ""
    ) -> TechnicianView:
        request = TechnicianSignIn(code=code, card_number=card_number, pin=pin)
        body = request.model_dump(mode="json")
        _, reply = self._call("POST", "/maintenance/sign-in", body=body)
        return _parse(reply, TechnicianView)

    def maintenance_events(self, report: MaintenanceReport) -> None:
        self._call("POST", "/maintenance/events", body=report.model_dump(mode="json"))

    def upload_diagnostics(self, upload: DiagnosticUpload) -> DiagnosticView:
        body = upload.model_dump(mode="json")
        _, reply = self._call("POST", "/maintenance/diagnostics", body=body)
        return _parse(reply, DiagnosticView)

    def ask_for_help(self, request: HelpRequestCreate) -> HelpView:
        _, reply = self._call("POST", "/help", body=request.model_dump(mode="json"))
        return _parse(reply, HelpView)

    def help_state(self, help_id: str) -> HelpView:
        _, reply = self._call("GET", f"/help/{quote(help_id, safe='')}")
        return _parse(reply, HelpView)

    # -- the plumbing ------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: object = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        allow_304: bool = False,
        limit: int = MAX_REPLY_BYTES,
    ) -> tuple[requests.Response, bytes]:
        url = self.settings.url.rstrip("/") + API_PREFIX + path
        headers = dict(headers or {})
        keeper = self._keeper if "Authorization" not in headers else None
        if keeper is not None:
            keeper.renew_if_due(self._renewed)
            headers["Authorization"] = f"Bearer {keeper.token()}"
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        timeout = (self.settings.connect_timeout, self.settings.read_timeout)
        started = time.time()
        try:
            response = self._http.request(
                method,
                url,
                params=params,
                data=data,
                headers=headers,
                timeout=timeout,
                stream=True,
                verify=self._verify,
                cert=self._cert,
            )
            self._heard(response.headers.get("Date", ""), (started + time.time()) / 2)
            content = _read_capped(response, limit)
        except requests.exceptions.SSLError as e:
            raise HubError(
                "tls_error", f"the hub's certificate could not be verified: {e}", retryable=True
            ) from None
        except requests.exceptions.Timeout:
            raise HubError("timeout", "the hub did not answer in time", retryable=True) from None
        except requests.exceptions.ConnectionError:
            raise HubError("unreachable", "the hub cannot be reached", retryable=True) from None
        except requests.exceptions.RequestException as e:
            raise HubError("transport_error", str(e), retryable=True) from None
        if response.status_code < 300 or (allow_304 and response.status_code == 304):
            return response, content
        if (
            response.status_code == 401
            and keeper is not None
            and headers["Authorization"] != f"Bearer {keeper.reload()}"
        ):
            # Replaced on disk meanwhile (enrolled again, or renewed by another process):
            # once more with the token the file holds now.
            return self._call(
                method,
                path,
                raw=data,
                headers={k: v for k, v in headers.items() if k != "Authorization"},
                params=params,
                allow_304=allow_304,
                limit=limit,
            )
        raise _error_from(response.status_code, content, response.headers.get(TRIES_LEFT_HEADER))

    def _heard(self, date_header: str, kiosk_time: float) -> None:
        try:
            when = parsedate_to_datetime(date_header)
            if when.tzinfo is None:  # HTTP dates are GMT, whatever the kiosk's own zone
                when = when.replace(tzinfo=UTC)
            self.hub_clock = (when.timestamp(), kiosk_time)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass  # no Date, or a malformed one: the clock stays unknown, nothing fails

    def _renewed(self, token: str) -> tuple[str, float]:
        reply = self.renew_token(token)
        return reply.token, float(reply.expires_in)


def _read_capped(response: requests.Response, limit: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and _count(declared) is not None and int(declared) > limit:
        response.close()
        raise HubError(
            "reply_too_large",
            f"the hub's reply is {declared} bytes, over the {limit}-byte limit",
            status=response.status_code,
            retryable=True,
        )
    chunks, size = [], 0
    for chunk in response.iter_content(64 * 1024):
        size += len(chunk)
        if size > limit:
            response.close()
            raise HubError(
                "reply_too_large",
                f"the hub's reply is over the {limit}-byte limit",
                status=response.status_code,
                retryable=True,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _json(content: bytes) -> object:
    try:
        return json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise HubError(
            "malformed_reply", "the hub's reply is not valid JSON", retryable=True
        ) from None


def _parse(content: bytes, model: type[M]) -> M:
    data = _json(content)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise _malformed(e) from None


def _parse_as(content: bytes, adapter: TypeAdapter[Any], what: str) -> Any:
    data = _json(content)
    if not isinstance(data, list):
        raise HubError("malformed_reply", f"the hub's reply is not a {what}", retryable=True)
    try:
        return adapter.validate_python(data)
    except ValidationError as e:
        raise _malformed(e) from None


def _malformed(e: ValidationError) -> HubError:
    first = e.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    return HubError(
        "malformed_reply",
        f"the hub's reply does not fit the contract: {where}: {first['msg']}",
        retryable=True,
    )


def _count(text: str) -> int | None:
    """A count from a header, or None when it is not one (a malformed reply never raises)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 20 else None


def _error_from(status: int, content: bytes, tries_left: str | None = None) -> HubError:
    """The hub's own error if it sent one; otherwise one made from the status, retryable:
    without the hub's word (a proxy, a wrong address) nothing says the application is bad."""
    try:
        body = ErrorResponse.model_validate(json.loads(content)).error
    except (ValueError, ValidationError, RecursionError):
        return HubError(f"http_{status}", f"the hub answered HTTP {status}", status, True)
    retryable = status in (408, 425, 429) or status >= 500
    left = _count(tries_left) if tries_left is not None else None
    return HubError(body.code, body.message, status, retryable, left)
