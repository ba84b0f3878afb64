"""The e-mail copy of each roll-up: which are due, and what happened to each attempt.

A roll-up claimed while e-mail is configured for its BKD group carries
``email_status='pending'``. A sender claims due copies ('sending', one attempt more),
then records the outcome: sent, or back to 'pending' after a backoff that doubles each
time, or 'failed' after the last attempt — and then, once, a notice to the BKD group.
A copy left in 'sending' by a crash is not sent again (at most once, like the outbox).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from handlers.ports import Clock
from handlers.rollup import TRANSPORT, Rollup
from storage import outbox as outbox_repo
from storage import rollup as rollup_repo
from storage.db import Database
from storage.tables_rollup import BkdGroup

MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class MailJob:
    run_id: int
    attempt: int  # 1 for the first try
    recipients: tuple[str, ...]
    bkd_chat_id: int
    rollup: Rollup


def backoff(attempt: int, first: timedelta) -> timedelta:
    """Wait before the next try after failed ``attempt`` (1, 2, …): first, 2×, 4× … ≤ 1 h."""
    wait: timedelta = first * (2 ** (attempt - 1))
    return min(wait, MAX_BACKOFF)


class RollupMailQueue:
    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        recipients: Mapping[str, Sequence[str]],
        max_attempts: int = 5,
        retry_after: timedelta = timedelta(minutes=1),
    ) -> None:
        self._db = db
        self._clock = clock
        self._recipients = {code.upper(): tuple(to) for code, to in recipients.items()}
        self._max_attempts = max_attempts
        self._retry_after = retry_after

    async def claim(self, *, limit: int = 20) -> list[MailJob]:
        now = self._clock.now()
        jobs: list[MailJob] = []
        async with self._db.transaction() as session:
            for run in await rollup_repo.due_emails(session, now=now, limit=limit):
                assert run.id is not None
                bkd = await session.get(BkdGroup, run.bkd_id)
                to = self._recipients.get(bkd.code, ()) if bkd is not None else ()
                if bkd is None or not to or not run.payload:  # unconfigured since: drop it
                    error = "no recipients configured"
                    await rollup_repo.record_email(
                        session, run_id=run.id, status="failed", now=now, error=error
                    )
                    continue
                jobs.append(
                    MailJob(
                        run_id=run.id,
                        attempt=run.email_attempts,
                        recipients=to,
                        bkd_chat_id=bkd.telegram_chat_id,
                        rollup=Rollup.from_payload(run.payload),
                    )
                )
        return jobs

    async def sent(self, job: MailJob) -> None:
        async with self._db.transaction() as session:
            await rollup_repo.record_email(
                session, run_id=job.run_id, status="sent", now=self._clock.now()
            )

    async def failed(self, job: MailJob, error: str) -> bool:
        """Record a failed attempt; True when it was the last one (the group is told)."""
        now = self._clock.now()
        async with self._db.transaction() as session:
            if job.attempt < self._max_attempts:
                await rollup_repo.record_email(
                    session,
                    run_id=job.run_id,
                    status="pending",
                    now=now,
                    next_at=now + backoff(job.attempt, self._retry_after),
                    error=error,
                )
                return False
            await rollup_repo.record_email(
                session, run_id=job.run_id, status="failed", now=now, error=error
            )
            rollup = job.rollup
            await outbox_repo.enqueue(
                session,
                dedupe_key=f"rollup-email:{job.run_id}",
                chat_id=job.bkd_chat_id,
                kind="rollup_email_failed",
                payload={
                    "window": rollup.window,
                    "date": rollup.day.strftime("%d-%m-%Y"),
                    "recipients": ", ".join(job.recipients),
                    "attempts": job.attempt,
                    "error": error[:300],
                    "language": rollup.language,
                },
                now=now,
                transport=TRANSPORT,
            )
        return True
