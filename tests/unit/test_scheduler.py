"""The ticker: a stop waits for the tick in flight, so the database is not closed under it."""

from __future__ import annotations

import asyncio

from bot.scheduler import start_ticking


async def test_stop_waits_for_the_tick_in_flight() -> None:
    started, release = asyncio.Event(), asyncio.Event()
    finished: list[bool] = []

    async def tick() -> None:
        started.set()
        await release.wait()
        finished.append(True)

    ticker = start_ticking(tick, seconds=3600)
    await asyncio.wait_for(started.wait(), 5)
    stopping = asyncio.create_task(ticker.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done() and finished == []
    release.set()
    await asyncio.wait_for(stopping, 5)
    assert finished == [True]


async def test_a_tick_that_hangs_is_given_up_after_the_grace() -> None:
    started = asyncio.Event()
    cancelled: list[bool] = []

    async def tick() -> None:
        started.set()
        try:
            await asyncio.Event().wait()  # never returns
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    ticker = start_ticking(tick, seconds=3600)
    await asyncio.wait_for(started.wait(), 5)
    await asyncio.wait_for(ticker.stop(grace_seconds=0.05), 5)
    await asyncio.sleep(0.01)
    assert cancelled == [True]


async def test_a_failing_tick_is_logged_and_stop_returns_at_once() -> None:
    calls: list[int] = []

    async def tick() -> None:
        calls.append(1)
        raise RuntimeError("database down")

    ticker = start_ticking(tick, seconds=3600)
    for _ in range(100):
        if calls:
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.01)
    await asyncio.wait_for(ticker.stop(), 1)
    assert calls == [1]
