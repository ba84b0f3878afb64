"""Messages out to WhatsApp users: text, templates, location requests, reactions.

Every accepted message is recorded with its ``wamid`` so that the status webhook
(sent, delivered, read, failed) can be matched to it. Replies to inbound messages
run as background tasks after the webhook's work is committed, so Meta gets its 200
without waiting on the pair-rate pacing; :meth:`Sender.idle` waits for them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.transports.whatsapp import messages
from bot.transports.whatsapp.client import GraphClient, GraphError
from handlers.whatsapp_inbox import WhatsAppInbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Templates:
    """Names of the approved templates (WhatsApp Manager) and their language code."""

    prompt: str = "hadir_laporan"
    summary: str = "hadir_rekap"
    link: str = "hadir_tautan"
    language: str = "id"


@dataclass(frozen=True)
class Reply:
    text: str


@dataclass(frozen=True)
class React:
    emoji: str


@dataclass(frozen=True)
class AskLocation:
    body: str
    run_id: int | None = None
    member_id: int | None = None


@dataclass(frozen=True)
class Choose:
    """A text with reply buttons, ``(id, title)`` each; a press comes back as the id."""

    body: str
    choices: tuple[tuple[str, str], ...]


Action = Reply | React | AskLocation | Choose


class Sender:
    def __init__(self, *, client: GraphClient, inbox: WhatsAppInbox, templates: Templates) -> None:
        self.client = client
        self.templates = templates
        self._inbox = inbox
        self._tasks: set[asyncio.Task[None]] = set()

    async def _send(
        self,
        phone: str,
        body: messages.JSON,
        *,
        kind: str,
        run_id: int | None = None,
        member_id: int | None = None,
        outbox_id: int | None = None,
    ) -> int:
        wamid = await self.client.send(body)
        return await self._inbox.record_sent(
            wamid=wamid,
            phone=phone,
            kind=kind,
            outbox_id=outbox_id,
            run_id=run_id,
            member_id=member_id,
        )

    async def text(self, phone: str, body: str, *, kind: str = "text") -> int:
        first = 0
        for part in messages.split_text(body):
            row = await self._send(phone, messages.text(phone, part), kind=kind)
            first = first or row
        return first

    async def ask(
        self,
        phone: str,
        body: str,
        *,
        kind: str = "ask",
        run_id: int | None = None,
        member_id: int | None = None,
        outbox_id: int | None = None,
    ) -> int:
        return await self._send(
            phone,
            messages.location_request(phone, body),
            kind=kind,
            run_id=run_id,
            member_id=member_id,
            outbox_id=outbox_id,
        )

    async def choose(
        self,
        phone: str,
        body: str,
        choices: Sequence[tuple[str, str]],
        *,
        kind: str = "choice",
        outbox_id: int | None = None,
    ) -> int:
        return await self._send(
            phone, messages.buttons(phone, body, choices), kind=kind, outbox_id=outbox_id
        )

    async def template(
        self,
        phone: str,
        name: str,
        params: Sequence[object],
        *,
        kind: str,
        run_id: int | None = None,
        member_id: int | None = None,
        outbox_id: int | None = None,
    ) -> int:
        body = messages.template(phone, name, self.templates.language, params)
        return await self._send(
            phone, body, kind=kind, run_id=run_id, member_id=member_id, outbox_id=outbox_id
        )

    async def react(self, phone: str, wamid: str, emoji: str) -> int:
        return await self._send(phone, messages.reaction(phone, wamid, emoji), kind="reaction")

    # replies to an inbound message, after its work is committed -------------------------------
    def later(self, phone: str, wamid: str, actions: Sequence[Action]) -> None:
        if not actions:
            return
        task = asyncio.create_task(self._perform(phone, wamid, list(actions)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _perform(self, phone: str, wamid: str, actions: list[Action]) -> None:
        for action in actions:
            try:
                if isinstance(action, Reply):
                    await self.text(phone, action.text)
                elif isinstance(action, React):
                    await self.react(phone, wamid, action.emoji)
                elif isinstance(action, Choose):
                    await self.choose(phone, action.body, action.choices)
                else:
                    await self.ask(
                        phone, action.body, run_id=action.run_id, member_id=action.member_id
                    )
            except GraphError as exc:
                log.warning("whatsapp: reply to %s (%s) not sent: %s", phone, wamid, exc)
            except Exception:
                log.exception("whatsapp: reply to %s (%s) failed", phone, wamid)

    async def idle(self) -> None:
        """Wait until every reply started so far is sent (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        await self.idle()
        await self.client.close()
