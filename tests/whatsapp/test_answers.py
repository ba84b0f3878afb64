"""A window on WhatsApp: the template, the reply, the location request, the location, the 👍.

Locations are recorded exactly like Telegram ones; replays of a webhook change nothing.
"""

from __future__ import annotations

from sqlmodel import select

from storage.tables import LocationEvent
from tests.fakes.graph_api import WhatsAppUser
from tests.whatsapp.conftest import AGENCY_NAME, WA

DEWI_NIP = "198811302012121003"


async def dewi_linked(wa: WA, *, days_ago: int = 0) -> WhatsAppUser:
    """Dewi, WhatsApp only, linked and confirmed ``days_ago`` days before the test day."""
    wa.clock.advance(days=-days_ago)
    await wa.setup_agency()
    dewi = wa.user("+6281311112222", "Dewi Kartika")
    await wa.link(dewi, DEWI_NIP)
    wa.clock.advance(days=days_ago)
    return dewi


async def test_prompt_template_then_location_request_then_reaction(wa: WA) -> None:
    dewi = await dewi_linked(wa, days_ago=2)  # her 24-hour window has long closed
    wa.meta.calls.clear()
    wa.meta.sessions.clear()
    wa.at(7, 29)
    await wa.tick()
    assert wa.meta.calls == []

    wa.at(7, 30)
    await wa.tick()
    (prompt,) = wa.meta.sent(to=dewi.wa_id)
    assert prompt.type == "template"
    assert prompt.body["template"]["name"] == "hadir_laporan"
    params = [p["text"] for p in prompt.body["template"]["components"][0]["parameters"]]
    assert params == ["07:30", "WIB", AGENCY_NAME, "08:00"]

    wa.at(7, 33)
    await wa.send(dewi, dewi.button("Kirim lokasi", wa.clock.now(), reply_to=prompt.wamid or ""))
    ask = wa.meta.sent(to=dewi.wa_id)[-1]
    assert ask.body["interactive"] == {
        "type": "location_request_message",
        "body": {
            "text": f"📍 Laporan kehadiran 07:30 WIB — {AGENCY_NAME}\nKetuk *Kirim lokasi* lalu "
            "bagikan lokasi Anda saat ini, paling lambat pukul 08:00 WIB."
        },
        "action": {"name": "send_location"},
    }

    wa.at(7, 34)
    location = dewi.location(wa.clock.now(), -6.2912, 106.7203, reply_to=ask.wamid)
    await wa.send(dewi, location)
    reaction = wa.meta.sent("reaction", dewi.wa_id)
    assert [r.body["reaction"] for r in reaction] == [{"message_id": location["id"], "emoji": "👍"}]
    (report,) = await wa.reports()
    assert (report.window, report.status, report.latitude, report.longitude) == (
        "07:30",
        "hadir",
        -6.2912,
        106.7203,
    )
    # Nothing more is asked of her for this window.
    await wa.send(dewi, dewi.text("sudah ya", wa.clock.now()))
    assert wa.meta.sent(to=dewi.wa_id)[-1].type == "text"
    assert "bantuan" in wa.meta.texts(dewi.wa_id)[-1]


async def test_inside_the_session_the_prompt_is_the_location_request(wa: WA) -> None:
    dewi = await dewi_linked(wa)  # she just replied to the invitation: the session is open
    wa.meta.calls.clear()
    wa.at(7, 30)
    await wa.tick()
    (prompt,) = wa.meta.sent(to=dewi.wa_id)
    assert prompt.type == "interactive"
    assert prompt.body["interactive"]["type"] == "location_request_message"


async def test_a_session_meta_has_closed_falls_back_to_the_template(wa: WA) -> None:
    await dewi_linked(wa)  # open as far as Hadir knows ...
    wa.meta.calls.clear()
    wa.meta.sessions.clear()  # ... but Meta says more than 24 hours (131047)
    wa.at(7, 30)
    await wa.tick()
    refused, prompt = wa.meta.calls
    assert (refused.status, refused.type) == (400, "interactive")
    assert (prompt.status, prompt.type) == (200, "template")


async def test_the_prompt_is_sent_once_however_often_the_tick_runs(wa: WA) -> None:
    dewi = await dewi_linked(wa)
    wa.meta.calls.clear()
    wa.at(7, 30)
    for _ in range(3):
        await wa.tick()
    await wa.until(7, 44)  # before halfway: the reminder has its own tests
    assert len(wa.meta.sent(to=dewi.wa_id)) == 1


async def test_a_late_location_gets_the_late_reaction(wa: WA) -> None:
    dewi = await dewi_linked(wa)
    await wa.until(7, 30)
    wa.at(8, 10)
    await wa.send(dewi, dewi.location(wa.clock.now()))
    assert wa.meta.sent("reaction", dewi.wa_id)[-1].body["reaction"]["emoji"] == "👌"
    (report,) = await wa.reports()
    assert report.status == "terlambat"


async def test_the_same_webhook_twice_records_once_and_reacts_once(wa: WA) -> None:
    dewi = await dewi_linked(wa)
    await wa.until(7, 31)
    location = dewi.location(wa.clock.now())
    assert await wa.send(dewi, location) == 200
    assert await wa.send(dewi, location) == 200  # Meta retried
    assert len(await wa.reports()) == 1
    async with wa.app.db.read() as session:
        events = list((await session.execute(select(LocationEvent))).scalars())
    assert len(events) == 1 and events[0].message_id < 0  # never a Telegram message id
    assert len(wa.meta.sent("reaction", dewi.wa_id)) == 1


async def test_forwarded_and_picked_places_do_not_count(wa: WA) -> None:
    dewi = await dewi_linked(wa)
    await wa.until(7, 31)
    await wa.send(dewi, dewi.location(wa.clock.now(), forwarded=True))
    await wa.send(dewi, dewi.location(wa.clock.now(), place=True))
    assert await wa.reports() == []
    forwarded, place = wa.meta.texts(dewi.wa_id)[-2:]
    assert forwarded.startswith("Lokasi terusan (forward) tidak dihitung.")
    assert place.startswith("Tempat (venue) tidak dihitung.")
    assert wa.meta.sent("reaction", dewi.wa_id) == []


async def test_outside_any_window_the_next_one_is_named(wa: WA) -> None:
    dewi = await dewi_linked(wa)
    wa.at(7, 10)
    await wa.send(dewi, dewi.location(wa.clock.now()))
    assert wa.meta.texts(dewi.wa_id)[-1] == (
        "Belum ada jendela laporan yang dibuka sekarang. Jendela berikutnya pukul 07:30 WIB."
    )


async def test_an_unknown_number_is_told_how_to_be_linked(wa: WA) -> None:
    await wa.setup_agency()
    stranger = wa.user("+6285700001111", "Orang Lain")
    await wa.until(7, 31)
    await wa.send(stranger, stranger.location(wa.clock.now()))
    assert await wa.reports() == []
    assert wa.meta.texts(stranger.wa_id) == [
        "Nomor ini belum terdaftar di Hadir. Minta admin grup instansi Anda menautkannya: "
        "/wa NIP +6285700001111"
    ]


async def test_text_commands(wa: WA) -> None:
    dewi = await dewi_linked(wa)
    await wa.send(dewi, dewi.text("Bantuan", wa.clock.now()))
    assert wa.meta.texts(dewi.wa_id)[-1].startswith("Hadir — absensi kerja dari rumah\n")
    await wa.send(dewi, dewi.text("halo?", wa.clock.now()))
    assert wa.meta.texts(dewi.wa_id)[-1].startswith("Maaf, Hadir belum mengerti pesan itu.")


async def test_an_interactive_reply_while_a_window_is_open_gets_the_request(wa: WA) -> None:
    dewi = await dewi_linked(wa)
    await wa.until(7, 31)
    prompt = wa.meta.sent(to=dewi.wa_id)[-1]
    await wa.send(dewi, dewi.interactive("ok", "OK", wa.clock.now(), reply_to=prompt.wamid or ""))
    assert wa.meta.sent(to=dewi.wa_id)[-1].body["interactive"]["type"] == "location_request_message"


async def test_statuses_move_forward_only_and_failures_are_kept(wa: WA) -> None:
    dewi = await dewi_linked(wa)
    meta = wa.meta
    invite = meta.sent("template", dewi.wa_id)[0]
    assert invite.wamid is not None
    (row,) = [m for m in await wa.messages() if m.wamid == invite.wamid]
    assert (row.kind, row.status) == ("invite", "delivered")  # the fake sent sent + delivered

    await meta.post(meta.status_payload(invite.wamid, dewi.wa_id, "read"))
    await meta.post(meta.status_payload(invite.wamid, dewi.wa_id, "delivered"))  # late, older
    await meta.post(meta.status_payload(invite.wamid, dewi.wa_id, "read"))  # repeated
    (row,) = [m for m in await wa.messages() if m.wamid == invite.wamid]
    assert row.status == "read"

    error = (131050, "Unable to deliver the message", "User has stopped marketing messages")
    payload = meta.status_payload("wamid.UNKNOWN-TO-US", dewi.wa_id, "failed", error=error)
    assert await meta.post(payload) == 200
    (failed,) = [m for m in await wa.messages() if m.wamid == "wamid.UNKNOWN-TO-US"]
    assert (failed.status, failed.error_code, failed.error_title) == (
        "failed",
        131050,
        "Unable to deliver the message",
    )
