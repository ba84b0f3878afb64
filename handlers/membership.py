"""Who is writing: the member (and agency) behind a chat account, in a group or in private."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.results import Reply, fail
from storage import agencies as agencies_repo
from storage import members as members_repo
from storage import whatsapp_links as whatsapp_links_repo
from storage.tables import Agency, Member


async def resolve_member(
    session: AsyncSession, *, chat_id: int, user_id: int, private: bool, phone: str | None = None
) -> tuple[Agency, Member] | Reply:
    """In a group: the member of that group's agency. In private: the member's first
    agency that is not paused (most people belong to one). ``phone``: a one-to-one chat
    without a Telegram account (WhatsApp), matched through confirmed links."""
    if not private:
        agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
        if agency is None or agency.id is None:
            return fail("agency.missing")
        if agency.paused:
            return fail("member.paused")
        member = await members_repo.get_by_user(session, agency_id=agency.id, user_id=user_id)
        if member is None:
            return fail("member.unregistered")
        return agency, member
    if phone is not None:
        mine = (await whatsapp_links_repo.members_by_phones(session, phones=[phone])).get(phone, [])
    else:
        mine = (await members_repo.by_users(session, user_ids=[user_id])).get(user_id, [])
    if not mine:
        return fail("member.unregistered")
    agencies = await agencies_repo.by_ids(session, agency_ids=(m.agency_id for m in mine))
    for member in sorted(mine, key=lambda m: m.id or 0):
        if not agencies[member.agency_id].paused:
            return agencies[member.agency_id], member
    return fail("member.paused")
