"""Leave through the real Dispatcher: the request, the supervisors' inline buttons
(callback queries answered and messages edited), the member told, the summaries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.texts import t
from tests.transport.conftest import ANI, BUDI, DAY, KADIS, Harness, wib
from tests.transport.rules_world import (
    SEKDIS,
    agency_with_supervisors,
    buttons,
    callback_answers,
    last_message_to,
    leave_decisions,
    leave_requests,
    press,
    private,
)

IZIN_TODAY = t("leave.filed.izin", range="25-11-2026", days=1, supervisors=2)


async def test_izin_goes_to_every_supervisor_with_buttons(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)

    raw = await tg.say(BUDI, "/izin mengantar orang tua berobat")

    assert tg.reply_to(raw) == IZIN_TODAY
    (request,) = await leave_requests(tg)
    assert (request.kind, request.start_day, request.end_day, request.status) == (
        "izin",
        DAY,
        DAY,
        "pending",
    )
    assert request.reason == "mengantar orang tua berobat"
    for supervisor in (KADIS, SEKDIS):  # sent at once, not at the next tick
        message = last_message_to(tg, supervisor)
        assert "Budi Santoso" in message["text"] and "mengantar orang tua" in message["text"]
        assert [text for text, _ in buttons(message)] == ["✅ Setujui", "❌ Tolak"]


async def test_approve_answers_the_press_edits_every_copy_and_tells_the_member(
    tg: Harness,
) -> None:
    await agency_with_supervisors(tg)
    tg.fake.started_users.add(BUDI.id)
    tg.at(7, 5)
    await tg.say(BUDI, "/sakit demam, surat dokter menyusul")
    to_kadis, to_sekdis = last_message_to(tg, KADIS), last_message_to(tg, SEKDIS)
    approve = buttons(to_kadis)[0][1]

    tg.at(7, 12)
    raw = await press(tg, KADIS, to_kadis, approve)

    assert callback_answers(tg, raw) == [
        {"callback_query_id": raw["callback_query"]["id"], "text": "Disetujui ✅"}
    ]
    edits = [c.params for c in tg.calls("editMessageText")]
    assert {(e["chat_id"], e["message_id"]) for e in edits} == {
        (KADIS.id, to_kadis["message_id"]),
        (SEKDIS.id, to_sekdis["message_id"]),
    }
    decided = t("leave.decided.approved", decider="Hendra Kusuma", at="07:12", zone="WIB")
    for edit in edits:
        assert edit["text"].endswith(decided)
        assert "reply_markup" not in edit  # the buttons are gone
    assert buttons(tg.fake.messages[(KADIS.id, to_kadis["message_id"])]) == []
    assert tg.fake.texts(BUDI.id)[-1] == t(
        "leave.outcome.approved", kind="sakit", range="25-11-2026", decider="Hendra Kusuma"
    )
    (request,) = await leave_requests(tg)
    (decision,) = await leave_decisions(tg)
    assert (request.status, decision.decision, decision.decided_by) == (
        "approved",
        "approved",
        KADIS.id,
    )


async def test_a_second_decision_is_refused_and_changes_nothing(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    await tg.say(BUDI, "/dinas rapat di Kantor Gubernur Banten")
    to_kadis, to_sekdis = last_message_to(tg, KADIS), last_message_to(tg, SEKDIS)
    tg.at(7, 10)
    await press(tg, SEKDIS, to_sekdis, buttons(to_sekdis)[1][1])  # Ibu Sri rejects
    edits_before = len(tg.calls("editMessageText"))

    tg.at(7, 11)
    late = await press(tg, KADIS, to_kadis, buttons(to_kadis)[0][1])  # Pak Hendra approves

    (answered,) = callback_answers(tg, late)
    assert answered["text"] == t("leave.answer.already", decider="Sri Wahyuni")
    assert answered["show_alert"] is True
    (request,) = await leave_requests(tg)
    (decision,) = await leave_decisions(tg)
    assert (request.status, decision.decision, decision.decider_name) == (
        "rejected",
        "rejected",
        "Sri Wahyuni",
    )
    # Pak Hendra's stale copy now shows who decided, without buttons.
    shown = tg.calls("editMessageText")[edits_before:]
    assert shown and all(
        c.params["text"].endswith(
            t("leave.decided.rejected", decider="Sri Wahyuni", at="07:10", zone="WIB")
        )
        for c in shown
    )


async def test_only_a_supervisor_of_that_agency_can_decide(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    await tg.say(BUDI, "/izin keperluan keluarga")
    to_kadis = last_message_to(tg, KADIS)

    raw = await press(tg, ANI, to_kadis, buttons(to_kadis)[0][1])  # a forwarded copy, say

    (answered,) = callback_answers(tg, raw)
    assert answered["text"] == t("leave.answer.not_supervisor")
    assert answered["show_alert"] is True
    assert tg.calls("editMessageText") == []
    assert [r.status for r in await leave_requests(tg)] == ["pending"]
    assert await leave_decisions(tg) == []


async def test_pending_shows_as_izin_menunggu_and_approved_as_its_kind(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    await tg.say(BUDI, "/izin urusan bank")
    await tg.say(ANI, "/sakit flu")
    to_kadis = last_message_to(tg, KADIS)  # Ani's request, the latest
    await press(tg, KADIS, to_kadis, buttons(to_kadis)[0][1])
    tg.at(7, 30)
    await tg.tick()
    tg.at(8, 0)
    await tg.tick()

    summary = tg.fake.texts(KADIS.id)[-1]
    assert summary.startswith("📋")
    lines = summary.splitlines()
    # Budi pending, Ani sick (approved), Hendra silent: expected = Budi + Hendra.
    assert "Diharapkan 2 · hadir 0 · terlambat 0 · tidak merespons 1" in lines
    assert "izin (menunggu) 1 · sakit 1" in lines
    assert "Izin (menunggu): Budi Santoso" in lines and "Sakit: Ani Wulandari" in lines


async def test_cuti_across_a_weekend_excuses_friday_and_monday(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    raw = await tg.say(BUDI, "/cuti 27-11 30-11 mengurus KTP di kampung")
    assert tg.reply_to(raw) == t(
        "leave.filed.cuti", range="27-11-2026 – 30-11-2026", days=2, supervisors=2
    )
    to_kadis = last_message_to(tg, KADIS)
    await press(tg, KADIS, to_kadis, buttons(to_kadis)[0][1])

    for offset, excused in ((0, False), (2, True), (5, True), (6, False)):
        day = DAY + timedelta(days=offset)
        tg.clock.set(wib(7, 30, day=day))
        await tg.tick()
        tg.clock.set(wib(8, 0, day=day))
        await tg.tick()
        summary = tg.fake.texts(KADIS.id)[-1]
        assert day.strftime("%d-%m-%Y") in summary
        assert ("Cuti: Budi Santoso" in summary.splitlines()) is excused, (day, summary)


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("/izin", t("leave.usage.izin")),
        ("/sakit", t("leave.usage.sakit")),
        ("/dinas   ", t("leave.usage.dinas")),
        ("/cuti", t("leave.usage.cuti")),
        ("/cuti besok", t("leave.usage.cuti")),
        ("/cuti 31-02-2026", t("leave.bad_date", given="31-02-2026")),
        ("/cuti 28-11 30-02", t("leave.bad_date", given="30-02")),
        ("/cuti 30-11-2026 27-11-2026", t("leave.reversed", start="30-11-2026", end="27-11-2026")),
        ("/cuti 20-11-2026 27-11-2026", t("leave.past", today="25-11-2026")),
        ("/cuti 01-12-2026 31-03-2027", t("leave.too_long", max=92)),
        ("/cuti 28-11 29-11", t("leave.no_working_day", range="28-11-2026 – 29-11-2026")),
        ("/izin " + "x" * 501, t("leave.usage.izin")),
    ],
)
async def test_bad_leave_requests_get_the_usage_and_store_nothing(
    tg: Harness, text: str, reply: str
) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    sent_before = len(tg.fake.sent("sendMessage"))

    raw = await tg.say(BUDI, text)

    assert tg.reply_to(raw) == reply
    assert await leave_requests(tg) == []
    assert len(tg.fake.sent("sendMessage")) == sent_before + 1  # the reply, nothing more


async def test_a_day_is_requested_once_and_without_supervisors_nothing_is_stored(
    tg: Harness,
) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    await tg.say(BUDI, "/cuti 26-11 27-11 acara keluarga")
    again = await tg.say(BUDI, "/cuti 27-11 28-11 acara keluarga")
    assert tg.reply_to(again) == t("leave.overlap.pending", range="26-11-2026 – 27-11-2026")
    assert len(await leave_requests(tg)) == 1

    other = await tg.say(ANI, "/izin urusan keluarga", chat=private(ANI))  # in private works too
    assert tg.reply_to(other) == IZIN_TODAY
    stranger = await tg.say(SEKDIS, "/izin sakit gigi", chat=private(SEKDIS))
    assert tg.reply_to(stranger) == t("member.unregistered")


async def test_no_supervisor_means_nothing_is_stored(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, "198503122010011002")

    raw = await tg.say(BUDI, "/izin urusan keluarga")

    assert tg.reply_to(raw) == t("leave.no_supervisor")
    assert await leave_requests(tg) == []


async def test_an_unstarted_supervisor_gets_the_request_in_the_group(tg: Harness) -> None:
    await agency_with_supervisors(tg, started=False)
    tg.fake.started_users.add(KADIS.id)  # Ibu Sri never pressed /start
    tg.at(7, 5)
    await tg.say(BUDI, "/izin mengurus SIM")

    group = tg.fake.messages[(tg.group.id, max(m for c, m in tg.fake.messages if c == tg.group.id))]
    assert "Budi Santoso" in group["text"]
    assert t("leave.request.ask_start", names="Sri Wahyuni") in group["text"]
    assert [text for text, _ in buttons(group)] == ["✅ Setujui", "❌ Tolak"]

    raw = await press(tg, SEKDIS, group, buttons(group)[0][1])  # decided from the group

    assert callback_answers(tg, raw)[0]["text"] == "Disetujui ✅"
    assert [r.status for r in await leave_requests(tg)] == ["approved"]
    # Budi never started the bot either: the outcome is posted in the group.
    assert tg.fake.texts(tg.group.id)[-1] == t(
        "leave.outcome_group.approved",
        name="Budi Santoso",
        kind="izin",
        range="25-11-2026",
        decider="Sri Wahyuni",
    )


async def test_a_member_on_approved_leave_is_not_reminded(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    await tg.say(BUDI, "/izin takziah")
    to_kadis = last_message_to(tg, KADIS)
    await press(tg, KADIS, to_kadis, buttons(to_kadis)[0][1])
    tg.at(7, 30)
    await tg.tick()
    tg.at(7, 45)
    result = await tg.tick()

    assert result.reminders == 1
    reminder = tg.fake.texts(tg.group.id)[-1]
    assert f"tg://user?id={ANI.id}" in reminder and f"tg://user?id={KADIS.id}" in reminder
    assert f"tg://user?id={BUDI.id}" not in reminder
