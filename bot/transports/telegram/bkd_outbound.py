"""Outbox notices for BKD groups: the roll-up with its XLSX attached, and e-mail trouble.

Registered in the notifier as the "telegram_bkd" transport. The roll-up is one
sendDocument whose caption is the table when it fits Telegram's 1,024 characters;
a longer table is sent as text first, then the file.
"""

from __future__ import annotations

import asyncio
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
from aiogram.types import BufferedInputFile

from bot.reports.rollup_text import CAPTION_LIMIT, file_name, head_params, render_rollup
from bot.reports.rollup_xlsx import render_rollup_xlsx
from bot.texts import t
from bot.transports.telegram.replies import split_text
from handlers.notices import Delivery, Notice
from handlers.rollup import Rollup

log = logging.getLogger(__name__)


class BkdOutbound:
    def __init__(self, bot: Bot, *, language: str = "id") -> None:
        self._bot = bot
        self._language = language

    async def deliver(self, notice: Notice) -> Delivery:
        first: int | None = None
        try:
            if notice.kind == "rollup":
                first = await self._rollup(notice)
            elif notice.kind == "rollup_email_failed":
                lang = notice.payload.get("language") or self._language
                text = t("rollup.email_failed", lang, **notice.payload)
                first = (await self._bot.send_message(notice.chat_id, text)).message_id
            else:
                return Delivery(notice, error=f"unknown notice kind {notice.kind!r}")
        except TelegramForbiddenError as exc:
            log.warning("outbox %s to BKD %s refused: %s", notice.id, notice.chat_id, exc.message)
            return Delivery(notice, error=exc.message, unreachable=True)
        except TelegramBadRequest as exc:
            log.warning("outbox %s to BKD %s refused: %s", notice.id, notice.chat_id, exc.message)
            return Delivery(notice, error=exc.message)
        except (TelegramNetworkError, TelegramServerError, TelegramRetryAfter) as exc:
            log.warning(
                "outbox %s to BKD %s failed, will retry: %s", notice.id, notice.chat_id, exc
            )
            return Delivery(notice, error=str(exc), retry=True)
        return Delivery(notice, message_id=first)

    async def _rollup(self, notice: Notice) -> int:
        rollup = Rollup.from_payload(notice.payload)
        data = await asyncio.to_thread(render_rollup_xlsx, rollup)
        document = BufferedInputFile(data, filename=file_name(rollup))
        text = render_rollup(rollup, html=True)
        if len(text) <= CAPTION_LIMIT:
            sent = await self._bot.send_document(
                notice.chat_id, document, caption=text, parse_mode=ParseMode.HTML
            )
            return sent.message_id
        first: int | None = None
        for chunk in _html_chunks(text):
            sent = await self._bot.send_message(notice.chat_id, chunk, parse_mode=ParseMode.HTML)
            first = first or sent.message_id
        params = head_params(rollup)
        caption = t("rollup.file_caption", rollup.language, **params)
        await self._bot.send_document(notice.chat_id, document, caption=caption)
        assert first is not None
        return first


def _html_chunks(text: str) -> list[str]:
    """Split on lines; a <pre> block cut apart is closed and reopened around each cut."""
    chunks: list[str] = []
    inside = False
    for chunk in split_text(text, limit=4000):
        prefix = "<pre>" if inside else ""
        inside = (inside + chunk.count("<pre>") - chunk.count("</pre>")) > 0
        chunks.append(prefix + chunk + ("</pre>" if inside else ""))
    return chunks
