"""The minute tick: which prompts and summaries are due, asked of the database.

Due work is claimed (``prompt_sent_at`` / ``summary_sent_at`` stamped) and put in the
outbox in one transaction, so a restart neither repeats nor forgets it: a window that
opened while the bot was down still gets its prompt before the deadline, and its
summary once the deadline has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.agency_schedule import schedule_of
from handlers.ports import Clock
from handlers.schedule import format_clock
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage import members as members_repo
from storage import outbox as outbox_repo
from storage.db import Database
from storage.tables import Agency, WindowRun


@dataclass(frozen=True)
class TickResult:
    prompts: int = 0
    summaries: int = 0


def window_payload(run: WindowRun, agency: Agency) -> dict[str, Any]:
    schedule = schedule_of(agency)
    return {
        "agency": agency.name,
        "code": agency.code,
        "day": run.day.isoformat(),
        "window": run.window,
        "deadline": format_clock(run.deadline_at.astimezone(schedule.tz).time()),
        "zone": schedule.zone,
        "language": agency.language,
    }


class WindowRounds:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def tick(self) -> TickResult:
        async with self._db.transaction() as session:
            await self._plan_today(session)
            prompts = await self._enqueue_prompts(session)
            summaries = await self._enqueue_summaries(session)
        return TickResult(prompts=prompts, summaries=summaries)

    async def _plan_today(self, session: AsyncSession) -> None:
        now = self._clock.now()
        rows = []
        for agency in await agencies_repo.list_active(session):
            schedule = schedule_of(agency)
            for slot in schedule.slots_on(schedule.local_day(now)):
                if slot.opens_at <= now:
                    rows.append(
                        {
                            "agency_id": agency.id,
                            "day": slot.day,
                            "window": slot.key,
                            "opens_at": slot.opens_at,
                            "deadline_at": slot.deadline_at,
                        }
                    )
        await attendance_repo.ensure_runs(session, rows=rows)

    async def _enqueue_prompts(self, session: AsyncSession) -> int:
        now = self._clock.now()
        count = 0
        for run, agency in await attendance_repo.due_prompts(session, now=now):
            assert run.id is not None and agency.id is not None
            if agency.telegram_chat_id is None:
                continue
            if not await attendance_repo.claim_prompt(session, run_id=run.id, now=now):
                continue
            expected = len(await members_repo.list_linked(session, agency_id=agency.id))
            await outbox_repo.enqueue(
                session,
                dedupe_key=f"prompt:{run.id}",
                chat_id=agency.telegram_chat_id,
                kind="prompt",
                payload={**window_payload(run, agency), "expected": expected},
                now=now,
                agency_id=agency.id,
            )
            count += 1
        return count

    async def _enqueue_summaries(self, session: AsyncSession) -> int:
        now = self._clock.now()
        count = 0
        for run, agency in await attendance_repo.due_summaries(session, now=now):
            assert run.id is not None and agency.id is not None
            if not await attendance_repo.claim_summary(session, run_id=run.id, now=now):
                continue
            payload = await self._summary(session, run, agency)
            supervisors = await agencies_repo.list_supervisors(session, agency_id=agency.id)
            for supervisor in supervisors:
                await outbox_repo.enqueue(
                    session,
                    dedupe_key=f"summary:{run.id}:{supervisor.telegram_user_id}",
                    chat_id=supervisor.telegram_user_id,
                    kind="summary",
                    payload={**payload, "supervisor": supervisor.display_name},
                    now=now,
                    agency_id=agency.id,
                )
            if not supervisors and agency.telegram_chat_id is not None:
                # Nobody to tell privately yet: the group itself sees who is missing.
                await outbox_repo.enqueue(
                    session,
                    dedupe_key=f"summary-group:{run.id}",
                    chat_id=agency.telegram_chat_id,
                    kind="summary_group",
                    payload={**payload, "ask_start": []},
                    now=now,
                    agency_id=agency.id,
                )
            count += 1
        return count

    async def _summary(
        self, session: AsyncSession, run: WindowRun, agency: Agency
    ) -> dict[str, Any]:
        assert agency.id is not None
        members = await members_repo.list_linked(session, agency_id=agency.id)
        reports = await attendance_repo.reports_for_window(
            session, agency_id=agency.id, day=run.day, window=run.window
        )
        status = {r.member_id: r.status for r in reports}
        on_time = sum(1 for m in members if status.get(m.id or 0) == "hadir")
        late = sum(1 for m in members if status.get(m.id or 0) == "terlambat")
        missing = [m.full_name for m in members if m.id not in status]
        return {
            **window_payload(run, agency),
            "run_id": run.id,
            "group_chat_id": agency.telegram_chat_id,
            "expected": len(members),
            "on_time": on_time,
            "late": late,
            "missing": missing,
        }
