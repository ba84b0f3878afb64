"""The outbox as the sender sees it: claim what is owed, record what happened.

A summary that cannot reach a supervisor privately (they never started the bot)
goes to the agency group with a line asking them to /start the bot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handlers.ports import Clock
from storage import outbox as outbox_repo
from storage.db import Database


@dataclass(frozen=True)
class Notice:
    id: int
    kind: str
    chat_id: int
    transport: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Delivery:
    """What the sender reports back for one notice."""

    notice: Notice
    message_id: int | None = None
    error: str | None = None
    unreachable: bool = False  # the user has not started the bot / blocked it
    retry: bool = False  # nothing was sent; try again on a later tick


MAX_ATTEMPTS = 5
# Private notices that go to the agency group instead when the person never started the bot
# (or blocked it): kind -> (the group notice's kind, its dedupe key from the payload).
GROUP_FALLBACK = {
    "summary": ("summary_group", "summary-group:{run_id}"),
    "leave_request": ("leave_request_group", "leave-group:{request_id}"),
    "leave_outcome": ("leave_outcome_group", "leave-outcome-group:{request_id}"),
}


class NoticeService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def claim(self, *, limit: int = 500) -> list[Notice]:
        async with self._db.transaction() as session:
            items = await outbox_repo.claim_pending(session, limit=limit)
            return [
                Notice(
                    id=i.id or 0,
                    kind=i.kind,
                    chat_id=i.chat_id,
                    transport=i.transport,
                    payload=i.payload,
                )
                for i in items
            ]

    async def record(self, deliveries: list[Delivery]) -> None:
        """Write the outcome of a round of sends in one transaction."""
        if not deliveries:
            return
        now = self._clock.now()
        async with self._db.transaction() as session:
            sent = [(d.notice.id, d.message_id) for d in deliveries if d.error is None]
            await outbox_repo.mark_sent_many(session, sent=sent, now=now)
            for d in deliveries:
                notice = d.notice
                if d.error is None:
                    continue
                if d.retry:
                    attempts = await self._attempts(session, notice.id)
                    if attempts < MAX_ATTEMPTS:
                        await outbox_repo.release(session, outbox_id=notice.id, error=d.error)
                        continue
                await outbox_repo.mark_failed(session, outbox_id=notice.id, error=d.error)
                if d.unreachable and notice.kind in GROUP_FALLBACK:
                    await self._fall_back_to_group(session, notice)

    @staticmethod
    async def _attempts(session: Any, outbox_id: int) -> int:
        from storage.tables import OutboxMessage

        item = await session.get(OutboxMessage, outbox_id)
        return int(item.attempts) if item else MAX_ATTEMPTS

    async def _fall_back_to_group(self, session: Any, notice: Notice) -> None:
        payload = notice.payload
        group = payload.get("group_chat_id")
        if group is None:
            return
        kind, key_format = GROUP_FALLBACK[notice.kind]
        key = key_format.format(**payload)
        existing = await outbox_repo.get_by_key(session, dedupe_key=key)
        supervisor = payload.get("supervisor", "")
        if existing is not None and existing.status == "pending":
            asked = list(existing.payload.get("ask_start", []))
            if supervisor not in asked:
                existing.payload = {**existing.payload, "ask_start": [*asked, supervisor]}
            return
        if existing is not None:  # the group was already told; this one gets its own line
            key = f"{key}:{notice.chat_id}"
        await outbox_repo.enqueue(
            session,
            dedupe_key=key,
            chat_id=int(group),
            kind=kind,
            payload={**payload, "ask_start": [supervisor]},
            now=self._clock.now(),
            agency_id=None,
        )
