"""The minute tick: which prompts, reminders and summaries are due, asked of the database.

Due work is claimed (``prompt_sent_at`` / ``reminder_sent_at`` / ``summary_sent_at``
stamped) and put in the outbox in one transaction, so a restart neither repeats nor
forgets it: a window that opened while the bot was down still gets its prompt before
the deadline, and its summary once the deadline has passed. Days off (weekends per
/hari, national holidays, /libur days, outside the /periode) get no windows at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import reminders, whatsapp_rounds
from handlers.agency_schedule import schedule_of
from handlers.calendar import load_calendars
from handlers.ports import Clock
from handlers.review import window_review
from handlers.schedule import format_clock
from handlers.statuses import day_facts, days_facts, window_reports, windows_reports
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage import outbox as outbox_repo
from storage import roster as roster_repo
from storage import rules as rules_repo
from storage import whatsapp_links as links_repo
from storage.db import Database
from storage.outbox import NewMessage
from storage.tables import Agency, WindowRun


@dataclass(frozen=True)
class TickResult:
    prompts: int = 0
    summaries: int = 0
    reminders: int = 0


RunKey = tuple[int, date, str]  # agency, day, window


def _key(row: dict[str, Any]) -> RunKey:
    return (row["agency_id"], row["day"], row["window"])


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
        # (agency, day, window) of the runs the last committed tick planned: they exist, so
        # the next tick inserts only new ones (runs are never deleted; ids never reused).
        self._planned: frozenset[RunKey] = frozenset()

    async def tick(self) -> TickResult:
        async with self._db.transaction() as session:
            planned = await self._plan_today(session)
            prompts = await self._enqueue_prompts(session)
            reminded = await self._enqueue_reminders(session)
            summaries = await self._enqueue_summaries(session)
        self._planned = planned  # only once committed: a rolled-back tick plans again
        return TickResult(prompts=prompts, summaries=summaries, reminders=reminded)

    async def _plan_today(self, session: AsyncSession) -> frozenset[RunKey]:
        """Create today's runs of the windows that have opened; returns their keys."""
        now = self._clock.now()
        rows = []
        agencies = await agencies_repo.list_active(session)
        local_days = {schedule_of(a).local_day(now) for a in agencies}
        calendars = await load_calendars(
            session,
            agency_ids=(a.id for a in agencies if a.id is not None),
            start=min(local_days, default=now.date()),
            end=max(local_days, default=now.date()),
        )
        for agency in agencies:
            assert agency.id is not None
            schedule = schedule_of(agency)
            day = schedule.local_day(now)
            for slot in schedule.slots_on(day, days_off=calendars[agency.id]):
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
        await attendance_repo.ensure_runs(
            session, rows=[r for r in rows if _key(r) not in self._planned]
        )
        return frozenset(_key(r) for r in rows)

    async def _enqueue_prompts(self, session: AsyncSession) -> int:
        """Claim every due prompt and enqueue them all: a handful of statements whatever the
        number of agencies (one claim, one query each for the day's facts, one insert)."""
        now = self._clock.now()
        due = [
            (run, agency)
            for run, agency in await attendance_repo.due_prompts(session, now=now)
            if agency.telegram_chat_id is not None
        ]
        claimed = await attendance_repo.claim_prompts(
            session, run_ids=(run.id for run, _ in due if run.id is not None), now=now
        )
        due = [(run, agency) for run, agency in due if run.id in claimed]
        if not due:
            return 0
        facts = await days_facts(session, keys={(run.agency_id, run.day) for run, _ in due})
        on_whatsapp = await links_repo.linked_members_by_agency(
            session, agency_ids={run.agency_id for run, _ in due}
        )
        messages: list[NewMessage] = []
        for run, agency in due:
            assert agency.id is not None and agency.telegram_chat_id is not None
            day = facts[(agency.id, run.day)]
            expected = day.tally({}).expected  # approved leave and exempt roles excused
            payload = {**window_payload(run, agency), "expected": expected}
            messages.append(
                NewMessage(
                    dedupe_key=f"prompt:{run.id}",
                    chat_id=agency.telegram_chat_id,
                    kind="prompt",
                    payload=payload,
                    agency_id=agency.id,
                )
            )
            messages += whatsapp_rounds.prompt_messages(  # one to one, for WhatsApp members
                run=run, agency=agency, payload=payload, facts=day, members=on_whatsapp[agency.id]
            )
        await outbox_repo.enqueue_many(session, messages=messages, now=now)
        return len(due)

    async def _enqueue_reminders(self, session: AsyncSession) -> int:
        """One group message per window, halfway to the deadline, naming who is missing."""
        now = self._clock.now()
        candidates: list[tuple[WindowRun, Agency]] = []
        for run in await rules_repo.reminder_candidates(session, now=now):
            assert run.id is not None
            if not reminders.reminder_due(run, now):
                continue
            agency = await session.get(Agency, run.agency_id)
            if agency is None or agency.paused or agency.telegram_chat_id is None:
                continue
            candidates.append((run, agency))
        claimed = await rules_repo.claim_reminders(
            session, run_ids=(run.id for run, _ in candidates if run.id is not None), now=now
        )
        owed = [
            (run, agency)
            for run, agency in candidates
            if run.id in claimed and not reminders.prompt_was_late(run)
        ]
        if not owed:
            return 0
        facts = await days_facts(session, keys={(run.agency_id, run.day) for run, _ in owed})
        reports = await windows_reports(
            session, keys={(run.agency_id, run.day, run.window) for run, _ in owed}
        )
        unanswered = {  # WhatsApp members: no group to mention them in, one to one instead
            run.id: reminders.to_remind_without_telegram(
                facts[(run.agency_id, run.day)], reports[(run.agency_id, run.day, run.window)]
            )
            for run, _ in owed
        }
        on_whatsapp = await links_repo.linked_members_by_agency(
            session, agency_ids={run.agency_id for run, _ in owed if unanswered[run.id]}
        )
        messages: list[NewMessage] = []
        count = 0
        for run, agency in owed:
            assert agency.telegram_chat_id is not None
            messages += whatsapp_rounds.reminder_messages(
                run=run,
                members=unanswered[run.id],
                linked=on_whatsapp.get(run.agency_id, []),
                payload=window_payload(run, agency),
            )
            due = reminders.to_remind(
                facts[(run.agency_id, run.day)], reports[(run.agency_id, run.day, run.window)]
            )
            if not due:
                continue
            messages.append(
                NewMessage(
                    dedupe_key=f"reminder:{run.id}",
                    chat_id=agency.telegram_chat_id,
                    kind="reminder",
                    payload={**window_payload(run, agency), "mentions": reminders.mentions(due)},
                    agency_id=agency.id,
                )
            )
            count += 1
        await outbox_repo.enqueue_many(session, messages=messages, now=now)
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
            on_whatsapp = await whatsapp_rounds.enqueue_summaries(
                session, run=run, agency=agency, payload=payload, now=now
            )
            if not supervisors and not on_whatsapp and agency.telegram_chat_id is not None:
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
        """Counts per status, names per non-hadir status; pimpinan without /lapor at the last
        window. ``on_time``, ``late``, ``missing`` (names) and ``expected`` stay top-level."""
        assert agency.id is not None
        facts = await day_facts(session, agency_id=agency.id, day=run.day)
        reports = await window_reports(session, agency_id=agency.id, day=run.day, window=run.window)
        payload = {
            **window_payload(run, agency),
            "run_id": run.id,
            "group_chat_id": agency.telegram_chat_id,
            **facts.tally(reports).payload(),
            "unlinked": await roster_repo.unlinked_names(session, agency_id=agency.id),
        }
        assert run.id is not None
        payload["undelivered"] = await whatsapp_rounds.undelivered(
            session, run_id=run.id, facts=facts, missing=payload["missing"]
        )
        if run.window == format_clock(schedule_of(agency).windows[-1]):
            payload["no_activity_report"] = facts.without_activity_report()
        payload |= await window_review(session, agency_id=agency.id, day=run.day, window=run.window)
        return payload
