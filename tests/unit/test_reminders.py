"""Reminders: halfway to the deadline, to the registered who are not excused, batched."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.transports.telegram.mentions import MAX_MENTIONS, MAX_TEXT, reminder_messages
from handlers.reminders import prompt_was_late, reminder_due, to_remind
from handlers.schedule import Schedule
from handlers.statuses import DayFacts, LeaveOnDay
from storage.tables import Member, WindowRun

MONDAY = date(2026, 3, 2)
T0 = datetime(2026, 3, 2, tzinfo=UTC)


def run_for(zone: str, deadline_minutes: int = 30, key: str = "07:30") -> WindowRun:
    slot = Schedule(zone=zone, deadline_minutes=deadline_minutes).slot(MONDAY, key)
    assert slot is not None
    return WindowRun(
        id=1,
        agency_id=1,
        day=MONDAY,
        window=slot.key,
        opens_at=slot.opens_at,
        deadline_at=slot.deadline_at,
        prompt_sent_at=slot.opens_at,
    )


@pytest.mark.parametrize("zone", ["WIB", "WITA", "WIT"])
@pytest.mark.parametrize(
    ("deadline_minutes", "after_open", "due"),
    [
        (30, timedelta(minutes=14, seconds=59), False),
        (30, timedelta(minutes=15), True),  # 07:45 local
        (30, timedelta(minutes=29, seconds=59), True),
        (30, timedelta(minutes=30), False),  # the deadline: the summary's turn
        (45, timedelta(minutes=22), False),
        (45, timedelta(minutes=22, seconds=30), True),
        (1, timedelta(seconds=29), False),
        (1, timedelta(seconds=30), True),
        (240, timedelta(hours=2), True),
    ],
)
def test_reminder_is_due_from_halfway_until_the_deadline(
    zone: str, deadline_minutes: int, after_open: timedelta, due: bool
) -> None:
    run = run_for(zone, deadline_minutes)
    assert reminder_due(run, run.opens_at + after_open) is due


@pytest.mark.parametrize(
    ("zone", "local_halfway_utc"),
    [
        ("WIB", datetime(2026, 3, 2, 0, 45, tzinfo=UTC)),  # 07:45 WIB
        ("WITA", datetime(2026, 3, 1, 23, 45, tzinfo=UTC)),  # 07:45 WITA
        ("WIT", datetime(2026, 3, 1, 22, 45, tzinfo=UTC)),  # 07:45 WIT
    ],
)
def test_halfway_is_local_time_in_each_zone(zone: str, local_halfway_utc: datetime) -> None:
    run = run_for(zone)
    assert not reminder_due(run, local_halfway_utc - timedelta(seconds=1))
    assert reminder_due(run, local_halfway_utc)


@pytest.mark.parametrize(
    ("prompt_after_open", "late"),
    [
        (timedelta(0), False),
        (timedelta(minutes=14), False),
        (timedelta(minutes=15), True),  # caught up after a restart at halfway: no reminder
        (None, True),
    ],
)
def test_a_late_prompt_is_its_own_reminder(prompt_after_open: timedelta | None, late: bool) -> None:
    run = run_for("WIB")
    run.prompt_sent_at = None if prompt_after_open is None else run.opens_at + prompt_after_open
    assert prompt_was_late(run) is late


def member(n: int, role: str = "pegawai", *, linked: bool = True) -> Member:
    return Member(
        id=n,
        agency_id=1,
        nip=f"19850312201001{n:04d}",
        full_name=f"Member {n}",
        telegram_user_id=1000 + n if linked else None,
        role=role,
        created_at=T0,
        updated_at=T0,
    )


def test_only_registered_unexcused_non_responders_are_reminded() -> None:
    members = [
        member(1),  # answered
        member(2),  # silent: reminded
        member(3, "piket"),  # silent: reminded
        member(4, "lapangan"),  # silent: reminded
        member(5, "pimpinan"),  # exempt
        member(6, "satgas"),  # exempt
        member(7),  # approved cuti
        member(8),  # pending izin
        member(9, linked=False),  # imported, no chat account yet
    ]
    facts = DayFacts(
        members,
        leave={7: LeaveOnDay("cuti", approved=True), 8: LeaveOnDay("izin", approved=False)},
        reported_activity=frozenset(),
    )
    assert [m.id for m in to_remind(facts, {1: "hadir"})] == [2, 3, 4]


def payload(mentions: list[list[object]]) -> dict[str, object]:
    return {"window": "07:30", "deadline": "08:00", "zone": "WIB", "mentions": mentions}


MENTION = re.compile(r'<a href="tg://user\?id=(\d+)">')


def test_a_few_mentions_fit_one_message() -> None:
    messages = reminder_messages(payload([[601, "Budi Santoso"], [602, "Ani <Wulan> & Co"]]), "id")
    assert messages == [
        "⏰ Pengingat jendela 07:30 WIB: tenggat pukul 08:00 WIB. Belum mengirim lokasi:\n"
        '<a href="tg://user?id=601">Budi Santoso</a>, '
        '<a href="tg://user?id=602">Ani &lt;Wulan&gt; &amp; Co</a>'
    ]


@pytest.mark.parametrize(
    ("count", "name_length", "messages"),
    [
        (MAX_MENTIONS, 20, 1),
        (MAX_MENTIONS + 1, 20, 2),
        (120, 20, 3),
        (60, 150, 3),  # long names: the 4096-character limit splits first
    ],
)
def test_many_mentions_are_batched_within_telegram_limits(
    count: int, name_length: int, messages: int
) -> None:
    mentions: list[list[object]] = [[10_000 + i, "N" * name_length] for i in range(count)]
    out = reminder_messages(payload(mentions), "id")
    assert len(out) == messages
    seen = [int(uid) for text in out for uid in MENTION.findall(text)]
    assert seen == [10_000 + i for i in range(count)]  # everyone once, in order
    for i, text in enumerate(out, 1):
        assert len(text) <= MAX_TEXT
        assert len(MENTION.findall(text)) <= MAX_MENTIONS
        if messages > 1:
            assert f"({i}/{messages})" in text.splitlines()[0]
