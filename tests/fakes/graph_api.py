"""A small, stateful fake of Meta's side of WhatsApp: the Graph API and its webhook calls.

Point the app's ``[whatsapp] api_base`` at ``fake.api_base``::

    async with FakeGraphAPI(app_secret="s3cret") as meta:
        meta.webhook_url = "http://127.0.0.1:8081/whatsapp"   # where statuses are posted
        ...

It listens on 127.0.0.1 only and records every ``POST /{version}/{phone_number_id}/messages``
with the JSON body. Like the real API it checks the bearer token and the body's shape
(answering Graph error JSON with the documented codes), refuses free-form messages to a
user who has not written in the last 24 hours (131047) and too many messages to one user
too fast (131056), and can be told to fail the next calls (429, 130429, 5xx, …). When
``webhook_url`` is set it plays Meta's webhook too: each accepted message gets "sent"
and "delivered" statuses — or "failed" (131026) for numbers in ``undeliverable`` —
posted to the app, signed with the app secret. ``user()`` gives a phone that writes to
the business the way a WhatsApp user does (real webhook payloads, signed).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self

import aiohttp
from aiohttp import web

JSON = dict[str, Any]
WABA_ID = "102290129340398"
DISPLAY_NUMBER = "15550783881"
FREE_FORM = frozenset({"text", "interactive", "reaction"})
TYPES = frozenset({"text", "template", "interactive", "reaction"})


def _reply_buttons_problem(action: JSON) -> str | None:
    """Meta's rules for reply buttons: 1-3 of them, unique ids up to 256 characters,
    titles of 1-20 characters."""
    buttons = action.get("buttons")
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
        return "interactive.action.buttons"
    ids = []
    for button in buttons:
        reply = button.get("reply") or {}
        if button.get("type") != "reply" or not 1 <= len(str(reply.get("title", ""))) <= 20:
            return "interactive.action.buttons.title"
        if not 1 <= len(str(reply.get("id", ""))) <= 256:
            return "interactive.action.buttons.id"
        ids.append(reply["id"])
    return None if len(set(ids)) == len(ids) else "interactive.action.buttons.id (duplicate)"


@dataclass
class Call:
    body: JSON
    at: float
    status: int
    wamid: str | None = None

    @property
    def to(self) -> str:
        return str(self.body.get("to"))

    @property
    def type(self) -> str:
        return str(self.body.get("type"))


@dataclass
class Failure:
    status: int
    code: int
    title: str
    retry_after: float | None = None
    to: str | None = None  # only for this recipient


@dataclass
class FakeGraphAPI:
    token: str = "EAAG-fake-token"
    phone_number_id: str = "106540352242922"
    app_secret: str = "fake-app-secret"
    version: str = "v21.0"
    strict_sessions: bool = True
    pair_interval: float = 0.0  # > 0: enforce the pair rate (seconds between messages per user)
    pair_burst: int = 1
    webhook_url: str | None = None
    undeliverable: set[str] = field(default_factory=set)  # wa_ids: accepted, then "failed"
    calls: list[Call] = field(default_factory=list)
    sessions: dict[str, float] = field(default_factory=dict)  # wa_id -> when the user last wrote
    failures: deque[Failure] = field(default_factory=deque)
    webhook_responses: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._pairs: dict[str, float] = {}
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.url = ""

    # lifecycle ----------------------------------------------------------------------------------
    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_post("/{version}/{phone_number_id}/messages", self._messages)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{port}"
        self._http = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.settle()
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"{self.url}/{self.version}"

    # test controls ------------------------------------------------------------------------------
    def fail_next(
        self,
        status: int,
        code: int,
        title: str = "error",
        *,
        times: int = 1,
        retry_after: float | None = None,
        to: str | None = None,
    ) -> None:
        for _ in range(times):
            self.failures.append(Failure(status, code, title, retry_after, to))

    def sent(self, type: str | None = None, to: str | None = None) -> list[Call]:
        """Accepted calls, optionally of one message type and/or to one wa_id."""
        return [
            c
            for c in self.calls
            if c.status == 200
            and (type is None or c.type == type)
            and (to is None or c.to == to.lstrip("+"))
        ]

    def texts(self, to: str) -> list[str]:
        return [str(c.body["text"]["body"]) for c in self.sent("text", to)]

    async def settle(self) -> None:
        """Wait for the status webhooks in flight."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def user(self, phone: str, name: str = "Pengguna") -> WhatsAppUser:
        return WhatsAppUser(self, phone.lstrip("+"), name)

    # the webhook side (Meta -> app) -------------------------------------------------------------
    def envelope(self, value: JSON) -> JSON:
        return {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": WABA_ID,
                    "changes": [
                        {
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {
                                    "display_phone_number": DISPLAY_NUMBER,
                                    "phone_number_id": self.phone_number_id,
                                },
                                **value,
                            },
                            "field": "messages",
                        }
                    ],
                }
            ],
        }

    def sign(self, body: bytes, secret: str | None = None) -> str:
        key = (secret if secret is not None else self.app_secret).encode()
        return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()

    async def post(
        self, payload: JSON, *, signature: str | None = "valid", raw: bytes | None = None
    ) -> int:
        """POST a webhook body to the app, signed as Meta signs it (or as told); the status."""
        assert self.webhook_url is not None and self._http is not None
        body = raw if raw is not None else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if signature == "valid":
            headers["X-Hub-Signature-256"] = self.sign(body)
        elif signature is not None:
            headers["X-Hub-Signature-256"] = signature
        async with self._http.post(self.webhook_url, data=body, headers=headers) as response:
            self.webhook_responses.append(response.status)
            return response.status

    def status_payload(
        self,
        wamid: str,
        to: str,
        status: str,
        *,
        timestamp: int | None = None,
        error: tuple[int, str, str] | None = None,
    ) -> JSON:
        item: JSON = {
            "id": wamid,
            "status": status,
            "timestamp": str(timestamp if timestamp is not None else int(time.time())),
            "recipient_id": to,
        }
        if status in ("sent", "delivered"):
            item["conversation"] = {
                "id": "a75d17ad06104c51166f948319b03c6a",
                "origin": {"type": "utility"},
            }
            item["pricing"] = {"billable": True, "pricing_model": "CBP", "category": "utility"}
        if error is not None:
            code, title, details = error
            item["errors"] = [
                {
                    "code": code,
                    "title": title,
                    "message": title,
                    "error_data": {"details": details},
                    "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
                }
            ]
        return self.envelope({"statuses": [item]})

    async def _statuses(self, wamid: str, to: str) -> None:
        await asyncio.sleep(0.01)
        if to in self.undeliverable:
            error = (131026, "Message undeliverable", "Unable to deliver message.")
            await self.post(self.status_payload(wamid, to, "failed", error=error))
            return
        await self.post(self.status_payload(wamid, to, "sent"))
        await self.post(self.status_payload(wamid, to, "delivered"))

    # the Graph API side (app -> Meta) -----------------------------------------------------------
    async def _messages(self, request: web.Request) -> web.StreamResponse:
        now = time.monotonic()
        try:
            body = await request.json()
        except ValueError:
            body = {}
        call = Call(body=body if isinstance(body, dict) else {}, at=now, status=200)
        self.calls.append(call)
        refusal = self._refusal(request, call.body, now)
        if refusal is not None:
            call.status = refusal.status
            return self._error(refusal)
        to = call.to
        self._pairs[to] = max(self._pairs.get(to, now), now) + self.pair_interval
        call.wamid = f"wamid.HBgN{to}FQIAERgS{next(self._ids):06d}QUE="
        if self.webhook_url is not None and call.type != "reaction":
            task = asyncio.create_task(self._statuses(call.wamid, to))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": call.wamid}],
            }
        )

    def _refusal(self, request: web.Request, body: JSON, now: float) -> Failure | None:
        if request.match_info["phone_number_id"] != self.phone_number_id:
            return Failure(400, 100, "Unsupported post request. Object does not exist")
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return Failure(401, 190, "Invalid OAuth access token - Cannot parse access token")
        problem = _shape_problem(body)
        if problem:
            return Failure(400, 100, f"(#100) Invalid parameter: {problem}")
        to = str(body["to"])
        for i, failure in enumerate(self.failures):
            if failure.to in (None, to):
                del self.failures[i]
                return failure
        if self.pair_interval > 0:
            earliest = self._pairs.get(to, now) - self.pair_interval * (self.pair_burst - 1)
            if earliest > now + 0.05:  # network jitter: the sender paces by when it sends
                return Failure(
                    400, 131056, "(Business Account, Consumer Account) pair rate limit hit"
                )
        if self.strict_sessions and body["type"] in FREE_FORM:
            last = self.sessions.get(to)
            if last is None or time.time() - last > 24 * 3600:
                return Failure(
                    400,
                    131047,
                    "Re-engagement message: more than 24 hours have passed since the "
                    "recipient last replied to the sender number.",
                )
        return None

    @staticmethod
    def _error(failure: Failure) -> web.Response:
        headers = {}
        if failure.retry_after is not None:
            headers["Retry-After"] = str(failure.retry_after)
        return web.json_response(
            {
                "error": {
                    "message": failure.title,
                    "type": "OAuthException",
                    "code": failure.code,
                    "error_data": {"messaging_product": "whatsapp", "details": failure.title},
                    "fbtrace_id": "AbCdEfGhIjK",
                }
            },
            status=failure.status,
            headers=headers,
        )


def _shape_problem(body: JSON) -> str | None:
    if body.get("messaging_product") != "whatsapp":
        return "messaging_product"
    if not str(body.get("to", "")).isdigit():
        return "to"
    kind = body.get("type")
    if kind not in TYPES or not isinstance(body.get(kind), dict):
        return "type"
    content = body[kind]
    if kind == "text" and not content.get("body"):
        return "text.body"
    if kind == "template":
        if not content.get("name") or not (content.get("language") or {}).get("code"):
            return "template.name/language"
        for component in content.get("components", []):
            for parameter in component.get("parameters", []):
                text = str(parameter.get("text", ""))
                if "\n" in text or "\t" in text or "     " in text or not text:
                    return "template parameter text"
    if kind == "interactive":
        body_text = (content.get("body") or {}).get("text") or ""
        if not body_text or len(body_text) > 1024:
            return "interactive.body.text"
        if content.get("type") == "location_request_message":
            if content.get("action") != {"name": "send_location"}:
                return "interactive.action"
        elif content.get("type") == "button":
            return _reply_buttons_problem(content.get("action") or {})
        else:
            return "interactive.type"
    if kind == "reaction" and not (
        str(content.get("message_id", "")).startswith("wamid.") and "emoji" in content
    ):
        return "reaction"
    return None


@dataclass
class WhatsAppUser:
    """A WhatsApp user writing to the business number: real webhook payloads, signed."""

    meta: FakeGraphAPI
    wa_id: str
    name: str
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def phone(self) -> str:
        return "+" + self.wa_id

    def _message(self, kind: str, at: datetime, content: JSON, context: JSON | None) -> JSON:
        message: JSON = {
            "from": self.wa_id,
            "id": f"wamid.HBgL{self.wa_id}VAgASGBQ{next(self._ids):08d}AA==",
            "timestamp": str(int(at.timestamp())),
            "type": kind,
            kind: content,
        }
        if context:
            message["context"] = context
        return message

    def payload(self, message: JSON) -> JSON:
        return self.meta.envelope(
            {
                "contacts": [{"profile": {"name": self.name}, "wa_id": self.wa_id}],
                "messages": [message],
            }
        )

    def text(self, body: str, at: datetime, *, forwarded: bool = False) -> JSON:
        context = {"forwarded": True} if forwarded else None
        return self._message("text", at, {"body": body}, context)

    def location(
        self,
        at: datetime,
        latitude: float = -6.2,
        longitude: float = 106.8,
        *,
        forwarded: bool = False,
        place: bool = False,
        reply_to: str | None = None,
    ) -> JSON:
        content: JSON = {"latitude": latitude, "longitude": longitude}
        if place:
            content |= {"name": "Kantor Walikota", "address": "Jl. Maulana Hasanudin No.10"}
        context: JSON = {}
        if forwarded:
            context["forwarded"] = True
        if reply_to:
            context |= {"from": DISPLAY_NUMBER, "id": reply_to}
        return self._message("location", at, content, context or None)

    def button(self, text: str, at: datetime, *, reply_to: str) -> JSON:
        """A template's quick-reply button."""
        context = {"from": DISPLAY_NUMBER, "id": reply_to}
        return self._message("button", at, {"payload": text, "text": text}, context)

    def interactive(self, reply_id: str, title: str, at: datetime, *, reply_to: str) -> JSON:
        context = {"from": DISPLAY_NUMBER, "id": reply_to}
        content = {"type": "button_reply", "button_reply": {"id": reply_id, "title": title}}
        return self._message("interactive", at, content, context)

    async def send(self, message: JSON, **post: Any) -> int:
        """Deliver ``message`` to the app's webhook; the user's session opens (as at Meta)."""
        self.meta.sessions[self.wa_id] = time.time()
        return await self.meta.post(self.payload(message), **post)
