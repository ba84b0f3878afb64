"""Leave requests (/izin, /sakit, /dinas, /cuti) and the supervisors' Setujui/Tolak buttons.

A request goes out at once (the notifier is flushed after it is stored); a press on a
button is answered with answerCallbackQuery, and every copy of the request (each
supervisor's, and the group's fall-back) is edited to show the decision, without buttons.
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.notifier import Notifier
from bot.texts import render_leave_decided, t
from bot.transports.telegram.filters import from_user, in_private
from bot.transports.telegram.replies import answer
from handlers.leave import Decision, LeaveService

log = logging.getLogger(__name__)

KINDS = {"izin": "izin", "sakit": "sakit", "cuti": "cuti", "dinas": "dinas"}


class LeaveDecisionData(CallbackData, prefix="leave"):
    request_id: int
    approve: bool


def decision_keyboard(request_id: int, lang: str) -> InlineKeyboardMarkup:
    def button(key: str, approve: bool) -> InlineKeyboardButton:
        data = LeaveDecisionData(request_id=request_id, approve=approve).pack()
        return InlineKeyboardButton(text=t(key, lang), callback_data=data)

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button("leave.button.approve", True), button("leave.button.reject", False)]
        ]
    )


def decided_text(decision: Decision) -> str:
    return render_leave_decided(
        decision.payload, status=decision.status, decider=decision.decider, at=decision.at
    )


async def on_leave(
    message: Message,
    command: CommandObject,
    leave: LeaveService,
    notifier: Notifier,
    language: str,
) -> None:
    assert message.from_user is not None
    reply = await leave.request(
        chat_id=message.chat.id,
        user_id=message.from_user.id,
        private=await in_private(message),
        kind=KINDS[command.command.lower()],
        args=command.args or "",
    )
    await answer(message, reply, language)
    if reply.ok:
        await notifier.flush()  # the supervisors hear of it now, not at the next tick


async def on_decision(
    query: CallbackQuery,
    callback_data: LeaveDecisionData,
    leave: LeaveService,
    notifier: Notifier,
    bot: Bot,
    language: str,
) -> None:
    decision = await leave.decide(
        request_id=callback_data.request_id,
        user_id=query.from_user.id,
        approve=callback_data.approve,
    )
    lang = decision.payload.get("language") or language
    if decision.outcome in ("missing", "not_supervisor"):
        await query.answer(t(f"leave.answer.{decision.outcome}", lang), show_alert=True)
        return
    if decision.outcome == "already":
        text = t("leave.answer.already", lang, decider=decision.decider)
        await query.answer(text, show_alert=True)
    else:
        await query.answer(t(f"leave.answer.{decision.status}", lang))
    shown = decided_text(decision)
    pressed = query.message
    copies = set(decision.copies)
    if isinstance(pressed, Message):
        copies.add((pressed.chat.id, pressed.message_id))
    for chat_id, message_id in sorted(copies):
        try:
            await bot.edit_message_text(
                text=shown, chat_id=chat_id, message_id=message_id, reply_markup=None
            )
        except TelegramAPIError as exc:  # e.g. "message is not modified", or too old to edit
            log.info(
                "leave %s: copy %s/%s not edited: %s",
                callback_data.request_id,
                chat_id,
                message_id,
                exc,
            )
    if decision.outcome != "already":
        await notifier.flush()  # the member hears the outcome now


def build_router() -> Router:
    router = Router(name="leave")
    router.message.filter(from_user)
    router.message.register(on_leave, Command(*KINDS))
    router.callback_query.register(on_decision, LeaveDecisionData.filter())
    return router
