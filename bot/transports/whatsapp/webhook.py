"""The Cloud API webhook as an aiohttp app: subscription check (GET) and updates (POST).

- GET answers ``hub.challenge`` when ``hub.mode`` is "subscribe" and ``hub.verify_token``
  matches the configured verify token; anything else is 403.
- POST is handled only when ``X-Hub-Signature-256`` is ``sha256=`` + the HMAC-SHA256 of
  the raw body under the app secret (compared in constant time); anything else is 403,
  logged without the body. A 200 is returned only once every message and status of the
  body is committed; if anything failed, a 500 makes Meta retry the whole body, and the
  parts already handled are skipped by their message ids.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging

from aiohttp import web

from bot.transports.whatsapp.inbound import InboundHandler
from bot.transports.whatsapp.updates import parse

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_BODY = 3 * 1024 * 1024


def signature_ok(body: bytes, header: str | None, secret: bytes) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.removeprefix("sha256=").encode())


class WhatsAppWebhook:
    def __init__(
        self,
        *,
        handler: InboundHandler,
        phone_number_id: str,
        verify_token: str,
        app_secret: str,
    ) -> None:
        self._handler = handler
        self._phone_number_id = phone_number_id
        self._verify_token = verify_token.encode()
        self._secret = app_secret.encode()

    def register(self, app: web.Application, path: str = "/whatsapp") -> None:
        app.router.add_get(path, self.verify)
        app.router.add_post(path, self.receive)

    def application(self, path: str = "/whatsapp") -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        self.register(app, path)
        return app

    async def verify(self, request: web.Request) -> web.StreamResponse:
        query = request.query
        token = query.get("hub.verify_token", "").encode()
        if query.get("hub.mode") == "subscribe" and hmac.compare_digest(token, self._verify_token):
            return web.Response(text=query.get("hub.challenge", ""))
        log.warning("whatsapp webhook: verification refused from %s", request.remote)
        return web.Response(status=403, text="forbidden")

    async def receive(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        if not signature_ok(body, request.headers.get(SIGNATURE_HEADER), self._secret):
            log.warning(
                "whatsapp webhook: bad or missing signature from %s (%d bytes), refused",
                request.remote,
                len(body),
            )
            return web.Response(status=403, text="forbidden")
        try:
            batch = parse(json.loads(body), phone_number_id=self._phone_number_id)
        except ValueError:
            log.warning("whatsapp webhook: signed body is not JSON (%d bytes)", len(body))
            return web.Response(status=400, text="bad request")
        for error in batch.errors:
            log.warning("whatsapp webhook: platform error %s", error)
        results = await asyncio.gather(
            *(self._handler.message(m) for m in batch.messages),
            *(self._handler.status(s) for s in batch.statuses),
            return_exceptions=True,
        )
        failures = [r for r in results if isinstance(r, BaseException)]
        for failure in failures:
            log.error("whatsapp webhook: update failed", exc_info=failure)
        if failures:
            return web.Response(status=500, text="retry")
        return web.Response(text="ok")
