"""/rekap [DD-MM-YYYY] (/recap): the day per window, for supervisors and group admins.

In the group: that agency, for its admins and supervisors. In private: every agency
the caller supervises.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.texts.recap import render_recap
from bot.transports.telegram.export import send_recap_chart
from bot.transports.telegram.filters import from_user, in_private, is_admin
from bot.transports.telegram.replies import answer, split_text
from handlers.exports import ExportService
from handlers.recap import RecapService
from handlers.results import Reply


async def on_recap(
    message: Message,
    command: CommandObject,
    recap: RecapService,
    exports: ExportService,
    bot: Bot,
    super_admins: frozenset[int],
    language: str,
) -> None:
    assert message.from_user is not None
    private = await in_private(message)
    admin = not private and await is_admin(message, bot, super_admins)
    found = await recap.recap(
        chat_id=message.chat.id,
        user_id=message.from_user.id,
        private=private,
        is_admin=admin,
        text=command.args or "",
    )
    if isinstance(found, Reply):
        await answer(message, found, language)
        return
    for day in found:
        for chunk in split_text(render_recap(day, language)):
            await message.reply(chunk)
        await send_recap_chart(message, exports, day, language)


def build_router() -> Router:
    router = Router(name="recap")
    router.message.filter(from_user)
    router.message.register(on_recap, Command("rekap", "recap"))
    return router
