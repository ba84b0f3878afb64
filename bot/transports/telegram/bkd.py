"""BKD roll-up groups on Telegram: /setup_bkd, /induk (/parent) and the approval buttons.

/setup_bkd is run by an admin of the group that becomes the BKD group; /induk by an
admin of an agency group. The request is posted in the BKD group with inline buttons;
a press is honoured only from an admin of that BKD group (getChatMember, or a
super-admin from config). Everyone else gets a refusal and nothing changes.
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    ChatMemberAdministrator,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.texts import render, t
from bot.transports.telegram.filters import IsAdmin, from_user, in_group, in_private
from bot.transports.telegram.replies import answer, answer_key
from handlers.bkd import BkdService, ConfirmRequest
from handlers.results import fail

log = logging.getLogger(__name__)

BKD_COMMANDS = ("setup_bkd", "induk", "parent")


class LinkAnswer(CallbackData, prefix="induk"):
    link: int
    approve: bool


async def on_setup_bkd(
    message: Message, command: CommandObject, bkd: BkdService, language: str
) -> None:
    parts = (command.args or "").split(maxsplit=1)
    if len(parts) < 2:
        await answer(message, fail("bkd.setup_usage"), language)
        return
    reply = await bkd.register(chat_id=message.chat.id, code=parts[0], name=parts[1])
    await answer(message, reply, language)


async def on_link(
    message: Message, command: CommandObject, bot: Bot, bkd: BkdService, language: str
) -> None:
    assert message.from_user is not None
    args = (command.args or "").split()
    if len(args) != 1:
        await answer(message, fail("bkd.link_usage"), language)
        return
    request = await bkd.request_link(
        chat_id=message.chat.id, user_id=message.from_user.id, code=args[0]
    )
    if request.confirm is not None and not await _ask_bkd(bot, request.confirm):
        await bkd.cancel_request(link_id=request.confirm.link_id)
        await answer_key(message, "bkd.link_unreachable", language)
        return
    await answer(message, request.reply, language)


async def _ask_bkd(bot: Bot, confirm: ConfirmRequest) -> bool:
    lang = confirm.language
    buttons = [
        InlineKeyboardButton(
            text=t("bkd.approve", lang),
            callback_data=LinkAnswer(link=confirm.link_id, approve=True).pack(),
        ),
        InlineKeyboardButton(
            text=t("bkd.refuse", lang),
            callback_data=LinkAnswer(link=confirm.link_id, approve=False).pack(),
        ),
    ]
    text = t(
        "bkd.confirm", lang, agency=confirm.agency_name, code=confirm.agency_code,
        bkd=confirm.bkd_name,
    )  # fmt: skip
    try:
        await bot.send_message(
            confirm.bkd_chat_id, text, reply_markup=InlineKeyboardMarkup(inline_keyboard=[buttons])
        )
    except TelegramAPIError as exc:
        log.warning("cannot post the link request in BKD chat %s: %s", confirm.bkd_chat_id, exc)
        return False
    return True


async def is_chat_admin(bot: Bot, chat_id: int, user_id: int, super_admins: frozenset[int]) -> bool:
    if user_id in super_admins:
        return True
    member = await bot.get_chat_member(chat_id, user_id)
    return isinstance(member, ChatMemberOwner | ChatMemberAdministrator)


async def on_link_answer(
    query: CallbackQuery,
    callback_data: LinkAnswer,
    bot: Bot,
    bkd: BkdService,
    super_admins: frozenset[int],
    language: str,
) -> None:
    message = query.message
    if message is None:
        await query.answer(t("bkd.link_gone", language), show_alert=True)
        return
    chat_id = message.chat.id
    if not await is_chat_admin(bot, chat_id, query.from_user.id, super_admins):
        await query.answer(t("bkd.admin_only", language), show_alert=True)
        return
    decision = await bkd.decide(
        link_id=callback_data.link,
        chat_id=chat_id,
        user_id=query.from_user.id,
        approve=callback_data.approve,
    )
    text = render(decision.reply, language)
    await query.answer(text, show_alert=not decision.reply.ok)
    if not decision.reply.ok:
        return
    decided = f"{text}\n{t('bkd.decided_by', language, name=query.from_user.full_name)}"
    await bot.edit_message_text(text=decided, chat_id=chat_id, message_id=message.message_id)
    if decision.agency_chat_id is not None and decision.agency_reply is not None:
        try:
            await bot.send_message(decision.agency_chat_id, render(decision.agency_reply, language))
        except TelegramAPIError as exc:
            log.warning("cannot tell agency chat %s: %s", decision.agency_chat_id, exc)


async def on_not_admin(message: Message, language: str) -> None:
    await answer_key(message, "admin.only", language)


async def on_private(message: Message, language: str) -> None:
    await answer_key(message, "group.only", language)


def build_router() -> Router:
    router = Router(name="bkd")
    router.callback_query.register(on_link_answer, LinkAnswer.filter())
    admins = Router(name="bkd_admin")
    admins.message.filter(in_group, from_user, Command(*BKD_COMMANDS), IsAdmin())
    admins.message.register(on_setup_bkd, Command("setup_bkd"))
    admins.message.register(on_link, Command("induk", "parent"))
    refusal = Router(name="bkd_refusal")
    refusal.message.filter(from_user, Command(*BKD_COMMANDS))
    refusal.message.register(on_private, in_private)
    refusal.message.register(on_not_admin, in_group)
    router.include_routers(admins, refusal)
    return router
