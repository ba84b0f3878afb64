"""The WhatsApp transport assembled from its config section (called by ``bootstrap``)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import httpx

from bot.config import WhatsAppConfig
from bot.transports.whatsapp.client import GraphClient
from bot.transports.whatsapp.inbound import InboundHandler, LeaveDecider, TextCommand
from bot.transports.whatsapp.limiter import SendLimiter
from bot.transports.whatsapp.outbound import WhatsAppOutbound
from bot.transports.whatsapp.sender import Sender, Templates
from bot.transports.whatsapp.webhook import WhatsAppWebhook
from handlers.attendance import AttendanceService
from handlers.ports import Clock
from handlers.whatsapp_inbox import WhatsAppInbox
from handlers.whatsapp_links import WhatsAppLinks
from storage.db import Database


@dataclass
class WhatsAppTransport:
    config: WhatsAppConfig
    inbox: WhatsAppInbox
    links: WhatsAppLinks
    sender: Sender
    inbound: InboundHandler
    outbound: WhatsAppOutbound
    webhook: WhatsAppWebhook

    async def tick(self) -> int:
        """Invite numbers that arrived without /wa (a roster import)."""
        return await self.links.invite_pending()

    async def idle(self) -> None:
        await self.sender.idle()

    async def close(self) -> None:
        await self.sender.close()


def build_whatsapp(
    config: WhatsAppConfig,
    *,
    db: Database,
    clock: Clock,
    attendance: AttendanceService,
    links: WhatsAppLinks,
    language: str = "id",
    commands: Mapping[str, TextCommand] | None = None,
    decide_leave: LeaveDecider | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> WhatsAppTransport:
    assert config.enabled and config.token is not None
    assert config.app_secret is not None and config.verify_token is not None
    limiter = SendLimiter(
        per_second=config.messages_per_second,
        per_user_interval=config.per_user_interval_seconds,
        per_user_burst=config.per_user_burst,
        sleep=sleep,
    )
    client = GraphClient(
        api_base=config.api_base,
        phone_number_id=config.phone_number_id,
        token=config.token.get_secret_value(),
        limiter=limiter,
        max_retries=config.max_retries,
        timeout=config.timeout_seconds,
        transport=http_transport,
        sleep=sleep,
    )
    inbox = WhatsAppInbox(db=db, clock=clock)
    templates = Templates(
        prompt=config.prompt_template,
        summary=config.summary_template,
        link=config.link_template,
        language=config.template_language,
    )
    sender = Sender(client=client, inbox=inbox, templates=templates)
    inbound = InboundHandler(
        inbox=inbox,
        attendance=attendance,
        sender=sender,
        language=language,
        commands=commands,
        decide_leave=decide_leave,
    )
    return WhatsAppTransport(
        config=config,
        inbox=inbox,
        links=links,
        sender=sender,
        inbound=inbound,
        outbound=WhatsAppOutbound(sender=sender, inbox=inbox, language=language),
        webhook=WhatsAppWebhook(
            handler=inbound,
            phone_number_id=config.phone_number_id,
            verify_token=config.verify_token.get_secret_value(),
            app_secret=config.app_secret.get_secret_value(),
        ),
    )
