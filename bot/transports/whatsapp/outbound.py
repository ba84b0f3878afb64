"""Owed messages (prompts, summaries, invitations) out to WhatsApp.

Business-initiated messages must be approved templates unless the user wrote in the
last 24 hours (the customer-service window). So:

- prompt: inside the window, the interactive location request itself; outside, the
  prompt template — the member's reply then gets the location request (inbound).
- reminder (halfway to the deadline, to members who have not answered): like the
  prompt, with the reminder's wording inside the window.
- summary: inside the window, the full text; outside, the summary template with the
  counts, and the full text is kept for when the supervisor replies.
- invitation (a number linked by an admin): the link template; the reply confirms it.
- leave request (to a supervisor on WhatsApp): inside the window, the request with
  Setujui/Tolak reply buttons; outside, kept and sent with the answer to their next
  message (there is no template for it either).
- leave outcome: inside the window (the member usually asked with "izin" minutes or
  hours before), the text; outside, there is no template for it, so it is kept and sent
  in full with the answer to the member's next message.

A prompt the API refuses is recorded as failed for its window run, so the supervisor
summary says "pesan gagal terkirim" instead of silence; the status webhook does the
same for one that fails later (e.g. a number without WhatsApp).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.texts import render_notice, t
from bot.transports.whatsapp.client import OUTSIDE_SESSION, GraphError
from bot.transports.whatsapp.sender import Sender
from handlers.notices import Delivery, Notice
from handlers.whatsapp_inbox import WhatsAppInbox

log = logging.getLogger(__name__)

LEAVE_CHOICE = "leave"  # reply button ids: "leave:<request id>:setuju" / "leave:<id>:tolak"


def leave_choice(payload: dict[str, Any], lang: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The leave request's text and its two reply buttons."""
    request_id = payload["request_id"]
    return render_notice("leave_request", payload, lang), (
        (f"{LEAVE_CHOICE}:{request_id}:setuju", t("leave.button.approve", lang)),
        (f"{LEAVE_CHOICE}:{request_id}:tolak", t("leave.button.reject", lang)),
    )


def parse_leave_choice(choice: str) -> tuple[int, bool] | None:
    """(request id, approve) from a reply button's id; None for any other id."""
    head, _, rest = choice.partition(":")
    number, _, verdict = rest.partition(":")
    if head != LEAVE_CHOICE or not number.isdigit() or verdict not in ("setuju", "tolak"):
        return None
    return int(number), verdict == "setuju"


class WhatsAppOutbound:
    def __init__(self, *, sender: Sender, inbox: WhatsAppInbox, language: str = "id") -> None:
        self._sender = sender
        self._inbox = inbox
        self._language = language

    async def deliver(self, notice: Notice) -> Delivery:
        payload = notice.payload
        phone = str(payload["phone"])
        try:
            if notice.kind in ("prompt", "reminder"):
                row: int | None = await self._prompt(notice, phone)
            elif notice.kind == "summary":
                row = await self._summary(notice, phone)
            elif notice.kind == "leave_request":
                row = await self._leave_request(notice, phone)
            elif notice.kind == "leave_outcome":
                row = await self._private_text(notice, phone)
            elif notice.kind == "wa_invite":
                row = await self._sender.template(
                    phone,
                    self._sender.templates.link,
                    [payload["name"], payload["agency"]],
                    kind="invite",
                    member_id=payload.get("member_id"),
                    outbox_id=notice.id,
                )
            else:
                return Delivery(notice, error=f"whatsapp cannot send {notice.kind!r}")
        except GraphError as exc:
            if exc.retryable:  # the API kept asking us to wait: a later tick tries again
                return Delivery(notice, error=str(exc), retry=True)
            log.warning("whatsapp: outbox %s to %s refused: %s", notice.id, phone, exc)
            if notice.kind == "prompt":
                await self._inbox.record_sent(
                    wamid=None,
                    phone=phone,
                    kind="prompt",
                    status="failed",
                    outbox_id=notice.id,
                    run_id=payload.get("run_id"),
                    member_id=payload.get("member_id"),
                    error_code=exc.code,
                    error_title=exc.title,
                )
            return Delivery(notice, error=str(exc))
        return Delivery(notice, message_id=row)

    def _lang(self, payload: dict[str, Any]) -> str:
        return str(payload.get("language") or self._language)

    async def _in_session(self, phone: str, send: Callable[[], Awaitable[int]]) -> int | None:
        """``send()`` while the 24-hour session is open; None when it is closed (by our
        record, or by Meta's answer), so the caller falls back to a template or owes it."""
        if not await self._inbox.session_open(phone):
            return None
        try:
            return await send()
        except GraphError as exc:
            if exc.code != OUTSIDE_SESSION:
                raise
            return None

    async def _prompt(self, notice: Notice, phone: str) -> int:
        p = notice.payload
        ids = {"run_id": p.get("run_id"), "member_id": p.get("member_id"), "outbox_id": notice.id}
        kind = notice.kind
        body = t("wa.remind" if kind == "reminder" else "wa.ask", self._lang(p), **p)
        row = await self._in_session(phone, lambda: self._sender.ask(phone, body, kind=kind, **ids))
        if row is not None:
            return row
        params = [p["window"], p["zone"], p["agency"], p["deadline"]]
        return await self._sender.template(
            phone, self._sender.templates.prompt, params, kind=kind, **ids
        )

    async def _leave_request(self, notice: Notice, phone: str) -> int | None:
        p = notice.payload
        body, choices = leave_choice(p, self._lang(p))
        row = await self._in_session(
            phone,
            lambda: self._sender.choose(
                phone, body, choices, kind="leave_request", outbox_id=notice.id
            ),
        )
        if row is None:
            key = f"leave_request:{p['request_id']}"
            await self._inbox.owe(phone, kind=notice.kind, payload=p, key=key)
        return row

    async def _private_text(self, notice: Notice, phone: str) -> int | None:
        p = notice.payload
        body = render_notice(notice.kind, p, self._lang(p))
        row = await self._in_session(
            phone, lambda: self._sender.text(phone, body, kind=notice.kind)
        )
        if row is None:
            await self._inbox.owe(phone, kind=notice.kind, payload=p)
        return row

    async def _summary(self, notice: Notice, phone: str) -> int:
        p = notice.payload
        body = render_notice("summary", p, self._lang(p))
        row = await self._in_session(phone, lambda: self._sender.text(phone, body, kind="summary"))
        if row is not None:
            return row
        missing = len(p.get("missing") or [])
        params = [p["agency"], p["window"], p["zone"], p["expected"], p["on_time"], p["late"]]
        row = await self._sender.template(
            phone,
            self._sender.templates.summary,
            [*params, missing],
            kind="summary",
            outbox_id=notice.id,
        )
        await self._inbox.owe(phone, kind="summary", payload=p)
        return row
