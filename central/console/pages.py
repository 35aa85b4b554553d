"""The console's pages under /console: server-rendered with Jinja2, a little htmx (the queue
refreshes itself, claims without a reload), ECharts for the supervision charts; every script
is served from /console/static (no CDN, no inline script: the pages' CSP allows 'self').

Who may see what: a department's clerks and head its own unit's tasks, and an application's
personal data only through a task of their unit that is not still waiting; admins and
service-centre staff the fleet; supervisors and admins the §8.3 figures and the audit log.
Every POST carries the session's CSRF token; every action is audited."""

from __future__ import annotations

import base64
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from central import workflow
from central.api.deps import get_hub
from central.console import accounts, fleet, supervision
from central.console.accounts import Role, Who
from central.console.i18n import translator
from central.errors import ApiError
from central.hub import Hub
from central.tables import (
    Application,
    Commitment,
    ConsentRecord,
    ConsoleAudit,
    Document,
    SharedMaterialRef,
    Task,
)
from kiosk import masking
from kiosk.contract import ResultDocument, TaskComplete, TaskReason, TaskState

HERE = Path(__file__).parent
PREFIX = "/console"
COOKIE = "yjs_console"
PRE_COOKIE = "yjs_console_pre"  # the sign-in form's CSRF token, before any session
LANG_COOKIE = "yjs_console_lang"
MAX_UPLOAD = 10 * 1024 * 1024

templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(prefix=PREFIX, include_in_schema=False)

_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
HOME = {
    Role.CLERK: "/queue",
    Role.HEAD: "/queue",
    Role.CENTRE: "/fleet",
    Role.ADMIN: "/fleet",
    Role.SUPERVISOR: "/supervision",
}
NAV = {
    Role.CLERK: ("queue",),
    Role.HEAD: ("queue", "supervision"),
    Role.CENTRE: ("fleet",),
    Role.ADMIN: ("fleet", "supervision", "audit"),
    Role.SUPERVISOR: ("supervision", "audit"),
}


class _Redirect(Exception):
    def __init__(self, to: str) -> None:
        self.to = to


class _Refused(Exception):
    def __init__(self, status: int, key: str) -> None:
        self.status = status
        self.key = key


def install(app: FastAPI) -> None:
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.include_router(router)

    @app.exception_handler(_Redirect)
    async def _redirect(_request: Request, exc: _Redirect) -> Response:
        return RedirectResponse(exc.to, status_code=303, headers=_HEADERS)

    @app.exception_handler(_Refused)
    async def _refused(request: Request, exc: _Refused) -> Response:
        return _render(request, "message.html", {"key": exc.key}, None, status=exc.status)


HubDep = Annotated[Hub, Depends(get_hub)]


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _lang(request: Request) -> str:
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "zh"


def _render(
    request: Request,
    name: str,
    context: dict[str, Any],
    who: Who | None,
    status: int = 200,
) -> HTMLResponse:
    lang = _lang(request)
    t = translator(lang)
    page = {
        "t": t,
        "lang": lang,
        "who": who,
        "nav": NAV[who.role] if who and who.verified else (),
        "prefix": PREFIX,
        "path": request.url.path,
        **context,
    }
    return templates.TemplateResponse(request, name, page, status_code=status, headers=_HEADERS)


def _who(request: Request, hub: Hub, *roles: Role) -> Who:
    """The signed-in user, if one of `roles` (any, if none given); else to the sign-in page,
    or 403."""
    at = hub.now()
    with hub.db.read() as session:
        who = accounts.current(session, request.cookies.get(COOKIE, ""), at)
    if who is None:
        raise _Redirect(f"{PREFIX}/sign-in?next={quote(request.url.path)}")
    if not who.verified:
        raise _Redirect(f"{PREFIX}/totp")
    if who.stale:
        with hub.db.write() as session:
            accounts.touch(session, who, at)
    if roles and who.role not in roles:
        raise _Refused(403, "forbidden")
    return who


def _check_csrf(who: Who, request: Request, given: str | None) -> None:
    if not accounts.csrf_ok(who, given or request.headers.get("X-CSRF-Token")):
        raise _Refused(403, "expired_form")


def _safe_next(target: str | None) -> str:
    if target and target.startswith(f"{PREFIX}/") and "//" not in target and "\\" not in target:
        return target
    return PREFIX + "/"


# -- signing in ----------------------------------------------------------------------------


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "", error: str = "") -> Response:
    import secrets

    pre = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(24)
    response = _render(
        request,
        "sign_in.html",
        {"pre": pre, "next": _safe_next(next), "error": error if error in _ERRORS else ""},
        None,
    )
    _set_cookie(request, response, PRE_COOKIE, pre, max_age=3600)
    return response


_ERRORS = ("wrong", "locked", "too_many", "expired_form", "wrong_code")


@router.post("/sign-in")
def sign_in(
    request: Request,
    hub: HubDep,
    login: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    import secrets

    pre = request.cookies.get(PRE_COOKIE, "")
    if not pre or not secrets.compare_digest(pre, csrf):
        return RedirectResponse(f"{PREFIX}/sign-in?error=expired_form", status_code=303)
    at = hub.now()
    refused = ""
    token = ""
    with hub.db.write() as session:
        try:
            token, user = accounts.sign_in(session, login.strip(), password, _client(request), at)
            accounts.audit(session, None, "sign_in", "", _client(request), at, login=user.login)
        except accounts.SignInRefused as why:
            refused = why.reason
    if refused:
        return RedirectResponse(
            f"{PREFIX}/sign-in?error={refused}&next={quote(_safe_next(next))}", status_code=303
        )
    target = f"{PREFIX}/totp?next={quote(_safe_next(next))}" if user.totp_secret else next
    response = RedirectResponse(_safe_next(target) if not user.totp_secret else target, 303)
    _set_cookie(
        request, response, COOKIE, token, max_age=int(accounts.SESSION_LIFETIME.total_seconds())
    )
    response.delete_cookie(PRE_COOKIE, path=PREFIX)
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    # Secure wherever the console is reached over HTTPS (directly or behind a proxy that
    # says so); a plain-HTTP console is for loopback and tests.
    secure = request.url.scheme == "https" or request.headers.get("X-Forwarded-Proto") == "https"
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        secure=secure,
        httponly=True,
        samesite="strict",
    )


@router.get("/totp", response_class=HTMLResponse)
def totp_page(request: Request, hub: HubDep, next: str = "", error: str = "") -> Response:
    with hub.db.read() as session:
        who = accounts.current(session, request.cookies.get(COOKIE, ""), hub.now())
    if who is None:
        raise _Redirect(f"{PREFIX}/sign-in")
    return _render(
        request,
        "totp.html",
        {"next": _safe_next(next), "error": error == "wrong_code", "csrf": who.csrf_token},
        None,
    )


@router.post("/totp")
def totp(
    request: Request,
    hub: HubDep,
    code: Annotated[str, Form(max_length=10)],
    csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    at = hub.now()
    with hub.db.read() as session:
        who = accounts.current(session, request.cookies.get(COOKIE, ""), at)
    if who is None:
        raise _Redirect(f"{PREFIX}/sign-in")
    _check_csrf(who, request, csrf)
    with hub.db.write() as session:
        ok = accounts.check_totp(session, who, code, _client(request), at)
    if not ok:
        return RedirectResponse(f"{PREFIX}/totp?error=wrong_code", status_code=303)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/sign-out")
def sign_out(
    request: Request, hub: HubDep, csrf: Annotated[str, Form(max_length=100)] = ""
) -> Response:
    at = hub.now()
    with hub.db.read() as session:
        who = accounts.current(session, request.cookies.get(COOKIE, ""), at)
    if who is not None:
        _check_csrf(who, request, csrf)
        with hub.db.write() as session:
            accounts.sign_out(session, who)
            accounts.audit(session, who, "sign_out", "", _client(request), at)
    response = RedirectResponse(f"{PREFIX}/sign-in", status_code=303)
    response.delete_cookie(COOKIE, path=PREFIX)
    return response


@router.get("/lang")
def language(request: Request, to: str = "zh", next: str = "") -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        LANG_COOKIE,
        "en" if to == "en" else "zh",
        max_age=365 * 86400,
        path=PREFIX,
        samesite="strict",
    )
    return response


@router.get("/", response_class=HTMLResponse)
@router.get("", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, hub: HubDep) -> Response:
    who = _who(request, hub)
    raise _Redirect(PREFIX + HOME[who.role])


# -- the department's work queue ------------------------------------------------------------


def _names(hub: Hub, session: Session) -> dict[str, Any]:
    published = hub.catalogs.current(session)
    if published is None:
        return {}
    catalog = published.catalog
    names: dict[str, Any] = {u.id: u for u in catalog.units}
    names.update({o.id: o for o in catalog.onethings})
    return names


def _name(thing: Any, lang: str, fallback: str) -> str:
    if thing is None:
        return fallback
    return (thing.name_en or thing.name) if lang == "en" else thing.name


def _days_left(hub: Hub, due: date, today: date) -> int:
    if due >= today:
        return hub.calendar.working_days_between(today, due)
    return -hub.calendar.working_days_between(due, today)


def _queue_rows(hub: Hub, session: Session, who: Who, lang: str) -> list[dict[str, Any]]:
    today = hub.today()
    names = _names(hub, session)
    rows = session.execute(
        select(Task, Application.acceptance_number, Application.onething_id)
        .join(Application)
        .where(Task.unit == who.unit, Task.state.in_(workflow.OPEN))
        .order_by(Task.due_date, Task.id)
        .limit(500)
    ).all()
    return [
        {
            "id": task.id,
            "number": number,
            "onething": _name(names.get(onething), lang, onething),
            "step": task.step_name,
            "due": task.due_date,
            "left": _days_left(hub, task.due_date, today),
            "state": task.state,
            "claimed_by": task.claimed_by,
            "mine": task.claimed_by == who.login,
        }
        for task, number, onething in rows
    ]


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request, hub: HubDep, message: str = "") -> Response:
    who = _who(request, hub, *accounts.UNIT_ROLES)
    lang = _lang(request)
    with hub.db.read() as session:
        rows = _queue_rows(hub, session, who, lang)
        unit = _name(_names(hub, session).get(who.unit), lang, who.unit)
    partial = request.headers.get("HX-Request") == "true"
    return _render(
        request,
        "queue_table.html" if partial else "queue.html",
        {"rows": rows, "unit": unit, "message": message if message in _MESSAGES else ""},
        who,
    )


_MESSAGES = ("claimed_msg", "done_msg", "returned_msg", "rejected_msg")


@router.post("/tasks/{task_id}/claim")
def claim(
    task_id: str,
    request: Request,
    hub: HubDep,
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    who = _who(request, hub, *accounts.UNIT_ROLES)
    _check_csrf(who, request, csrf)
    at = hub.now()
    error = ""
    with hub.db.write() as session:
        try:
            workflow.claim(session, who.unit, task_id, who.login, at)
        except ApiError as e:
            error = e.message
            session.rollback()
    with hub.db.write() as session:
        accounts.audit(session, who, "claim", f"task:{task_id}", _client(request), at, ok=not error)
    if error:
        return _task_error(request, who, error)
    if request.headers.get("HX-Request") == "true":
        with hub.db.read() as session:
            rows = _queue_rows(hub, session, who, _lang(request))
        return _render(request, "queue_table.html", {"rows": rows}, who)
    return RedirectResponse(f"{PREFIX}/tasks/{task_id}?message=claimed_msg", status_code=303)


def _task_error(request: Request, who: Who, error: str) -> Response:
    return _render(request, "message.html", {"key": "", "text": error}, who, status=409)


def _open_application(session: Session, who: Who, task_id: str) -> tuple[Task, Application]:
    """The task of the user's unit and its application; 404 for any other unit's, and for
    a task still waiting (its unit does not need the data yet)."""
    task = None
    if task_id.isdigit() and len(task_id) < 10:
        task = session.get(Task, int(task_id))
    if task is None or task.unit != who.unit or task.state == TaskState.WAITING.value:
        raise _Refused(404, "not_found")
    return task, session.get_one(Application, task.application_id)


@router.get("/tasks/{task_id}", response_class=HTMLResponse)
def task_page(
    task_id: str, request: Request, hub: HubDep, message: str = "", reveal: bool = False
) -> Response:
    """The task and its application. Personal numbers are masked like everywhere else; the
    clerk who claimed the task may show them in full (reveal=1), and that is audited."""
    who = _who(request, hub, *accounts.UNIT_ROLES)
    lang = _lang(request)
    at = hub.now()
    with hub.db.write() as session:
        try:
            task, app = _open_application(session, who, task_id)
        except _Refused:
            accounts.audit(session, who, "open", f"task:{task_id}", _client(request), at, ok=False)
            raise
        accounts.audit(
            session, who, "open", f"application:{app.acceptance_number}", _client(request), at
        )
        reveal = reveal and task.state == TaskState.CLAIMED.value and task.claimed_by == who.login
        if reveal:
            accounts.audit(
                session, who, "reveal", f"application:{app.acceptance_number}", _client(request), at
            )
    with hub.db.read() as session:
        task, app = _open_application(session, who, task_id)
        context = _application_context(hub, session, task, app, lang, reveal=reveal)
    today = hub.today()
    context.update(
        {
            "task": task,
            "left": _days_left(hub, task.due_date, today),
            "message": message if message in _MESSAGES else "",
            "can_act": task.state in workflow.OPEN,
            "claimed_by_me": task.state == TaskState.CLAIMED.value and task.claimed_by == who.login,
        }
    )
    return _render(request, "task.html", context, who)


_NUMBERS = (masking.Personal.ID_NUMBER, masking.Personal.PHONE, masking.Personal.CREDIT_CODE)


def _number_masked(field: Any, value: Any) -> Any:
    """A form answer as the console shows it before the clerk asks for more: numbers masked
    as on the kiosk's screen (the applicant line too); names and addresses whole, for the
    work needs them."""
    kind = masking.field_kind(field) if field is not None else _kind_of(str(value))
    return masking.on_screen(kind, str(value)) if kind in _NUMBERS else value


def _kind_of(value: str) -> masking.Personal | None:
    """An answer whose field the catalog no longer has: masked when it looks like a number
    that identifies someone (fail closed), whole otherwise."""
    if re.fullmatch(r"\d{17}[\dXx]|\d{15}", value):
        return masking.Personal.ID_NUMBER
    if re.fullmatch(r"1\d{10}", value):
        return masking.Personal.PHONE
    if re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{18}", value):
        return masking.Personal.CREDIT_CODE
    return None


def _application_context(
    hub: Hub, session: Session, task: Task, app: Application, lang: str, *, reveal: bool = False
) -> dict[str, Any]:
    names = _names(hub, session)
    onething = names.get(app.onething_id)
    form_labels = {}
    fields = {}
    materials = {}
    if onething is not None:
        form_labels = {
            f.id: (f.label_en or f.label) if lang == "en" else f.label for f in onething.form
        }
        fields = {f.id: f for f in onething.form}
        materials = {m.id: _name(m, lang, m.id) for m in onething.materials}
    shared = session.execute(
        select(SharedMaterialRef, ConsentRecord)
        .join(ConsentRecord, ConsentRecord.id == SharedMaterialRef.consent_id)
        .where(SharedMaterialRef.application_id == app.id)
        .order_by(SharedMaterialRef.id)
    ).all()
    documents = session.scalars(
        select(Document).where(Document.application_id == app.id).order_by(Document.created_at)
    ).all()
    commitments = session.scalars(
        select(Commitment).where(Commitment.application_id == app.id).order_by(Commitment.id)
    ).all()
    flow = session.scalars(
        select(Task).where(Task.application_id == app.id).order_by(Task.seq)
    ).all()
    return {
        "app": app,
        "onething": _name(onething, lang, app.onething_id),
        "number_masked": app.applicant_number
        if reveal
        else masking.on_screen(masking.Personal.ID_NUMBER, app.applicant_number),
        "revealed": reveal,
        "submitted": app.submitted_at.astimezone(hub.tz).strftime("%Y-%m-%d %H:%M"),
        "form": [
            (form_labels.get(k, k), v if reveal else _number_masked(fields.get(k), v))
            for k, v in app.form.items()
        ],
        "delivery": app.delivery,
        "shared": [
            {
                "material": materials.get(ref.material_id, ref.material_id),
                "kind": ref.record_kind,
                "consent": consent,
                "at": consent.created_at.astimezone(hub.tz).strftime("%Y-%m-%d %H:%M"),
            }
            for ref, consent in shared
        ],
        "documents": [
            {
                "id": d.id,
                "name": d.file_name,
                "material": materials.get(d.material_id, d.material_id),
                "type": d.content_type,
                "size": d.size,
                "kind": d.kind,
            }
            for d in documents
        ],
        "commitments": [
            {
                "material": materials.get(c.material_id, c.material_id),
                "text": c.text,
                "signature": c.signature_document_id,
            }
            for c in commitments
        ],
        "flow": [
            {
                "unit": _name(names.get(t.unit), lang, t.unit),
                "step": t.step_name,
                "state": t.state,
                "due": t.due_date,
                "current": t.id == task.id,
            }
            for t in flow
        ],
        "items": [i["name"] for i in task.items],
    }


@router.get("/documents/{document_id}")
def document(document_id: str, request: Request, hub: HubDep) -> Response:
    """A document of an application that the user's unit has a (not waiting) task of."""
    who = _who(request, hub, *accounts.UNIT_ROLES)
    at = hub.now()
    with hub.db.write() as session:
        row = session.get(Document, document_id[:32])
        allowed = row is not None and session.scalar(
            select(Task.id)
            .where(
                Task.application_id == row.application_id,
                Task.unit == who.unit,
                Task.state != TaskState.WAITING.value,
            )
            .limit(1)
        )
        accounts.audit(
            session,
            who,
            "document",
            f"document:{document_id[:32]}",
            _client(request),
            at,
            ok=bool(allowed),
        )
    if not allowed or row is None:
        raise _Refused(404, "not_found")
    data = hub.documents.get(row.id)
    return Response(
        data,
        media_type=row.content_type,
        headers={**_HEADERS, "Content-Disposition": "inline"},
    )


def _act(request: Request, hub: HubDep, task_id: str, action: str, run: Any) -> Response:
    who = _who(request, hub, *accounts.UNIT_ROLES)
    at = hub.now()
    error = ""
    with hub.db.write() as session:
        try:
            task, _app = _open_application(session, who, task_id)
            if task.state != TaskState.CLAIMED.value or task.claimed_by != who.login:
                raise ApiError(409, "claim_first", translator(_lang(request))("claim_first"))
            run(session, who, at)
        except ApiError as e:
            error = e.message
            session.rollback()
    with hub.db.write() as session:
        accounts.audit(session, who, action, f"task:{task_id}", _client(request), at, ok=not error)
    if error:
        return _task_error(request, who, error)
    message = {"complete": "done_msg", "return": "returned_msg", "reject": "rejected_msg"}[action]
    return RedirectResponse(f"{PREFIX}/queue?message={message}", status_code=303)


@router.post("/tasks/{task_id}/complete")
async def complete(
    task_id: str,
    request: Request,
    hub: HubDep,
    csrf: Annotated[str, Form(max_length=100)] = "",
    note: Annotated[str, Form(max_length=1000)] = "",
    result: UploadFile | None = None,
) -> Response:
    import asyncio

    document = None
    if result is not None and result.filename:
        data = await result.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise _Refused(413, "not_found")
        try:
            document = ResultDocument(
                file_name=Path(result.filename).name,
                content_type=result.content_type or "application/pdf",  # type: ignore[arg-type]
                data_base64=base64.b64encode(data).decode(),
            )
        except ValidationError as e:
            message = "; ".join(err["msg"] for err in e.errors())
            who = await asyncio.to_thread(_who, request, hub, *accounts.UNIT_ROLES)
            return _task_error(request, who, message)

    def run() -> Response:
        who = _who(request, hub, *accounts.UNIT_ROLES)
        _check_csrf(who, request, csrf)
        body = TaskComplete(document=document, note=note)
        return _act(
            request,
            hub,
            task_id,
            "complete",
            lambda session, who, at: workflow.complete(
                session, who.unit, task_id, body, hub.documents, at
            ),
        )

    return await asyncio.to_thread(run)


def _send_back(outcome: TaskState, action: str) -> Any:
    def route(
        task_id: str,
        request: Request,
        hub: HubDep,
        reason: Annotated[str, Form(max_length=1000)] = "",
        csrf: Annotated[str, Form(max_length=100)] = "",
    ) -> Response:
        who = _who(request, hub, *accounts.UNIT_ROLES)
        _check_csrf(who, request, csrf)
        try:
            checked = TaskReason(reason=reason).reason
        except ValidationError:
            return _task_error(request, who, translator(_lang(request))("reason"))
        return _act(
            request,
            hub,
            task_id,
            action,
            lambda session, who, at: workflow.send_back(
                session, who.unit, task_id, checked, outcome, at
            ),
        )

    return route


router.post("/tasks/{task_id}/return")(_send_back(TaskState.RETURNED, "return"))
router.post("/tasks/{task_id}/reject")(_send_back(TaskState.REJECTED, "reject"))


# -- the fleet --------------------------------------------------------------------------------


@router.get("/fleet", response_class=HTMLResponse)
def fleet_page(request: Request, hub: HubDep) -> Response:
    who = _who(request, hub, Role.ADMIN, Role.CENTRE)
    at = hub.now()
    with hub.db.read() as session:
        kiosks = fleet.fleet(session, at)
    return _render(
        request,
        "fleet.html",
        {
            "kiosks": kiosks,
            "tz": hub.tz,
            "hours": [
                (at - fleet.HISTORY + fleet.SLOT * i).astimezone(hub.tz).strftime("%H:00")
                for i in range(int(fleet.HISTORY / fleet.SLOT))
            ],
        },
        who,
    )


# -- supervision (§8.3) ---------------------------------------------------------------------


def _period(hub: Hub, start: str, end: str) -> tuple[date, date]:
    today = hub.today()
    try:
        first = date.fromisoformat(start) if start else today - timedelta(days=30)
        last = date.fromisoformat(end) if end else today
    except ValueError:
        first, last = today - timedelta(days=30), today
    if last < first:
        first, last = last, first
    return first, min(last, first + timedelta(days=366))


def _report(hub: Hub, start: str, end: str, onething: str, lang: str) -> Any:
    first, last = _period(hub, start, end)
    with hub.db.read() as session:
        names = {key: _name(v, lang, key) for key, v in _names(hub, session).items()}
        report = supervision.report(
            session,
            hub.calendar,
            hub.local_date,
            hub.tz,
            first,
            last,
            hub.today(),
            hub.now(),
            names,
            onething[:64],
        )
    return report, names


@router.get("/supervision", response_class=HTMLResponse)
def supervision_page(
    request: Request,
    hub: HubDep,
    start: str = "",
    end: str = "",
    onething: str = "",
) -> Response:
    who = _who(request, hub, Role.SUPERVISOR, Role.ADMIN, Role.HEAD)
    lang = _lang(request)
    report, names = _report(hub, start, end, onething, lang)
    if who.role == Role.HEAD:  # a head sees their own unit's line
        report.units = [line for line in report.units if line.key == who.unit]
    t = translator(lang)
    levels = t("rating_levels").split(",")
    charts = {
        "completion": {
            "names": [line.name or line.key for line in report.onethings],
            "series": [
                {
                    "name": t("within_limit"),
                    "data": [line.within_limit for line in report.onethings],
                },
                {"name": t("overdue"), "data": [line.overdue for line in report.onethings]},
                {"name": t("returned"), "data": [line.returned for line in report.onethings]},
                {"name": t("rejected"), "data": [line.rejected for line in report.onethings]},
            ],
        },
        "ratings": {
            "names": levels,
            "data": [report.ratings.get(level, 0) for level in range(1, 6)],
        },
    }
    with hub.db.write() as session:
        accounts.audit(
            session,
            who,
            "supervision",
            f"{report.start}..{report.end}",
            _client(request),
            hub.now(),
        )
    onethings = sorted((k, v) for k, v in names.items() if k in _onething_ids(hub))
    return _render(
        request,
        "supervision.html",
        {
            "report": report,
            "charts": charts,
            "levels": levels,
            "onething": onething,
            "onethings": onethings,
            "query": f"start={report.start}&end={report.end}&onething={quote(onething)}",
        },
        who,
    )


def _onething_ids(hub: Hub) -> set[str]:
    with hub.db.read() as session:
        published = hub.catalogs.current(session)
    return set() if published is None else {o.id for o in published.catalog.onethings}


@router.get("/supervision.csv")
def supervision_csv(
    request: Request, hub: HubDep, start: str = "", end: str = "", onething: str = ""
) -> Response:
    who = _who(request, hub, Role.SUPERVISOR, Role.ADMIN)
    report, _ = _report(hub, start, end, onething, _lang(request))
    with hub.db.write() as session:
        accounts.audit(
            session,
            who,
            "export_csv",
            f"{report.start}..{report.end}",
            _client(request),
            hub.now(),
        )
    return Response(
        supervision.to_csv(report).encode(),
        media_type="text/csv; charset=utf-8",
        headers={
            **_HEADERS,
            "Content-Disposition": (
                f'attachment; filename="supervision-{report.start}-{report.end}.csv"'
            ),
        },
    )


# -- the audit log ---------------------------------------------------------------------------


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, hub: HubDep, before: int = 0) -> Response:
    who = _who(request, hub, Role.ADMIN, Role.SUPERVISOR)
    with hub.db.read() as session:
        query = select(ConsoleAudit).order_by(ConsoleAudit.id.desc()).limit(200)
        if before > 0:
            query = query.where(ConsoleAudit.id < before)
        rows = session.scalars(query).all()
    return _render(
        request,
        "audit.html",
        {
            "rows": [(r, r.at.astimezone(hub.tz).strftime("%Y-%m-%d %H:%M:%S")) for r in rows],
            "older": rows[-1].id if len(rows) == 200 else 0,
        },
        who,
    )
