"""/rekap comes with the day's chart (a PNG via sendPhoto) once a window has closed; its
rates follow the same statuses as the recap text (sick leave left out)."""

from __future__ import annotations

import struct

from bot.reports.chart import HEIGHT_PX, WIDTH_PX
from bot.texts import t
from handlers.exports import ExportService
from tests.transport.conftest import ANI, BUDI, DAY, KADIS, Harness
from tests.transport.rules_world import (
    SEKDIS,
    agency_with_supervisors,
    buttons,
    last_message_to,
    press,
    private,
)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_rekap_before_and_after_the_first_deadline(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    await tg.say(ANI, "/sakit demam")
    to_kadis = last_message_to(tg, KADIS)
    await press(tg, KADIS, to_kadis, buttons(to_kadis)[0][1])  # approved
    tg.at(7, 30)
    await tg.tick()
    early = await tg.say(SEKDIS, "/rekap", chat=private(SEKDIS))
    assert tg.reply_to(early)  # the text, and no chart while no window has closed
    assert tg.fake.sent("sendPhoto") == []

    tg.at(7, 40)
    await tg.share(BUDI)
    tg.at(8, 1)
    await tg.tick()
    tg.at(8, 20)
    await tg.share(KADIS)  # late
    await tg.say(SEKDIS, "/rekap", chat=private(SEKDIS))
    (photo,) = tg.fake.sent("sendPhoto", chat_id=SEKDIS.id)
    assert photo.params["caption"] == t("recap.chart_caption", date="25-11-2026")
    png = photo.files["photo"]
    assert png_size(png) == (WIDTH_PX, HEIGHT_PX) and len(png) > 10_000
    # What the chart draws: Budi on time and Hendra late of the two expected (Ani is sick).
    table = await ExportService(db=tg.app.db, clock=tg.clock).table(
        agency_code="DISKOMINFO", start=DAY, end=DAY
    )
    assert table.window_rates() == {"07:30": [(DAY, 1.0)], "11:30": [], "15:00": []}
