"""/staff/help/{token}: the live list of residents' help requests for a service centre's
staff, to keep open on a phone or a desk PC. The link's secret is the credential (made by
`kioskctl staff page`). It refreshes itself every few seconds; 马上就到 answers a request,
and the kiosk tells the resident. Plain HTML: no script, no external assets."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from central import staff
from central.api.deps import get_hub
from central.hub import Hub

router = APIRouter()

Token = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{16,64}$")]
HelpId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
REFRESH_S = 5


@router.get("/staff/help/{token}", response_class=HTMLResponse, include_in_schema=False)
def page(token: Token, hub: Annotated[Hub, Depends(get_hub)]) -> HTMLResponse:
    centre = staff.page_centre(hub, token)
    now = hub.now()
    rows = []
    for r in staff.open_requests(hub):
        waited = int((now - r.created_at).total_seconds()) + r.waited_s
        if r.acknowledged_at is None:
            action = (
                f'<form method="post" action="/staff/help/{escape(token)}/{r.id}/ack">'
                '<input name="who" placeholder="您的姓名" maxlength="40" required>'
                '<button type="submit">马上就到</button></form>'
            )
            style = "background:#fff4e5"
        else:
            action = f"已应答：{escape(r.acknowledged_by)}（{_clock(hub, r.acknowledged_at)}）"
            style = "color:#5f6368"
        rows.append(
            f'<tr style="{style}"><td>{escape(r.kiosk_id)}</td><td>{escape(r.screen)}</td>'
            f"<td>{_clock(hub, r.created_at)}</td><td>{waited // 60} 分 {waited % 60} 秒</td>"
            f"<td>{action}</td></tr>"
        )
    body = "".join(rows) or '<tr><td colspan="5">现在没有求助。</td></tr>'
    html = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{REFRESH_S}">
<title>求助 · {escape(centre)}</title>
<style>body{{font-family:"Noto Sans CJK SC",sans-serif;margin:1em;font-size:18px}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.5em;
text-align:left}}button{{font-size:18px;padding:.4em 1em;background:#0b57d0;color:#fff;
border:0;border-radius:6px}}input{{font-size:18px;width:7em}}</style></head><body>
<h1>居民求助 · {escape(centre)}</h1>
<table><tr><th>终端</th><th>画面</th><th>求助时间</th><th>已等待</th><th></th></tr>{body}</table>
<p style="color:#5f6368">每 {REFRESH_S} 秒自动刷新。Help requests from the kiosks, newest
last; answering one tells the resident that staff are on the way.</p></body></html>"""
    return HTMLResponse(
        html, headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    )


@router.post("/staff/help/{token}/{help_id}/ack", include_in_schema=False)
async def acknowledge(
    token: Token, help_id: HelpId, request: Request, hub: Annotated[Hub, Depends(get_hub)]
) -> RedirectResponse:
    form = parse_qs((await request.body())[:2000].decode("utf-8", "replace"))
    who = (form.get("who") or ["工作人员"])[0].strip()[:40] or "工作人员"
    staff.page_centre(hub, token)
    staff.acknowledge(hub, help_id, who)
    return RedirectResponse(f"/staff/help/{token}", status_code=303)


def _clock(hub: Hub, moment: datetime) -> str:
    return moment.astimezone(hub.tz).strftime("%H:%M:%S")
