"""Group admin commands: /setup, /zona, /jadwal, /tenggat, /atasan."""

from __future__ import annotations

from typing import Any

from bot.texts import t
from tests.transport.conftest import (
    ADMIN,
    AGENCY_CODE,
    AGENCY_NAME,
    ANI,
    ANI_NIP,
    BUDI,
    BUDI_NIP,
    GROUP,
    KADIS,
    Harness,
    MakeHarness,
)

DEFAULT_SCHEDULE: dict[str, Any] = {
    "windows": "07:30 11:30 15:00",
    "zone": "WIB",
    "deadline": 30,
    "days": "Sen-Jum",
}


# /setup ---------------------------------------------------------------------------------------
async def test_setup_by_a_group_admin_registers_the_agency(tg: Harness) -> None:
    tg.make_admin(ADMIN)

    raw = await tg.say(ADMIN, f"/setup {AGENCY_CODE} {AGENCY_NAME}")

    expected = t("setup.created", code=AGENCY_CODE, name=AGENCY_NAME, **DEFAULT_SCHEDULE)
    assert tg.reply_to(raw) == expected
    agency = await tg.agency()
    assert agency is not None
    assert (agency.code, agency.name, agency.zone) == (AGENCY_CODE, AGENCY_NAME, "WIB")
    asked = [c.params for c in tg.calls("getChatMember")]
    assert {"chat_id": GROUP.id, "user_id": ADMIN.id} in asked


async def test_setup_by_the_group_creator_registers_too(tg: Harness) -> None:
    tg.make_admin(ADMIN, "creator")

    raw = await tg.say(ADMIN, "/setup BKPSDM Badan Kepegawaian")

    assert tg.reply_to(raw) == t(
        "setup.created", code="BKPSDM", name="Badan Kepegawaian", **DEFAULT_SCHEDULE
    )


async def test_setup_by_a_non_admin_is_refused_and_stores_nothing(tg: Harness) -> None:
    tg.make_admin(ADMIN)

    raw = await tg.say(BUDI, f"/setup {AGENCY_CODE} {AGENCY_NAME}")

    assert tg.reply_to(raw) == t("admin.only")
    assert await tg.agency() is None
    asked = [c.params for c in tg.calls("getChatMember")]
    assert asked == [{"chat_id": GROUP.id, "user_id": BUDI.id}]


async def test_setup_by_a_super_admin_needs_no_chat_admin_rights(
    make_harness: MakeHarness,
) -> None:
    tg = await make_harness(super_admins=(KADIS.id,))

    raw = await tg.say(KADIS, f"/setup {AGENCY_CODE} {AGENCY_NAME}")

    assert tg.reply_to(raw) == t(
        "setup.created", code=AGENCY_CODE, name=AGENCY_NAME, **DEFAULT_SCHEDULE
    )
    assert await tg.agency() is not None
    assert tg.calls("getChatMember") == []  # config alone decides


async def test_setup_without_a_name_gets_the_usage_line(tg: Harness) -> None:
    tg.make_admin(ADMIN)

    bare = await tg.say(ADMIN, "/setup")
    code_only = await tg.say(ADMIN, f"/setup {AGENCY_CODE}")

    assert tg.reply_to(bare) == t("setup.usage")
    assert tg.reply_to(code_only) == t("setup.usage")
    assert await tg.agency() is None


async def test_setup_again_updates_the_agency(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/setup KOMINFO Dinas Kominfo Kota")

    assert tg.reply_to(raw) == t("setup.updated", code="KOMINFO", name="Dinas Kominfo Kota")
    agency = await tg.agency()
    assert agency is not None and agency.code == "KOMINFO"


async def test_a_command_for_another_bot_is_not_ours(tg: Harness) -> None:
    tg.make_admin(ADMIN)

    raw = await tg.say(ADMIN, f"/setup@other_bot {AGENCY_CODE} {AGENCY_NAME}")

    assert tg.replies_to(raw) == []
    assert await tg.agency() is None


async def test_a_command_addressed_to_us_by_name_works(tg: Harness) -> None:
    tg.make_admin(ADMIN)

    raw = await tg.say(ADMIN, f"/setup@hadir_test_bot {AGENCY_CODE} {AGENCY_NAME}")

    assert tg.reply_to(raw).startswith("✅")
    assert await tg.agency() is not None


# /zona, /jadwal, /tenggat ----------------------------------------------------------------------
async def test_zona_changes_the_zone(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/zona WITA")

    assert tg.reply_to(raw) == t("zone.set", windows="07:30 11:30 15:00", zone="WITA", deadline=30)
    agency = await tg.agency()
    assert agency is not None and agency.zone == "WITA"


async def test_zona_with_an_unknown_zone_gets_usage(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/zona GMT")

    assert tg.reply_to(raw) == t("zone.usage")
    agency = await tg.agency()
    assert agency is not None and agency.zone == "WIB"


async def test_zona_before_setup_says_the_group_is_not_registered(tg: Harness) -> None:
    tg.make_admin(ADMIN)

    raw = await tg.say(ADMIN, "/zona WIT")

    assert tg.reply_to(raw) == t("agency.missing")


async def test_jadwal_accepts_the_dotted_indonesian_way_of_writing_times(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/jadwal 07.30 12:00")

    assert tg.reply_to(raw) == t("schedule.set", **(DEFAULT_SCHEDULE | {"windows": "07:30 12:00"}))
    agency = await tg.agency()
    assert agency is not None and agency.windows == "07:30 12:00"


async def test_schedule_alias_and_pukul_are_understood(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/schedule pukul 08.00, pukul 13.00")

    assert tg.reply_to(raw) == t("schedule.set", **(DEFAULT_SCHEDULE | {"windows": "08:00 13:00"}))


async def test_jadwal_without_arguments_shows_the_schedule(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/jadwal")

    assert tg.reply_to(raw) == t("schedule.show", name=AGENCY_NAME, **DEFAULT_SCHEDULE)


async def test_a_member_may_look_at_the_schedule_but_not_change_it(tg: Harness) -> None:
    await tg.setup_agency()

    look = await tg.say(BUDI, "/jadwal")
    change = await tg.say(BUDI, "/jadwal 09:00")

    assert tg.reply_to(look) == t("schedule.show", name=AGENCY_NAME, **DEFAULT_SCHEDULE)
    assert tg.reply_to(change) == t("admin.only")
    agency = await tg.agency()
    assert agency is not None and agency.windows == "07:30 11:30 15:00"


async def test_jadwal_with_an_impossible_time_gets_usage(tg: Harness) -> None:
    await tg.setup_agency()

    raws = [await tg.say(ADMIN, text) for text in ("/jadwal 25:00", "/jadwal 07:30 07.30")]

    assert [tg.reply_to(r) for r in raws] == [t("schedule.usage")] * 2
    agency = await tg.agency()
    assert agency is not None and agency.windows == "07:30 11:30 15:00"


async def test_jadwal_whose_deadline_passes_midnight_is_refused(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/jadwal 23:45")

    assert tg.reply_to(raw) == t("schedule.invalid")
    agency = await tg.agency()
    assert agency is not None and agency.windows == "07:30 11:30 15:00"


async def test_tenggat_out_of_range_gets_usage_and_changes_nothing(tg: Harness) -> None:
    await tg.setup_agency()

    raws = [await tg.say(ADMIN, f"/tenggat {value}") for value in ("0", "241", "", "setengah")]

    assert [tg.reply_to(r) for r in raws] == [t("deadline.usage")] * 4
    agency = await tg.agency()
    assert agency is not None and agency.deadline_minutes == 30


async def test_tenggat_sets_the_deadline(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/tenggat 45")

    assert tg.reply_to(raw) == t(
        "deadline.set", deadline=45, windows="07:30 11:30 15:00", zone="WIB"
    )
    agency = await tg.agency()
    assert agency is not None and agency.deadline_minutes == 45


async def test_deadline_alias_by_a_non_admin_is_refused(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ANI, "/deadline 90")

    assert tg.reply_to(raw) == t("admin.only")
    agency = await tg.agency()
    assert agency is not None and agency.deadline_minutes == 30


# /atasan ---------------------------------------------------------------------------------------
async def test_atasan_as_a_reply_makes_that_person_a_supervisor(tg: Harness) -> None:
    await tg.setup_agency()
    greeting = await tg.say(KADIS, "Selamat pagi, rekan-rekan.")

    raw = await tg.say(ADMIN, "/atasan", reply_to=greeting)

    assert tg.reply_to(raw) == t("supervisor.added", name=KADIS.full_name)
    assert [(s.telegram_user_id, s.display_name) for s in await tg.supervisors()] == [
        (KADIS.id, KADIS.full_name)
    ]


async def test_atasan_uses_the_registered_name_and_is_idempotent(tg: Harness) -> None:
    await tg.setup_agency()
    joined = await tg.say(BUDI, f"/daftar {BUDI_NIP} Budi Santoso, S.Kom.")

    first = await tg.say(ADMIN, "/atasan", reply_to=joined)
    again = await tg.say(ADMIN, "/supervisor", reply_to=joined)

    assert tg.reply_to(first) == t("supervisor.added", name="Budi Santoso, S.Kom.")
    assert tg.reply_to(again) == t("supervisor.already", name="Budi Santoso, S.Kom.")
    assert len(await tg.supervisors()) == 1


async def test_atasan_by_username_of_a_registered_member(tg: Harness) -> None:
    await tg.setup_agency()
    await tg.register(ANI, ANI_NIP)

    raw = await tg.say(ADMIN, f"/atasan @{ANI.username}")

    assert tg.reply_to(raw) == t("supervisor.added", name=ANI.full_name)
    assert [s.telegram_user_id for s in await tg.supervisors()] == [ANI.id]


async def test_atasan_by_an_unknown_username_says_how_to_do_it(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/atasan @nobody_here")

    assert tg.reply_to(raw) == t("supervisor.unknown_username", username="nobody_here")
    assert await tg.supervisors() == []


async def test_atasan_with_nothing_gets_usage(tg: Harness) -> None:
    await tg.setup_agency()

    raws = [await tg.say(ADMIN, "/atasan"), await tg.say(ADMIN, "/atasan Pak Hendra")]

    assert [tg.reply_to(r) for r in raws] == [t("supervisor.usage")] * 2
    assert await tg.supervisors() == []


async def test_atasan_by_a_non_admin_is_refused(tg: Harness) -> None:
    await tg.setup_agency()
    greeting = await tg.say(ANI, "Pagi")

    raw = await tg.say(BUDI, "/atasan", reply_to=greeting)

    assert tg.reply_to(raw) == t("admin.only")
    assert await tg.supervisors() == []
