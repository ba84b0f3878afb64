"""The Cloud API's sending limits, kept on our side.

- Throughput: about 80 messages per second per business number by default (error
  130429 beyond it).
- Pair rate: about one message every 6 seconds to the same WhatsApp user (error 131056);
  short bursts are tolerated but borrow from the following seconds.

Both are kept with GCRA ("virtual scheduling"): each key has a theoretical arrival time
that advances by one interval per message; a message may go when that time is no
further ahead of now than ``burst - 1`` intervals. Time and sleep are injected so the
tests run on a fake clock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class Pace:
    """Messages at most every ``interval`` seconds per key, after a burst of ``burst``."""

    def __init__(self, interval: float, burst: int = 1) -> None:
        self.interval = interval
        self.tolerance = interval * max(burst - 1, 0)
        self._tat: dict[str, float] = {}

    def earliest(self, key: str, now: float) -> float:
        """When ``key`` may send next (``now`` or later)."""
        return max(now, self._tat.get(key, now) - self.tolerance)

    def take(self, key: str, at: float) -> None:
        """Book a send of ``key`` at ``at`` (no earlier than :meth:`earliest`)."""
        self._tat[key] = max(self._tat.get(key, at), at) + self.interval
        if len(self._tat) > 10_000:  # forget keys whose time has passed
            self._tat = {k: v for k, v in self._tat.items() if v > at}

    def block(self, key: str, until: float) -> None:
        """Nothing for ``key`` before ``until``."""
        self._tat[key] = max(self._tat.get(key, until), until + self.tolerance)


class SendLimiter:
    """Books each send a slot that both the number's throughput and the recipient's pair
    rate allow, then waits for it. Booking takes no await, so concurrent senders never
    get the same slot and one slow recipient does not hold up the others."""

    def __init__(
        self,
        *,
        per_second: float = 80,
        per_user_interval: float = 6.0,
        per_user_burst: int = 3,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._global = Pace(1.0 / per_second, burst=max(int(per_second), 1))
        self._users = Pace(per_user_interval, burst=per_user_burst)
        self._monotonic = monotonic
        self._sleep = sleep

    async def acquire(self, recipient: str) -> float:
        """Wait for this recipient's next slot; return how long that was."""
        now = self._monotonic()
        at = max(self._global.earliest("", now), self._users.earliest(recipient, now))
        self._global.take("", at)
        self._users.take(recipient, at)
        if at > now:
            await self._sleep(at - now)
        return at - now

    def push_back(self, recipient: str, seconds: float) -> None:
        """The API said this pair is over its rate: nothing more to them for ``seconds``."""
        self._users.block(recipient, self._monotonic() + seconds)
