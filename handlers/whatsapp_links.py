"""Linking people to WhatsApp numbers: members (confirmed by their reply) and supervisors.

An agency admin writes ``/wa NIP +62… [Nama lengkap]`` in the agency group (a NIP not
registered yet needs the name: WhatsApp-only staff never run /daftar), or a roster
import fills ``members.phone``. Either way the number gets one invitation (a template
message, through the outbox); the member's reply confirms the link, and only then do
prompts go there.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.enrollment import MAX_NAME, split_registration
from handlers.nip import InvalidNip, parse_nip
from handlers.phone import InvalidPhone, parse_phone, wa_id
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from storage import agencies as agencies_repo
from storage import members as members_repo
from storage import outbox as outbox_repo
from storage import whatsapp_links as links_repo
from storage.db import Database
from storage.tables import Agency, Member
from storage.tables_whatsapp import WhatsAppLink

TRANSPORT = "whatsapp"
SUPERVISOR_WORDS = ("atasan", "supervisor")


def split_phone(text: str) -> tuple[str, str]:
    """'+62 812-3456 Budi S' -> ('+62 812-3456', 'Budi S'): number-like words, then the rest."""
    words = text.split()
    taken: list[str] = []
    while words and words[0].lstrip("+").replace("-", "").replace(".", "").isdigit():
        taken.append(words.pop(0))
    return " ".join(taken), " ".join(words)


async def enqueue_invite(
    session: AsyncSession, *, member: Member, agency: Agency, link: WhatsAppLink, now: datetime
) -> None:
    """One invitation per number given (a changed number is invited again)."""
    assert member.id is not None and link.id is not None
    stamp = int(link.created_at.timestamp())
    await outbox_repo.enqueue(
        session,
        dedupe_key=f"wa-invite:{link.id}:{link.phone}:{stamp}",
        chat_id=int(wa_id(link.phone)),
        kind="wa_invite",
        payload={
            "phone": link.phone,
            "member_id": member.id,
            "name": member.full_name,
            "agency": agency.name,
            "language": agency.language,
        },
        now=now,
        agency_id=agency.id,
        transport=TRANSPORT,
    )
    await links_repo.mark_invited(session, member_id=member.id, now=now)


class WhatsAppLinks:
    def __init__(self, *, db: Database, clock: Clock, enabled: bool) -> None:
        self._db = db
        self._clock = clock
        self._enabled = enabled  # WhatsApp configured: invitations can go out now

    async def command(self, *, chat_id: int, args: str) -> Reply:
        """``/wa NIP +62… [Nama]`` or ``/wa atasan +62… Nama``."""
        words = args.split(maxsplit=1)
        if words and words[0].lower() in SUPERVISOR_WORDS:
            return await self.link_supervisor(
                chat_id=chat_id, args=words[1] if len(words) > 1 else ""
            )
        return await self.link_member(chat_id=chat_id, args=args)

    async def link_member(self, *, chat_id: int, args: str) -> Reply:
        raw_nip, rest = split_registration(args)
        raw_phone, name = split_phone(rest)
        if not raw_nip or not raw_phone:
            return fail("wa.usage")
        try:
            nip = parse_nip(raw_nip)
        except InvalidNip as exc:
            return fail(f"nip.{exc.reason.value}")
        try:
            phone = parse_phone(raw_phone)
        except InvalidPhone:
            return fail("wa.bad_phone", phone=raw_phone)
        if len(name) > MAX_NAME:
            return fail("wa.usage")
        now = self._clock.now()
        try:
            async with self._db.transaction() as session:
                agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
                if agency is None or agency.id is None:
                    return fail("agency.missing")
                member = await members_repo.get_by_nip(session, agency_id=agency.id, nip=nip.value)
                if member is None and not name:
                    return fail("wa.name_needed", nip=nip.value, phone=phone)
                if member is None:
                    member = Member(
                        agency_id=agency.id,
                        nip=nip.value,
                        full_name=name,
                        created_at=now,
                        updated_at=now,
                    )
                    session.add(member)
                assert member is not None
                member.phone, member.updated_at = phone, now
                await session.flush()
                assert member.id is not None
                link = await links_repo.upsert_link(
                    session, member_id=member.id, phone=phone, now=now
                )
                if link.confirmed_at is not None:
                    return done("wa.already", name=member.full_name, phone=phone)
                if self._enabled:
                    await enqueue_invite(session, member=member, agency=agency, link=link, now=now)
                key = "wa.linked" if self._enabled else "wa.linked_later"
                reply = done(key, name=member.full_name, nip=member.nip, phone=phone)
        except IntegrityError:
            async with self._db.read() as session:
                holder = await links_repo.member_with_phone(session, chat_id=chat_id, phone=phone)
            return fail("wa.phone_taken", phone=phone, name=holder or "?")
        return reply

    async def link_supervisor(self, *, chat_id: int, args: str) -> Reply:
        raw_phone, name = split_phone(args)
        if not raw_phone or not name or len(name) > MAX_NAME:
            return fail("wa.usage")
        try:
            phone = parse_phone(raw_phone)
        except InvalidPhone:
            return fail("wa.bad_phone", phone=raw_phone)
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            added = await links_repo.add_supervisor(
                session, agency_id=agency.id, phone=phone, display_name=name, now=self._clock.now()
            )
        if not added:
            return done("wa.supervisor_already", phone=phone)
        return done("wa.supervisor_added", name=name, phone=phone)

    async def invite_pending(self) -> int:
        """Invite numbers that came without /wa (a roster import): one invitation each."""
        now = self._clock.now()
        count = 0
        async with self._db.transaction() as session:
            for member, agency in await links_repo.uninvited(session):
                assert member.id is not None and member.phone is not None
                link = await links_repo.upsert_link(
                    session, member_id=member.id, phone=member.phone, now=now
                )
                if link.confirmed_at is None:
                    await enqueue_invite(session, member=member, agency=agency, link=link, now=now)
                    count += 1
        return count
