"""The end of `hadir demo`: the day's XLSX and PNG in ./demo-output/, and the BKD roll-up.

The demo agency is linked to a BKD group the way admins do it (/setup_bkd, /induk, the
BKD admin's approval), through the services; each window's roll-up is then built from
the day's record and printed as the BKD group and its e-mail would show it.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from bot.reports.chart import render_chart
from bot.reports.rollup_text import render_rollup
from bot.reports.rollup_xlsx import render_rollup_xlsx
from bot.reports.xlsx import render_xlsx
from handlers.bkd import BkdService
from handlers.exports import ExportService
from handlers.ports import Clock
from handlers.rollup import RollupService
from storage.db import Database

OUTPUT = Path("demo-output")
BKD_CHAT = -1001000000999
BKD_CODE, BKD_NAME = "BKDTANGSEL", "BKPSDM Kota Tangerang Selatan"
BKD_ADMIN = 9001


async def link_to_bkd(db: Database, clock: Clock, *, agency_chat: int, admin: int) -> None:
    """/setup_bkd in the BKD group, /induk in the agency group, approved by the BKD admin."""
    service = BkdService(db=db, clock=clock)
    await service.register(chat_id=BKD_CHAT, code=BKD_CODE, name=BKD_NAME)
    request = await service.request_link(chat_id=agency_chat, user_id=admin, code=BKD_CODE)
    if request.confirm is not None:
        await service.decide(
            link_id=request.confirm.link_id, chat_id=BKD_CHAT, user_id=BKD_ADMIN, approve=True
        )


async def write_outputs(
    db: Database, clock: Clock, *, code: str, day: date, windows: tuple[str, ...]
) -> list[Path]:
    """Write the day's attendance XLSX and chart, and each window's roll-up XLSX; print them."""
    table = await ExportService(db=db, clock=clock).table(agency_code=code, start=day, end=day)
    chart = await asyncio.to_thread(render_chart, table)
    files = {
        OUTPUT / f"hadir-{code}-{day.isoformat()}.xlsx": await asyncio.to_thread(
            render_xlsx, table, chart=chart
        ),
        OUTPUT / f"grafik-{code}-{day.isoformat()}.png": chart,
    }
    rollups = RollupService(db=db, clock=clock)
    for window in windows:
        rollup = await rollups.rollup_of(bkd_code=BKD_CODE, day=day, window=window)
        if rollup is None:
            continue
        print(f"\nBKD roll-up, window {window} (to {BKD_NAME}, with its XLSX):")
        print("  " + render_rollup(rollup, html=False).replace("\n", "\n  "))
        path = OUTPUT / f"rekap-{BKD_CODE}-{day.isoformat()}-{window.replace(':', '')}.xlsx"
        files[path] = await asyncio.to_thread(render_rollup_xlsx, rollup)
    await asyncio.to_thread(_save, files)
    print("\nWritten: " + ", ".join(str(p) for p in files))
    return list(files)


def _save(files: dict[Path, bytes]) -> None:
    OUTPUT.mkdir(exist_ok=True)
    for path, data in files.items():
        path.write_bytes(data)
