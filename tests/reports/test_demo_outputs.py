"""`hadir demo` ends with the day's XLSX and PNG in ./demo-output/ and the BKD roll-up."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]

from bot.demo import run_demo


async def test_demo_writes_the_day_and_prints_the_rollup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert await run_demo() == 0
    out = capsys.readouterr().out
    written = sorted(p.name for p in (tmp_path / "demo-output").iterdir())
    assert written == [
        "grafik-DISKOMINFO-2026-11-25.png",
        "hadir-DISKOMINFO-2026-11-25.xlsx",
        "rekap-BKDTANGSEL-2026-11-25-0730.xlsx",
        "rekap-BKDTANGSEL-2026-11-25-1130.xlsx",
        "rekap-BKDTANGSEL-2026-11-25-1500.xlsx",
    ]
    png = (tmp_path / "demo-output" / written[0]).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1080, 810)
    day = load_workbook(tmp_path / "demo-output" / written[1])
    assert day.sheetnames == ["November 2026", "Ringkasan", "Grafik"]
    sheet = day["November 2026"]
    names = [sheet.cell(row, 2).value for row in range(4, sheet.max_row + 1)]
    assert "Budi Santoso" in names and len(names) == 10
    rollup = load_workbook(tmp_path / "demo-output" / written[2])["Rekap 07.30"]
    assert rollup["A5"].value == "DISKOMINFO" and rollup["A6"].value == "Total"
    # Printed: each window's roll-up as the BKD group and its e-mail show it.
    for window in ("07:30", "11:30", "15:00"):
        assert f"BKD roll-up, window {window} (to BKPSDM Kota Tangerang Selatan" in out
    assert "Rabu, 25-11-2026 · jendela 07:30" in out
    expected_total = rollup["D6"].value
    line = next(x for x in out.splitlines() if x.strip().startswith("DISKOMINFO "))
    assert int(line.split()[1]) == expected_total
