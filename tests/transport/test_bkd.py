"""BKD roll-up groups through the real Dispatcher: /setup_bkd, /induk with its buttons,
the roll-up with its XLSX (once, across a restart), and /ekspor."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from sqlmodel import select

from bot.bootstrap import bootstrap
from bot.texts import t
from storage.tables_rollup import BkdLink
from tests.fakes.bot_api import Call
from tests.transport.conftest import (
    ADMIN,
    AGENCY_CODE,
    AGENCY_NAME,
    ANI,
    ANI_NIP,
    BUDI,
    BUDI_NIP,
    KADIS,
    Harness,
)
from tests.transport.updates import JSON, Chat, Person

BKD_CHAT = Chat(-1009000000001, "supergroup", "Rekap BKD Banten")
BKD_HEAD = Person(901, "Komarudin", username="kepala_bkd")
BKD_STAFF = Person(902, "Rudi", "Hartono", username="staf_bkd")
BKD_CODE = "BKDBANTEN"
BKD_NAME = "BKD Provinsi Banten"


def press(tg: Harness, who: Person, message: JSON, data: str) -> JSON:
    """The callback_query Telegram sends when ``who`` presses a button of ``message``."""
    return {
        "update_id": next(tg.updates._update_ids),
        "callback_query": {
            "id": f"cb{who.id}{message['message_id']}",
            "from": who.json(),
            "chat_instance": "-77",
            "message": message,
            "data": data,
        },
    }


def buttons_message(tg: Harness) -> JSON:
    """The last message the bot posted in the BKD group with inline buttons."""
    found = [
        m
        for (chat_id, _), m in tg.fake.messages.items()
        if chat_id == BKD_CHAT.id and "reply_markup" in m
    ]
    assert found, "no message with buttons in the BKD group"
    return found[-1]


def callback_answers(tg: Harness) -> list[dict[str, Any]]:
    return [c.params for c in tg.calls("answerCallbackQuery")]


async def link_status(tg: Harness) -> str | None:
    async with tg.app.db.read() as session:
        link = (await session.execute(select(BkdLink))).scalar_one_or_none()
    return link.status if link else None


async def setup_bkd(tg: Harness) -> None:
    tg.fake.admins.setdefault(BKD_CHAT.id, {})[BKD_HEAD.id] = "creator"
    raw = await tg.say(BKD_HEAD, f"/setup_bkd {BKD_CODE} {BKD_NAME}", chat=BKD_CHAT)
    assert tg.reply_to(raw) == t("bkd.created", code=BKD_CODE, name=BKD_NAME)


async def linked_agency(tg: Harness) -> None:
    """Agency set up, BKD group set up, link requested and approved by the BKD head."""
    tg.at(7, 0)
    await tg.setup_agency()
    await setup_bkd(tg)
    await tg.say(ADMIN, f"/induk {BKD_CODE}")
    message = buttons_message(tg)
    approve = message["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await tg.feed(press(tg, BKD_HEAD, message, approve))
    assert await link_status(tg) == "confirmed"


async def test_link_request_is_approved_only_by_an_admin_of_the_bkd_group(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await setup_bkd(tg)
    refused = await tg.say(BKD_STAFF, "/setup_bkd LAIN Grup lain", chat=BKD_CHAT)
    assert tg.reply_to(refused) == t("admin.only")
    not_admin = await tg.say(BUDI, f"/induk {BKD_CODE}")
    assert tg.reply_to(not_admin) == t("admin.only") and await link_status(tg) is None
    unknown = await tg.say(ADMIN, "/induk BKDJABAR")
    assert tg.reply_to(unknown) == t("bkd.unknown", code="BKDJABAR")

    asked = await tg.say(ADMIN, f"/induk {BKD_CODE.lower()}")
    assert tg.reply_to(asked) == t("bkd.link_requested", bkd=BKD_NAME, code=BKD_CODE)
    message = buttons_message(tg)
    assert message["text"] == t("bkd.confirm", agency=AGENCY_NAME, code=AGENCY_CODE, bkd=BKD_NAME)
    approve, refuse = message["reply_markup"]["inline_keyboard"][0]
    assert (approve["text"], refuse["text"]) == (t("bkd.approve"), t("bkd.refuse"))

    # A member of the BKD group who is not its admin, and the agency's own admin: refused.
    for who in (BKD_STAFF, ADMIN):
        await tg.feed(press(tg, who, message, approve["callback_data"]))
        assert callback_answers(tg)[-1]["text"] == t("bkd.admin_only")
        assert callback_answers(tg)[-1]["show_alert"] is True
        assert await link_status(tg) == "pending"
    assert tg.calls("editMessageText") == []

    await tg.feed(press(tg, BKD_HEAD, message, approve["callback_data"]))
    confirmed = t("bkd.link_confirmed", agency=AGENCY_NAME, code=AGENCY_CODE, bkd=BKD_NAME)
    assert callback_answers(tg)[-1]["text"] == confirmed
    assert await link_status(tg) == "confirmed"
    (edit,) = tg.calls("editMessageText")
    assert edit.params["text"] == f"{confirmed}\n— {BKD_HEAD.full_name}"
    assert tg.fake.messages[(BKD_CHAT.id, message["message_id"])].get("reply_markup") is None
    agency_said = t("bkd.link_confirmed_agency", agency=AGENCY_NAME, code=AGENCY_CODE, bkd=BKD_NAME)
    assert tg.fake.texts(tg.group.id)[-1] == agency_said

    # The same button again, even from the admin: already decided, nothing changes.
    await tg.feed(press(tg, BKD_HEAD, message, refuse["callback_data"]))
    assert callback_answers(tg)[-1]["text"] == t("bkd.link_decided")
    assert await link_status(tg) == "confirmed" and len(tg.calls("editMessageText")) == 1
    again = await tg.say(ADMIN, f"/induk {BKD_CODE}")
    assert tg.reply_to(again) == t("bkd.link_already", bkd=BKD_NAME, code=BKD_CODE)


async def test_a_refused_request_links_nothing(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await setup_bkd(tg)
    await tg.say(ADMIN, f"/induk {BKD_CODE}")
    message = buttons_message(tg)
    refuse = message["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
    await tg.feed(press(tg, BKD_HEAD, message, refuse))
    assert await link_status(tg) is None
    assert tg.fake.texts(tg.group.id)[-1] == t(
        "bkd.link_refused_agency", agency=AGENCY_NAME, code=AGENCY_CODE, bkd=BKD_NAME
    )


async def test_setup_bkd_in_an_agency_group_is_refused(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    raw = await tg.say(ADMIN, f"/setup_bkd {BKD_CODE} {BKD_NAME}")
    assert tg.reply_to(raw) == t("bkd.is_agency")
    private = await tg.say(ADMIN, f"/induk {BKD_CODE}", chat=Chat.private(ADMIN))
    assert tg.reply_to(private) == t("group.only")


def documents(tg: Harness, chat_id: int) -> list[Call]:
    return tg.fake.sent("sendDocument", chat_id=chat_id)


async def test_the_rollup_reaches_the_bkd_group_once_with_its_xlsx(tg: Harness) -> None:
    await linked_agency(tg)
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    tg.at(7, 30)
    await tg.tick()
    tg.at(7, 31)
    await tg.share(BUDI)
    tg.at(7, 59)
    await tg.tick()
    assert documents(tg, BKD_CHAT.id) == []
    tg.at(8, 0)
    await tg.tick()
    (document,) = documents(tg, BKD_CHAT.id)
    caption = document.params["caption"]
    assert document.params["parse_mode"] == "HTML"
    assert caption.startswith(f"📊 Rekap {BKD_NAME} ({BKD_CODE})\nRabu, 25-11-2026 · jendela 07:30")
    assert "<pre>Instansi   Hrp H T TM Izn\nDISKOMINFO   2 1 0  1   0\n" in caption
    assert "Kehadiran: 50% (1 dari 2)" in caption
    sheet = load_workbook(io.BytesIO(document.files["document"]))["Rekap 07.30"]
    assert [c.value for c in sheet[5]][:7] == [AGENCY_CODE, AGENCY_NAME, "WIB", 2, 1, 0, 1]
    assert [c.value for c in sheet[6]][:7] == ["Total", None, None, 2, 1, 0, 1]

    # A restart: a second process on the same database sends nothing again.
    again = await bootstrap(tg.app.config, clock=tg.clock, migrate=False)
    try:
        tg.at(8, 1)
        await again.tick()
        tg.at(8, 30)
        await again.tick()
    finally:
        await again.close()
    await tg.tick()
    assert len(documents(tg, BKD_CHAT.id)) == 1


async def test_export_goes_privately_to_supervisors_and_admins(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    hello = await tg.say(KADIS, "Selamat pagi")
    await tg.say(ADMIN, "/atasan", reply_to=hello)
    tg.at(8, 5)
    await tg.tick()

    denied = await tg.say(BUDI, "/ekspor")
    assert tg.reply_to(denied) == t("export.denied")
    bad = await tg.say(KADIS, "/ekspor 13-2026")
    assert tg.reply_to(bad) == t("export.usage")
    unstarted = await tg.say(KADIS, "/ekspor 11-2026")
    assert tg.reply_to(unstarted) == t("export.start_bot")

    tg.fake.started_users.add(KADIS.id)
    asked = await tg.say(KADIS, "/ekspor 11-2026")
    assert tg.reply_to(asked) == t("export.sent_privately")
    (document,) = documents(tg, KADIS.id)
    assert document.params["caption"] == t(
        "export.caption", name=AGENCY_NAME, code=AGENCY_CODE, month="November 2026"
    )
    book = load_workbook(io.BytesIO(document.files["document"]))
    assert book.sheetnames == ["November 2026", "Ringkasan", "Grafik"]
    assert book["November 2026"]["A4"].value == BUDI_NIP
    assert documents(tg, tg.group.id) == []  # the group never gets the records

    tg.fake.started_users.add(ADMIN.id)  # a group admin who is not a supervisor: allowed
    await tg.say(ADMIN, "/export")
    assert len(documents(tg, ADMIN.id)) == 1
    await tg.say(KADIS, "/ekspor 10-2026", chat=Chat.private(KADIS))  # privately: supervised
    assert len(documents(tg, KADIS.id)) == 2


async def test_export_in_the_bkd_group_gives_every_linked_agency(tg: Harness) -> None:
    await linked_agency(tg)
    await tg.register(BUDI, BUDI_NIP)
    staff = await tg.say(BKD_STAFF, "/ekspor", chat=BKD_CHAT)
    assert tg.reply_to(staff) == t("export.denied")
    await tg.say(BKD_HEAD, "/ekspor 11-2026", chat=BKD_CHAT)
    (document,) = documents(tg, BKD_CHAT.id)
    book = load_workbook(io.BytesIO(document.files["document"]))
    assert book["November 2026"]["B4"].value == BUDI.full_name
