"""/rekap: the day per window for supervisors (privately) and group admins."""

from __future__ import annotations

import pytest

from bot.texts import t
from tests.transport.conftest import ADMIN, ANI, BUDI, KADIS, Harness
from tests.transport.rules_world import (
    SEKDIS,
    agency_with_supervisors,
    buttons,
    last_message_to,
    press,
    private,
)


async def a_morning(tg: Harness) -> None:
    """Budi on time, Hendra late, Ani on approved sick leave; it is 12:10 WIB."""
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    await tg.say(ANI, "/sakit demam")
    to_kadis = last_message_to(tg, KADIS)
    await press(tg, KADIS, to_kadis, buttons(to_kadis)[0][1])
    tg.at(7, 30)
    await tg.tick()
    tg.at(7, 40)
    await tg.share(BUDI)
    tg.at(8, 1)
    await tg.tick()
    tg.at(8, 20)
    await tg.share(KADIS)
    tg.at(11, 30)
    await tg.tick()
    tg.at(11, 40)
    await tg.share(BUDI)
    tg.at(11, 50)


async def test_a_supervisor_gets_the_day_privately(tg: Harness) -> None:
    await a_morning(tg)

    raw = await tg.say(SEKDIS, "/rekap", chat=private(SEKDIS))

    lines = tg.reply_to(raw).splitlines()
    assert lines[:2] == [
        "📊 Rekap harian Dinas Komunikasi dan Informatika (DISKOMINFO)",
        "Rabu, 25-11-2026",
    ]
    assert lines[2] == "🕘 07:30 WIB · hadir 1 · terlambat 1 · tidak merespons 0 · sakit 1"
    assert "   Terlambat: Hendra Kusuma" in lines and "   Sakit: Ani Wulandari" in lines
    at_1130 = lines.index("🕘 11:30 WIB · hadir 1 · terlambat 0 · tidak merespons 1 · sakit 1")
    assert lines[at_1130 + 1] == t("recap.running", deadline="12:00", zone="WIB")
    assert "   Tidak merespons: Hendra Kusuma" in lines
    assert lines[-1] == t("recap.not_open", window="15:00", zone="WIB")


async def test_an_admin_in_the_group_and_a_past_date(tg: Harness) -> None:
    await a_morning(tg)
    tg.clock.set(tg.clock.now().replace(day=26))  # Thursday: ask about Wednesday

    raw = await tg.say(ADMIN, "/rekap 25-11-2026")

    text = tg.reply_to(raw)
    assert "Rabu, 25-11-2026" in text
    assert "🕘 15:00 WIB · hadir 0 · terlambat 0 · tidak merespons 2 · sakit 1" in text


@pytest.mark.parametrize(
    ("words", "reply"),
    [
        ("/rekap 31-02-2026", t("recap.bad_date", given="31-02-2026")),
        ("/rekap kemarin", t("recap.usage")),
        ("/rekap 25-11-2026 26-11-2026", t("recap.usage")),
    ],
)
async def test_bad_dates_get_the_usage(tg: Harness, words: str, reply: str) -> None:
    await agency_with_supervisors(tg)
    raw = await tg.say(ADMIN, words)
    assert tg.reply_to(raw) == reply


async def test_days_off_and_future_days_say_so(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    saturday = await tg.say(ADMIN, "/rekap 21-11-2026")
    assert tg.reply_to(saturday).splitlines()[-1] == t("recap.day_off", reason=t("off.weekend"))
    natal = await tg.say(ADMIN, "/rekap 25-12-2025")
    assert tg.reply_to(natal).splitlines()[-1] == t(
        "recap.day_off", reason=t("off.national", note="Hari Raya Natal")
    )
    future = await tg.say(ADMIN, "/rekap 26-11")
    assert tg.reply_to(future).splitlines()[-1] == t("recap.future")


async def test_members_are_refused(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    in_group = await tg.say(BUDI, "/rekap")
    assert tg.reply_to(in_group) == t("recap.forbidden")
    alone = await tg.say(BUDI, "/recap", chat=private(BUDI))
    assert tg.reply_to(alone) == t("recap.forbidden")
