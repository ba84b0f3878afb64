"""A supervisor linked on WhatsApp decides leave with reply buttons, like Telegram's
Setujui/Tolak: the first decision wins, the member hears it, a stranger's press is refused."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.texts import t
from storage.tables_rules import LeaveDecision, LeaveRequest
from tests.fakes.graph_api import WhatsAppUser
from tests.transport.conftest import BUDI, BUDI_NIP, KADIS
from tests.whatsapp.conftest import ADMIN, WA

SRI_PHONE = "+6281177776666"


async def agency_with_a_whatsapp_supervisor(wa: WA) -> WhatsAppUser:
    """Only Ibu Sri supervises, and only on WhatsApp; she has written today (session open)."""
    wa.at(6, 50)
    await wa.setup_agency()
    await wa.tg.register(BUDI, BUDI_NIP)
    wa.bot_api.started_users.add(BUDI.id)
    await wa.tg.say(ADMIN, f"/wa atasan {SRI_PHONE} Sri Wahyuni")
    sri = wa.user(SRI_PHONE, "Sri Wahyuni")
    await wa.send(sri, sri.text("selamat pagi", wa.clock.now()))
    return sri


def buttons_of(call_body: dict[str, object]) -> list[tuple[str, str]]:
    interactive = call_body["interactive"]
    assert isinstance(interactive, dict) and interactive["type"] == "button"
    return [(b["reply"]["id"], b["reply"]["title"]) for b in interactive["action"]["buttons"]]


async def decisions(wa: WA) -> list[LeaveDecision]:
    async with wa.app.db.read() as session:
        return list((await session.execute(select(LeaveDecision))).scalars())


async def test_a_whatsapp_supervisor_approves_with_the_button(wa: WA) -> None:
    sri = await agency_with_a_whatsapp_supervisor(wa)
    wa.at(7, 5)
    raw = await wa.tg.say(BUDI, "/sakit demam")
    # the only supervisor is on WhatsApp: the request is accepted, not "no supervisor"
    assert wa.tg.reply_to(raw) == t("leave.filed.sakit", range="25-11-2026", days=1, supervisors=1)
    await wa.tick()
    (request,) = wa.meta.sent("interactive", sri.wa_id)
    assert "Budi Santoso" in request.body["interactive"]["body"]["text"]
    (approve, approve_title), (reject, reject_title) = buttons_of(request.body)
    assert (approve_title, reject_title) == (t("leave.button.approve"), t("leave.button.reject"))

    wa.at(7, 12)
    await wa.send(
        sri, sri.interactive(approve, approve_title, wa.clock.now(), reply_to=request.wamid or "")
    )

    answer = wa.meta.texts(sri.wa_id)[-1]
    assert answer.endswith(
        t("leave.decided.approved", decider="Sri Wahyuni", at="07:12", zone="WIB")
    )
    (decision,) = await decisions(wa)
    assert (decision.decision, decision.decider_name, decision.decided_by) == (
        "approved",
        "Sri Wahyuni",
        int(SRI_PHONE[1:]),
    )
    await wa.tick()  # Budi hears it on Telegram
    assert wa.bot_api.texts(BUDI.id)[-1] == t(
        "leave.outcome.approved", kind="sakit", range="25-11-2026", decider="Sri Wahyuni"
    )

    # A second press (or the other button) changes nothing.
    await wa.send(
        sri, sri.interactive(reject, reject_title, wa.clock.now(), reply_to=request.wamid or "")
    )
    assert wa.meta.texts(sri.wa_id)[-1] == t("leave.answer.already", decider="Sri Wahyuni")
    assert [d.decision for d in await decisions(wa)] == ["approved"]


async def test_a_press_from_a_number_that_does_not_supervise_is_refused(wa: WA) -> None:
    sri = await agency_with_a_whatsapp_supervisor(wa)
    wa.at(7, 5)
    await wa.tg.say(BUDI, "/izin mengurus KTP")
    await wa.tick()
    (request,) = wa.meta.sent("interactive", sri.wa_id)
    (approve, title), _ = buttons_of(request.body)
    other = wa.user("+6285700001111", "Orang Lain")
    await wa.send(
        other, other.interactive(approve, title, wa.clock.now(), reply_to=request.wamid or "")
    )
    assert wa.meta.texts(other.wa_id)[-1] == t("leave.answer.not_supervisor")
    assert await decisions(wa) == []
    async with wa.app.db.read() as session:
        (pending,) = (await session.execute(select(LeaveRequest))).scalars()
    assert pending.status == "pending"


async def test_outside_the_session_the_request_waits_for_the_supervisors_next_message(
    wa: WA,
) -> None:
    sri = await agency_with_a_whatsapp_supervisor(wa)
    hello = await wa.tg.say(KADIS, "Selamat pagi")
    await wa.tg.say(ADMIN, "/atasan", reply_to=hello)  # and Pak Hendra on Telegram
    wa.bot_api.started_users.add(KADIS.id)
    wa.clock.set(wa.clock.now() + timedelta(days=1, hours=1))  # Thursday: her session closed
    await wa.tg.say(BUDI, "/izin mengurus KTP")
    before = len(wa.meta.sent(to=sri.wa_id))
    await wa.tick()
    assert len(wa.meta.sent(to=sri.wa_id)) == before  # nothing free-form outside the window
    assert any("Budi Santoso" in x for x in wa.bot_api.texts(KADIS.id))  # Telegram as usual

    await wa.send(sri, sri.text("ada pengajuan?", wa.clock.now()))
    (request,) = [c for c in wa.meta.sent("interactive", sri.wa_id) if "Budi" in str(c.body)]
    assert [title for _, title in buttons_of(request.body)] == [
        t("leave.button.approve"),
        t("leave.button.reject"),
    ]
