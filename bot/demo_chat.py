"""The demo's in-process chat: a fake Bot API behind a real aiogram ``Bot``, printed as a chat.

:class:`DemoChat` is an aiogram session (like the ``MockedSession`` of aiogram's own tests):
every Bot API call the bot makes lands in :meth:`DemoChat.make_request`, which builds the
JSON Telegram would answer and passes it through ``check_response``, so results and errors
(a 403 for a user who never pressed /start) reach the bot exactly as they would over HTTP.
No network, no token.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    GetChatMember,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    SetMessageReaction,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, ReactionTypeEmoji

from handlers.ports import Clock

if TYPE_CHECKING:
    from aiogram import Bot

JSON = dict[str, Any]
FORBIDDEN = "Forbidden: bot can't initiate conversation with a user"
_MENTION = re.compile(r'<a href="tg://user\?id=\d+">(.*?)</a>')


@dataclass(frozen=True)
class Person:
    id: int
    first_name: str
    last_name: str = ""
    username: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def json(self) -> JSON:
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        return user


@dataclass
class Sent:
    chat_id: int
    text: str
    at: datetime


@dataclass
class Transcript:
    """What the bot did, for the tally at the end (and for tests)."""

    sent: list[Sent] = field(default_factory=list)
    reactions: list[str] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)  # private chats that answered 403


class DemoChat(BaseSession):
    def __init__(
        self,
        *,
        clock: Clock,
        zone: ZoneInfo,
        zone_name: str,
        group: JSON,
        people: list[Person],
        owner_id: int,
        bot_username: str = "hadir_demo_bot",
    ) -> None:
        super().__init__()
        self.clock, self.zone, self.zone_name, self.group = clock, zone, zone_name, group
        self.people = {p.id: p for p in people}
        self.owner_id = owner_id
        self.bot_username = bot_username
        self.started: set[int] = set()  # users who opened a private chat with the bot
        self.transcript = Transcript()
        self.heading: str | None = None  # printed before the next line of output, once
        self._labels: dict[tuple[int, int], str] = {}  # (chat, message) -> "Budi's location"
        self._next_id: dict[int, int] = {}
        self.last_sent: dict[int, JSON] = {}  # chat -> the bot's latest message there

    # -- what the users send -------------------------------------------------------------

    def next_message_id(self, chat_id: int) -> int:
        self._next_id[chat_id] = self._next_id.get(chat_id, 0) + 1
        return self._next_id[chat_id]

    def show_incoming(self, message: JSON, *, edited: bool = False) -> None:
        """Print a user's message as the chat shows it, and remember what it was."""
        user = self.people[message["from"]["id"]]
        chat = message["chat"]
        if chat["type"] == "private":
            self.started.add(user.id)
        label, line = _describe(message, user)
        self._labels[(chat["id"], message["message_id"])] = label
        where = " → bot (private)" if chat["type"] == "private" else ""
        stamp = self._local(self.clock.now())
        self.echo(f"  {stamp} {user.name}{where}: {'(live update) ' if edited else ''}{line}")

    def show_press(self, person: Person, button: str) -> None:
        stamp = self._local(self.clock.now())
        self.echo(f"  {stamp} {person.name}: presses [ {button} ]")

    # -- the Bot API ---------------------------------------------------------------------

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature; nothing waits here)
    ) -> TelegramType:
        status, body = self._answer(bot, method)
        response = self.check_response(
            bot=bot, method=method, status_code=status, content=json.dumps(body)
        )
        return response.result  # type: ignore[return-value]

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 (aiogram's signature)
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""  # the demo never downloads files

    async def close(self) -> None:
        return None

    def _answer(self, bot: Bot, method: TelegramMethod[Any]) -> tuple[int, JSON]:
        if isinstance(method, GetMe):
            return _ok(
                self._bot_user(bot)
                | {
                    "can_join_groups": True,
                    "can_read_all_group_messages": True,
                    "supports_inline_queries": False,
                }
            )
        if isinstance(method, GetChatMember):
            status = "creator" if method.user_id == self.owner_id else "member"
            member: JSON = {"status": status, "user": self.people[method.user_id].json()}
            return _ok(member | ({"is_anonymous": False} if status == "creator" else {}))
        if isinstance(method, SendMessage):
            return self._send(bot, method)
        if isinstance(method, EditMessageText):
            return self._edit(bot, method)
        if isinstance(method, SendPhoto | SendDocument):
            return self._file(bot, method)
        if isinstance(method, AnswerCallbackQuery):
            if method.text:
                self.echo(
                    f"    {'⚠' if method.show_alert else '💬'} (to the presser) {method.text}"
                )
            return _ok(True)
        if isinstance(method, SetMessageReaction):
            emoji = "".join(
                r.emoji for r in method.reaction or [] if isinstance(r, ReactionTypeEmoji)
            )
            label = self._labels.get((int(method.chat_id), method.message_id), "a message")
            self.transcript.reactions.append(f"{emoji} {label}")
            self.echo(f"    {emoji} on {label}")
            return _ok(True)
        return _error(
            HTTPStatus.BAD_REQUEST, f"Bad Request: {method.__api_method__} is not in the demo"
        )

    def _send(self, bot: Bot, method: SendMessage) -> tuple[int, JSON]:
        chat_id = int(method.chat_id)
        if chat_id > 0 and chat_id not in self.started:
            self.transcript.refused.append(chat_id)
            name = self.people[chat_id].name if chat_id in self.people else str(chat_id)
            self.echo(f"  ✖ private message to {name} refused: 403 ({FORBIDDEN})")
            return _error(HTTPStatus.FORBIDDEN, FORBIDDEN)
        now = self.clock.now()
        self.transcript.sent.append(Sent(chat_id, method.text, now))
        if chat_id > 0:
            where = f"private chat with {self.people[chat_id].name}"
            chat: JSON = {
                "id": chat_id,
                "type": "private",
                "first_name": self.people[chat_id].first_name,
            }
        else:
            where, chat = f"group «{self.group['title']}»", self.group
        reply = method.reply_parameters
        if reply is not None and (label := self._labels.get((chat_id, reply.message_id or 0))):
            where += f", replying to {label}"
        markup = (
            method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None
        )
        self._box(f"🤖 Hadir → {where} · {self._local(now)} {self.zone_name}", method, markup)
        message: JSON = {
            "message_id": self.next_message_id(chat_id),
            "date": int(now.timestamp()),
            "chat": chat,
            "from": self._bot_user(bot),
            "text": method.text,
        }
        if markup is not None:
            message["reply_markup"] = markup.model_dump(exclude_none=True)
        self.last_sent[chat_id] = message
        return _ok(message)

    def _file(self, bot: Bot, method: SendPhoto | SendDocument) -> tuple[int, JSON]:
        """A picture (the /rekap chart) or a file (an export): one line, not a box."""
        chat_id = int(method.chat_id)
        if chat_id > 0 and chat_id not in self.started:
            self.transcript.refused.append(chat_id)
            return _error(HTTPStatus.FORBIDDEN, FORBIDDEN)
        media = method.photo if isinstance(method, SendPhoto) else method.document
        data = media.data if isinstance(media, BufferedInputFile) else b""
        name = media.filename if isinstance(media, BufferedInputFile) else ""
        where = f"private chat with {self.people[chat_id].name}" if chat_id > 0 else "the group"
        kind = "picture" if isinstance(method, SendPhoto) else "file"
        now = self.clock.now()
        self.echo(
            f"  📎 Hadir → {where} · {self._local(now)}: {kind} {name} ({len(data) // 1024} KB)"
            f" — {method.caption or ''}".rstrip(" —")
        )
        stored = {"file_id": f"demo-{name}", "file_unique_id": f"demo-{name}"}
        message: JSON = {
            "message_id": self.next_message_id(chat_id),
            "date": int(now.timestamp()),
            "chat": self.group if chat_id < 0 else {"id": chat_id, "type": "private"},
            "from": self._bot_user(bot),
        }
        if isinstance(method, SendPhoto):
            message["photo"] = [stored | {"width": 1080, "height": 810}]
        else:
            message["document"] = stored
        return _ok(message)

    def _edit(self, bot: Bot, method: EditMessageText) -> tuple[int, JSON]:
        """The bot rewrites one of its messages (a decided leave request loses its buttons)."""
        chat_id = int(method.chat_id or 0)
        where = f"private chat with {self.people[chat_id].name}" if chat_id > 0 else "the group"
        markup = (
            method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None
        )
        self._box(
            f"✎ Hadir edits its message in {where} · {self._local(self.clock.now())}",
            method,
            markup,
        )
        message: JSON = {
            "message_id": method.message_id,
            "date": int(self.clock.now().timestamp()),
            "chat": self.group if chat_id < 0 else {"id": chat_id, "type": "private"},
            "from": self._bot_user(bot),
            "text": method.text,
        }
        return _ok(message)

    def _box(
        self,
        header: str,
        method: SendMessage | EditMessageText,
        markup: InlineKeyboardMarkup | None,
    ) -> None:
        text = method.text or ""
        if method.parse_mode == "HTML":  # text mentions show as @Name, as the chat shows them
            text = html.unescape(_MENTION.sub(lambda m: f"@{m[1]}", text))
        lines = [f"  ┌─ {header}"]
        lines += [f"  │ {line}".rstrip() for line in text.split("\n")]
        if markup is not None:
            buttons = "  ".join(f"[ {b.text} ]" for row in markup.inline_keyboard for b in row)
            lines.append(f"  │ {buttons}")
        lines.append("  └─")
        self.echo("\n".join(lines))

    # -- printing ------------------------------------------------------------------------

    def _bot_user(self, bot: Bot) -> JSON:
        return {"id": bot.id, "is_bot": True, "first_name": "Hadir", "username": self.bot_username}

    def _local(self, at: datetime) -> str:
        return at.astimezone(self.zone).strftime("%H:%M")

    def echo(self, text: str) -> None:
        if self.heading is not None:
            print(f"\n{self.heading}")
            self.heading = None
        print(text)


def _ok(result: Any) -> tuple[int, JSON]:
    return HTTPStatus.OK, {"ok": True, "result": result}


def _error(status: HTTPStatus, description: str) -> tuple[int, JSON]:
    return status, {"ok": False, "error_code": int(status), "description": description}


def _describe(message: JSON, user: Person) -> tuple[str, str]:
    """(label for reactions, the line the chat shows) for one user message."""
    who = f"{user.first_name}'s"
    if "venue" in message:
        venue = message["venue"]
        return f"{who} venue", f"🏢 venue «{venue['title']}», {venue['address']}"
    if "location" in message:
        loc = message["location"]
        point = f"{loc['latitude']:.5f}, {loc['longitude']:.5f}"
        if "forward_origin" in message:
            origin = message["forward_origin"].get("sender_user", {}).get("first_name", "someone")
            return f"{who} forwarded location", f"↪ forwarded from {origin}: 📍 {point}"
        if loc.get("live_period"):
            hours = loc["live_period"] // 3600
            return f"{who} live location", f"📡 live location for {hours} h: {point}"
        return (
            f"{who} location",
            f"📍 location {point} (±{loc.get('horizontal_accuracy', 0):.0f} m)",
        )
    text = message.get("text", "")
    reply = message.get("reply_to_message")
    if reply is not None:
        text = f"(reply to {reply['from']['first_name']}) {text}"
    return f"{who} message", text
