"""Update JSON as Telegram sends it, built from people and chats, dated by the virtual clock.

Each builder returns the raw dict (what getUpdates or a webhook delivers); the harness in
``conftest.py`` validates it into an aiogram ``Update`` and feeds the real Dispatcher.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.clock import VirtualClock

JSON = dict[str, Any]

ADMIN_RIGHTS = """can_be_edited is_anonymous can_manage_chat can_delete_messages
    can_manage_video_chats can_restrict_members can_promote_members can_change_info
    can_invite_users can_post_stories can_edit_stories can_delete_stories
    can_send_welcome_messages""".split()


@dataclass(frozen=True)
class Person:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def json(self) -> JSON:
        raw: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            raw["last_name"] = self.last_name
        if self.username:
            raw["username"] = self.username
        return raw


@dataclass(frozen=True)
class Chat:
    id: int
    type: str  # "group", "supergroup" or "private"
    title: str | None = None
    first_name: str | None = None  # private chats

    @classmethod
    def private(cls, person: Person) -> Chat:
        return cls(person.id, "private", first_name=person.first_name)

    def json(self) -> JSON:
        raw: JSON = {"id": self.id, "type": self.type}
        if self.title:
            raw["title"] = self.title
        if self.first_name:
            raw["first_name"] = self.first_name
        return raw


def command_entities(text: str) -> list[JSON]:
    """The bot_command entity Telegram attaches to a message starting with a command."""
    if not text.startswith("/"):
        return []
    head = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(head)}]


class Updates:
    """Numbers updates and messages the way Telegram does; dates come from the clock."""

    def __init__(self, clock: VirtualClock) -> None:
        self.clock = clock
        self._update_ids: Iterator[int] = itertools.count(700_000_001)
        self._message_ids: dict[int, Iterator[int]] = defaultdict(lambda: itertools.count(101))

    def now(self) -> int:
        return int(self.clock.now().timestamp())

    def _update(self, **body: Any) -> JSON:
        return {"update_id": next(self._update_ids), **body}

    def _message(self, chat: Chat, sender: Person, **content: Any) -> JSON:
        return {
            "message_id": next(self._message_ids[chat.id]),
            "from": sender.json(),
            "chat": chat.json(),
            "date": self.now(),
            **{k: v for k, v in content.items() if v is not None},
        }

    # messages --------------------------------------------------------------------------------
    def text(self, chat: Chat, sender: Person, text: str, *, reply_to: JSON | None = None) -> JSON:
        """A text message; a command gets its bot_command entity. ``reply_to`` is a message."""
        entities = command_entities(text) or None
        return self._update(
            message=self._message(
                chat, sender, text=text, entities=entities, reply_to_message=reply_to
            )
        )

    def location(
        self,
        chat: Chat,
        sender: Person,
        latitude: float = -6.2088,
        longitude: float = 106.8456,
        *,
        accuracy: float | None = None,
        live_period: int | None = None,
    ) -> JSON:
        spot: JSON = {"latitude": latitude, "longitude": longitude}
        if accuracy is not None:
            spot["horizontal_accuracy"] = accuracy
        if live_period is not None:
            spot["live_period"] = live_period
        return self._update(message=self._message(chat, sender, location=spot))

    def live_moved(
        self, original: JSON, latitude: float, longitude: float, *, accuracy: float | None = None
    ) -> JSON:
        """Telegram's edited_message for a live location that moved: same id, new edit_date."""
        message = dict(original["message"])
        spot = dict(message["location"], latitude=latitude, longitude=longitude)
        if accuracy is not None:
            spot["horizontal_accuracy"] = accuracy
        message.update(location=spot, edit_date=self.now())
        return self._update(edited_message=message)

    def forwarded_location(self, chat: Chat, sender: Person, original_sender: Person) -> JSON:
        origin = {"type": "user", "date": self.now() - 600, "sender_user": original_sender.json()}
        spot = {"latitude": -6.2, "longitude": 106.8}
        return self._update(
            message=self._message(chat, sender, location=spot, forward_origin=origin)
        )

    def venue(self, chat: Chat, sender: Person) -> JSON:
        spot = {"latitude": -6.1754, "longitude": 106.8272}
        venue = {"location": spot, "title": "Monas", "address": "Gambir, Jakarta Pusat"}
        return self._update(message=self._message(chat, sender, location=spot, venue=venue))

    def migrate_to(self, chat: Chat, sender: Person, new_chat_id: int) -> JSON:
        """The service message in the old group when it becomes a supergroup."""
        return self._update(message=self._message(chat, sender, migrate_to_chat_id=new_chat_id))

    def migrate_from(self, chat: Chat, sender: Person, old_chat_id: int) -> JSON:
        """The first service message in the new supergroup."""
        return self._update(message=self._message(chat, sender, migrate_from_chat_id=old_chat_id))

    # membership ------------------------------------------------------------------------------
    def my_chat_member(
        self, chat: Chat, actor: Person, bot_user: Person, *, old: str, new: str
    ) -> JSON:
        """The bot's own membership changed (``old``/``new``: member, left, kicked, …)."""

        def member(status: str) -> JSON:
            raw: JSON = {"status": status, "user": bot_user.json()}
            if status == "kicked":
                raw["until_date"] = 0
            if status == "administrator":  # Telegram lists every right, granted or not
                raw |= dict.fromkeys(ADMIN_RIGHTS, False) | {"can_delete_messages": True}
            return raw

        return self._update(
            my_chat_member={
                "chat": chat.json(),
                "from": actor.json(),
                "date": self.now(),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            }
        )
