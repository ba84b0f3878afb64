"""The demo's users: Telegram update JSON, built as Telegram sends it, fed to the Dispatcher."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from bot.clock import VirtualClock
from bot.demo_chat import JSON, DemoChat, Person


class ChatFeed:
    """Turns "Budi shares his location" into a real ``Update`` and feeds it to the bot."""

    def __init__(
        self,
        *,
        dispatcher: Dispatcher,
        bot: Bot,
        chat: DemoChat,
        clock: VirtualClock,
        pace_seconds: int = 4,
    ) -> None:
        self._dispatcher = dispatcher
        self._bot = bot
        self._chat = chat
        self._clock = clock
        self._pace = pace_seconds  # virtual seconds between two messages
        self._update_id = 100_000

    async def say(
        self, person: Person, text: str, *, private: bool = False, reply_to: JSON | None = None
    ) -> JSON:
        """A text message; a leading /command gets its bot_command entity."""
        message = self._message(person, private=private)
        message["text"] = text
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        await self._feed("message", message)
        return message

    async def share(
        self,
        person: Person,
        point: tuple[float, float],
        *,
        accuracy: float = 15.0,
        live_period: int | None = None,
        forwarded_from: Person | None = None,
        venue: tuple[str, str] | None = None,
        private: bool = False,
    ) -> JSON:
        """A location: static, live (``live_period`` seconds), forwarded, or a venue."""
        message = self._message(person, private=private)
        location: JSON = {
            "latitude": point[0],
            "longitude": point[1],
            "horizontal_accuracy": accuracy,
        }
        if live_period is not None:
            location["live_period"] = live_period
        message["location"] = location
        if forwarded_from is not None:
            message["forward_origin"] = {
                "type": "user",
                "date": message["date"] - 3600,
                "sender_user": forwarded_from.json(),
            }
        if venue is not None:
            title, address = venue
            message["venue"] = {"location": dict(location), "title": title, "address": address}
        await self._feed("message", message)
        return message

    async def move(self, live: JSON, point: tuple[float, float], *, accuracy: float = 10.0) -> None:
        """The phone updates a live location: an ``edited_message`` with a new ``edit_date``."""
        edited = {
            **live,
            "location": {
                **live["location"],
                "latitude": point[0],
                "longitude": point[1],
                "horizontal_accuracy": accuracy,
            },
            "edit_date": self._tick(),
        }
        await self._feed("edited_message", edited)

    async def press(self, person: Person, chat_id: int, button: int) -> None:
        """``person`` presses the ``button``-th inline button under the bot's latest message
        in ``chat_id``: a real ``callback_query`` update."""
        message = self._chat.last_sent[chat_id]
        rows = message["reply_markup"]["inline_keyboard"]
        pressed = [b for row in rows for b in row][button]
        self._tick()
        self._chat.show_press(person, pressed["text"])
        self._update_id += 1
        raw = {
            "update_id": self._update_id,
            "callback_query": {
                "id": str(self._update_id),
                "from": person.json(),
                "message": message,
                "chat_instance": str(message["chat"]["id"]),
                "data": pressed["callback_data"],
            },
        }
        update = Update.model_validate(raw, context={"bot": self._bot})
        await self._dispatcher.feed_update(self._bot, update)

    def _message(self, person: Person, *, private: bool) -> JSON:
        chat: JSON = (
            {"id": person.id, "type": "private", "first_name": person.first_name}
            if private
            else self._chat.group
        )
        return {
            "message_id": self._chat.next_message_id(chat["id"]),
            "date": self._tick(),
            "chat": chat,
            "from": person.json(),
        }

    def _tick(self) -> int:
        """Move the clock on a little: the time this message is sent."""
        return int(self._clock.advance(seconds=self._pace).timestamp())

    async def _feed(self, kind: str, message: dict[str, Any]) -> None:
        self._chat.show_incoming(message, edited=kind == "edited_message")
        self._update_id += 1
        raw = {"update_id": self._update_id, kind: message}
        update = Update.model_validate(raw, context={"bot": self._bot})
        await self._dispatcher.feed_update(self._bot, update)
