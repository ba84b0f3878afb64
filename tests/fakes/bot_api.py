"""A small, stateful fake of the Telegram Bot API for transport tests.

Point a real aiogram ``Bot`` at it::

    async with FakeBotAPI() as fake:
        api = TelegramAPIServer.from_base(fake.url)
        bot = Bot(fake.token, session=AiohttpSession(api=api))

It listens on 127.0.0.1 only, records every call, keeps per-chat message state, serves
``getUpdates`` from a queue and enforces the Telegram rules a bot must cope with: flood limits
(HTTP 429 with ``retry_after``) and "bot can't initiate conversation" (HTTP 403).
Use it from the event loop it was started on (``push_update`` is not thread-safe).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self

from aiohttp import web

JSON = dict[str, Any]
# Methods that post a message: subject to the flood limits and to the 403 for unstarted users.
SEND_METHODS = frozenset(
    "sendmessage sendphoto senddocument sendlocation copymessage forwardmessage".split()
)
TRUE_METHODS = frozenset(
    """setmessagereaction deletewebhook setwebhook answercallbackquery setmycommands
    deletemycommands sendchataction close logout""".split()
)
_INT_KEYS = frozenset(
    """chat_id from_chat_id message_id user_id offset limit timeout reply_to_message_id
    message_thread_id cache_time live_period heading""".split()
)
_FLOAT_KEYS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
_TEXT_KEYS = frozenset({"text", "caption", "title", "description"})  # never decoded
_CONTENT_KEYS = ("text", "entities", "caption", "photo", "document", "location")
_ADMIN_RIGHTS = """can_manage_chat can_delete_messages can_manage_video_chats can_restrict_members
    can_promote_members can_change_info can_invite_users can_post_stories can_edit_stories
    can_delete_stories can_send_welcome_messages""".split()
_MAX_TEXT = 4096
_LONG_POLL_CAP = 1.0  # seconds; keeps tests fast whatever timeout the client asks for


@dataclass
class Call:
    method: str  # as the client spelled it, e.g. "sendMessage"
    params: dict[str, Any]
    at: float  # time.monotonic() on arrival
    chat_id: int | None
    files: dict[str, bytes] = field(default_factory=dict)  # keyed by parameter, e.g. "photo"
    status: int = 200  # HTTP status the fake answered with


class ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code, self.description = code, description


def _error(code: int, description: str, **parameters: Any) -> web.Response:
    body: JSON = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


def _coerce(key: str, value: Any) -> Any:
    """Undo aiogram's form encoding: ints, floats, booleans and JSON objects/arrays."""
    if not isinstance(value, str) or key in _TEXT_KEYS:
        return value
    if key in _INT_KEYS and value.lstrip("-").isdigit():
        return int(value)
    if key in _FLOAT_KEYS or value in ("true", "false") or value.startswith(("{", "[")):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


async def _read_params(request: web.Request) -> tuple[JSON, dict[str, bytes]]:
    raw: JSON = dict(request.query)
    files: dict[str, bytes] = {}
    if request.content_type == "application/json":
        body = await request.json()
        raw.update(body if isinstance(body, dict) else {})
    elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[key] = value.file.read()
            else:
                raw[key] = value.decode() if isinstance(value, bytes | bytearray) else value
    params = {key: _coerce(key, value) for key, value in raw.items()}
    for key, value in params.items():  # "photo": "attach://<part>"  ->  files["photo"]
        if isinstance(value, str) and value.startswith("attach://") and value[9:] in files:
            files[key] = files.pop(value[9:])
    return params, files


def chat_json(chat_id: int) -> JSON:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
    kind = "supergroup" if str(chat_id).startswith("-100") else "group"
    return {"id": chat_id, "type": kind, "title": f"Chat {chat_id}"}


def user_json(user_id: int) -> JSON:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}


class FakeBotAPI:
    def __init__(
        self,
        *,
        token: str = "42:TEST",
        bot_id: int = 42,
        username: str = "hadir_test_bot",
        can_read_all_group_messages: bool = True,
        global_per_second: int = 30,
        per_chat_per_second: int = 1,
        per_group_per_minute: int = 20,
        enforce_limits: bool = True,
    ) -> None:
        if min(global_per_second, per_chat_per_second, per_group_per_minute) < 1:
            raise ValueError("rate limits must be >= 1")
        self.token, self.bot_id = token, bot_id
        self.global_per_second = global_per_second
        self.per_chat_per_second = per_chat_per_second
        self.per_group_per_minute = per_group_per_minute
        self.enforce_limits = enforce_limits
        self.me: JSON = {"id": bot_id, "is_bot": True, "first_name": "Hadir", "username": username}
        self.me["can_join_groups"], self.me["supports_inline_queries"] = True, False
        self.me["can_read_all_group_messages"] = can_read_all_group_messages
        self.url = ""
        self.calls: list[Call] = []
        self.rejected: list[Call] = []
        self.admins: dict[int, dict[int, str]] = {}
        self.started_users: set[int] = set()
        self.messages: dict[tuple[int, int], JSON] = {}  # (chat_id, message_id) -> Message
        self.confirmed_offset = 0
        self._updates: list[JSON] = []
        self._last_update_id = 0
        self._last_message_id: dict[int, int] = {}
        self._sends: list[tuple[Any, float]] = []  # (chat_id, arrival) of successful sends
        self._wakeup = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._handlers: dict[str, Callable[[JSON], Any]] = {
            "getme": lambda p: self.me,
            "getupdates": self._get_updates,
            "sendmessage": self._send_message,
            "sendphoto": lambda p: self._new_message(p, photo=[self._file(width=1280, height=960)]),
            "senddocument": lambda p: self._new_message(p, document=self._file()),
            "sendlocation": lambda p: self._new_message(
                p, location={"latitude": p.get("latitude"), "longitude": p.get("longitude")}
            ),
            "forwardmessage": self._forward_message,
            "copymessage": self._copy_message,
            "editmessagetext": lambda p: self._edit(p, text=p.get("text")),
            "editmessagereplymarkup": lambda p: self._edit(p),
            "deletemessage": self._delete_message,
            "getchat": self._get_chat,
            "getchatmember": lambda p: self._member(self._chat_id(p), int(p.get("user_id", 0))),
            "getchatadministrators": lambda p: [
                self._member(self._chat_id(p), uid) for uid in self.admins.get(self._chat_id(p), {})
            ],
            **{name: lambda p: True for name in TRUE_METHODS},
        }

    # lifecycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)  # Telegram's upload limit
        for verb in ("GET", "POST"):
            app.router.add_route(verb, "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        self._wakeup.set()  # release pending long polls
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # test-facing helpers --------------------------------------------------------------------
    def push_update(self, update: JSON) -> int:
        """Queue an update for getUpdates (the dict is copied); returns its update_id."""
        update = dict(update)
        update_id = int(update.setdefault("update_id", self._last_update_id + 1))
        self._last_update_id = max(self._last_update_id, update_id)
        self._updates = sorted([*self._updates, update], key=lambda u: int(u["update_id"]))
        callback = update.get("callback_query")
        for message in (
            update.get("message"),
            update.get("edited_message"),
            callback.get("message") if isinstance(callback, dict) else None,
        ):  # remember user messages so the bot can edit, copy or forward them
            if isinstance(message, dict) and "chat" in message and "message_id" in message:
                chat_id, message_id = int(message["chat"]["id"]), int(message["message_id"])
                self.messages[(chat_id, message_id)] = message
                last = self._last_message_id.get(chat_id, 0)
                self._last_message_id[chat_id] = max(last, message_id)
        self._wakeup.set()
        self._wakeup = asyncio.Event()
        return update_id

    def sent(self, method: str = "sendMessage", *, chat_id: int | None = None) -> list[Call]:
        """Successful (HTTP 200) calls of ``method`` (any case), optionally to one chat."""
        name = method.lower()
        return [
            c
            for c in self.calls
            if c.method.lower() == name and c.status == 200 and chat_id in (None, c.chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [str(c.params.get("text", "")) for c in self.sent("sendMessage", chat_id=chat_id)]

    # HTTP -----------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        now = time.monotonic()
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        name = method.lower()
        handler = self._handlers.get(name)
        if handler is None:
            return _error(404, "Not Found: method not found")
        params, files = await _read_params(request)
        chat_id = params.get("chat_id")
        call = Call(method, params, now, chat_id if isinstance(chat_id, int) else None, files)
        if name in SEND_METHODS or name == "sendchataction":
            if isinstance(chat_id, int) and chat_id > 0 and chat_id not in self.started_users:
                call.status = 403
                self.calls.append(call)
                return _error(403, "Forbidden: bot can't initiate conversation with a user")
        if name in SEND_METHODS and self.enforce_limits:
            retry_after = self._retry_after(chat_id, now)
            if retry_after is not None:
                call.status = 429
                self.rejected.append(call)
                description = f"Too Many Requests: retry after {retry_after}"
                return _error(429, description, retry_after=retry_after)
        self.calls.append(call)
        try:
            result = handler(params)  # send handlers are synchronous: check+record is atomic
            if inspect.isawaitable(result):
                result = await result
        except ApiError as exc:
            call.status = exc.code
            return _error(exc.code, exc.description)
        if name in SEND_METHODS:
            self._sends.append((chat_id, now))
        return web.json_response({"ok": True, "result": result})

    def _retry_after(self, chat_id: Any, now: float) -> int | None:
        """Seconds until a send to ``chat_id`` would fit every sliding window, None if now."""
        self._sends = [(c, t) for c, t in self._sends if t > now - 60.0]
        same_chat = [t for c, t in self._sends if c == chat_id]
        windows = [([t for _, t in self._sends], 1.0, self.global_per_second)]
        windows.append((same_chat, 1.0, self.per_chat_per_second))
        if isinstance(chat_id, int) and chat_id < 0:
            windows.append((same_chat, 60.0, self.per_group_per_minute))
        waits = []
        for times, window, limit in windows:
            recent = sorted(t for t in times if t > now - window)
            if len(recent) >= limit:  # the oldest surplus send must leave the window first
                waits.append(recent[len(recent) - limit] + window - now)
        return max(1, math.ceil(max(waits))) if waits else None

    # methods --------------------------------------------------------------------------------
    async def _get_updates(self, params: JSON) -> list[JSON]:
        offset = params.get("offset")
        if isinstance(offset, int) and offset > 0:
            self._updates = [u for u in self._updates if int(u["update_id"]) >= offset]
            self.confirmed_offset = max(self.confirmed_offset, offset)
        elif isinstance(offset, int) and offset < 0:  # keep only the last -offset updates
            self._updates = self._updates[offset:]
        timeout = params.get("timeout")
        if not self._updates and isinstance(timeout, int | float) and timeout > 0:
            try:
                await asyncio.wait_for(self._wakeup.wait(), min(timeout, _LONG_POLL_CAP))
            except TimeoutError:
                pass
        limit = params.get("limit")
        return self._updates[: min(max(limit, 1), 100) if isinstance(limit, int) else 100]

    @staticmethod
    def _chat_id(params: JSON) -> int:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int) or chat_id == 0:
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    def _message_key(self, params: JSON) -> tuple[int, int]:
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise ApiError(400, "Bad Request: message identifier is not specified")
        return self._chat_id(params), message_id

    def _new_message(self, params: JSON, **content: Any) -> JSON:
        chat_id = self._chat_id(params)
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        message: JSON = {"message_id": message_id, "date": int(time.time())}
        message |= {"chat": chat_json(chat_id), "from": self.me}
        message |= {k: v for k, v in content.items() if v is not None}
        if isinstance(params.get("caption"), str):
            message["caption"] = params["caption"]
        self._set_markup(message, params)
        self.messages[(chat_id, message_id)] = message
        return message

    @staticmethod
    def _set_markup(message: JSON, params: JSON) -> None:
        message.pop("reply_markup", None)  # only inline keyboards show up on a Message
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup

    def _send_message(self, params: JSON) -> JSON:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > _MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        return self._new_message(params, text=text, entities=params.get("entities"))

    def _file(self, **extra: Any) -> JSON:
        file_id = f"file{len(self.calls)}"
        return {"file_id": file_id, "file_unique_id": file_id, **extra}

    def _source(self, params: JSON) -> tuple[JSON, JSON]:
        """(original message or {}, its copyable content) for forwardMessage/copyMessage."""
        source = self.messages.get((params.get("from_chat_id", 0), params.get("message_id", 0)))
        source = source or {}
        return source, {k: source[k] for k in _CONTENT_KEYS if k in source}

    def _forward_message(self, params: JSON) -> JSON:
        source, content = self._source(params)
        origin = {"type": "user", "date": source.get("date", int(time.time()))}
        origin["sender_user"] = source.get("from", self.me)
        return self._new_message(params, forward_origin=origin, **content)

    def _copy_message(self, params: JSON) -> JSON:
        return {"message_id": self._new_message(params, **self._source(params)[1])["message_id"]}

    def _edit(self, params: JSON, **changes: Any) -> JSON | bool:
        if "inline_message_id" in params:
            return True
        chat_id, message_id = self._message_key(params)
        old = self.messages.get((chat_id, message_id))
        old = old or {"message_id": message_id, "date": 0, "chat": chat_json(chat_id)}
        message = {**old, **changes, "edit_date": int(time.time())}
        self._set_markup(message, params)
        self.messages[(chat_id, message_id)] = message
        return message

    def _delete_message(self, params: JSON) -> bool:
        self.messages.pop(self._message_key(params), None)
        return True

    def _get_chat(self, params: JSON) -> JSON:
        gifts = (
            "unlimited_gifts limited_gifts unique_gifts premium_subscription gifts_from_channels"
        )
        extra: JSON = {"accent_color_id": 0, "max_reaction_count": 11}
        extra["accepted_gift_types"] = dict.fromkeys(gifts.split(), False)
        return chat_json(self._chat_id(params)) | extra

    def _member(self, chat_id: int, user_id: int) -> JSON:
        status = self.admins.get(chat_id, {}).get(user_id, "member")
        user = self.me if user_id == self.bot_id else user_json(user_id)
        member: JSON = {"status": status, "user": user}
        if status in ("creator", "administrator"):
            member["is_anonymous"] = False
        if status == "administrator":
            member |= {"can_be_edited": False, **dict.fromkeys(_ADMIN_RIGHTS, True)}
        return member
