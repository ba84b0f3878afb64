"""`hadir demo`: one agency day offline, judged by what the chat shows.

The demo drives the real wiring (bootstrap, Dispatcher, tick, outbox, sender) against
an in-process fake chat; these tests read its printed transcript the way a person
would: the boxes the bot sent, the reactions, the 403s and the day's recap.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.demo import run_demo
from bot.texts import t

ANSWERED_ALL_DAY = ["Budi Santoso", "Sri Wahyuni", "Agus Salim", "Dewi Lestari", "Rudi Hartono"]
EXCUSED_ALL_DAY = [
    "Sakit: Fitri Handayani",
    "Dikecualikan: Joko Susilo",
]  # approved leave, pimpinan


@dataclass
class Box:
    """One message the bot sent, as the fake chat printed it."""

    header: str
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def missing(self) -> list[str]:
        """The numbered names under "Belum mengirim lokasi:" in a summary."""
        return [m[1] for line in self.lines if (m := re.fullmatch(r"\d+\. (.+)", line))]


def boxes(out: str) -> list[Box]:
    found: list[Box] = []
    current: Box | None = None
    for line in out.splitlines():
        if line.startswith("  ┌─ "):
            current = Box(line, [])
        elif line.startswith("  └─") and current is not None:
            found.append(current)
            current = None
        elif current is not None:
            current.lines.append(line.removeprefix("  │").removeprefix(" "))
    return found


async def test_demo_prints_the_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert await run_demo() == 0
    out = capsys.readouterr().out
    sent = boxes(out)

    prompts = [b for b in sent if b.lines[0].startswith("📍 Laporan kehadiran")]
    assert [p.lines[0].split()[3] for p in prompts] == ["07:30", "11:30", "15:00"]
    assert all("«ASN DISKOMINFO Tangsel»" in p.header for p in prompts)

    summaries = [b for b in sent if b.lines[0].startswith("📋 Rekap")]
    private = [s for s in summaries if "private chat with Sri Wahyuni" in s.header]
    in_group = [s for s in summaries if "group «" in s.header]
    assert len(private) == 3 and len(in_group) == 3 and len(summaries) == 6
    for summary in summaries:
        assert set(EXCUSED_ALL_DAY) <= set(summary.lines)
        assert "sakit 1 · dikecualikan 1" in summary.lines
        assert not set(ANSWERED_ALL_DAY) & set(summary.missing())
    by_window = {s.lines[1].split("jendela ")[1][:5]: s.missing() for s in private}
    assert by_window == {
        "07:30": ["Rina Marlina"],  # Rina answers at 08:12
        "11:30": [],
        "15:00": ["Wahyu Pratama"],
    }
    # Joko is pimpinan and never sends /lapor: the last summary of the day says so.
    no_lapor = t("summary.no_activity_report", names="Joko Susilo")
    assert [no_lapor in s.lines for s in private] == [False, False, True]

    # Fitri's sick leave: both supervisors asked (Agus, unreachable, in the group), Sri
    # approves with the button, every copy is edited, Fitri is told in the group.
    asked = [
        b
        for b in sent
        if b.lines[0] == "📝 Pengajuan sakit — Dinas Komunikasi dan Informatika"
        and "🤖 Hadir →" in b.header
    ]
    assert ["private chat with Sri Wahyuni" in b.header for b in asked] == [True, False]
    assert all(b.lines[-1] == "[ ✅ Setujui ]  [ ❌ Tolak ]" for b in asked)
    assert "  07:10 Sri Wahyuni: presses [ ✅ Setujui ]" in out
    edited = [
        b for b in sent if "✎ Hadir edits its message" in b.header and "Pengajuan" in b.lines[0]
    ]
    assert len(edited) == 2
    assert all(b.lines[-1] == "✅ Disetujui oleh Sri Wahyuni, 07:10 WIB." for b in edited)
    told = t(
        "leave.outcome_group.approved",
        name="Fitri Handayani",
        kind="sakit",
        range="25-11-2026",
        decider="Sri Wahyuni",
    )
    assert told in [b.text for b in sent]

    # halfway to each deadline, one reminder mentions who has not answered yet
    reminders = [b.lines[1] for b in sent if b.lines[0].startswith("⏰ Pengingat")]
    assert reminders == ["@Rina Marlina", "@Wahyu Pratama"]  # 11:30: nobody left to remind

    # Sri's /rekap at the end of the day
    (recap,) = [b for b in sent if b.lines[0].startswith("📊 Rekap harian")]
    assert (
        "🕘 07:30 WIB · hadir 7 · terlambat 1 · tidak merespons 0 · sakit 1 · dikecualikan 1"
        in (recap.lines)
    )

    # Agus never pressed /start: every private summary (and the leave request, the home
    # point request and the piket warning) to him is refused; the group gets the summaries
    assert out.count("✖ private message to Agus Salim refused: 403") == 6
    ask_start = t("summary.ask_start", names="Agus Salim")
    assert all(ask_start in s.text for s in in_group)
    assert not any(ask_start in s.text for s in private)

    # the forwarded location and the venue are refused with their reason, never acknowledged
    forwarded = [b for b in sent if "replying to Rudi's forwarded location" in b.header]
    assert [b.text for b in forwarded] == [t("location.forwarded")]
    assert "on Rudi's forwarded location" not in out
    venue = [b for b in sent if "replying to Siti's venue" in b.header]
    assert [b.text for b in venue] == [t("location.venue")]
    unregistered = [b for b in sent if "replying to Andi's location" in b.header]
    assert [b.text for b in unregistered] == [t("location.unregistered")]

    # set-up: a bad NIP explained, a non-admin refused
    assert t("nip.birth_date") in [b.text for b in sent if "replying to Fitri's" in b.header]
    to_budi = [
        b.text for b in sent if "group «" in b.header and "replying to Budi's message" in b.header
    ]
    assert to_budi[-1] == t("admin.only")

    # Rina's late answer: acknowledged as late, and recorded as late in the day's record
    assert "👌 on Rina's location" in out
    assert (
        "  07:30  hadir 7 · terlambat 1: Rina Marlina · tidak merespons 0"
        " · sakit 1: Fitri Handayani · dikecualikan 1: Joko Susilo"
    ) in out
    assert "👍 on Dewi's live location" in out
    assert "Tally: 3 prompts sent · 3 windows summarised" in out

    # Budi's home point: asked for with the location button, approved by Sri's button
    (request,) = [
        b for b in sent if b.lines[0] == "🏠 Permintaan titik rumah" and "🤖 Hadir →" in b.header
    ]
    assert "private chat with Sri Wahyuni" in request.header
    assert request.lines[-1] == "[ ✅ Setujui ]  [ ❌ Tolak ]"
    assert "  07:02 Sri Wahyuni: presses [ ✅ Setujui ]" in out
    approved = t("points.member_approved", by="Sri Wahyuni", radius=150)
    assert approved in [b.text for b in sent if "private chat with Budi Santoso" in b.header]

    # the 11:30 summary names Budi, 6 km from his approved home, as worth checking
    midday = next(s for s in private if "jendela 11:30" in s.lines[1])
    check = midday.lines.index(t("summary.check_head"))
    assert midday.lines[check + 1].startswith("• Budi Santoso: di luar radius: ")
    assert t("tier.disclaimer") in midday.lines

    # Dewi's live location, last moved at 07:50, still answers 11:30 and 15:00
    assert all("Dewi Lestari" not in s.missing() for s in summaries)

    # the piket roster (3 people, none at the office) is short of 5 at the first deadline
    (piket,) = [b for b in sent if b.lines[0].startswith("🚨 Piket kurang")]
    assert "private chat with Sri Wahyuni" in piket.header
    assert "Hadir di kantor (dalam radius): 0 dari minimum 5." in piket.lines
    assert piket.missing() == ["Rina Marlina", "Rudi Hartono", "Siti Nurhaliza"]
    assert "23 reports recorded" in out


async def test_keep_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "day.db"
    existing.write_bytes(b"not yours to overwrite")
    assert await run_demo(keep=str(existing)) == 2
    assert "exists" in capsys.readouterr().err
    assert existing.read_bytes() == b"not yours to overwrite"


def test_console_script_runs_the_demo(tmp_path: Path) -> None:
    hadir = Path(sys.executable).with_name("hadir")
    assert hadir.exists(), "install the project (pip install -e .) to get the hadir script"
    kept = tmp_path / "day.db"
    done = subprocess.run(
        [str(hadir), "demo", "--keep", str(kept)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("HADIR_")},  # no token
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("📍 Laporan kehadiran") == 3
    assert f"The database is kept in {kept}." in done.stdout
    with closing(sqlite3.connect(kept)) as db:
        reports = db.execute("SELECT count(*) FROM reports").fetchone()[0]
        track = db.execute(
            "SELECT at, live_until FROM location_events WHERE live_until IS NOT NULL ORDER BY at"
        ).fetchall()
    assert reports == 23
    # Dewi's live location: the start and one move, both ending 8 h after she started
    # sharing (live_period counts from the message date, not from each edit); it covers
    # the later windows without moving
    assert len(track) == 2
    started = datetime.fromisoformat(track[0][0])
    assert [datetime.fromisoformat(until) - started for _, until in track] == [
        timedelta(hours=8)
    ] * 2
    assert " INFO " not in done.stderr  # the chat is the output; no log noise
