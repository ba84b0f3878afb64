"""`hadir demo --whatsapp`: the day shows a member who is on WhatsApp only."""

from __future__ import annotations

import pytest

from bot.demo import run_demo


async def test_the_whatsapp_member_in_the_demo_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert await run_demo(whatsapp=True) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "  07:04 Hendra Wijaya: /wa 199106062016022011 +6281298765432 Yanti Kusuma" in lines
    assert "  │ [template hadir_tautan] Yanti Kusuma · Dinas Komunikasi dan Informatika" in lines
    assert "  07:06 Yanti Kusuma (WhatsApp): taps [ Ya, ini saya ]" in lines
    assert "  ┌─ Hadir → Yanti Kusuma (WhatsApp +6281298765432) · 07:30" in lines
    # one location request per window, and the 11:45 reminder (her phone is off by then)
    assert lines.count("  │ [ 📍 Kirim lokasi ]") == 4
    assert lines.count("    👍 on Yanti Kusuma's location (WhatsApp)") == 2
    # 11:30: her phone is off, WhatsApp reports the prompt failed; both supervisors see why.
    assert lines.count("  │ 1. Yanti Kusuma — pesan gagal terkirim") == 2
    assert "Diharapkan: 9 pegawai." in out  # she is expected like everyone else
    assert (
        "WhatsApp: 8 messages to Yanti Kusuma (location request ×4, reaction ×2, template ×1, "
        "text ×1), 2 reported failed"
    ) in lines
