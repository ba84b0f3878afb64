"""/hari, /libur, /periode through the real Dispatcher; days off reach prompts and locations."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from bot.texts import t
from handlers.calendar import HOLIDAY_CATEGORIES
from tests.transport.conftest import ADMIN, BUDI, DAY, Harness, wib
from tests.transport.rules_world import agency_with_supervisors, days_off, private


async def test_hari_sets_the_working_days_and_saturday_gets_windows(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    raw = await tg.say(ADMIN, "/hari Sen-Sab")
    assert tg.reply_to(raw) == t("days.set", days="Sen-Sab")
    agency = await tg.agency()
    assert agency is not None and agency.working_days == "1,2,3,4,5,6"

    saturday = DAY + timedelta(days=3)
    tg.clock.set(wib(7, 30, day=saturday))
    assert (await tg.tick()).prompts == 1
    tg.clock.set(wib(7, 30, day=saturday + timedelta(days=1)))  # Sunday
    assert (await tg.tick()).prompts == 0


async def test_anyone_may_look_only_admins_change(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    look = await tg.say(BUDI, "/hari")
    assert tg.reply_to(look) == t(
        "days.show", name="Dinas Komunikasi dan Informatika", days="Sen-Jum"
    )
    change = await tg.say(BUDI, "/hari Sen-Min")
    assert tg.reply_to(change) == t("admin.only")
    add = await tg.say(BUDI, "/libur 26-11-2026 Rapat")
    assert tg.reply_to(add) == t("admin.only")
    assert await days_off(tg) == []
    elsewhere = await tg.say(ADMIN, "/libur 26-11-2026", chat=private(ADMIN))
    assert tg.reply_to(elsewhere) == t("group.only")


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("/hari Senin-Jumad", t("days.usage")),
        ("/libur 31-02-2026 Libur", t("holiday.bad_date", given="31-02-2026")),
        ("/libur besok", t("holiday.usage")),
        ("/libur hapus", t("holiday.usage")),
        ("/periode 01-12-2026", t("period.usage")),
        ("/periode 30-02-2026 01-03-2026", t("period.bad_date", given="30-02-2026")),
        (
            "/periode 31-12-2026 01-12-2026",
            t("period.reversed", start="31-12-2026", end="01-12-2026"),
        ),
    ],
)
async def test_bad_calendar_input_gets_the_usage_and_stores_nothing(
    tg: Harness, text: str, reply: str
) -> None:
    await agency_with_supervisors(tg)
    raw = await tg.say(ADMIN, text)
    assert tg.reply_to(raw) == reply
    assert await days_off(tg) == []
    agency = await tg.agency()
    assert agency is not None and agency.working_days == "1,2,3,4,5"
    shown = await tg.say(ADMIN, "/periode")
    assert tg.reply_to(shown) == t("period.none")


async def test_an_agency_day_off_has_no_prompt_and_a_location_gets_libur(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    raw = await tg.say(ADMIN, "/libur 26-11-2026 HUT Kota Tangerang Selatan")
    assert tg.reply_to(raw) == t(
        "holiday.added", date="26-11-2026", note="HUT Kota Tangerang Selatan"
    )
    listed = await tg.say(ADMIN, "/libur")
    assert "🏢 26-11-2026 HUT Kota Tangerang Selatan" in tg.reply_to(listed)
    assert "🇮🇩 24-12-2026 Cuti Bersama Hari Raya Natal" in tg.reply_to(listed)

    thursday = DAY + timedelta(days=1)
    for minute in (30, 45, 59):
        tg.clock.set(wib(7, minute, day=thursday))
        result = await tg.tick()
        assert (result.prompts, result.reminders) == (0, 0)
    tg.clock.set(wib(8, 1, day=thursday))
    assert (await tg.tick()).summaries == 0
    tg.clock.set(wib(7, 40, day=thursday))
    shared = await tg.share(BUDI)
    assert tg.reply_to(shared) == t("location.day_off")
    assert await tg.all_reports() == []

    removed = await tg.say(ADMIN, "/libur hapus 26-11-2026")
    assert tg.reply_to(removed) == t("holiday.removed", date="26-11-2026")
    assert await days_off(tg) == []


async def test_a_national_holiday_is_built_in(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    listed = holidays.country_holidays(
        "ID", categories=HOLIDAY_CATEGORIES, language="id", years=2026
    )
    (natal,) = listed.get_named("Hari Raya Natal", lookup="exact")
    raw = await tg.say(ADMIN, f"/libur {natal:%d-%m-%Y} Natal")
    assert tg.reply_to(raw) == t(
        "holiday.national", date=f"{natal:%d-%m-%Y}", note="Hari Raya Natal"
    )
    assert await days_off(tg) == []

    tg.clock.set(wib(7, 30, day=natal))
    assert (await tg.tick()).prompts == 0
    tg.clock.set(wib(7, 35, day=natal))
    assert tg.reply_to(await tg.share(BUDI)) == t("location.day_off")


async def test_outside_the_wfh_period_nobody_is_prompted(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    raw = await tg.say(ADMIN, "/periode 16-03-2026 27-11-2026")
    assert tg.reply_to(raw) == t("period.set", range="16-03-2026 – 27-11-2026")
    shown = await tg.say(ADMIN, "/periode")
    assert tg.reply_to(shown) == t("period.show", range="16-03-2026 – 27-11-2026")

    friday, monday = date(2026, 11, 27), date(2026, 11, 30)
    tg.clock.set(wib(7, 30, day=friday))
    assert (await tg.tick()).prompts == 1  # the last day of the period
    tg.clock.set(wib(7, 30, day=monday))
    assert (await tg.tick()).prompts == 0

    cleared = await tg.say(ADMIN, "/periode hapus")
    assert tg.reply_to(cleared) == t("period.cleared")
    tg.clock.set(wib(7, 31, day=monday))
    assert (await tg.tick()).prompts == 1
