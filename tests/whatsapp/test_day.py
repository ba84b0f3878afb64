"""A whole day of one agency whose staff are on Telegram and on WhatsApp.

Telegram people speak real update JSON to the real Dispatcher against the fake Bot API;
WhatsApp people post real, signed Cloud API webhooks to the real aiohttp app, and the
fake Graph API records what the bot sends them (and posts the delivery statuses back).
The supervisor's summaries name the missing from both, and a prompt that could not be
delivered says so.
"""

from __future__ import annotations

from collections import Counter

from tests.transport.conftest import ANI, ANI_NIP, BUDI, BUDI_NIP, KADIS
from tests.whatsapp.conftest import ADMIN, AGENCY_NAME, WA

DEWI_NIP = "198811302012121003"
EKO_NIP = "197905052005011004"


async def test_a_day_with_telegram_and_whatsapp_members(wa: WA) -> None:
    tg, meta = wa.tg, wa.meta
    wa.at(6, 50)
    await wa.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    hello = await tg.say(KADIS, "Selamat pagi, saya Kadis.")
    await tg.say(ADMIN, "/atasan", reply_to=hello)
    wa.bot_api.started_users.add(KADIS.id)
    dewi = wa.user("+6281311112222", "Dewi Kartika")
    eko = wa.user("+6281355556666", "Eko Prasetyo")
    await wa.link(dewi, DEWI_NIP)
    await wa.link(eko, EKO_NIP)
    await tg.say(ADMIN, "/wa atasan +6281177776666 Sri Wahyuni")
    sri = wa.user("+6281177776666", "Sri Wahyuni")

    # 07:30 — the group prompt on Telegram, a location request to each WhatsApp member.
    wa.at(7, 30)
    await wa.tick()
    assert [x for x in wa.bot_api.texts(tg.group.id) if x.startswith("📍")] == [
        f"📍 Laporan kehadiran 07:30 WIB — {AGENCY_NAME}\nBagikan lokasi Anda sekarang (📎 → "
        "Lokasi; lokasi langsung/live lebih baik) paling lambat pukul 08:00 WIB.\n"
        "Diharapkan: 4 pegawai."
    ]
    for person in (dewi, eko):
        (prompt,) = meta.sent("interactive", person.wa_id)  # they wrote at 06:50: session open
        assert prompt.body["interactive"]["type"] == "location_request_message"
    wa.at(7, 36)
    budi_location = await tg.share(BUDI)
    dewi_location = dewi.location(wa.clock.now(), -6.3001, 106.6502)
    await wa.send(dewi, dewi_location)
    assert tg.reactions(budi_location) == ["👍"]
    assert meta.sent("reaction", dewi.wa_id)[-1].body["reaction"] == {
        "message_id": dewi_location["id"],
        "emoji": "👍",
    }

    # 08:01 — Ani (Telegram) and Eko (WhatsApp) did not answer: the summary names both.
    wa.at(8, 1)
    await wa.tick()
    (morning,) = wa.bot_api.texts(KADIS.id)
    assert "Diharapkan 4 · hadir 2 · terlambat 0 · tidak merespons 2" in morning
    assert "Belum mengirim lokasi:\n1. Ani Wulandari\n2. Eko Prasetyo" in morning
    (rekap,) = meta.sent("template", sri.wa_id)  # Sri never wrote: the summary template
    assert [p["text"] for p in rekap.body["template"]["components"][0]["parameters"]] == [
        AGENCY_NAME,
        "07:30",
        "WIB",
        "4",
        "2",
        "0",
        "2",
    ]
    wa.at(8, 20)
    await wa.send(sri, sri.button("Lihat rekap", wa.clock.now(), reply_to=rekap.wamid or ""))
    assert "1. Ani Wulandari\n2. Eko Prasetyo" in meta.texts(sri.wa_id)[-1]

    # 11:30 — Eko's phone is gone (WhatsApp reports the prompt failed); Dewi answers late.
    meta.undeliverable.add(eko.wa_id)
    wa.at(11, 30)
    await wa.tick()
    wa.at(11, 40)
    await tg.share(ANI)
    await tg.share(BUDI)
    wa.at(12, 1)
    await wa.tick()
    midday = wa.bot_api.texts(KADIS.id)[-1]
    assert "hadir 2 · terlambat 0 · tidak merespons 2" in midday
    assert "1. Dewi Kartika\n2. Eko Prasetyo — pesan gagal terkirim" in midday
    wa.at(12, 10)
    await wa.send(dewi, dewi.location(wa.clock.now()))
    assert meta.sent("reaction", dewi.wa_id)[-1].body["reaction"]["emoji"] == "👌"

    # 15:00 — everyone on Telegram answers; on WhatsApp only Dewi.
    meta.undeliverable.clear()
    wa.at(15, 0)
    await wa.tick()
    wa.at(15, 5)
    for member in (BUDI, ANI):
        await tg.share(member)
    await wa.send(dewi, dewi.location(wa.clock.now()))
    wa.at(15, 31)
    await wa.tick()
    await wa.tick()
    afternoon = wa.bot_api.texts(KADIS.id)[-1]
    assert "hadir 3 · terlambat 0 · tidak merespons 1" in afternoon
    assert "Belum mengirim lokasi:\n1. Eko Prasetyo" in afternoon
    assert "pesan gagal terkirim" not in afternoon

    # Never twice: one prompt per window per person, one summary per window per supervisor.
    summaries = wa.bot_api.texts(KADIS.id)
    assert Counter(s.splitlines()[1].split("jendela ")[1][:5] for s in summaries) == {
        "07:30": 1,
        "11:30": 1,
        "15:00": 1,
    }
    for person in (dewi, eko):
        prompts = [c for c in meta.sent(to=person.wa_id) if c.type in ("interactive", "template")]
        assert len(prompts) == 4, prompts  # the invitation and three windows
    reports = await wa.reports()
    assert Counter(r.status for r in reports) == {"hadir": 7, "terlambat": 1}

    # /rekap counts the WhatsApp members like everyone else.
    wa.at(15, 40)
    rekap_text = tg.reply_to(await tg.say(ADMIN, "/rekap"))
    assert "🕘 07:30 WIB · hadir 2 · terlambat 0 · tidak merespons 2" in rekap_text
    assert "🕘 15:00 WIB · hadir 3 · terlambat 0 · tidak merespons 1" in rekap_text
    assert "   Tidak merespons: Eko Prasetyo" in rekap_text.splitlines()
