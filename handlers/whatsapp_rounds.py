"""WhatsApp in the minute tick: who is expected, prompts to members, summaries to supervisors.

Used by :class:`handlers.summary.WindowRounds` inside the transaction that claims a
window's prompt or summary, so each WhatsApp message is enqueued exactly once (the
outbox's unique ``dedupe_key`` makes a second enqueue a no-op as well).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.phone import wa_id
from handlers.statuses import EXCUSED, DayFacts
from storage import outbox as outbox_repo
from storage import whatsapp_links as links_repo
from storage import whatsapp_messages as messages_repo
from storage.outbox import NewMessage
from storage.tables import Agency, Member, WindowRun
from storage.tables_whatsapp import WhatsAppSupervisor

TRANSPORT = "whatsapp"


def prompt_messages(
    *,
    run: WindowRun,
    agency: Agency,
    payload: dict[str, Any],
    facts: DayFacts,
    members: Iterable[Member],
) -> list[NewMessage]:
    """A prompt for each of ``members`` (the agency's WhatsApp members) not excused today
    (approved leave, an exempt role); the outbox picks a template or the location request."""
    assert run.id is not None and agency.id is not None
    excused = {m.id for m, status in facts.tally({}).rows if status in EXCUSED}
    messages = []
    for member in members:
        assert member.phone is not None
        if member.id in excused:
            continue
        messages.append(_to_member("prompt", run=run, member=member, payload=payload))
    return messages


def reminder_messages(
    *,
    run: WindowRun,
    members: list[Member],
    linked: Iterable[Member],
    payload: dict[str, Any],
) -> list[NewMessage]:
    """Halfway to the deadline, one reminder to each WhatsApp member who has not answered
    (``members``: not answered, not excused, no Telegram account; ``linked``: the agency's
    members reachable on WhatsApp)."""
    assert run.id is not None
    wanted = {m.id for m in members}
    messages = []
    for member in linked:
        if member.id not in wanted:
            continue
        messages.append(_to_member("reminder", run=run, member=member, payload=payload))
    return messages


def _to_member(kind: str, *, run: WindowRun, member: Member, payload: dict[str, Any]) -> NewMessage:
    """A window's prompt or reminder to one WhatsApp member, once per run and member."""
    assert member.phone is not None
    return NewMessage(
        dedupe_key=f"wa-{kind}:{run.id}:{member.id}",
        chat_id=int(wa_id(member.phone)),
        kind=kind,
        payload={
            **payload,
            "run_id": run.id,
            "member_id": member.id,
            "name": member.full_name,
            "phone": member.phone,
        },
        agency_id=run.agency_id,
        transport=TRANSPORT,
    )


async def enqueue_leave_requests(
    session: AsyncSession,
    *,
    supervisors: list[WhatsAppSupervisor],
    payload: dict[str, Any],
    now: datetime,
) -> int:
    """A leave request to each supervisor linked on WhatsApp, to decide with its buttons."""
    count = 0
    for supervisor in supervisors:
        count += await outbox_repo.enqueue(
            session,
            dedupe_key=f"wa-leave:{payload['request_id']}:{supervisor.phone}",
            chat_id=int(wa_id(supervisor.phone)),
            kind="leave_request",
            payload={**payload, "supervisor": supervisor.display_name, "phone": supervisor.phone},
            now=now,
            agency_id=supervisor.agency_id,
            transport=TRANSPORT,
        )
    return count


async def enqueue_to_member(
    session: AsyncSession,
    *,
    member: Member,
    kind: str,
    payload: dict[str, Any],
    dedupe_key: str,
    now: datetime,
) -> bool:
    """A private notice to a member reachable on WhatsApp; False when they are not."""
    assert member.id is not None
    phone = await links_repo.confirmed_phone(session, member_id=member.id)
    if phone is None:
        return False
    return await outbox_repo.enqueue(
        session,
        dedupe_key=dedupe_key,
        chat_id=int(wa_id(phone)),
        kind=kind,
        payload={**payload, "phone": phone, "member_id": member.id},
        now=now,
        agency_id=member.agency_id,
        transport=TRANSPORT,
    )


async def enqueue_summaries(
    session: AsyncSession,
    *,
    run: WindowRun,
    agency: Agency,
    payload: dict[str, Any],
    now: datetime,
) -> int:
    """The summary for each supervisor linked on WhatsApp; returns how many there are."""
    assert run.id is not None and agency.id is not None
    supervisors = await links_repo.list_supervisors(session, agency_id=agency.id)
    for supervisor in supervisors:
        await outbox_repo.enqueue(
            session,
            dedupe_key=f"wa-summary:{run.id}:{supervisor.phone}",
            chat_id=int(wa_id(supervisor.phone)),
            kind="summary",
            payload={**payload, "supervisor": supervisor.display_name, "phone": supervisor.phone},
            now=now,
            agency_id=agency.id,
            transport=TRANSPORT,
        )
    return len(supervisors)


async def undelivered(
    session: AsyncSession, *, run_id: int, facts: DayFacts, missing: list[str]
) -> list[str]:
    """Names among the missing whose WhatsApp prompt failed: a failed delivery, not silence."""
    failed = await messages_repo.failed_prompts(session, run_id=run_id)
    return [m.full_name for m in facts.members if m.id in failed and m.full_name in missing]
