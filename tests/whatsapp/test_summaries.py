"""Summaries with WhatsApp: members counted, failed deliveries named, supervisors reached."""

from __future__ import annotations

from tests.fakes.graph_api import WhatsAppUser
from tests.transport.conftest import BUDI, BUDI_NIP, KADIS
from tests.whatsapp.conftest import ADMIN, AGENCY_NAME, WA

DEWI_NIP = "198811302012121003"
EKO_NIP = "197905052005011004"
UNDELIVERED = "pesan gagal terkirim"


async def agency(wa: WA) -> tuple[WhatsAppUser, WhatsAppUser]:
    """Budi on Telegram, Dewi and Eko on WhatsApp, Pak Hendra supervisor on Telegram."""
    await wa.setup_agency()
    await wa.tg.register(BUDI, BUDI_NIP)
    hello = await wa.tg.say(KADIS, "Selamat pagi")
    await wa.tg.say(ADMIN, "/atasan", reply_to=hello)
    wa.bot_api.started_users.add(KADIS.id)
    dewi = wa.user("+6281311112222", "Dewi Kartika")
    eko = wa.user("+6281355556666", "Eko Prasetyo")
    await wa.link(dewi, DEWI_NIP)
    await wa.link(eko, EKO_NIP)
    return dewi, eko


async def test_whatsapp_members_are_expected_and_missing_like_the_others(wa: WA) -> None:
    dewi, _eko = await agency(wa)
    await wa.until(7, 30)
    group_prompt = [x for x in wa.bot_api.texts(wa.tg.group.id) if x.startswith("📍")]
    assert group_prompt and "Diharapkan: 3 pegawai." in group_prompt[0]
    wa.at(7, 40)
    await wa.send(dewi, dewi.location(wa.clock.now()))
    await wa.until(8, 1)
    (summary,) = wa.bot_api.texts(KADIS.id)
    assert "Diharapkan 3 · hadir 1 · terlambat 0 · tidak merespons 2" in summary
    assert "1. Budi Santoso\n2. Eko Prasetyo" in summary
    assert UNDELIVERED not in summary


async def test_a_prompt_that_fails_later_shows_as_not_delivered(wa: WA) -> None:
    _dewi, eko = await agency(wa)
    wa.meta.undeliverable.add(eko.wa_id)  # e.g. WhatsApp uninstalled: 131026 after acceptance
    await wa.until(8, 1)
    (summary,) = wa.bot_api.texts(KADIS.id)
    assert summary.endswith(
        f"Belum mengirim lokasi:\n1. Budi Santoso\n2. Dewi Kartika\n3. Eko Prasetyo — {UNDELIVERED}"
    )


async def test_a_prompt_the_api_refuses_shows_as_not_delivered(wa: WA) -> None:
    dewi, _eko = await agency(wa)
    wa.meta.fail_next(400, 131026, "Message undeliverable", to=dewi.wa_id)
    await wa.until(8, 1)
    (summary,) = wa.bot_api.texts(KADIS.id)
    assert f"Dewi Kartika — {UNDELIVERED}" in summary


async def test_a_throttled_prompt_is_retried_not_lost(wa: WA) -> None:
    dewi, _eko = await agency(wa)
    wa.meta.fail_next(429, 130429, "Rate limit hit", retry_after=0.01, times=2, to=dewi.wa_id)
    await wa.until(7, 30)
    statuses = [c.status for c in wa.meta.calls if c.to == dewi.wa_id][-3:]
    assert statuses == [429, 429, 200]


async def test_a_whatsapp_supervisor_gets_the_template_then_the_names_on_reply(wa: WA) -> None:
    await wa.setup_agency()
    await wa.tg.register(BUDI, BUDI_NIP)
    await wa.tg.say(ADMIN, "/wa atasan +6281177776666 Hendra Kusuma")
    hendra = wa.user("+6281177776666", "Hendra Kusuma")
    group_before = len(wa.bot_api.texts(wa.tg.group.id))
    await wa.until(8, 1)

    (template,) = wa.meta.sent("template", hendra.wa_id)
    assert template.body["template"]["name"] == "hadir_rekap"
    params = [p["text"] for p in template.body["template"]["components"][0]["parameters"]]
    assert params == [AGENCY_NAME, "07:30", "WIB", "1", "0", "0", "1"]
    # Someone receives it, so the group is not given the summary instead.
    assert not [x for x in wa.bot_api.texts(wa.tg.group.id)[group_before:] if "📋" in x]

    wa.at(8, 5)
    await wa.send(
        hendra, hendra.button("Lihat rekap", wa.clock.now(), reply_to=template.wamid or "")
    )
    (text,) = wa.meta.texts(hendra.wa_id)
    assert text.startswith(f"📋 Rekap {AGENCY_NAME}") and "1. Budi Santoso" in text
    await wa.send(hendra, hendra.text("terima kasih", wa.clock.now()))
    assert len([t for t in wa.meta.texts(hendra.wa_id) if t.startswith("📋")]) == 1  # once

    # Inside the session now: the 11:30 summary comes as text straight away.
    await wa.until(12, 1)
    assert len(wa.meta.sent("template", hendra.wa_id)) == 1
    assert "jendela 11:30" in wa.meta.texts(hendra.wa_id)[-1]
