"""Text commands in the one-to-one WhatsApp chat, mapped to the Telegram commands' handlers.

``izin``/``sakit``/``dinas`` + reason and ``cuti`` DD-MM[-YYYY] [DD-MM] go to
:class:`handlers.leave.LeaveService`; ``lapor`` + text to
:class:`handlers.activity.ActivityService`. The sender is identified by their phone.
"""

from __future__ import annotations

from bot.transports.whatsapp.inbound import TextCommand
from handlers.activity import ActivityService
from handlers.leave import LeaveService
from handlers.results import Reply

LEAVE_WORDS = ("izin", "sakit", "dinas", "cuti")


def text_commands(*, leave: LeaveService, activity: ActivityService) -> dict[str, TextCommand]:
    def leave_command(kind: str) -> TextCommand:
        async def ask(phone: str, args: str) -> Reply:
            return await leave.request(
                chat_id=0, user_id=0, private=True, kind=kind, args=args, phone=phone
            )

        return ask

    async def report(phone: str, args: str) -> Reply:
        return await activity.report(chat_id=0, user_id=0, private=True, text=args, phone=phone)

    return {**{kind: leave_command(kind) for kind in LEAVE_WORDS}, "lapor": report}
