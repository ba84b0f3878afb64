"""Reminders halfway to the deadline: who is due one, and when.

The tick (:mod:`handlers.summary`) claims ``reminder_sent_at`` and enqueues one group
notice per window, so a restart never reminds twice. Nobody excused is reminded:
approved leave, a pending request, an exempt role (pimpinan, satgas); nobody is
reminded on a day off, because such a day has no windows.
"""

from __future__ import annotations

from datetime import datetime

from handlers.statuses import DayFacts
from storage.tables import Member, WindowRun


def halfway(run: WindowRun) -> datetime:
    return run.opens_at + (run.deadline_at - run.opens_at) / 2


def reminder_due(run: WindowRun, now: datetime) -> bool:
    """From halfway up to (not including) the deadline."""
    return halfway(run) <= now < run.deadline_at


def prompt_was_late(run: WindowRun) -> bool:
    """A prompt caught up after halfway (the bot was down) already is the reminder."""
    return run.prompt_sent_at is None or run.prompt_sent_at >= halfway(run)


def to_remind(facts: DayFacts, reports: dict[int, str]) -> list[Member]:
    """Registered members with no report for the window who are not excused, by name."""
    return [
        m
        for m in facts.members
        if m.telegram_user_id is not None and (m.id or 0) not in reports and not facts.excused(m)
    ]


def to_remind_without_telegram(facts: DayFacts, reports: dict[int, str]) -> list[Member]:
    """The same, for members reached elsewhere (WhatsApp): no group to mention them in."""
    return [
        m
        for m in facts.members
        if m.telegram_user_id is None and (m.id or 0) not in reports and not facts.excused(m)
    ]


def mentions(members: list[Member]) -> list[list[object]]:
    """``[[telegram_user_id, full_name], …]``: what the transport turns into text mentions."""
    return [[m.telegram_user_id, m.full_name] for m in members]
