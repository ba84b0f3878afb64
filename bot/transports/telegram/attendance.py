"""Location answers: static or live, in the group or in private.

The hot path: async filters only, one awaited group commit, then a reaction (not a
message) for an accepted answer, or a short reason for a rejected one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from aiogram import Router
from aiogram.types import Message

from bot.transports.telegram.filters import from_user, has_location
from bot.transports.telegram.replies import answer_key, react
from handlers.attendance import AttendanceService, LocationEvidence, Outcome, Recorded

REACTIONS = {Outcome.ON_TIME: "👍", Outcome.LATE: "👌"}


def evidence_of(message: Message, *, edited: bool) -> LocationEvidence:
    location = message.location
    user = message.from_user
    assert location is not None and user is not None
    edit_date = message.edit_date if edited and message.edit_date else None
    sent = edit_date if edit_date is not None else message.date
    at = sent if isinstance(sent, datetime) else datetime.fromtimestamp(int(sent), UTC)
    first = message.date  # a live period runs from the original message, not from the edit
    sent_at = first if isinstance(first, datetime) else datetime.fromtimestamp(int(first), UTC)
    return LocationEvidence(
        chat_id=message.chat.id,
        user_id=user.id,
        message_id=message.message_id,
        at=at.astimezone(UTC),
        latitude=location.latitude,
        longitude=location.longitude,
        accuracy=location.horizontal_accuracy,
        live_period=location.live_period,
        edit_date=int(at.timestamp()) if edited else 0,
        private=message.chat.type == "private",
        forwarded=message.forward_origin is not None,
        venue=message.venue is not None,
        sent_at=sent_at.astimezone(UTC),
        stopped=edited and location.live_period is None,  # Telegram drops it when sharing stops
    )


async def reply_for(message: Message, recorded: Recorded, language: str) -> None:
    if recorded.accepted:
        await react(message, REACTIONS[recorded.outcome])
    elif recorded.outcome is Outcome.NO_WINDOW:
        if recorded.next_window:
            await answer_key(
                message,
                "location.no_window",
                language,
                next_window=recorded.next_window,
                zone=recorded.zone,
            )
        else:
            await answer_key(message, "location.no_window_today", language)
    elif recorded.outcome is not Outcome.NO_AGENCY or message.chat.type == "private":
        await answer_key(message, f"location.{recorded.outcome.value}", language)


async def on_location(message: Message, attendance: AttendanceService, language: str) -> None:
    recorded = await attendance.record_location(evidence_of(message, edited=False))
    await reply_for(message, recorded, language)


async def on_live_update(message: Message, attendance: AttendanceService) -> None:
    """A live location moved: more evidence for the open window; no reply, ever."""
    await attendance.record_location(evidence_of(message, edited=True))


def build_router(*, first: Callable[[Router], None] | None = None) -> Router:
    """Every location, static or live: the hot path, so one router and nothing in front.

    ``first`` registers handlers that take precedence (the /rumah and /kantor point
    capture): in this router rather than one of their own, a location passes one router.
    """
    router = Router(name="attendance")
    router.message.filter(has_location, from_user)
    router.edited_message.filter(has_location, from_user)
    if first is not None:
        first(router)
    router.message.register(on_location)
    router.edited_message.register(on_live_update)
    return router
