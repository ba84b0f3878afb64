"""/piket (set by admins, shown to anyone) and the piket check at the first window's deadline."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlmodel import select

from bot.texts import render_notice, t
from handlers.geo import GeoRules
from handlers.piket import PiketService
from handlers.schedule import ZONES
from storage.tables import Member
from storage.tables_geo import PiketCheck, PiketDuty
from tests.transport.conftest import (
    ADMIN,
    ANI,
    ANI_NIP,
    BUDI,
    BUDI_NIP,
    DAY,
    KADIS,
    Harness,
)
from tests.transport.updates import Person

OFFICE = (-6.1754, 106.8272)
HOME = (-6.35, 106.70)  # about 20 km away
CITRA = Person(603, "Citra", "Lestari")
DEDI = Person(604, "Dedi", "Pratama")
EKA = Person(605, "Eka", "Saputra")
EXTRA = [
    (CITRA, "199203142016041001"),
    (DEDI, "198807072012121002"),
    (EKA, "199505052019032003"),
]
TODAY = DAY.strftime("%d-%m-%Y")


async def ready(tg: Harness, *, office: bool = True) -> None:
    """Five members, Pak Hendra supervisor (started), the office point set; 07:00 WIB."""
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    for person, nip in EXTRA:
        await tg.register(person, nip)
    hello = await tg.say(KADIS, "Selamat pagi")
    await tg.say(ADMIN, "/atasan", reply_to=hello)
    tg.fake.started_users.add(KADIS.id)
    if office:
        await tg.say(ADMIN, "/kantor")
        await tg.share(ADMIN, latitude=OFFICE[0], longitude=OFFICE[1])


async def roster(tg: Harness) -> list[str]:
    async with tg.app.db.read() as session:
        rows = (await session.execute(select(PiketDuty))).scalars()
        ids = {r.member_id for r in rows if r.day == DAY}
    return sorted(m.full_name for m in await tg.members() if m.id in ids)


def warnings(tg: Harness) -> list[str]:
    return [x for x in tg.fake.texts(KADIS.id) if x.startswith("🚨")]


# --- the roster ----------------------------------------------------------------------------


async def test_admin_sets_todays_roster_by_names_and_nips(tg: Harness) -> None:
    await ready(tg)

    raw = await tg.say(ADMIN, f"/piket Budi Santoso, {ANI_NIP}; citra")

    assert tg.reply_to(raw) == t(
        "piket.set",
        date=TODAY,
        names="Budi Santoso, Ani Wulandari, Citra Lestari",
        count=3,
        minimum=5,
    )
    assert await roster(tg) == ["Ani Wulandari", "Budi Santoso", "Citra Lestari"]


async def test_piket_alone_shows_the_roster_to_anyone(tg: Harness) -> None:
    await ready(tg)
    empty = await tg.say(BUDI, "/piket")
    await tg.say(ADMIN, "/piket Budi Santoso, Ani Wulandari")

    shown = await tg.say(BUDI, "/piket")

    assert tg.reply_to(empty) == t("piket.empty", date=TODAY, minimum=5)
    assert tg.reply_to(shown) == t(
        "piket.show", date=TODAY, names="Ani Wulandari, Budi Santoso", count=2, minimum=5
    )


async def test_a_reply_adds_that_member_to_the_roster(tg: Harness) -> None:
    await ready(tg)
    await tg.say(ADMIN, "/piket Budi Santoso")
    hello = await tg.say(ANI, "Saya piket hari ini")

    raw = await tg.say(ADMIN, "/piket", reply_to=hello)

    assert tg.reply_to(raw).startswith("✅")
    assert await roster(tg) == ["Ani Wulandari", "Budi Santoso"]


@pytest.mark.parametrize(
    ("args", "key", "names"),
    [
        ("Budi Santoso, Siapa Saja", "piket.unknown", "Siapa Saja"),
        ("198503122010011009", "piket.unknown", "198503122010011009"),
        ("a", "piket.ambiguous", "a"),  # in every name
        (",,", "piket.usage", None),
    ],
)
async def test_bad_names_store_nothing(tg: Harness, args: str, key: str, names: str | None) -> None:
    await ready(tg)

    raw = await tg.say(ADMIN, f"/piket {args}")

    expected = t(key, names=names) if names is not None else t(key)
    assert tg.reply_to(raw) == expected
    assert await roster(tg) == []


async def test_only_admins_change_the_roster(tg: Harness) -> None:
    await ready(tg)

    raw = await tg.say(BUDI, "/piket Budi Santoso")

    assert tg.reply_to(raw) == t("admin.only")
    assert await roster(tg) == []


# --- the check at the first window's deadline ----------------------------------------------


async def check_in(tg: Harness, people: list[Person], *, at_office: int) -> None:
    """The first ``at_office`` people share from the office, the others from home."""
    for i, person in enumerate(people):
        tg.at(7, 35, i)
        spot = OFFICE if i < at_office else HOME
        await tg.share(person, latitude=spot[0], longitude=spot[1], accuracy=10.0)


ALL = [BUDI, ANI, CITRA, DEDI, EKA]


@pytest.mark.parametrize(("at_office", "warned"), [(5, False), (4, True)])
async def test_five_at_the_office_is_enough_four_is_not(
    tg: Harness, at_office: int, warned: bool
) -> None:
    await ready(tg)
    await tg.say(ADMIN, "/piket " + ", ".join(p.full_name for p in ALL))
    await check_in(tg, ALL, at_office=at_office)

    tg.at(8, 0, 30)
    await tg.tick()
    tg.at(8, 5)
    await tg.tick()  # once a day: the second tick owes nothing

    found = warnings(tg)
    assert len(found) == (1 if warned else 0)
    if warned:
        assert "4 dari minimum 5" in found[0]
        assert found[0].endswith("1. Eka Saputra")
    async with tg.app.db.read() as session:
        [check] = (await session.execute(select(PiketCheck))).scalars()
    assert (check.day, check.present, check.minimum) == (DAY, at_office, 5)


async def test_nobody_on_piket_means_no_check_and_no_warning(tg: Harness) -> None:
    await ready(tg)
    await check_in(tg, ALL, at_office=0)
    tg.at(8, 1)

    await tg.tick()

    assert warnings(tg) == []


async def test_without_an_office_point_nobody_counts_and_the_warning_says_why(
    tg: Harness,
) -> None:
    await ready(tg, office=False)
    await tg.say(ADMIN, "/piket Budi Santoso, Ani Wulandari")
    await check_in(tg, [BUDI, ANI], at_office=2)
    tg.at(8, 1)

    await tg.tick()

    [warning] = warnings(tg)
    assert t("piket.shortfall_no_office") in warning
    assert t("piket.shortfall_roster", count=2, minimum=5) in warning
    assert "Budi Santoso" in warning and "Ani Wulandari" in warning


async def make_piket(tg: Harness, person: Person) -> None:
    member = await tg.member(person)
    assert member is not None
    async with tg.app.db.transaction() as session:
        row = await session.get(Member, member.id)
        assert row is not None
        row.role = "piket"


async def test_the_piket_role_counts_without_a_roster(tg: Harness) -> None:
    await ready(tg)
    await make_piket(tg, BUDI)
    await check_in(tg, [BUDI], at_office=1)
    tg.at(8, 1)

    await tg.tick()

    [warning] = warnings(tg)
    assert "1 dari minimum 5" in warning
    assert (await tg.reports("07:30"))[BUDI_NIP].tier == "lemah"  # static, at the office


@pytest.mark.parametrize("zone", ["WIB", "WITA", "WIT"])
async def test_the_check_waits_for_the_first_deadline_in_the_agency_zone(
    tg: Harness, zone: str
) -> None:
    await ready(tg, office=False)
    await tg.say(ADMIN, f"/zona {zone}")
    await make_piket(tg, BUDI)
    deadline = datetime.combine(DAY + timedelta(days=1), time(8, 0), tzinfo=ZONES[zone])

    tg.clock.set(deadline - timedelta(seconds=1))
    await tg.tick()
    assert warnings(tg) == []

    tg.clock.set(deadline + timedelta(seconds=1))
    await tg.tick()
    assert len(warnings(tg)) == 1


# --- rotation ------------------------------------------------------------------------------


async def test_a_weekly_rotation_applies_on_days_without_a_roster(tg: Harness) -> None:
    await ready(tg)
    rules = GeoRules(piket_rotation={"DISKOMINFO": {3: (BUDI_NIP, ANI_NIP)}})  # Wednesdays
    piket = PiketService(db=tg.app.db, clock=tg.clock, rules=rules)
    agency = await tg.agency()
    assert agency is not None

    shown = await piket.show(chat_id=tg.group.id)
    assert (shown.key, shown.params["names"]) == (
        "piket.show_rotation",
        "Ani Wulandari, Budi Santoso",
    )

    await check_in(tg, [BUDI, ANI], at_office=1)
    tg.at(8, 1)
    await tg.app.rounds.tick()
    assert await piket.tick() == 1
    async with tg.app.db.read() as session:
        notices = await session.execute(select(PiketCheck))
        assert [c.present for c in notices.scalars()] == [1]

    text = render_notice(
        "piket_shortfall",
        {
            "agency": "A",
            "code": "B",
            "day": DAY.isoformat(),
            "window": "07:30",
            "zone": "WIB",
            "present": 1,
            "minimum": 5,
            "roster": 2,
            "missing": ["Ani Wulandari"],
            "office_set": True,
        },
    )
    assert text.endswith("1. Ani Wulandari")
