"""APScheduler runs the tick; the tick asks the database what is due."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)


def start_ticking(tick: Callable[[], Awaitable[Any]], *, seconds: int) -> AsyncIOScheduler:
    """Run ``tick`` now and then every ``seconds``; never two at once, missed runs coalesced."""

    async def guarded() -> None:
        try:
            await tick()
        except Exception:
            log.exception("tick failed; the next one will retry")

    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(
        guarded,
        IntervalTrigger(seconds=seconds, timezone=UTC),
        id="tick",
        next_run_time=datetime.now(UTC),
        max_instances=1,
        coalesce=True,
        misfire_grace_time=seconds,
    )
    scheduler.start()
    return scheduler
