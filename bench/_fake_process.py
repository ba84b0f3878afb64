"""Run the fake Bot API (tests/fakes/bot_api.py) in a process of its own.

The benchmarks measure the bot process: the fake's request parsing, call records and
rate-limit bookkeeping must not be charged to it (real Telegram is elsewhere too).
Started by ``_support.RemoteFake``; speaks one JSON line per command on stdin/stdout:

    start:   {"url": ..., "token": ...}        (printed once the server listens)
    "stats": {"calls": [[method, chat_id, status, at], ...], "rejected": [[...], ...]}
    "quit":  stops the server and exits
``at`` is ``time.monotonic()`` on arrival: CLOCK_MONOTONIC is system-wide on Linux, so
the parent can compare it with its own ``time.monotonic()``.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from tests.fakes.bot_api import Call, FakeBotAPI


def _row(call: Call) -> list[Any]:
    return [call.method, call.chat_id, call.status, call.at]


async def main(options: dict[str, Any]) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    async with FakeBotAPI(**options) as fake:
        print(json.dumps({"url": fake.url, "token": fake.token}), flush=True)
        while True:
            line = (await reader.readline()).decode().strip()
            if line == "stats":
                calls = [_row(c) for c in fake.calls]
                rejected = [_row(c) for c in fake.rejected]
                print(json.dumps({"calls": calls, "rejected": rejected}), flush=True)
            elif line in ("quit", ""):  # "" is EOF: the parent went away
                return


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}))
