"""Ingest: updates/second from raw update JSON to committed report rows.

Compared, in the same run and with the same batching as the real long polling
(``process_batch`` over batches of 100 ``Update.model_validate(raw, context={"bot": bot})``):

* baseline  a bare aiogram ``Dispatcher`` whose one async-filtered location handler does nothing;
* real      ``app.dispatcher`` from ``bootstrap()``: group commit to SQLite, reactions over
            HTTP to the fake Bot API (which runs in its own process, like Telegram would);
* no-net    the same real dispatcher with a session that answers reactions without a network.

Each repetition runs the three in turn on an emptied attendance record; medians are printed.
Run: ``python bench/ingest.py`` (``--help`` for sizes, ``--profile`` for a cProfile of one run).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from _stats import median, spread
from _support import WINDOW_OPENS, NullSession, RemoteFake, StatementCounter, config_for, nip
from aiogram import Bot, Dispatcher, Router
from aiogram.types import Message, Update
from sqlalchemy import text

from bot.bootstrap import App, bootstrap
from bot.clock import VirtualClock
from bot.transports.telegram.filters import has_location
from bot.transports.telegram.limiter import ThrottleMiddleware
from bot.transports.telegram.polling import process_batch

CHAT = -1001000000001
FIRST_USER = 500_000_001
LIVE_SHARE = 0.8  # of the updates: edits of live locations; the rest new static locations
EDITS_PER_LIVE = 10
BATCH = 100  # getUpdates returns at most 100 updates


@dataclass(frozen=True)
class Workload:
    updates: list[dict[str, Any]]
    members: int
    static: int  # new messages: each gets a reaction
    edits: int


def make_workload(n_updates: int, n_members: int, seed: int = 1) -> Workload:
    """Live-location edits and static locations from the members, in time order, on time."""
    rng = random.Random(seed)
    n_edits = round(n_updates * LIVE_SHARE)
    n_static = n_updates - n_edits
    n_live = min(n_members, max(1, n_edits // EDITS_PER_LIVE))
    start = int((WINDOW_OPENS + timedelta(minutes=1)).timestamp())  # 07:31 WIB
    span = 27 * 60  # everything before the 08:00 deadline
    events: list[tuple[float, dict[str, Any]]] = []
    for k in range(n_edits):  # round-robin over the live messages: each edit a bit later
        member, round_ = k % n_live, k // n_live
        at = start + span * (k / max(1, n_edits))
        events.append(
            (at, _edit(member, message_id=member + 1, sent=start - 30, edit=round_, at=at, rng=rng))
        )
    for k in range(n_static):
        member = k % n_members
        at = start + span * (k / max(1, n_static))
        events.append((at, _static(member, message_id=100_000 + k, at=at, rng=rng)))
    events.sort(key=lambda e: e[0])
    updates = [{"update_id": i + 1, **body} for i, (_, body) in enumerate(events)]
    return Workload(updates=updates, members=n_members, static=n_static, edits=n_edits)


def _message(member: int, message_id: int, date: int, location: dict[str, Any]) -> dict[str, Any]:
    user = FIRST_USER + member
    return {
        "message_id": message_id,
        "date": date,
        "chat": {"id": CHAT, "type": "supergroup", "title": "Dinas Bench"},
        "from": {
            "id": user,
            "is_bot": False,
            "first_name": f"Pegawai{member}",
            "language_code": "id",
        },
        "location": location,
    }


def _point(rng: random.Random) -> dict[str, Any]:
    return {
        "latitude": -6.2 + rng.uniform(-0.05, 0.05),
        "longitude": 106.8 + rng.uniform(-0.05, 0.05),
        "horizontal_accuracy": round(rng.uniform(5, 50), 1),
    }


def _edit(
    member: int, *, message_id: int, sent: int, edit: int, at: float, rng: random.Random
) -> dict[str, Any]:
    location = {**_point(rng), "live_period": 8 * 3600, "heading": rng.randint(1, 360)}
    message = _message(member, message_id, sent, location)
    message["edit_date"] = int(at) + edit  # strictly increasing per message
    return {"edited_message": message}


def _static(member: int, *, message_id: int, at: float, rng: random.Random) -> dict[str, Any]:
    return {"message": _message(member, message_id, int(at), _point(rng))}


def bare_dispatcher() -> Dispatcher:
    router = Router(name="noop")

    @router.message(has_location)
    @router.edited_message(has_location)
    async def noop(message: Message) -> None:
        return None

    dp = Dispatcher()
    dp.include_router(router)
    return dp


@dataclass(frozen=True)
class Took:
    wall: float  # seconds
    cpu: float  # CPU seconds of this process, all threads (aiosqlite's included)


async def feed(dp: Dispatcher, bot: Bot, raws: list[dict[str, Any]]) -> Took:
    """Validate and dispatch every update, batch by batch, as polling does."""
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(raws), BATCH):
        updates = [Update.model_validate(raw, context={"bot": bot}) for raw in raws[i : i + BATCH]]
        await process_batch(dp, bot, updates)
    return Took(time.perf_counter() - wall, time.process_time() - cpu)


async def clear(app: App) -> None:
    async with app.db.transaction() as session:
        await session.execute(text("DELETE FROM location_events"))
        await session.execute(text("DELETE FROM reports"))


async def counts(app: App) -> tuple[int, int, int]:
    """(reports, of which on time, location events) committed."""
    async with app.db.read() as session:
        reports = (await session.execute(text("SELECT count(*) FROM reports"))).scalar_one()
        on_time = (
            await session.execute(text("SELECT count(*) FROM reports WHERE status = 'hadir'"))
        ).scalar_one()
        events = (await session.execute(text("SELECT count(*) FROM location_events"))).scalar_one()
    return int(reports), int(on_time), int(events)


async def setup_agency(app: App, members: int) -> None:
    reply = await app.setup.register(chat_id=CHAT, code="BENCH", name="Dinas Bench")
    assert reply.ok, reply
    for i in range(members):
        reply = await app.enrollment.register(
            chat_id=CHAT,
            user_id=FIRST_USER + i,
            username=None,
            args=f"{nip(i + 1)} Pegawai {i + 1}",
        )
        assert reply.ok, reply


async def run(args: argparse.Namespace) -> None:
    work = make_workload(args.updates, args.members)
    raws = work.updates
    async with RemoteFake(enforce_limits=False) as fake:
        with tempfile.TemporaryDirectory(prefix="hadir-bench-") as tmp:
            clock = VirtualClock(WINDOW_OPENS + timedelta(minutes=1))
            app = await bootstrap(
                config_for(fake.url, fake.token, Path(tmp) / "bench.db"), clock=clock
            )
            try:
                await setup_agency(app, work.members)
                null = NullSession()
                null.middleware(ThrottleMiddleware(app.limiter))
                null_bot = Bot(fake.token, session=null)
                baseline = bare_dispatcher()
                statements = StatementCounter(app.db)
                per_run: list[int] = []

                async def real_http() -> Took:
                    before = len((await fake.stats()).sent("setMessageReaction"))
                    sql = statements.count
                    seconds = await feed(app.dispatcher, app.bot, raws)
                    per_run.append(statements.count - sql)
                    reacted = len((await fake.stats()).sent("setMessageReaction")) - before
                    assert reacted == work.static, (reacted, work.static)
                    await check(app, work)
                    return seconds

                async def real_nonet() -> Took:
                    before = null.calls["setMessageReaction"]
                    seconds = await feed(app.dispatcher, null_bot, raws)
                    assert null.calls["setMessageReaction"] - before == work.static
                    await check(app, work)
                    return seconds

                variants: dict[str, Callable[[], Awaitable[Took]]] = {
                    "baseline": lambda: feed(baseline, null_bot, raws),
                    "real": real_http,
                    "real-nonet": real_nonet,
                }
                print(
                    f"ingest: {len(raws)} updates ({work.edits} live edits, {work.static} static), "
                    f"{work.members} members, batches of {BATCH}, {args.runs} runs + 1 warm-up"
                )
                seconds: dict[str, list[Took]] = {name: [] for name in variants}
                for rep in range(args.runs + 1):
                    for name, variant in variants.items():
                        await clear(app)
                        took = await variant()
                        if rep:  # the first round warms caches (statements, handler signatures)
                            seconds[name].append(took)
                report(seconds, len(raws))
                print(
                    f"  real path: {median(per_run):.0f} SQL statements per run"
                    f" ({median(per_run) / (len(raws) / BATCH):.1f} per batch of {BATCH}),"
                    f" {work.static} reactions; committed {work.members} reports"
                    f" and {len(raws)} location events each run"
                )
                if args.profile:
                    await profile(app, raws, work)
            finally:
                await app.close()


async def check(app: App, work: Workload) -> None:
    reports, on_time, events = await counts(app)
    assert reports > 0 and events > 0
    assert reports == on_time == work.members, (reports, on_time, work.members)
    assert events == len(work.updates), (events, len(work.updates))


def report(seconds: dict[str, list[Took]], n: int) -> None:
    """Median rates; ratios are taken per repetition (neighbouring runs share the noise)."""
    for clock in ("wall", "cpu"):
        rates = {name: [n / getattr(t, clock) for t in took] for name, took in seconds.items()}
        unit = "updates/s" if clock == "wall" else "updates/CPU-s"
        for name, values in rates.items():
            print(f"  {name:<11} {median(values):7.0f} {unit:<13} ({spread(values)})")
        base = rates["baseline"]
        for name in ("real", "real-nonet"):
            ratios = [r / b for r, b in zip(rates[name], base, strict=True)]
            print(f"  {clock} ratio {name}/baseline = {median(ratios):.3f}  ({spread(ratios)})")


async def profile(app: App, raws: list[dict[str, Any]], work: Workload) -> None:
    await clear(app)
    profiler = cProfile.Profile()
    profiler.enable()
    await feed(app.dispatcher, app.bot, raws)
    profiler.disable()
    await check(app, work)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
    print(out.getvalue())
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one real run")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
