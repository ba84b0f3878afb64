"""Telegram's sending limits, kept on our side so the server never has to say 429.

About 1 message per second per chat, 20 per minute per group, 30 per second in all
(https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
Every message-sending API call passes :class:`ThrottleMiddleware`, which waits for a
free slot and, should Telegram still answer 429, sleeps ``retry_after`` and retries.

Telegram counts a message when it arrives, which is some time after we let it go (a new
connection, a busy event loop) and before its answer comes back. So a send holds its slot
from the moment it is let through until it is answered, and counts from the answer: a slow
send can never make the next one look early to the server.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)

SENDING_PREFIXES = ("send", "copymessage", "forwardmessage")


def is_sending(method: TelegramMethod[Any]) -> bool:
    name = method.__api_method__.lower()
    return name.startswith(SENDING_PREFIXES)


class _Window:
    """At most ``limit`` events in any ``period`` seconds (sliding window)."""

    __slots__ = ("in_flight", "limit", "period", "stamps")

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.stamps: deque[float] = deque()  # when each answered send was answered, in order
        self.in_flight = 0  # let through, not answered yet: each holds a slot

    def free_at(self, now: float) -> float:
        """When a slot is free; ``inf`` while every slot waits for an answer."""
        while self.stamps and self.stamps[0] <= now - self.period:
            self.stamps.popleft()
        used = len(self.stamps) + self.in_flight
        if used < self.limit:
            return now
        if self.in_flight >= self.limit:
            return math.inf
        return self.stamps[used - self.limit] + self.period


class RateLimiter:
    def __init__(
        self,
        *,
        global_per_second: int = 30,
        per_chat_per_second: int = 1,
        per_group_per_minute: int = 20,
        margin: float = 0.03,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._margin = margin
        self._monotonic = monotonic
        self._global = _Window(global_per_second, 1.0 + margin)
        self._per_chat_limit = per_chat_per_second
        self._per_group_limit = per_group_per_minute
        self._chats: dict[int | str, _Window] = {}
        self._groups: dict[int | str, _Window] = {}
        self._answered = asyncio.Event()

    def _windows(self, chat_id: int | str | None) -> list[_Window]:
        windows = [self._global]
        if chat_id is None:
            return windows
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._chats[chat_id] = _Window(self._per_chat_limit, 1.0 + self._margin)
        windows.append(chat)
        if isinstance(chat_id, int) and chat_id < 0:
            group = self._groups.get(chat_id)
            if group is None:
                group = self._groups[chat_id] = _Window(self._per_group_limit, 60.0 + self._margin)
            windows.append(group)
        return windows

    async def acquire(self, chat_id: int | str | None) -> list[_Window]:
        """Wait for a slot; pass the result to :meth:`release` once the send is answered."""
        windows = self._windows(chat_id)
        while True:
            now = self._monotonic()
            ready = max(w.free_at(now) for w in windows)
            if ready <= now:
                for w in windows:
                    w.in_flight += 1
                return windows
            if ready == math.inf:
                await self._answered.wait()
            else:
                await asyncio.sleep(ready - now)

    def release(self, windows: list[_Window]) -> None:
        """The send was answered (or failed): its slot counts from now."""
        now = self._monotonic()
        for w in windows:
            w.in_flight -= 1
            w.stamps.append(now)
        self._answered.set()
        self._answered = asyncio.Event()


class ThrottleMiddleware(BaseRequestMiddleware):
    def __init__(self, limiter: RateLimiter, *, max_retries: int = 5) -> None:
        self.limiter = limiter
        self.max_retries = max_retries
        self.retries = 0  # how many 429s Telegram still gave us (should stay 0)

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if not is_sending(method):
            return await make_request(bot, method)
        chat_id = getattr(method, "chat_id", None)
        attempt = 0
        while True:
            slot = await self.limiter.acquire(chat_id)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                attempt += 1
                self.retries += 1
                if attempt > self.max_retries:
                    raise
                log.warning(
                    "429 from Telegram on %s to %s; waiting %ss (attempt %d)",
                    method.__api_method__,
                    chat_id,
                    exc.retry_after,
                    attempt,
                )
                wait = exc.retry_after
            finally:
                self.limiter.release(slot)  # answered (or failed): the slot counts from now
            await asyncio.sleep(wait)
