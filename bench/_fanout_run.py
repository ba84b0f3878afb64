"""One fan-out run, in a process of its own: ``python bench/_fanout_run.py AGENCIES MEMBERS``.

Prints one JSON line. Started by ``fanout.py``, which itself imports nothing heavy: on
Linux a child's ``ru_maxrss`` starts from its parent's RSS at fork, so a big parent would
hide the child's own peak.
"""

from __future__ import annotations

import asyncio
import gc
import json
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from _support import WINDOW_OPENS, RemoteFake, StatementCounter, config_for, nip

from bot.bootstrap import App, bootstrap
from bot.clock import VirtualClock
from bot.transports.telegram.limiter import ThrottleMiddleware

LIMITS = {"global_per_second": 30, "per_chat_per_second": 1, "per_group_per_minute": 20}


def chat_of(i: int) -> int:
    return -1_000_000_000_000 - i


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vm_hwm_mb() -> float | None:
    """The kernel's own peak RSS of this process image (Linux), as a cross-check."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


async def register(app: App, agencies: int, members: int) -> None:
    for i in range(1, agencies + 1):
        reply = await app.setup.register(chat_id=chat_of(i), code=f"AG{i:03d}", name=f"Dinas {i}")
        assert reply.ok, reply
        for j in range(1, members + 1):
            reply = await app.enrollment.register(
                chat_id=chat_of(i),
                user_id=700_000_000 + i * 100 + j,
                username=None,
                args=f"{nip(j)} Pegawai {i}-{j}",
            )
            assert reply.ok, reply


def throttle_retries(app: App) -> int:
    """429s the throttle middleware saw (and retried): the fake's count, seen from the bot."""
    throttles = [m for m in app.bot.session.middleware if isinstance(m, ThrottleMiddleware)]
    return sum(m.retries for m in throttles)


async def one_run(agencies: int, members: int) -> dict[str, Any]:
    async with RemoteFake(enforce_limits=True, **LIMITS) as fake:
        with tempfile.TemporaryDirectory(prefix="hadir-bench-") as tmp:
            clock = VirtualClock(WINDOW_OPENS - timedelta(hours=1))
            config = config_for(fake.url, fake.token, Path(tmp) / "bench.db")
            app = await bootstrap(config, clock=clock)
            gc.collect()  # as `hadir run` does right after bootstrap (bot/cli.py)
            gc.freeze()
            try:
                await register(app, agencies, members)
                rss_before = peak_rss_mb()
                clock.set(WINDOW_OPENS)
                statements = StatementCounter(app.db)
                cpu = time.process_time()
                started = time.monotonic()
                result = await app.tick()
                returned = time.monotonic() - started
                cpu = time.process_time() - cpu
                stats = await fake.stats()
                retries = throttle_retries(app)
            finally:
                await app.close()
    prompts = stats.sent("sendMessage")
    per_chat = stats.per_chat("sendMessage")
    assert result.prompts == agencies, result
    expected = {chat_of(i) for i in range(1, agencies + 1)}
    assert set(per_chat) == expected and set(per_chat.values()) == {1}, "one prompt per group"
    arrivals = sorted(c[3] - started for c in prompts)
    return {
        "prompts": len(prompts),
        "first_accepted_s": arrivals[0],
        "last_accepted_s": arrivals[-1],
        "tick_returned_s": returned,
        "tick_cpu_s": cpu,
        "statements": statements.count,
        "rejected": len(stats.rejected),
        "retries": retries,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
        "vm_hwm_mb": vm_hwm_mb(),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(one_run(int(sys.argv[1]), int(sys.argv[2])))))
