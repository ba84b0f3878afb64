"""Sends what the outbox holds, concurrently, within the sender's limits."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from handlers.notices import Delivery, Notice, NoticeService

log = logging.getLogger(__name__)


class Outbound(Protocol):
    async def deliver(self, notice: Notice) -> Delivery: ...


class Notifier:
    def __init__(
        self, *, notices: NoticeService, outbound: dict[str, Outbound], concurrency: int = 64
    ) -> None:
        self._notices = notices
        self._outbound = outbound
        self._concurrency = concurrency

    async def flush(self) -> int:
        """Send everything pending (including fall-backs created on the way); return the count."""
        total = 0
        while True:
            batch = await self._notices.claim()
            if not batch:
                return total
            gate = asyncio.Semaphore(self._concurrency)

            async def send(notice: Notice, gate: asyncio.Semaphore = gate) -> Delivery:
                async with gate:
                    transport = self._outbound.get(notice.transport)
                    if transport is None:
                        return Delivery(notice, error=f"no transport {notice.transport!r}")
                    try:
                        return await transport.deliver(notice)
                    except Exception as exc:  # unexpected: record, never resend blindly
                        log.exception("outbox %s failed", notice.id)
                        return Delivery(notice, error=repr(exc))

            deliveries = await asyncio.gather(*(send(n) for n in batch))
            await self._notices.record(list(deliveries))
            total += sum(1 for d in deliveries if d.error is None)
            if all(d.retry for d in deliveries):
                return total  # nothing moved: leave the rest for the next tick
