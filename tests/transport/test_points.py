"""Home point (/rumah + request_location keyboard + supervisor approval with inline buttons),
office point (/kantor) and /radius, through the real Dispatcher against the fake Bot API."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from sqlmodel import select

from bot.texts import t
from storage.tables_geo import AgencyGeo, HomePoint
from tests.transport.conftest import (
    ADMIN,
    ANI,
    ANI_NIP,
    BUDI,
    BUDI_NIP,
    KADIS,
    Harness,
)
from tests.transport.updates import JSON, Chat, Person

HOME: dict[str, Any] = {"latitude": -6.301234, "longitude": 106.712345, "accuracy": 12.0}
OFFICE: dict[str, Any] = {"latitude": -6.1754, "longitude": 106.8272}
_callback_ids = itertools.count(900_000_001)


async def agency_with_supervisor(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    hello = await tg.say(KADIS, "Selamat pagi")
    await tg.say(ADMIN, "/atasan", reply_to=hello)
    tg.fake.started_users.add(KADIS.id)


def press(tg: Harness, who: Person, message: JSON, data: str) -> JSON:
    """The callback_query Telegram sends when ``who`` presses a button of ``message``."""
    return {
        "update_id": next(_callback_ids),
        "callback_query": {
            "id": str(next(_callback_ids)),
            "from": who.json(),
            "chat_instance": "-42",
            "message": message,
            "data": data,
        },
    }


def bot_message(tg: Harness, chat_id: int, text_part: str) -> JSON:
    found = [
        m
        for (chat, _), m in sorted(tg.fake.messages.items())
        if chat == chat_id and text_part in str(m.get("text", ""))
    ]
    assert found, f"no bot message containing {text_part!r} in {chat_id}"
    return found[-1]


def buttons(message: JSON) -> list[dict[str, Any]]:
    return [b for row in message["reply_markup"]["inline_keyboard"] for b in row]


async def home_points(tg: Harness) -> list[HomePoint]:
    async with tg.app.db.read() as session:
        return list((await session.execute(select(HomePoint))).scalars())


async def send_home(tg: Harness, person: Person = BUDI) -> JSON:
    private = Chat.private(person)
    await tg.say(person, "/rumah", chat=private)
    return await tg.share(person, chat=private, **HOME)


# --- /rumah --------------------------------------------------------------------------------


async def test_rumah_asks_for_the_location_with_a_request_location_keyboard(tg: Harness) -> None:
    await agency_with_supervisor(tg)

    raw = await tg.say(BUDI, "/rumah", chat=Chat.private(BUDI))

    [call] = [
        c
        for c in tg.fake.sent("sendMessage", chat_id=BUDI.id)
        if c.params["text"] == t("points.home_ask", minutes=10)
    ]
    markup = call.params["reply_markup"]
    assert markup["keyboard"] == [[{"text": t("points.home_button"), "request_location": True}]]
    assert markup["one_time_keyboard"] is True
    assert call.params["reply_parameters"]["message_id"] == raw["message"]["message_id"]


async def test_the_home_location_goes_to_the_supervisor_with_buttons_not_to_attendance(
    tg: Harness,
) -> None:
    await agency_with_supervisor(tg)
    tg.at(7, 40)  # a window is open: still not an attendance answer

    raw = await send_home(tg)

    assert tg.reply_to(raw) == t("points.home_sent")
    reply = next(
        c
        for c in tg.fake.sent("sendMessage", chat_id=BUDI.id)
        if c.params["text"] == t("points.home_sent")
    )
    assert reply.params["reply_markup"] == {"remove_keyboard": True}
    request = bot_message(tg, KADIS.id, "Permintaan titik rumah")
    assert "Budi Santoso" in request["text"] and BUDI_NIP in request["text"]
    assert "-6.301234, 106.712345" in request["text"]
    assert [b["text"] for b in buttons(request)] == [t("points.approve"), t("points.reject")]
    [point] = await home_points(tg)
    assert (point.state, point.slot, point.latitude) == ("pending", "pending", HOME["latitude"])
    assert await tg.all_reports() == []
    assert tg.reactions(raw) == []


async def test_approving_edits_the_request_answers_the_button_and_tells_the_member(
    tg: Harness,
) -> None:
    await agency_with_supervisor(tg)
    await send_home(tg)
    request = bot_message(tg, KADIS.id, "Permintaan titik rumah")
    approve = buttons(request)[0]["callback_data"]

    await tg.feed(press(tg, KADIS, request, approve))

    [answered] = tg.calls("answerCallbackQuery")
    assert answered.params["text"] == t("points.decision_done")
    [edited] = tg.calls("editMessageText")
    assert edited.params["text"].endswith(t("points.outcome_approved", by=KADIS.full_name))
    assert "reply_markup" not in edited.params  # the buttons are gone
    assert t("points.member_approved", by=KADIS.full_name, radius=150) in tg.fake.texts(BUDI.id)
    [point] = await home_points(tg)
    assert (point.state, point.slot, point.decided_by) == ("approved", "current", KADIS.id)


async def test_a_second_press_is_refused_and_the_member_is_told_once(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    await send_home(tg)
    request = bot_message(tg, KADIS.id, "Permintaan titik rumah")
    approve, reject = (b["callback_data"] for b in buttons(request))
    await tg.feed(press(tg, KADIS, request, approve))

    await tg.feed(press(tg, KADIS, request, reject))

    second = tg.calls("answerCallbackQuery")[-1]
    assert second.params["text"] == t("points.decision_already", by=KADIS.full_name)
    assert second.params["show_alert"] is True
    notices = [x for x in tg.fake.texts(BUDI.id) if x.startswith(("✅ Titik rumah Anda", "❌"))]
    assert notices == [t("points.member_approved", by=KADIS.full_name, radius=150)]
    [point] = await home_points(tg)
    assert point.state == "approved"


async def test_only_a_supervisor_of_the_agency_can_decide(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    await send_home(tg)
    request = bot_message(tg, KADIS.id, "Permintaan titik rumah")

    await tg.feed(press(tg, ANI, request, buttons(request)[0]["callback_data"]))

    assert tg.calls("answerCallbackQuery")[-1].params["text"] == t("points.decision_not_supervisor")
    assert tg.calls("editMessageText") == []
    [point] = await home_points(tg)
    assert point.state == "pending"


async def test_rejecting_keeps_the_old_point_and_a_new_request_replaces_a_pending_one(
    tg: Harness,
) -> None:
    await agency_with_supervisor(tg)
    await send_home(tg)
    first = bot_message(tg, KADIS.id, "Permintaan titik rumah")
    await tg.feed(press(tg, KADIS, first, buttons(first)[0]["callback_data"]))
    await send_home(tg)  # moved house: a second request
    await send_home(tg)  # and sent it twice
    second, third = [
        m
        for (chat, _), m in sorted(tg.fake.messages.items())
        if chat == KADIS.id and "Permintaan titik rumah" in str(m.get("text"))
    ][1:]

    await tg.feed(press(tg, KADIS, second, buttons(second)[0]["callback_data"]))
    await tg.feed(press(tg, KADIS, third, buttons(third)[1]["callback_data"]))

    assert tg.calls("answerCallbackQuery")[-2].params["text"] == t("points.decision_replaced")
    states = sorted((p.state, p.slot or "") for p in await home_points(tg))
    assert states == [("approved", "current"), ("rejected", ""), ("superseded", "")]
    assert t("points.member_rejected", by=KADIS.full_name, radius=150) in tg.fake.texts(BUDI.id)


async def test_an_unreachable_supervisor_is_mentioned_to_the_member(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    tg.fake.started_users.discard(KADIS.id)

    raw = await send_home(tg)

    assert tg.reply_to(raw) == "\n".join(
        [t("points.home_sent"), t("points.home_unreachable", count=1)]
    )
    assert len(await home_points(tg)) == 1


async def test_rumah_needs_a_registration_and_a_private_chat(tg: Harness) -> None:
    await agency_with_supervisor(tg)

    stranger = await tg.say(KADIS, "/rumah", chat=Chat.private(KADIS))
    in_group = await tg.say(BUDI, "/rumah")

    assert tg.reply_to(stranger) == t("points.unregistered")
    assert tg.reply_to(in_group) == t("points.home_private")


async def test_a_forwarded_location_is_not_a_home_point(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    private = Chat.private(BUDI)
    await tg.say(BUDI, "/rumah", chat=private)

    raw = await tg.feed(tg.updates.forwarded_location(private, BUDI, ANI))

    assert tg.reply_to(raw) == t("points.not_own")
    assert await home_points(tg) == []


async def test_after_ten_minutes_the_location_is_an_attendance_answer_again(
    tg: Harness,
) -> None:
    await agency_with_supervisor(tg)
    private = Chat.private(BUDI)
    tg.at(7, 31)
    await tg.say(BUDI, "/rumah", chat=private)
    tg.clock.advance(timedelta(minutes=10, seconds=1))

    raw = await tg.share(BUDI, chat=private, **HOME)

    assert await home_points(tg) == []
    assert tg.reactions(raw) == ["👍"]
    assert list(await tg.reports("07:30")) == [BUDI_NIP]


# --- /kantor and /radius -------------------------------------------------------------------


async def agency_geo(tg: Harness) -> AgencyGeo | None:
    agency = await tg.agency()
    assert agency is not None
    async with tg.app.db.read() as session:
        return await session.get(AgencyGeo, agency.id)


async def test_kantor_then_a_location_sets_the_office_point(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    tg.at(7, 35)

    ask = await tg.say(ADMIN, "/kantor")
    raw = await tg.share(ADMIN, **OFFICE)

    assert tg.reply_to(ask) == t("points.office_ask", minutes=10)
    assert tg.reply_to(raw) == t(
        "points.office_set",
        agency="Dinas Komunikasi dan Informatika",
        coords="-6.175400, 106.827200",
        office=100,
        home=150,
    )
    geo = await agency_geo(tg)
    assert geo is not None and (geo.office_latitude, geo.office_set_by) == (-6.1754, ADMIN.id)
    assert await tg.all_reports() == []  # the admin's location was the office, not an answer


async def test_kantor_in_reply_to_a_location_uses_that_location(tg: Harness) -> None:
    await agency_with_supervisor(tg)
    tg.at(6, 50)
    shared = await tg.share(BUDI, **OFFICE)

    raw = await tg.say(ADMIN, "/kantor", reply_to=shared)

    assert tg.reply_to(raw).startswith("✅")
    geo = await agency_geo(tg)
    assert geo is not None and geo.office_longitude == 106.8272


async def test_only_admins_set_the_office_point(tg: Harness) -> None:
    await agency_with_supervisor(tg)

    raw = await tg.say(BUDI, "/kantor")
    then = await tg.share(BUDI, **OFFICE)

    assert tg.reply_to(raw) == t("admin.only")
    assert await agency_geo(tg) is None
    assert tg.replies_to(then) != [] or tg.reactions(then) != []  # treated as attendance


BAD_RADII = ["0", "9", "5001", "1000000000", "-50", "seratus", "100 200", "rumah 0", "1.5"]


async def test_radius_refuses_nonsense_with_the_usage_and_stores_nothing(tg: Harness) -> None:
    await agency_with_supervisor(tg)

    for bad in BAD_RADII:
        raw = await tg.say(ADMIN, f"/radius {bad}")
        assert tg.reply_to(raw) == t("points.radius_usage"), bad

    assert await agency_geo(tg) is None


async def test_radius_sets_office_and_home_and_anyone_may_look(tg: Harness) -> None:
    await agency_with_supervisor(tg)

    office = await tg.say(ADMIN, "/radius 120")
    home = await tg.say(ADMIN, "/radius rumah 200")
    look = await tg.say(BUDI, "/radius")
    change = await tg.say(BUDI, "/radius 5000")

    assert tg.reply_to(office) == t("points.radius_set", office=120, home=150)
    assert tg.reply_to(home) == t("points.radius_set", office=120, home=200)
    assert tg.reply_to(look) == t("points.radius_show_no_office", office=120, home=200)
    assert tg.reply_to(change) == t("admin.only")
    geo = await agency_geo(tg)
    assert geo is not None and (geo.office_radius_m, geo.home_radius_m) == (120, 200)
