"""Group life: upgrades to supergroups, and the bot being removed or added back."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.types import ChatMemberUpdated, Message

from handlers.setup import SetupService

log = logging.getLogger(__name__)


GONE = ("left", "kicked")


async def migrated(message: Message) -> bool:
    return message.migrate_to_chat_id is not None or message.migrate_from_chat_id is not None


async def on_migrate(message: Message, setup: SetupService) -> None:
    if message.migrate_to_chat_id is not None:
        old, new = message.chat.id, message.migrate_to_chat_id
    else:
        assert message.migrate_from_chat_id is not None
        old, new = message.migrate_from_chat_id, message.chat.id
    if await setup.chat_migrated(old_chat_id=old, new_chat_id=new):
        log.info("agency followed its group from %s to supergroup %s", old, new)


async def on_my_membership(update: ChatMemberUpdated, setup: SetupService) -> None:
    status = update.new_chat_member.status
    if status in GONE:
        if await setup.bot_left(chat_id=update.chat.id):
            log.info("bot removed from %s: agency paused", update.chat.id)
    elif await setup.bot_joined(chat_id=update.chat.id):
        log.info("bot back in %s: agency resumed", update.chat.id)


def build_router() -> Router:
    router = Router(name="membership")
    router.message.register(on_migrate, migrated)
    router.my_chat_member.register(on_my_membership, F.chat.type.in_({"group", "supergroup"}))
    return router
