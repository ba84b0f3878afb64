"""Location answers: a reaction when accepted, a short reason when not, a row in the record."""

from __future__ import annotations

from datetime import timedelta

from bot.texts import t
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
from tests.transport.updates import Chat


async def ready(tg: Harness) -> None:
    """An agency with Budi and Ani registered, at 07:00 WIB on the test Wednesday."""
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)


def sent_count(tg: Harness) -> int:
    return len(tg.fake.sent("sendMessage"))


async def test_location_in_the_open_window_gets_a_thumbs_up_and_a_report(tg: Harness) -> None:
    await ready(tg)
    before = sent_count(tg)
    tg.at(7, 31)

    raw = await tg.share(BUDI, latitude=-6.2, longitude=106.81, accuracy=12.5)

    assert tg.reactions(raw) == ["👍"]
    assert sent_count(tg) == before  # the group stays quiet
    reports = await tg.reports("07:30")
    assert list(reports) == [BUDI_NIP]
    report = reports[BUDI_NIP]
    assert (report.status, report.latitude, report.longitude, report.accuracy) == (
        "hadir",
        -6.2,
        106.81,
        12.5,
    )
    assert report.first_at == wib(7, 31)
    assert report.message_id == raw["message"]["message_id"]
    assert report.live is False


async def test_location_after_the_deadline_same_day_is_late(tg: Harness) -> None:
    await ready(tg)
    tg.at(8, 10)

    raw = await tg.share(BUDI)

    assert tg.reactions(raw) == ["👌"]
    assert tg.replies_to(raw) == []
    assert (await tg.reports("07:30"))[BUDI_NIP].status == "terlambat"


async def test_the_deadline_minute_itself_is_still_on_time(tg: Harness) -> None:
    await ready(tg)
    tg.at(8, 0, 0)
    on_time = await tg.share(BUDI)
    tg.at(8, 0, 1)
    late = await tg.share(ANI)

    assert (tg.reactions(on_time), tg.reactions(late)) == (["👍"], ["👌"])
    reports = await tg.reports("07:30")
    assert (reports[BUDI_NIP].status, reports[ANI_NIP].status) == ("hadir", "terlambat")


async def test_the_second_window_is_its_own_report(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 40)
    await tg.share(BUDI)
    tg.at(11, 35)
    raw = await tg.share(BUDI)

    assert tg.reactions(raw) == ["👍"]
    assert list(await tg.reports("07:30")) == [BUDI_NIP]
    assert list(await tg.reports("11:30")) == [BUDI_NIP]
    assert len(await tg.all_reports()) == 2


async def test_live_location_edits_update_the_report_silently(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)
    live = await tg.share(BUDI, latitude=-6.2000, longitude=106.8000, live_period=3600)
    calls_after_start = len(tg.fake.calls)

    tg.at(7, 45)
    await tg.feed(tg.updates.live_moved(live, -6.2010, 106.8010, accuracy=8.0))
    tg.at(8, 5)  # past the deadline: the answer stays on time, the point moves on
    last = await tg.feed(tg.updates.live_moved(live, -6.2020, 106.8020))

    assert tg.reactions(live) == ["👍"]
    assert len(tg.fake.calls) == calls_after_start  # no reply, no reaction for edits
    report = (await tg.reports("07:30"))[BUDI_NIP]
    assert report.status == "hadir"
    assert report.live is True
    assert (report.latitude, report.longitude) == (-6.2020, 106.8020)
    assert (report.first_at, report.last_at) == (wib(7, 35), wib(8, 5))
    events = await tg.location_events()
    assert [e.edit_date for e in events] == [
        0,
        int(wib(7, 45).timestamp()),
        last["edited_message"]["edit_date"],
    ]
    assert events[0].live_until == wib(8, 35)
    assert len(await tg.all_reports()) == 1


async def test_a_redelivered_live_edit_is_recorded_once(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 35)
    live = await tg.share(BUDI, live_period=900)
    tg.at(7, 40)
    moved = tg.updates.live_moved(live, -6.3, 106.9)

    await tg.feed(moved)
    await tg.feed(moved)  # Telegram redelivers after a crash before the offset was stored

    assert len(await tg.location_events()) == 2
    assert len(await tg.all_reports()) == 1


async def test_a_live_location_that_moves_into_the_next_window_answers_it(tg: Harness) -> None:
    await ready(tg)
    tg.at(11, 20)
    live = await tg.share(BUDI, live_period=8 * 3600)
    tg.at(11, 32)
    await tg.feed(tg.updates.live_moved(live, -6.25, 106.85))

    reports_0730 = await tg.reports("07:30")
    reports_1130 = await tg.reports("11:30")
    assert reports_0730[BUDI_NIP].status == "terlambat"  # 11:20 still belongs to 07:30
    assert reports_1130[BUDI_NIP].status == "hadir"
    assert reports_1130[BUDI_NIP].first_at == wib(11, 32)


async def test_a_forwarded_location_gets_a_short_reply_and_is_not_recorded(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 31)

    raw = await tg.feed(tg.updates.forwarded_location(tg.group, BUDI, original_sender=ANI))

    assert tg.reply_to(raw) == t("location.forwarded")
    assert tg.reactions(raw) == []
    assert await tg.all_reports() == []
    assert await tg.location_events() == []


async def test_a_venue_gets_a_short_reply_and_is_not_recorded(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 31)

    raw = await tg.feed(tg.updates.venue(tg.group, BUDI))

    assert tg.reply_to(raw) == t("location.venue")
    assert tg.reactions(raw) == []
    assert await tg.all_reports() == []


async def test_an_unregistered_sender_is_told_to_register(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 31)

    raw = await tg.share(KADIS)

    assert tg.reply_to(raw) == t("location.unregistered")
    assert tg.reactions(raw) == []
    assert await tg.all_reports() == []


async def test_a_location_before_the_first_window_names_the_next_one(tg: Harness) -> None:
    await ready(tg)
    tg.at(6, 45)

    raw = await tg.share(BUDI)

    assert tg.reply_to(raw) == t("location.no_window", next_window="07:30", zone="WIB")
    assert "07:30" in tg.reply_to(raw)
    assert tg.reactions(raw) == []
    assert await tg.all_reports() == []


async def test_a_location_on_a_weekend_says_it_is_a_day_off(tg: Harness) -> None:
    await ready(tg)
    tg.clock.set(wib(7, 31) + timedelta(days=3))  # Saturday

    raw = await tg.share(BUDI)

    assert tg.reply_to(raw) == t("location.day_off")
    assert await tg.all_reports() == []


async def test_windows_follow_the_agency_zone(tg: Harness) -> None:
    await ready(tg)
    await tg.say(ADMIN, "/zona WITA")
    tg.at(6, 31)  # 07:31 WITA

    on_time = await tg.share(BUDI)
    tg.at(7, 31)  # 08:31 WITA
    late = await tg.share(ANI)

    assert (tg.reactions(on_time), tg.reactions(late)) == (["👍"], ["👌"])
    reports = await tg.reports("07:30")
    assert (reports[BUDI_NIP].status, reports[ANI_NIP].status) == ("hadir", "terlambat")


async def test_a_registered_member_may_answer_in_private(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 33)

    raw = await tg.share(BUDI, chat=Chat.private(BUDI), latitude=-6.3, longitude=106.7)

    assert tg.reactions(raw) == ["👍"]
    assert tg.fake.texts(BUDI.id) == []
    report = (await tg.reports("07:30"))[BUDI_NIP]
    assert (report.status, report.chat_id, report.latitude) == ("hadir", BUDI.id, -6.3)


async def test_a_stranger_in_private_is_told_to_register(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 33)

    raw = await tg.share(KADIS, chat=Chat.private(KADIS))

    assert tg.reply_to(raw) == t("location.unregistered")
    assert await tg.all_reports() == []


async def test_a_location_in_an_unregistered_group_is_ignored_quietly(tg: Harness) -> None:
    tg.at(7, 31)
    other = Chat(-1009999999999, "supergroup", "Arisan RT 05")

    raw = await tg.share(BUDI, chat=other)

    assert tg.replies_to(raw) == []
    assert tg.reactions(raw) == []
    assert tg.fake.calls == []


async def test_a_polling_batch_is_answered_one_by_one(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 32)
    budi = tg.updates.location(tg.group, BUDI)
    ani = tg.updates.location(tg.group, ANI, live_period=600)
    stranger = tg.updates.location(tg.group, KADIS)

    await tg.feed_batch([budi, ani, stranger])

    assert (tg.reactions(budi), tg.reactions(ani), tg.reactions(stranger)) == (
        ["👍"],
        ["👍"],
        [],
    )
    assert tg.reply_to(stranger) == t("location.unregistered")
    reports = await tg.reports("07:30")
    assert sorted(reports) == sorted([BUDI_NIP, ANI_NIP])
    assert {r.status for r in reports.values()} == {"hadir"}


async def test_a_redelivered_location_update_is_recorded_once(tg: Harness) -> None:
    await ready(tg)
    tg.at(7, 31)
    raw = tg.updates.location(tg.group, BUDI)

    await tg.feed(raw)
    await tg.feed(raw)  # the offset was not confirmed before a crash: the same update again

    assert len(await tg.all_reports()) == 1
    assert len(await tg.location_events()) == 1


async def test_a_live_location_started_early_counts_once_it_moves_in_the_window(
    tg: Harness,
) -> None:
    await ready(tg)
    tg.at(7, 10)
    live = await tg.share(BUDI, live_period=4 * 3600)
    assert tg.reply_to(live) == t("location.no_window", next_window="07:30", zone="WIB")

    tg.at(7, 36)
    await tg.feed(tg.updates.live_moved(live, -6.21, 106.82))

    report = (await tg.reports("07:30"))[BUDI_NIP]
    assert (report.status, report.first_at, report.live) == ("hadir", wib(7, 36), True)
    assert tg.replies_to(live) == [t("location.no_window", next_window="07:30", zone="WIB")]


async def test_a_live_location_still_live_counts_for_the_next_window_without_edits(
    tg: Harness,
) -> None:
    await ready(tg)
    tg.at(7, 35)
    await tg.share(BUDI, live_period=8 * 3600)  # live until 15:35, never moves
    tg.at(12, 0)

    await tg.tick()

    summary = tg.fake.texts(tg.group.id)[-1]
    assert summary.startswith("📋") and "11:30" in summary
    assert BUDI.full_name not in summary
