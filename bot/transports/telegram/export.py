"""/ekspor [MM-YYYY] (/export): a month of attendance as XLSX, sent with sendDocument;
and the chart that goes with each /rekap.

From an agency group the file goes to the caller privately (the group sees who asked,
not everyone's record); a caller who never started the bot is asked to. In a BKD group
each linked agency's file is posted in the group; in a private chat, each supervised
agency's. Rendering (openpyxl, matplotlib) runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.reports.chart import render_chart
from bot.reports.export_command import render
from bot.reports.labels import month_name
from bot.texts import t
from bot.transports.telegram.filters import from_user, in_private, is_admin
from bot.transports.telegram.replies import answer_key
from handlers.export_access import ExportAccess, ScopeKind
from handlers.exports import ExportService
from handlers.recap import DayRecap

log = logging.getLogger(__name__)


async def xlsx_file(
    exports: ExportService, code: str, start: date, end: date, language: str
) -> tuple[BufferedInputFile, str]:
    table = await exports.table(agency_code=code, start=start, end=end)
    data = await asyncio.to_thread(render, table, "xlsx", language)
    name = f"hadir-{table.code}-{start:%Y-%m}.xlsx"
    caption = t(
        "export.caption", language, name=table.name, code=table.code,
        month=month_name(start, language),
    )  # fmt: skip
    return BufferedInputFile(data, filename=name), caption


async def on_export(
    message: Message,
    command: CommandObject,
    bot: Bot,
    exports: ExportService,
    export_access: ExportAccess,
    super_admins: frozenset[int],
    language: str,
) -> None:
    assert message.from_user is not None
    private = await in_private(message)
    scope = await export_access.scope(
        chat_id=message.chat.id, user_id=message.from_user.id, private=private
    )
    if scope.kind is ScopeKind.NONE:
        await answer_key(message, "export.nothing", language)
        return
    if scope.needs_admin and not await is_admin(message, bot, super_admins):
        await answer_key(message, "export.denied", language)
        return
    try:
        start, end = export_access.period(command.args or "", zone=scope.zone)
    except ValueError:
        await answer_key(message, "export.usage", language)
        return
    if not scope.codes:
        await answer_key(message, "export.no_agencies", language)
        return
    target = message.from_user.id if scope.kind is ScopeKind.AGENCY else message.chat.id
    for code in scope.codes:
        document, caption = await xlsx_file(exports, code, start, end, language)
        try:
            await bot.send_document(target, document, caption=caption)
        except TelegramForbiddenError:  # never started the bot: it cannot write first
            await answer_key(message, "export.start_bot", language)
            return
    if target != message.chat.id:
        await answer_key(message, "export.sent_privately", language)


async def send_recap_chart(
    message: Message, exports: ExportService, recap: DayRecap, language: str
) -> None:
    """/rekap's picture: the day's attendance rate per window, once a window has closed."""
    if recap.off is not None or recap.future:
        return
    if not any(window.state == "closed" for window in recap.windows):
        return
    table = await exports.table(agency_code=recap.code, start=recap.day, end=recap.day)
    png = await asyncio.to_thread(render_chart, table, language=language)
    photo = BufferedInputFile(png, filename=f"rekap-{recap.code}-{recap.day.isoformat()}.png")
    caption = t("recap.chart_caption", language, date=recap.day.strftime("%d-%m-%Y"))
    try:
        await message.reply_photo(photo, caption=caption)
    except TelegramAPIError as exc:  # the recap text went out; the picture is extra
        log.warning("recap chart for %s not sent to %s: %s", recap.code, message.chat.id, exc)


def build_router() -> Router:
    router = Router(name="export")
    router.message.filter(from_user)
    router.message.register(on_export, Command("ekspor", "export"))
    return router
