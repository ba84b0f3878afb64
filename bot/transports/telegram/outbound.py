"""Owed messages (prompts, summaries) out to Telegram, through the throttled session."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.texts import render_notice
from bot.transports.telegram.leave import decision_keyboard
from bot.transports.telegram.mentions import reminder_messages
from bot.transports.telegram.replies import split_text
from handlers.notices import Delivery, Notice

log = logging.getLogger(__name__)


class TelegramOutbound:
    def __init__(self, bot: Bot, *, language: str = "id") -> None:
        self._bot = bot
        self._language = language

    async def deliver(self, notice: Notice) -> Delivery:
        language = notice.payload.get("language") or self._language
        parse_mode: str | None = None
        if notice.kind == "reminder":  # text mentions: one message carries many
            chunks, parse_mode = reminder_messages(notice.payload, language), ParseMode.HTML
        else:
            chunks = split_text(render_notice(notice.kind, notice.payload, language))
        markup = None
        if notice.kind in ("leave_request", "leave_request_group"):  # Setujui / Tolak
            markup = decision_keyboard(int(notice.payload["request_id"]), language)
        first: int | None = None
        try:
            for i, chunk in enumerate(chunks, 1):
                sent = await self._bot.send_message(
                    notice.chat_id,
                    chunk,
                    parse_mode=parse_mode,
                    reply_markup=markup if i == len(chunks) else None,
                )
                first = first or sent.message_id
        except TelegramForbiddenError as exc:
            return Delivery(notice, error=exc.message, unreachable=True)
        except TelegramBadRequest as exc:
            unreachable = "chat not found" in exc.message.lower()
            log.warning("outbox %s to %s refused: %s", notice.id, notice.chat_id, exc.message)
            return Delivery(notice, error=exc.message, unreachable=unreachable)
        except (TelegramNetworkError, TelegramServerError, TelegramRetryAfter) as exc:
            if first is not None:  # part of it went out: never risk a second copy
                return Delivery(notice, message_id=first)
            log.warning("outbox %s to %s failed, will retry: %s", notice.id, notice.chat_id, exc)
            return Delivery(notice, error=str(exc), retry=True)
        return Delivery(notice, message_id=first)
