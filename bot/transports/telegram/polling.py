"""Long polling that never confirms an update before its effect is committed.

aiogram's ``start_polling`` moves the offset as soon as an update is handed out when
``handle_as_tasks`` is on. Here a batch from getUpdates is processed concurrently
(so location writes share group commits), and only when every update of the batch is
done is the next offset used and stored. A crash mid-batch means the batch comes
again; the use cases are idempotent (upserts keyed by message, dedupe by edit date).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import GetUpdates
from aiogram.types import Update
from sqlalchemy.exc import DBAPIError, OperationalError

from storage import state as state_repo
from storage.db import Database

log = logging.getLogger(__name__)

OFFSET_KEY = "telegram.next_offset"
ALLOWED_UPDATES = ["message", "edited_message", "my_chat_member", "callback_query"]


class TransientFailure(Exception):
    """The batch could not be committed (database down): do not confirm it."""


async def process_batch(dp: Dispatcher, bot: Bot, updates: list[Update], **kwargs: Any) -> None:
    async def one(update: Update) -> None:
        try:
            await dp.feed_update(bot, update, **kwargs)
        except (OperationalError, DBAPIError) as exc:
            raise TransientFailure(str(exc)) from exc
        except Exception:  # a bug in one update must not block the queue forever
            log.exception("update %s failed; skipped", update.update_id)

    await asyncio.gather(*(one(u) for u in updates))


async def poll(
    dp: Dispatcher,
    bot: Bot,
    db: Database,
    stop: asyncio.Event,
    *,
    poll_timeout: int = 25,
    **kwargs: Any,
) -> None:
    async with db.read() as session:
        stored = await state_repo.get_value(session, key=OFFSET_KEY)
    offset = int(stored) if stored else None
    backoff = 1.0
    while not stop.is_set():
        request = asyncio.ensure_future(
            bot(
                GetUpdates(offset=offset, timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES),
                request_timeout=poll_timeout + 10,
            )
        )
        stopper = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({request, stopper}, return_when=asyncio.FIRST_COMPLETED)
        stopper.cancel()
        if request not in done:
            request.cancel()
            break
        try:
            updates = request.result()
        except Exception as exc:  # network trouble: back off and ask again
            log.warning("getUpdates failed: %s; retrying in %.0fs", exc, backoff)
            await _sleep_or_stop(stop, backoff)
            backoff = min(backoff * 2, 30.0)
            continue
        backoff = 1.0
        if not updates:
            continue
        try:
            await process_batch(dp, bot, updates, **kwargs)
        except TransientFailure as exc:
            log.error("database unavailable, batch not confirmed: %s", exc)
            await _sleep_or_stop(stop, 5.0)
            continue
        offset = updates[-1].update_id + 1
        async with db.transaction() as session:
            await state_repo.set_value(session, key=OFFSET_KEY, value=str(offset))


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        pass
