"""Parsing leave requests and roles: what is accepted, and what is refused with which reply."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.leave import MAX_DAYS, BadLeave, LeaveAsk, parse_leave
from handlers.roles import UnknownRole, parse_role

WEDNESDAY = date(2026, 11, 25)
LATE_DECEMBER = date(2026, 12, 28)


@pytest.mark.parametrize(
    ("kind", "args", "today", "expected"),
    [
        ("izin", "  antar  anak ", WEDNESDAY, LeaveAsk("izin", WEDNESDAY, WEDNESDAY, "antar anak")),
        ("sakit", "demam", WEDNESDAY, LeaveAsk("sakit", WEDNESDAY, WEDNESDAY, "demam")),
        (
            "dinas",
            "rapat di Serang",
            WEDNESDAY,
            LeaveAsk("dinas", WEDNESDAY, WEDNESDAY, "rapat di Serang"),
        ),
        ("cuti", "25-11", WEDNESDAY, LeaveAsk("cuti", WEDNESDAY, WEDNESDAY, "-")),
        (
            "cuti",
            "27-11 30-11 mudik",
            WEDNESDAY,
            LeaveAsk("cuti", date(2026, 11, 27), date(2026, 11, 30), "mudik"),
        ),
        (
            "cuti",
            "1/12/2026 3.12.2026",
            WEDNESDAY,
            LeaveAsk("cuti", date(2026, 12, 1), date(2026, 12, 3), "-"),
        ),
        # late December: a range into January, and a yearless January date
        (
            "cuti",
            "29-12 02-01 libur akhir tahun",
            LATE_DECEMBER,
            LeaveAsk("cuti", date(2026, 12, 29), date(2027, 1, 2), "libur akhir tahun"),
        ),
        ("cuti", "05-01", LATE_DECEMBER, LeaveAsk("cuti", date(2027, 1, 5), date(2027, 1, 5), "-")),
        (
            "cuti",
            f"01-12-2026 {date.fromordinal(date(2026, 12, 1).toordinal() + MAX_DAYS - 1):%d-%m-%Y}",
            WEDNESDAY,
            LeaveAsk(
                "cuti",
                date(2026, 12, 1),
                date.fromordinal(date(2026, 12, 1).toordinal() + MAX_DAYS - 1),
                "-",
            ),
        ),
    ],
)
def test_parse_leave(kind: str, args: str, today: date, expected: LeaveAsk) -> None:
    assert parse_leave(kind, args, today=today) == expected


@pytest.mark.parametrize(
    ("kind", "args", "key"),
    [
        ("izin", "", "leave.usage.izin"),
        ("cuti", "", "leave.usage.cuti"),
        ("cuti", "minggu depan", "leave.usage.cuti"),
        ("cuti", "31-02-2026", "leave.bad_date"),
        ("cuti", "29-02-2027", "leave.bad_date"),
        ("cuti", "27-11 31-11", "leave.bad_date"),
        ("cuti", "30-11-2026 27-11-2026", "leave.reversed"),
        ("cuti", "24-11-2026", "leave.past"),
        ("cuti", "24-11", "leave.past"),  # yesterday, not next year
        ("cuti", "01-12-2026 05-03-2027", "leave.too_long"),
    ],
)
def test_parse_leave_refuses(kind: str, args: str, key: str) -> None:
    with pytest.raises(BadLeave) as refused:
        parse_leave(kind, args, today=WEDNESDAY)
    assert refused.value.reply.key == key
    assert not refused.value.reply.ok


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("pegawai", "pegawai"),
        ("PIMPINAN", "pimpinan"),
        (" piket ", "piket"),
        ("lapangan", "lapangan"),
        ("satgas", "satgas"),
        ("leader", "pimpinan"),
        ("field", "lapangan"),
        ("taskforce", "satgas"),
    ],
)
def test_parse_role(text: str, role: str) -> None:
    assert parse_role(text) == role


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("pimpnan", "pimpinan"), ("pegawi", "pegawai"), ("lapngan", "lapangan"), ("kepala", None)],
)
def test_parse_role_refuses_with_the_closest(text: str, suggestion: str | None) -> None:
    with pytest.raises(UnknownRole) as refused:
        parse_role(text)
    assert refused.value.suggestion == suggestion
