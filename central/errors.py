"""Every error the hub answers is an ErrorResponse: a stable code for programs and a
message a person can act on. Never a traceback, never FastAPI's own error shapes."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.contract import TRIES_LEFT_HEADER, ErrorBody, ErrorResponse
from kiosk.logsafe import exception_summary

log = logging.getLogger("central")


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        *,
        tries_left: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        # A bounded attempt (a PIN, a code) says how many are left in a header of its own,
        # not in the body: kiosks of every version read the body's shape.
        if tries_left is not None:
            headers = {**(headers or {}), TRIES_LEFT_HEADER: str(tries_left)}
        self.headers = headers


def not_found(what: str = "nothing by that name or number here") -> ApiError:
    return ApiError(404, "not_found", what)


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


# Used in route declarations so that OpenAPI documents the error shape too.
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (401, "No valid credential"),
        (403, "The credential may not do this"),
        (413, "The request is larger than the hub accepts here (refused before it is read)"),
        (422, "The request does not fit the contract; the message names the field"),
    )
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """ERRORS plus the route's own error statuses, all documented as ErrorResponse."""
    out = dict(ERRORS)
    for status in statuses:
        out[status] = {"model": ErrorResponse, "description": _DESCRIPTIONS.get(status, "Error")}
    return out


_DESCRIPTIONS = {
    400: "The request is missing something it needs",
    404: "Not found, or not visible to this credential",
    409: "Conflicts with the current state",
    413: "The request is larger than the hub accepts here (refused before it is read)",
    429: "Too many requests: the answer's Retry-After header says when to try again",
    503: "A service the hub relies on is not available",
}

_STATUS_CODES = {
    400: ("bad_request", "the request could not be understood"),
    401: ("unauthorized", "sign in first: send Authorization: Bearer <token>"),
    403: ("forbidden", "this credential may not do that"),
    404: ("not_found", "there is nothing at this address"),
    405: ("method_not_allowed", "this address does not accept that method"),
    413: ("too_large", "the request is too large"),
}

_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a field of this request (check the spelling)",
    "json_invalid": "is not valid JSON",
    "string_too_long": None,  # pydantic's own words are plain enough
}


_NAMED = re.compile(r"([A-Za-z_][\w.:\[\]-]*): ")


def describe_validation(errors: list[dict[str, Any]]) -> str:
    """`applicant.number: the ID number's last character does not match: check for a typo`;
    several problems joined with "; " (at most five: the first ones are what to fix)."""
    parts = []
    for err in errors[:5]:
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[1:]
        elif loc and loc[0] in ("query", "header", "path"):
            loc = [f"{'.'.join(loc[1:])} ({loc[0]} parameter)"]
        message = _PLAIN.get(err.get("type", "")) or str(err.get("msg", "is not valid"))
        message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        # A check of a whole message names the field it found wrong itself
        # ("form.baby_name: contains ..."): that goes on from where the message is.
        if inner := _NAMED.match(message):
            loc.append(inner.group(1))
            message = message[inner.end() :]
        where = ".".join(loc) or "the request"
        parts.append(f"{where}: {message}")
    more = len(errors) - len(parts)
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", describe_validation(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _STATUS_CODES.get(exc.status_code, (f"http_{exc.status_code}", ""))
        if exc.detail and exc.detail != _phrase(exc.status_code):
            message = str(exc.detail)  # raised by the hub with its own words
        return error_response(
            exc.status_code,
            code,
            message or str(exc.detail),
            dict(exc.headers) if exc.headers else None,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The exception's message is left out: it may quote a request's personal data (a
        # database error quotes the row it could not write).
        log.error(
            "unexpected %s on %s %s\n%s",
            type(exc).__name__,
            request.method,
            request.url.path,
            exception_summary(exc),
        )
        return error_response(
            500,
            "internal_error",
            "something went wrong on the hub; try again, and tell the hub's administrator "
            "if it keeps happening",
        )
