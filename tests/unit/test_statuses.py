"""One status per member and window (SPEC §5), and the tally a summary is built from."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from handlers.statuses import (
    DayFacts,
    LeaveOnDay,
    Status,
    Tally,
    classify,
    leave_by_member,
)
from storage.tables import Member
from storage.tables_rules import LeaveRequest

T0 = datetime(2026, 3, 2, tzinfo=UTC)
MONDAY = date(2026, 3, 2)

APPROVED_CUTI = LeaveOnDay("cuti", approved=True)
APPROVED_SAKIT = LeaveOnDay("sakit", approved=True)
PENDING_IZIN = LeaveOnDay("izin", approved=False)
PENDING_DINAS = LeaveOnDay("dinas", approved=False)


@pytest.mark.parametrize(
    ("role", "report", "leave", "expected"),
    [
        ("pegawai", "hadir", None, Status.HADIR),
        ("pegawai", "terlambat", None, Status.TERLAMBAT),
        ("pegawai", None, None, Status.MISSING),
        ("piket", None, None, Status.MISSING),
        ("lapangan", "hadir", None, Status.HADIR),
        # exempt roles, whether or not they share a location
        ("pimpinan", None, None, Status.EXEMPT),
        ("satgas", "hadir", None, Status.EXEMPT),
        # approved leave excuses, even over a report or an exempt role
        ("pegawai", None, APPROVED_CUTI, Status.CUTI),
        ("pegawai", "hadir", APPROVED_SAKIT, Status.SAKIT),
        ("pimpinan", None, LeaveOnDay("dinas", approved=True), Status.DINAS),
        ("pegawai", None, LeaveOnDay("izin", approved=True), Status.IZIN),
        # pending leave: shown as waiting, but a location still counts
        ("pegawai", None, PENDING_IZIN, Status.PENDING),
        ("pegawai", None, PENDING_DINAS, Status.PENDING),
        ("pegawai", "hadir", PENDING_IZIN, Status.HADIR),
        ("pegawai", "terlambat", PENDING_IZIN, Status.TERLAMBAT),
        ("satgas", None, PENDING_IZIN, Status.EXEMPT),
    ],
)
def test_classify(
    role: str, report: str | None, leave: LeaveOnDay | None, expected: Status
) -> None:
    assert classify(role=role, report=report, leave=leave) is expected


def request(
    member_id: int, kind: str, start: date, end: date, status: str = "approved"
) -> LeaveRequest:
    return LeaveRequest(
        agency_id=1,
        member_id=member_id,
        kind=kind,
        start_day=start,
        end_day=end,
        status=status,
        created_at=T0,
    )


@pytest.mark.parametrize(
    ("requests", "day", "expected"),
    [
        ([], MONDAY, {}),
        ([request(1, "cuti", date(2026, 3, 2), date(2026, 3, 4))], MONDAY, {1: APPROVED_CUTI}),
        ([request(1, "cuti", date(2026, 3, 3), date(2026, 3, 4))], MONDAY, {}),  # not yet
        ([request(1, "cuti", date(2026, 2, 27), date(2026, 3, 1))], MONDAY, {}),  # over
        ([request(1, "izin", MONDAY, MONDAY, "rejected")], MONDAY, {}),
        ([request(1, "izin", MONDAY, MONDAY, "pending")], MONDAY, {1: PENDING_IZIN}),
        # an approved request beats a pending one on the same day, in either order
        (
            [
                request(1, "izin", MONDAY, MONDAY, "pending"),
                request(1, "sakit", MONDAY, MONDAY),
            ],
            MONDAY,
            {1: APPROVED_SAKIT},
        ),
        (
            [
                request(1, "sakit", MONDAY, MONDAY),
                request(1, "izin", MONDAY, MONDAY, "pending"),
            ],
            MONDAY,
            {1: APPROVED_SAKIT},
        ),
    ],
)
def test_leave_by_member(
    requests: list[LeaveRequest], day: date, expected: dict[int, LeaveOnDay]
) -> None:
    assert leave_by_member(requests, day) == expected


def member(n: int, name: str, role: str = "pegawai") -> Member:
    return Member(
        id=n,
        agency_id=1,
        nip=f"19850312201001{n:04d}",
        full_name=name,
        telegram_user_id=1000 + n,
        role=role,
        created_at=T0,
        updated_at=T0,
    )


def test_tally_payload_counts_every_status_and_names_the_non_hadir() -> None:
    tally = Tally(
        [
            (member(1, "Ani"), Status.HADIR),
            (member(2, "Budi"), Status.TERLAMBAT),
            (member(3, "Citra"), Status.MISSING),
            (member(4, "Dewi"), Status.MISSING),
            (member(5, "Eko"), Status.CUTI),
            (member(6, "Fajar"), Status.PENDING),
            (member(7, "Hendra", "pimpinan"), Status.EXEMPT),
        ]
    )
    payload = tally.payload()
    assert payload["expected"] == 5  # Eko (cuti) and Hendra (exempt) are not expected
    assert (payload["on_time"], payload["late"], payload["missing"]) == (1, 1, ["Citra", "Dewi"])
    assert payload["counts"] == {
        "hadir": 1,
        "terlambat": 1,
        "tidak_merespons": 2,
        "izin_menunggu": 1,
        "izin": 0,
        "sakit": 0,
        "cuti": 1,
        "dinas": 0,
        "dikecualikan": 1,
    }
    assert payload["names"] == {
        "terlambat": ["Budi"],
        "tidak_merespons": ["Citra", "Dewi"],
        "izin_menunggu": ["Fajar"],
        "cuti": ["Eko"],
        "dikecualikan": ["Hendra"],
    }


def test_day_facts_tally_reminders_and_activity_reports() -> None:
    members = [
        member(1, "Ani"),
        member(2, "Budi"),
        member(3, "Hendra", "pimpinan"),
        member(4, "Indra", "pimpinan"),
        member(5, "Joko", "pimpinan"),
        member(6, "Kiki", "satgas"),
    ]
    facts = DayFacts(
        members,
        leave={2: PENDING_IZIN, 5: LeaveOnDay("dinas", approved=True)},
        reported_activity=frozenset({3}),
    )
    statuses = [s for _, s in facts.tally({1: "hadir"}).rows]
    assert statuses == [
        Status.HADIR,
        Status.PENDING,
        Status.EXEMPT,
        Status.EXEMPT,
        Status.DINAS,
        Status.EXEMPT,
    ]
    assert [m.full_name for m in members if facts.excused(m)] == [
        "Budi",
        "Hendra",
        "Indra",
        "Joko",
        "Kiki",
    ]
    # Hendra reported; Joko is away on an approved official trip; only Indra is missing.
    assert facts.without_activity_report() == ["Indra"]
