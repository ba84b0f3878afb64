"""Reminders halfway to the deadline: one group message with text mentions, once."""

from __future__ import annotations

from datetime import timedelta

from tests.transport.conftest import ADMIN, ANI, BUDI, DAY, KADIS, Harness, wib
from tests.transport.rules_world import agency_with_supervisors

HEAD = "⏰ Pengingat jendela 07:30 WIB: tenggat pukul 08:00 WIB. Belum mengirim lokasi:"


def reminders(tg: Harness) -> list[dict[str, object]]:
    return [
        c.params
        for c in tg.fake.sent("sendMessage", chat_id=tg.group.id)
        if str(c.params.get("text", "")).startswith("⏰")
    ]


async def test_one_reminder_with_text_mentions_of_who_has_not_answered(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    hendra = await tg.say(KADIS, "Siap")
    await tg.say(ADMIN, "/peran pimpinan", reply_to=hendra)
    tg.at(7, 30)
    await tg.tick()
    tg.at(7, 33)
    await tg.share(BUDI)
    tg.at(7, 44)
    assert (await tg.tick()).reminders == 0

    for minute in (45, 46, 50, 59):
        tg.at(7, minute)
        await tg.tick()

    (sent,) = reminders(tg)
    assert sent["parse_mode"] == "HTML"
    assert sent["text"] == f'{HEAD}\n<a href="tg://user?id={ANI.id}">Ani Wulandari</a>'


async def test_no_reminder_on_a_holiday(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    natal = DAY.replace(month=12, day=25)
    for minute in range(30, 61, 5):
        tg.clock.set(wib(7, 30, day=natal) + timedelta(minutes=minute - 30))
        await tg.tick()
    assert reminders(tg) == []


async def test_nobody_missing_means_no_reminder(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 30)
    await tg.tick()
    for person in (BUDI, ANI, KADIS):
        await tg.share(person)
    tg.at(7, 45)
    assert (await tg.tick()).reminders == 0
    assert reminders(tg) == []
