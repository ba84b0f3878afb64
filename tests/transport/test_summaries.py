"""Prompts and summaries: decided by app.tick(), sent through the real Bot to the fake API."""

from __future__ import annotations

from typing import Any

from bot.texts import render_summary, t
from tests.transport.conftest import (
    ADMIN,
    AGENCY_CODE,
    AGENCY_NAME,
    ANI,
    ANI_NIP,
    BUDI,
    BUDI_NIP,
    DAY,
    KADIS,
    Harness,
)
from tests.transport.updates import Chat

WINDOW = {"window": "07:30", "deadline": "08:00", "zone": "WIB"}


def summary_text(*, on_time: int, late: int, missing: list[str], **extra: Any) -> str:
    payload = {
        "agency": AGENCY_NAME,
        "code": AGENCY_CODE,
        "day": DAY.isoformat(),
        **WINDOW,
        "expected": 2,
        "on_time": on_time,
        "late": late,
        "missing": missing,
        **extra,
    }
    return render_summary(payload)


async def agency_with_supervisor(tg: Harness) -> None:
    """Budi and Ani registered, Pak Hendra (not a member) made supervisor, 07:00 WIB."""
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    hello = await tg.say(KADIS, "Selamat pagi semua")
    await tg.say(ADMIN, "/atasan", reply_to=hello)
    assert [s.telegram_user_id for s in await tg.supervisors()] == [KADIS.id]


def private_attempts(tg: Harness, user_id: int) -> list[int]:
    """HTTP statuses of every sendMessage the bot tried towards a user."""
    return [c.status for c in tg.fake.calls if c.method == "sendMessage" and c.chat_id == user_id]


async def test_the_prompt_goes_to_the_group_once_when_the_window_opens(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    group_before = len(tg.fake.texts(tg.group.id))

    tg.at(7, 29)
    early = await tg.tick()
    tg.at(7, 30)
    first = await tg.tick()
    tg.at(7, 45)
    again = await tg.tick()

    assert (early.prompts, first.prompts, again.prompts) == (0, 1, 0)
    prompt = t("prompt", agency=AGENCY_NAME, expected=2, **WINDOW)
    # 07:45 is also halfway to the deadline: the reminder follows the one prompt.
    assert again.reminders == 1
    new = tg.fake.texts(tg.group.id)[group_before:]
    assert new[0] == prompt and [x for x in new if x.startswith("📍")] == [prompt]


async def test_a_started_supervisor_gets_the_summary_privately(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    tg.fake.started_users.add(KADIS.id)
    tg.at(7, 31)
    await tg.share(BUDI)
    group_before = len(tg.fake.texts(tg.group.id))

    tg.at(7, 59)
    before_deadline = await tg.tick()
    tg.at(8, 0)
    at_deadline = await tg.tick()

    assert before_deadline.summaries == 0
    assert at_deadline.summaries == 1
    assert tg.fake.texts(KADIS.id) == [summary_text(on_time=1, late=0, missing=[ANI.full_name])]
    assert f"1. {ANI.full_name}" in tg.fake.texts(KADIS.id)[0]
    assert BUDI.full_name not in tg.fake.texts(KADIS.id)[0]
    # the group got the prompt (the 07:59 tick), never the summary
    assert tg.fake.texts(tg.group.id)[group_before:] == [
        t("prompt", agency=AGENCY_NAME, expected=2, **WINDOW)
    ]

    tg.at(8, 1)
    await tg.tick()
    tg.at(9, 0)
    await tg.tick()
    assert len(tg.fake.texts(KADIS.id)) == 1


async def test_the_summary_counts_late_answers(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    tg.fake.started_users.add(KADIS.id)
    tg.at(7, 40)
    await tg.share(ANI)
    tg.at(8, 0)
    await tg.tick()
    tg.at(8, 20)
    late = await tg.share(BUDI)  # after the summary: shows as late, but that summary is gone

    assert tg.reactions(late) == ["👌"]
    assert tg.fake.texts(KADIS.id) == [summary_text(on_time=1, late=0, missing=[BUDI.full_name])]

    tg.at(11, 31)
    await tg.share(BUDI)
    tg.at(12, 5)
    await tg.share(ANI, latitude=-6.25, longitude=106.8)  # not Budi's digits: that is a red flag
    tg.at(12, 6)
    await tg.tick()
    assert tg.fake.texts(KADIS.id)[1] == summary_text(
        on_time=1,
        late=1,
        missing=[],
        window="11:30",
        deadline="12:00",
        names={"terlambat": [ANI.full_name]},
    )


async def test_an_unstarted_supervisor_is_asked_in_the_group_to_start_the_bot(
    tg: Harness,
) -> None:
    await agency_with_supervisor(tg)
    tg.at(8, 0)
    group_before = len(tg.fake.texts(tg.group.id))

    result = await tg.tick()

    assert result.summaries == 1
    assert private_attempts(tg, KADIS.id) == [403]
    group = tg.fake.texts(tg.group.id)[group_before:]
    expected = summary_text(
        on_time=0, late=0, missing=[ANI.full_name, BUDI.full_name], ask_start=[KADIS.full_name]
    )
    assert group == [expected]
    assert t("summary.ask_start", names=KADIS.full_name) in group[0]
    assert "/start" in group[0]

    for minute in (1, 15, 45):
        tg.at(8, minute)
        await tg.tick()
    assert tg.fake.texts(tg.group.id)[group_before:] == [expected]
    assert private_attempts(tg, KADIS.id) == [403]


async def test_once_started_the_supervisor_gets_the_next_summary_privately(
    tg: Harness,
) -> None:
    await agency_with_supervisor(tg)
    tg.at(8, 0)
    await tg.tick()
    assert private_attempts(tg, KADIS.id) == [403]

    start = await tg.say(KADIS, "/start", chat=Chat.private(KADIS))
    tg.at(12, 0)
    await tg.tick()

    assert t("help.supervisor") in tg.reply_to(start)
    summaries = [text for text in tg.fake.texts(KADIS.id) if text.startswith("📋")]
    assert summaries == [
        summary_text(
            on_time=0,
            late=0,
            missing=[ANI.full_name, BUDI.full_name],
            window="11:30",
            deadline="12:00",
        )
    ]


async def test_two_unstarted_supervisors_share_one_group_message(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    hello = await tg.say(ANI, "Siap")
    await tg.say(ADMIN, "/atasan", reply_to=hello)
    tg.at(8, 0)
    group_before = len(tg.fake.texts(tg.group.id))

    await tg.tick()

    group = tg.fake.texts(tg.group.id)[group_before:]
    assert len(group) == 1
    names = f"{KADIS.full_name}, {ANI.full_name}"
    assert t("summary.ask_start", names=names) in group[0]


async def test_without_supervisors_the_group_sees_the_summary(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    tg.at(7, 50)
    await tg.share(ANI)
    tg.at(8, 0)
    group_before = len(tg.fake.texts(tg.group.id))

    await tg.tick()
    tg.at(8, 5)
    await tg.tick()

    assert tg.fake.texts(tg.group.id)[group_before:] == [
        summary_text(on_time=1, late=0, missing=[BUDI.full_name], ask_start=[])
    ]
    assert "/start" not in tg.fake.texts(tg.group.id)[-1]
