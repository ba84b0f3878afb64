"""APScheduler runs the tick; the tick asks the database what is due."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)


class Ticker:
    """The running schedule; ``stop`` lets a tick in flight finish before the caller closes
    the database under it (a tick cut off mid-transaction would only be retried, but it
    would log a pool error on the way out)."""

    def __init__(self, tick: Callable[[], Awaitable[Any]], *, seconds: int) -> None:
        self._tick = tick
        self._running: asyncio.Task[Any] | None = None
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_job(
            self._guarded,
            IntervalTrigger(seconds=seconds, timezone=UTC),
            id="tick",
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=seconds,
        )

    async def _guarded(self) -> None:
        self._running = asyncio.current_task()
        try:
            await self._tick()
        except Exception:
            log.exception("tick failed; the next one will retry")
        finally:
            self._running = None

    def start(self) -> Ticker:
        self._scheduler.start()
        return self

    async def stop(self, *, grace_seconds: float = 30) -> None:
        """No new ticks; wait up to ``grace_seconds`` for the one in flight, then shut down.

        The scheduler is paused first: its shutdown cancels the tasks of running jobs."""
        self._scheduler.pause()
        running = self._running
        if running is not None and not running.done():
            try:
                async with asyncio.timeout(grace_seconds):
                    await asyncio.shield(running)
            except TimeoutError:
                log.warning("the tick in flight outlived %ss; cancelling it", grace_seconds)
        self._scheduler.shutdown(wait=False)


def start_ticking(tick: Callable[[], Awaitable[Any]], *, seconds: int) -> Ticker:
    """Run ``tick`` now and then every ``seconds``; never two at once, missed runs coalesced."""
    return Ticker(tick, seconds=seconds).start()
