"""/wa in the Telegram group, the invitation, and the member's reply that confirms it."""

from __future__ import annotations

from sqlmodel import select

from storage.tables import Member
from storage.tables_whatsapp import WhatsAppSupervisor
from tests.transport.conftest import BUDI, BUDI_NIP
from tests.whatsapp.conftest import ADMIN, AGENCY_NAME, WA

DEWI_NIP = "198811302012121003"


async def test_wa_links_a_registered_member_who_confirms_by_replying(wa: WA) -> None:
    await wa.setup_agency()
    await wa.tg.register(BUDI, BUDI_NIP)
    budi = wa.user("+6281234567890", "Budi Santoso")

    raw = await wa.tg.say(ADMIN, f"/wa {BUDI_NIP} 0812-3456-7890")
    assert wa.tg.reply_to(raw).startswith(
        "📱 Budi Santoso (NIP 198503122010011002): WhatsApp +6281234567890"
    )
    link = await wa.link_row(BUDI_NIP)
    assert link is not None and link.confirmed_at is None and link.phone == "+6281234567890"
    assert wa.meta.calls == []  # the invitation leaves with the tick, through the outbox

    await wa.tick()
    (invite,) = wa.meta.sent("template", budi.wa_id)
    assert invite.body["template"] == {
        "name": "hadir_tautan",
        "language": {"code": "id"},
        "components": [
            {
                "type": "body",
                "parameters": [
                    {"type": "text", "text": "Budi Santoso"},
                    {"type": "text", "text": AGENCY_NAME},
                ],
            }
        ],
    }
    await wa.tick()
    assert len(wa.meta.sent("template")) == 1  # invited once

    reply = budi.button("Ya, ini saya", wa.clock.now(), reply_to=invite.wamid or "")
    assert await wa.send(budi, reply) == 200
    link = await wa.link_row(BUDI_NIP)
    assert link is not None and link.confirmed_at is not None
    assert wa.meta.texts(budi.wa_id) == [
        f"✅ Terhubung: Budi Santoso, {AGENCY_NAME}. Saat jendela laporan dibuka, Hadir meminta "
        "lokasi Anda di chat ini. Ketik *bantuan* untuk daftar perintah."
    ]


async def test_wa_creates_a_whatsapp_only_member_when_given_a_name(wa: WA) -> None:
    await wa.setup_agency()
    raw = await wa.tg.say(ADMIN, f"/wa {DEWI_NIP} +62 813 1111 2222")
    assert "belum terdaftar" in wa.tg.reply_to(raw) and f"/wa {DEWI_NIP} +6281311112222" in (
        wa.tg.reply_to(raw)
    )
    assert await wa.member(DEWI_NIP) is None

    dewi = wa.user("+6281311112222", "Dewi Kartika")
    member = await wa.link(dewi, DEWI_NIP)
    assert (member.full_name, member.telegram_user_id, member.phone) == (
        "Dewi Kartika",
        None,
        "+6281311112222",
    )


async def test_wa_refuses_bad_input_politely(wa: WA) -> None:
    await wa.setup_agency()
    await wa.tg.register(BUDI, BUDI_NIP)
    usage = (await wa.tg.say(ADMIN, "/wa"), await wa.tg.say(ADMIN, f"/wa {BUDI_NIP}"))
    assert all(wa.tg.reply_to(r).startswith("Format:\n/wa NIP +62…") for r in usage)
    bad = await wa.tg.say(ADMIN, f"/wa {BUDI_NIP} 12")
    assert wa.tg.reply_to(bad).startswith("Nomor 12 tidak valid")
    nip = await wa.tg.say(ADMIN, "/wa 198513122010011002 +6281234567890 Budi")
    assert "NIP tidak valid" in wa.tg.reply_to(nip)

    await wa.tg.say(ADMIN, f"/wa {BUDI_NIP} +6281234567890")
    taken = await wa.tg.say(ADMIN, f"/wa {DEWI_NIP} +6281234567890 Dewi Kartika")
    assert (
        wa.tg.reply_to(taken) == "Nomor +6281234567890 sudah dipakai Budi Santoso di instansi ini."
    )


async def test_only_admins_may_link(wa: WA) -> None:
    await wa.setup_agency()
    await wa.tg.register(BUDI, BUDI_NIP)
    raw = await wa.tg.say(BUDI, f"/wa {BUDI_NIP} +6281234567890")
    assert wa.tg.reply_to(raw) == "Maaf, perintah ini hanya untuk admin grup."
    member = await wa.member(BUDI_NIP)
    assert member is not None and member.phone is None


async def test_a_changed_number_is_invited_again_and_must_be_confirmed(wa: WA) -> None:
    await wa.setup_agency()
    first = wa.user("+6281311112222", "Dewi Kartika")
    await wa.link(first, DEWI_NIP)
    second = wa.user("+6281399998888", "Dewi Kartika")
    raw = await wa.tg.say(ADMIN, f"/wa {DEWI_NIP} {second.phone}")
    assert wa.tg.reply_to(raw).startswith("📱 Dewi Kartika")
    link = await wa.link_row(DEWI_NIP)
    assert link is not None and link.confirmed_at is None
    await wa.tick()
    assert len(wa.meta.sent("template", second.wa_id)) == 1
    # The old number no longer reaches her: it is an unknown sender now.
    await wa.send(first, first.text("halo", wa.clock.now()))
    assert wa.meta.texts(first.wa_id)[-1].startswith("Nomor ini belum terdaftar")


async def test_linking_again_a_confirmed_number_changes_nothing(wa: WA) -> None:
    await wa.setup_agency()
    dewi = wa.user("+6281311112222", "Dewi Kartika")
    await wa.link(dewi, DEWI_NIP)
    raw = await wa.tg.say(ADMIN, f"/wa {DEWI_NIP} {dewi.phone}")
    assert wa.tg.reply_to(raw) == "Dewi Kartika sudah terhubung ke WhatsApp +6281311112222."


async def test_wa_atasan_adds_a_whatsapp_supervisor(wa: WA) -> None:
    await wa.setup_agency()
    raw = await wa.tg.say(ADMIN, "/wa atasan 0811-7777-6666 Hendra Kusuma")
    assert (
        wa.tg.reply_to(raw)
        == "✅ Hendra Kusuma (+6281177776666) menerima rekap setiap tenggat lewat WhatsApp."
    )
    again = await wa.tg.say(ADMIN, "/wa atasan +6281177776666 Hendra Kusuma")
    assert "sudah menerima rekap" in wa.tg.reply_to(again)
    async with wa.app.db.read() as session:
        rows = list((await session.execute(select(WhatsAppSupervisor))).scalars())
    assert [(r.phone, r.display_name) for r in rows] == [("+6281177776666", "Hendra Kusuma")]


async def test_a_number_from_a_roster_is_invited_by_the_tick(wa: WA) -> None:
    """Phones set without /wa (a roster import writes members.phone) get one invitation."""
    await wa.setup_agency()
    await wa.tg.register(BUDI, BUDI_NIP)
    budi = await wa.member(BUDI_NIP)
    assert budi is not None
    async with wa.app.db.transaction() as session:
        row = await session.get(Member, budi.id)
        assert row is not None
        row.phone = "+6281234567890"
    await wa.tick()
    await wa.tick()
    assert len(wa.meta.sent("template", "6281234567890")) == 1
