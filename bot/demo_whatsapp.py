"""`hadir demo --whatsapp`: one member of the demo agency is on WhatsApp only.

The real WhatsApp transport runs against an in-process fake of the Graph API (an
``httpx.MockTransport``: no network, no token); what the member sends reaches the same
inbound handler the webhook feeds. The day: the admin links Yanti with /wa, she
confirms by tapping the invitation's button, gets the location request at 07:30 and
answers it; at 11:30 her phone is off, WhatsApp reports the prompt failed and the
summary says so; at 15:00 she answers again.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import httpx
from pydantic import SecretStr

from bot.config import WhatsAppConfig
from bot.transports.whatsapp.updates import Inbound, Status

if TYPE_CHECKING:
    from bot.bootstrap import App

JSON = dict[str, Any]
Step = Callable[[], Awaitable[None]]
NAME = "Yanti Kusuma"
NIP = "199106062016022011"
PHONE = "+6281298765432"
HOME = (-6.2614, 106.7008)


def demo_whatsapp_config() -> WhatsAppConfig:
    return WhatsAppConfig(
        phone_number_id="106540352242922",
        token=SecretStr("demo-token"),
        app_secret=SecretStr("demo-app-secret"),
        verify_token=SecretStr("demo-verify"),
        per_user_interval_seconds=0,  # virtual time: the pacing is a real-time limit
    )


class WhatsAppDemo:
    def __init__(
        self, *, clock: Callable[[], datetime], zone: ZoneInfo, say: Callable[[str], None]
    ) -> None:
        self._now = clock
        self._zone = zone
        self._say = say  # prints under the demo's current minute heading
        self._ids = itertools.count(1)
        self._app: App | None = None
        self._last_sent: str | None = None
        self.phone_off = False
        self.sent: Counter[str] = Counter()
        self.failed = 0

    def attach(self, app: App) -> None:
        self._app = app

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._graph_api)

    def plan(self, admin_says: Callable[[str], Awaitable[object]]) -> dict[str, tuple[str, Step]]:
        async def link() -> None:
            await admin_says(f"/wa {NIP} {PHONE} {NAME}")

        return {
            "07:04": (f"the admin links {NAME}, who is on WhatsApp only, with /wa", link),
            "07:06": (f"{NAME} taps the invitation's button on WhatsApp", self.confirm),
            "07:34": (f"{NAME} shares her location on WhatsApp", self.share),
            "11:29": (f"{NAME}'s phone is off (no signal in the village)", self.switch_off),
            "14:30": (f"{NAME}'s phone is back on", self.switch_on),
            "15:04": (f"{NAME} shares her location on WhatsApp", self.share),
        }

    def tally(self) -> str:
        kinds = ", ".join(f"{kind} ×{n}" for kind, n in sorted(self.sent.items()))
        total = sum(self.sent.values())
        return f"WhatsApp: {total} messages to {NAME} ({kinds}), {self.failed} reported failed"

    # what Yanti does ------------------------------------------------------------------------------
    async def confirm(self) -> None:
        await self._incoming("button", text="Ya, ini saya")

    async def share(self) -> None:
        await self._incoming("location", latitude=HOME[0], longitude=HOME[1])

    async def switch_off(self) -> None:
        self.phone_off = True
        self._say(f"  {self._local()} 📵 {NAME}'s phone: no signal")

    async def switch_on(self) -> None:
        self.phone_off = False
        self._say(f"  {self._local()} 📶 {NAME}'s phone is back online")

    async def _incoming(self, kind: str, **content: Any) -> None:
        assert self._app is not None and self._app.whatsapp is not None
        message = Inbound(
            wamid=f"wamid.demo-in-{next(self._ids)}",
            phone=PHONE,
            at=self._now(),
            type=kind,
            reply_to=self._last_sent,
            **content,
        )
        shown = (
            f"📍 {content['latitude']:.5f}, {content['longitude']:.5f}"
            if kind == "location"
            else f"taps [ {content['text']} ]"
        )
        self._say(f"  {self._local()} {NAME} (WhatsApp): {shown}")
        await self._app.whatsapp.inbound.message(message)
        await self._app.whatsapp.idle()

    # the Graph API, in process ----------------------------------------------------------------
    async def _graph_api(self, request: httpx.Request) -> httpx.Response:
        body: JSON = json.loads(request.content)
        kind = str(body["type"])
        wamid = f"wamid.demo-out-{next(self._ids)}"
        self.sent[_label(body)] += 1
        self._show(body)
        if kind != "reaction":
            self._last_sent = wamid
        if self.phone_off and kind != "reaction":
            await self._failed(wamid)
        return httpx.Response(
            200,
            json={
                "messaging_product": "whatsapp",
                "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                "messages": [{"id": wamid}],
            },
        )

    async def _failed(self, wamid: str) -> None:
        """What WhatsApp's status webhook says about a message that could not be delivered."""
        assert self._app is not None and self._app.whatsapp is not None
        self.failed += 1
        self._say(f"    ✖ WhatsApp reports: not delivered to {NAME} (131026, phone unreachable)")
        quiet = logging.getLogger("bot.transports.whatsapp.inbound")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # the demo prints it; no log line in the transcript
        try:
            await self._app.whatsapp.inbound.status(
                Status(
                    wamid=wamid,
                    phone=PHONE,
                    status="failed",
                    at=self._now(),
                    error_code=131026,
                    error_title="Message undeliverable",
                )
            )
        finally:
            quiet.setLevel(level)

    def _show(self, body: JSON) -> None:
        kind = body["type"]
        if kind == "reaction":
            self._say(f"    {body['reaction']['emoji']} on {NAME}'s location (WhatsApp)")
            return
        lines = [f"  ┌─ Hadir → {NAME} (WhatsApp {PHONE}) · {self._local()}"]
        if kind == "template":
            template = body["template"]
            params = [p["text"] for c in template["components"] for p in c["parameters"]]
            lines.append(f"  │ [template {template['name']}] {' · '.join(params)}")
        elif kind == "interactive":
            lines += [f"  │ {line}" for line in body["interactive"]["body"]["text"].split("\n")]
            lines.append("  │ [ 📍 Kirim lokasi ]")
        else:
            lines += [f"  │ {line}".rstrip() for line in body["text"]["body"].split("\n")]
        lines.append("  └─")
        self._say("\n".join(lines))

    def _local(self) -> str:
        return self._now().astimezone(self._zone).strftime("%H:%M")


def _label(body: JSON) -> str:
    return "location request" if body["type"] == "interactive" else str(body["type"])
