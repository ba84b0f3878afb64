"""Verification tiers, red flags and live-location coverage, through the real Dispatcher."""

from __future__ import annotations

from typing import Any

from geographiclib.geodesic import Geodesic
from sqlmodel import select

from bot.texts import t
from storage import geo as geo_repo
from storage.tables import Member
from storage.tables_geo import LiveShare, LocationFlag
from tests.transport.conftest import (
    ADMIN,
    ANI,
    ANI_NIP,
    BUDI,
    BUDI_NIP,
    KADIS,
    Harness,
    wib,
)

HOME = (-6.301234, 106.712345)
OFFICE = (-6.1754, 106.8272)


def toward(origin: tuple[float, float], metres: float) -> tuple[float, float]:
    found = Geodesic.WGS84.Direct(origin[0], origin[1], 90.0, metres)
    return found["lat2"], found["lon2"]


async def ready(tg: Harness, *, home_for: tuple[Any, ...] = (BUDI,)) -> None:
    """Budi and Ani registered; Pak Hendra supervisor; approved home points for ``home_for``."""
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    hello = await tg.say(KADIS, "Selamat pagi")
    await tg.say(ADMIN, "/atasan", reply_to=hello)
    tg.fake.started_users.add(KADIS.id)
    for person in home_for:
        member = await tg.member(person)
        assert member is not None and member.id is not None
        async with tg.app.db.transaction() as session:
            point = await geo_repo.request_home_point(
                session,
                agency_id=member.agency_id,
                member_id=member.id,
                latitude=HOME[0],
                longitude=HOME[1],
                accuracy=10.0,
                now=tg.clock.now(),
            )
            assert point.id is not None
            assert await geo_repo.decide_home_point(
                session,
                point_id=point.id,
                approve=True,
                decided_by=KADIS.id,
                decider_name=KADIS.full_name,
                now=tg.clock.now(),
            )


async def set_role(tg: Harness, person: Any, role: str) -> None:
    member = await tg.member(person)
    assert member is not None
    async with tg.app.db.transaction() as session:
        row = await session.get(Member, member.id)
        assert row is not None
        row.role = role


async def flags(tg: Harness) -> list[tuple[str, str, str]]:
    """(member NIP, window, kind) of every stored flag."""
    async with tg.app.db.read() as session:
        nips = {m.id: m.nip for m in (await session.execute(select(Member))).scalars()}
        rows = (await session.execute(select(LocationFlag))).scalars()
        return sorted((nips[f.member_id], f.window, f.kind) for f in rows)


# --- tiers ---------------------------------------------------------------------------------

TIER_CASES = [
    # (metres from home, accuracy, live period, tier)
    (20.0, 8.0, 3600, "terverifikasi"),
    (20.0, 8.0, None, "lemah"),  # static
    (20.0, None, 3600, "lemah"),  # no accuracy
    (155.0, 8.0, 3600, "terverifikasi"),  # beyond 150 m, within 150 + 8
    (159.0, 8.0, 3600, "di_luar"),
    (5_000.0, 8.0, None, "di_luar"),
]


async def test_each_report_stores_its_tier_and_distance(tg: Harness) -> None:
    await ready(tg)
    for i, (metres, accuracy, live, tier) in enumerate(TIER_CASES):
        tg.at(7, 31 + i)
        lat, lon = toward(HOME, metres)
        await tg.share(BUDI, latitude=lat, longitude=lon, accuracy=accuracy, live_period=live)
        report = (await tg.reports("07:30"))[BUDI_NIP]
        assert (report.tier, round(report.distance_m or 0, 1)) == (tier, metres), (metres, live)


async def test_without_an_approved_home_point_the_tier_is_tanpa_titik(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)

    await tg.share(ANI, latitude=HOME[0], longitude=HOME[1], accuracy=5.0, live_period=600)

    report = (await tg.reports("07:30"))[ANI_NIP]
    assert (report.tier, report.distance_m) == ("tanpa_titik", None)


async def test_piket_is_checked_at_the_office_and_lapangan_not_at_all(tg: Harness) -> None:
    await ready(tg, home_for=(BUDI, ANI))
    await tg.say(ADMIN, "/radius 100")
    tg.at(7, 20)
    await tg.say(ADMIN, "/kantor")
    await tg.share(ADMIN, latitude=OFFICE[0], longitude=OFFICE[1])
    await set_role(tg, BUDI, "piket")
    await set_role(tg, ANI, "lapangan")
    tg.at(7, 35)

    await tg.share(BUDI, latitude=OFFICE[0], longitude=OFFICE[1], accuracy=5.0, live_period=900)
    await tg.share(ANI, latitude=-7.0, longitude=110.0, accuracy=5.0)

    reports = await tg.reports("07:30")
    assert (reports[BUDI_NIP].tier, reports[BUDI_NIP].distance_m) == ("terverifikasi", 0.0)
    assert (reports[ANI_NIP].tier, reports[ANI_NIP].status) == (None, "hadir")


async def test_a_live_track_that_wanders_off_ends_di_luar(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)
    live = await tg.share(BUDI, latitude=HOME[0], longitude=HOME[1], accuracy=5.0, live_period=3600)
    assert (await tg.reports("07:30"))[BUDI_NIP].tier == "terverifikasi"

    tg.at(7, 50)
    far = toward(HOME, 2_000.0)
    await tg.feed(tg.updates.live_moved(live, *far, accuracy=5.0))

    report = (await tg.reports("07:30"))[BUDI_NIP]
    assert report.tier == "di_luar"
    assert round(report.distance_m or 0) == 2000


# --- red flags -----------------------------------------------------------------------------


async def test_two_members_at_identical_coordinates_in_one_window_are_both_flagged(
    tg: Harness,
) -> None:
    await ready(tg)
    tg.at(7, 35)
    await tg.share(BUDI, latitude=-6.2, longitude=106.81, accuracy=5.0)
    tg.at(7, 40)
    await tg.share(ANI, latitude=-6.2, longitude=106.81, accuracy=5.0)
    tg.at(11, 35)  # a tenth of a millimetre apart is not identical
    await tg.share(BUDI, latitude=-6.3, longitude=106.9)
    await tg.share(ANI, latitude=-6.3, longitude=106.9000001)

    assert await flags(tg) == [
        (BUDI_NIP, "07:30", "titik_sama_pegawai"),
        (ANI_NIP, "07:30", "titik_sama_pegawai"),
    ]


async def test_two_members_in_one_polling_batch_are_flagged_too(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)
    spot: dict[str, Any] = {"latitude": -6.2, "longitude": 106.81}
    await tg.feed_batch(
        [tg.updates.location(tg.group, BUDI, **spot), tg.updates.location(tg.group, ANI, **spot)]
    )

    assert [f[2] for f in await flags(tg)] == ["titik_sama_pegawai", "titik_sama_pegawai"]


async def test_identical_coordinates_of_one_member_on_another_day_are_flagged(
    tg: Harness,
) -> None:
    await ready(tg)
    tg.clock.set(wib(7, 35).replace(day=24))  # Tuesday
    await tg.share(BUDI, latitude=HOME[0], longitude=HOME[1], accuracy=5.0)
    tg.at(7, 35)  # Wednesday, same digits
    await tg.share(BUDI, latitude=HOME[0], longitude=HOME[1], accuracy=5.0)
    tg.at(11, 35)  # and again the same day: the same day is no flag by itself
    await tg.share(BUDI, latitude=HOME[0] + 0.000001, longitude=HOME[1])

    assert await flags(tg) == [(BUDI_NIP, "07:30", "titik_sama_hari")]


async def test_a_jump_faster_than_150_km_per_hour_is_flagged(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)
    live = await tg.share(
        BUDI, latitude=HOME[0], longitude=HOME[1], accuracy=10.0, live_period=3600
    )
    tg.at(7, 45)  # 10 minutes: 24.9 km is under 150 km/h ...
    await tg.feed(tg.updates.live_moved(live, *toward(HOME, 24_900.0), accuracy=10.0))
    assert await flags(tg) == []
    tg.at(7, 46)  # ... 5 km more in one minute is not
    await tg.feed(tg.updates.live_moved(live, *toward(HOME, 30_000.0), accuracy=10.0))

    assert await flags(tg) == [(BUDI_NIP, "07:30", "lompatan")]


# --- live coverage -------------------------------------------------------------------------


async def summary_for(tg: Harness, window: str) -> str:
    texts = [x for x in tg.fake.texts(KADIS.id) if x.startswith("📋") and window in x]
    assert len(texts) == 1, texts
    return texts[0]


async def test_a_live_share_covers_later_windows_while_it_is_live(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)
    await tg.share(BUDI, latitude=HOME[0], longitude=HOME[1], accuracy=6.0, live_period=8 * 3600)
    tg.at(8, 1)
    await tg.tick()

    tg.at(11, 31)  # no edit since 07:35: the share is still live
    await tg.tick()
    tg.at(12, 1)
    await tg.tick()

    report = (await tg.reports("11:30"))[BUDI_NIP]
    assert (report.status, report.covered, report.live, report.tier) == (
        "hadir",
        True,
        True,
        "terverifikasi",
    )
    summary = await summary_for(tg, "jendela 11:30")
    assert BUDI.full_name not in summary and ANI.full_name in summary


async def test_a_share_that_expired_between_windows_does_not_cover_the_next(
    tg: Harness,
) -> None:
    await ready(tg)
    tg.at(7, 35)
    await tg.share(BUDI, latitude=HOME[0], longitude=HOME[1], live_period=3 * 3600)  # to 10:35
    for hour, minute in ((8, 1), (11, 31), (12, 1)):
        tg.at(hour, minute)
        await tg.tick()

    assert BUDI_NIP not in await tg.reports("11:30")
    assert BUDI.full_name in await summary_for(tg, "jendela 11:30")


async def test_a_stopped_share_does_not_cover_later_windows(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)
    live = await tg.share(BUDI, latitude=HOME[0], longitude=HOME[1], live_period=8 * 3600)
    tg.at(9, 0)
    stop = tg.updates.live_moved(live, HOME[0], HOME[1])
    stop["edited_message"]["location"].pop("live_period")
    await tg.feed(stop)
    for hour, minute in ((11, 31), (12, 1)):
        tg.at(hour, minute)
        await tg.tick()

    assert BUDI_NIP not in await tg.reports("11:30")
    async with tg.app.db.read() as session:
        [share] = (await session.execute(select(LiveShare))).scalars()
    assert (share.stopped_at, share.live_until) == (wib(9, 0), wib(9, 0))
    assert (await tg.reports("07:30"))[BUDI_NIP].live is True  # the stop did not touch 07:30


async def test_a_share_started_before_the_first_window_covers_it(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 10)
    early = await tg.share(BUDI, latitude=HOME[0], longitude=HOME[1], live_period=8 * 3600)
    assert tg.reply_to(early) == t("location.no_window", next_window="07:30", zone="WIB")
    tg.at(7, 31)

    await tg.tick()

    report = (await tg.reports("07:30"))[BUDI_NIP]
    assert (report.status, report.covered, report.first_at) == ("hadir", True, wib(7, 10))


# --- what the supervisor reads -------------------------------------------------------------


async def test_the_summary_names_who_is_worth_checking_and_says_it_proves_nothing(
    tg: Harness,
) -> None:
    await ready(tg, home_for=(BUDI, ANI))
    tg.at(7, 35)
    far = toward(HOME, 2_000.0)
    await tg.share(BUDI, latitude=far[0], longitude=far[1], accuracy=10.0, live_period=3600)
    await tg.share(ANI, latitude=far[0], longitude=far[1], accuracy=10.0)  # the same digits
    tg.at(8, 1)

    await tg.tick()

    summary = await summary_for(tg, "jendela 07:30")
    lines = summary.splitlines()
    tiers = t("summary.tiers", terverifikasi=0, lemah=0, di_luar=2, tanpa_titik=0)
    assert tiers in lines
    head = lines.index(t("summary.check_head"))
    assert lines[head + 1 : head + 5] == [
        f"• Ani Wulandari: {t('flag.di_luar', distance='2.0 km')}",
        f"• Ani Wulandari: {t('flag.titik_sama_pegawai', other='Budi Santoso')}",
        f"• Budi Santoso: {t('flag.di_luar', distance='2.0 km')}",
        f"• Budi Santoso: {t('flag.titik_sama_pegawai', other='Ani Wulandari')}",
    ]
    assert t("tier.disclaimer") in lines
    assert "terbukti" not in summary and "proven" not in summary


async def test_a_quiet_window_adds_nothing_to_the_summary(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)
    await tg.share(BUDI, latitude=HOME[0], longitude=HOME[1], accuracy=5.0, live_period=600)
    tg.at(8, 1)

    await tg.tick()

    summary = await summary_for(tg, "jendela 07:30")
    assert t("summary.check_head") not in summary
    assert t("summary.tiers", terverifikasi=1, lemah=0, di_luar=0, tanpa_titik=0) in summary
