"""The public progress page, /p/{token}: what the QR code on an acceptance notice opens on
a resident's phone. No sign-in, so it shows nothing personal: the one-thing, the state and
due date of each single item, the acceptance number. Not the name, the ID number, the
address, nor a department's reason for returning it (free text may quote them).

The address carries the progress token the kiosk made up and printed in the QR code
(kiosk.codes.new_progress_token), never the acceptance number: those follow each other, and
counting through them would tell anyone every application's one-thing, state and the day's
volume. An acceptance or local number in the address shows nothing but where to look
instead. Each client address may open only so many pages a minute
(central.limits.PerClientRate).
Plain HTML with inline styles: no script, no external assets.
"""

from __future__ import annotations

import re
from html import escape
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from central import applications
from central.api.deps import get_hub
from central.hub import Hub
from central.tables import Application, Task
from kiosk.catalog.model import OneThing
from kiosk.codes import PROGRESS_PATH
from kiosk.contract import PROGRESS_TOKEN, ApplicationState, ItemState, TaskState
from kiosk.local_number import is_local_number

router = APIRouter()

_TOKEN = re.compile(PROGRESS_TOKEN)
_ACCEPTANCE_NUMBER = re.compile(r"YJS-\d{8}-\d{6}")

ITEM_LABELS = {
    ItemState.WAITING: ("等待办理", "Waiting"),
    ItemState.IN_PROGRESS: ("正在办理", "In progress"),
    ItemState.DONE: ("已办结", "Done"),
    ItemState.RETURNED: ("已退回补正", "Returned for correction"),
    ItemState.REJECTED: ("不予办理", "Rejected"),
}
STATE_LABELS = {
    ApplicationState.ACCEPTED: ("已受理", "Accepted"),
    ApplicationState.IN_PROGRESS: ("正在办理", "In progress"),
    ApplicationState.RETURNED: ("已退回补正", "Returned for correction"),
    ApplicationState.REJECTED: ("不予办理", "Rejected"),
    ApplicationState.COMPLETED: ("已办结", "Completed"),
}
_COLOURS = {
    ItemState.WAITING: "#5f6368",
    ItemState.IN_PROGRESS: "#0b57d0",
    ItemState.DONE: "#137333",
    ItemState.RETURNED: "#b06000",
    ItemState.REJECTED: "#b3261e",
}
# Who may keep what: nothing is cached by anyone (progress changes), no page may frame it,
# and a link followed from it does not carry the number along.
_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


# ":path": anything under /p/, slashes too, gets the friendly page rather than an API error.
@router.get(f"{PROGRESS_PATH}{{token:path}}", response_class=HTMLResponse, include_in_schema=False)
def progress_page(token: str, request: Request, hub: Annotated[Hub, Depends(get_hub)]) -> Response:
    client = request.client.host if request.client else ""
    if not hub.progress_pages.allow(client):
        return _page(429, "请稍后再试", _TOO_MANY, {"Retry-After": "60"})
    if _ACCEPTANCE_NUMBER.fullmatch(token) or is_local_number(token):
        return _page(404, "请扫描回执上的二维码", _BY_NUMBER)
    if not _TOKEN.fullmatch(token):
        return _page(404, "没有找到这份申请", _UNKNOWN)
    with hub.db.read() as session:
        app = applications.by_progress_token(session, token)
        if app is None:
            return _page(404, "没有找到这份申请", _UNKNOWN)
        tasks = session.scalars(
            select(Task).where(Task.application_id == app.id).order_by(Task.seq)
        ).all()
        onething = _onething(hub, session, app)
        return _page(200, "办理进度", _progress(app, list(tasks), onething))


def _onething(hub: Hub, session: Session, app: Application) -> OneThing | None:
    # The catalog the application was made with: the names the resident saw then.
    try:
        published = hub.catalogs.by_etag(session, app.catalog_etag)
    except Exception:  # an unreadable old catalog must not hide the progress
        return None
    return next((o for o in published.catalog.onethings if o.id == app.onething_id), None)


def _progress(app: Application, tasks: list[Task], onething: OneThing | None) -> str:
    name = onething.name if onething else app.onething_id
    name_en = onething.name_en if onething else ""
    english = {i.id: i.name_en for i in onething.items} if onething else {}
    state = ApplicationState(app.state)
    zh, en = STATE_LABELS[state]
    rows = []
    for task in tasks:
        item_state = applications.ITEM_STATE[TaskState(task.state)]
        label, label_en = ITEM_LABELS[item_state]
        for item in task.items:
            rows.append(
                "<li>"
                f'<div class="item">{escape(item["name"])}'
                f"{_en(english.get(item['id'], ''))}</div>"
                f'<div class="state" style="color:{_COLOURS[item_state]}">{escape(label)}'
                f"{_en(label_en)}</div>"
                f'<div class="due">办结时限 {task.due_date:%Y-%m-%d}'
                f"{_en('due ' + task.due_date.isoformat())}</div>"
                "</li>"
            )
    notice = ""
    if state in (ApplicationState.RETURNED, ApplicationState.REJECTED):
        notice = (
            '<p class="notice">原因请到任一自助终端刷身份证查看，或到窗口咨询。'
            + _en(
                "See the reason at any self-service terminal with your ID card, or ask at a window."
            )
            + "</p>"
        )
    return (
        f"<h1>{escape(name)}{_en(name_en)}</h1>"
        f'<p class="number">受理编号 {escape(app.acceptance_number)}'
        f"{_en('Acceptance number')}</p>"
        f'<p class="overall">{escape(zh)}{_en(en)}</p>'
        f"<p>整件事办结时限 {app.due_date:%Y-%m-%d}"
        f"{_en('All done by ' + app.due_date.isoformat())}</p>"
        f"{notice}"
        f"<ul>{''.join(rows)}</ul>"
    )


def _en(text: str) -> str:
    return f'<small lang="en">{escape(text)}</small>' if text else ""


# The same page whether the token was never issued or its application has not arrived: an
# offline kiosk sends it when it is back online, and a guesser learns nothing either way.
_UNKNOWN = (
    "<h1>没有找到这份申请</h1>"
    "<p>如果您的回执是自助终端在离线时打印的（受理编号以 L 开头），申请会在终端联网后自动送达，"
    "请稍后再扫码查看。也可以到任一自助终端刷身份证查询。"
    + _en(
        "No application was found at this address. If your receipt was printed while the "
        "terminal was offline (its number begins with L), the application is sent once the "
        "terminal is back online: scan again later. You can also look it up at any "
        "self-service terminal with your ID card."
    )
    + "</p>"
)
_BY_NUMBER = (
    "<h1>请扫描回执上的二维码</h1>"
    "<p>为保护您的信息，办理进度不能凭受理编号查看。请用手机扫描受理回执上的二维码，"
    "或到任一自助终端刷身份证查询。"
    + _en(
        "To protect your information, progress is not shown by acceptance number. Scan the "
        "QR code on your receipt with your phone, or look it up at any self-service terminal "
        "with your ID card."
    )
    + "</p>"
)
_TOO_MANY = (
    "<h1>请稍后再试</h1>"
    "<p>刚才的查看次数太多了，请一分钟后再扫码查看。"
    + _en("Too many pages were opened just now: please scan again in a minute.")
    + "</p>"
)


def _page(
    status: int, title: str, body: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(title)}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 0;
  padding: 1rem; font-size: 20px; line-height: 1.5; color: #1f1f1f; background: #fff; }}
main {{ max-width: 40rem; margin: 0 auto; }}
h1 {{ font-size: 1.6rem; margin: 0.5rem 0; }}
small {{ display: block; font-size: 0.7em; color: #5f6368; font-weight: normal; }}
ul {{ list-style: none; padding: 0; }}
li {{ border-top: 1px solid #dadce0; padding: 0.75rem 0; }}
.item {{ font-weight: bold; }}
.state {{ font-size: 1.2rem; font-weight: bold; }}
.overall {{ font-size: 1.3rem; font-weight: bold; }}
.notice {{ background: #fef7e0; padding: 0.75rem; }}
footer {{ margin-top: 2rem; font-size: 0.8rem; color: #5f6368; }}
</style>
</head>
<body><main>
{body}
<footer>本页不显示任何个人信息。<small lang="en">This page shows no personal information.</small>
</footer>
</main></body>
</html>
"""
    return HTMLResponse(html, status_code=status, headers={**_HEADERS, **(headers or {})})
