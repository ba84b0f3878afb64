"""Roster import: every row checked first, all errors with row numbers, nothing written
when a row is bad (unless --skip-invalid), the same file twice changes nothing, and an
imported member is linked (and made supervisor) when they /daftar with the NIP."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from sqlmodel import col, select

from bot.cli import main
from bot.clock import VirtualClock
from bot.texts import render, render_summary, t
from handlers.enrollment import EnrollmentService
from handlers.roster import RosterService, check, normalize_phone
from handlers.setup import SetupService
from handlers.summary import WindowRounds
from storage import roster as roster_repo
from storage.db import Database, make_engine
from storage.migrate import upgrade
from storage.tables import Member, OutboxMessage, Supervisor

GROUP = -100777
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
HEADER = ["NIP", "Nama", "Peran", "Atasan", "telegram_username", "phone"]
VALID = [
    ["198503122010011002", "Budi Santoso", "pegawai", "tidak", "@budi_s", ""],
    ["199001012015032001", "Siti Rahma", "", "ya", "", "0812-3456-7890"],
    ["197502021998031003", "Hendra Kusuma", "Pimpinan", "", "", "+62 813 1111 2222"],
    ["198811302012121003", "Dewi Kartika", "piket", "no", "dewi_k", ""],
]
BAD = [
    ["1985031220100110", "Agus", "", "", "", ""],  # 16 digits
    ["198502302010011004", "Eko", "", "", "", ""],  # 30 February
    ["199203032018012002", "", "pegawai", "", "", ""],  # no name
    ["197905052005011004", "Fajar", "kepala", "mungkin", "", "12"],  # three errors
    ["198503122010011002", "Budi Lagi", "", "", "", ""],  # the NIP of row 2
]


def rows_of(*rows: list[Any]) -> list[list[Any]]:
    return [HEADER, *rows]


async def agency_db(db: Database) -> VirtualClock:
    clock = VirtualClock(T0)
    assert (
        await SetupService(db=db, clock=clock).register(
            chat_id=GROUP, code="DISKOMINFO", name="Dinas Kominfo"
        )
    ).ok
    return clock


async def members(db: Database) -> list[tuple[Any, ...]]:
    async with db.read() as session:
        result = await session.execute(select(Member).order_by(col(Member.nip)))
        return [
            (
                m.nip,
                m.full_name,
                m.role,
                m.telegram_username,
                m.phone,
                m.telegram_user_id,
                m.updated_at,
            )
            for m in result.scalars()
        ]


def messages(errors: Any) -> list[tuple[int, str]]:
    return [(e.line, render(e.reply)) for e in errors]


async def test_valid_rows_are_imported_once_and_again_change_nothing(db: Database) -> None:
    clock = await agency_db(db)
    service = RosterService(db=db, clock=clock)
    first = await service.import_rows(agency_code="diskominfo", checked=check(rows_of(*VALID)))
    assert (first.created, first.updated, first.unchanged, first.supervisors) == (4, 0, 0, 1)
    imported = await members(db)
    assert [m[:6] for m in imported] == [
        ("197502021998031003", "Hendra Kusuma", "pimpinan", None, "+6281311112222", None),
        ("198503122010011002", "Budi Santoso", "pegawai", "budi_s", None, None),
        ("198811302012121003", "Dewi Kartika", "piket", "dewi_k", None, None),
        ("199001012015032001", "Siti Rahma", "pegawai", None, "+6281234567890", None),
    ]
    clock.advance(hours=1)
    second = await service.import_rows(agency_code="DISKOMINFO", checked=check(rows_of(*VALID)))
    assert (second.created, second.updated, second.unchanged, second.supervisors) == (0, 0, 4, 0)
    assert await members(db) == imported  # not even updated_at moved
    # A changed cell updates that member only; a blank cell keeps what is stored.
    changed = [row[:] for row in VALID]
    changed[0][1], changed[2][2] = "Budi Santoso, S.Kom.", ""
    third = await service.import_rows(agency_code="DISKOMINFO", checked=check(rows_of(*changed)))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 3)
    after = {m[0]: m for m in await members(db)}
    assert after["198503122010011002"][1] == "Budi Santoso, S.Kom."
    assert after["197502021998031003"][2] == "pimpinan"


async def test_invalid_rows_are_all_reported_and_nothing_is_imported(db: Database) -> None:
    clock = await agency_db(db)
    checked = check(rows_of(VALID[0], *BAD, VALID[1]))
    assert [row.line for row in checked.rows] == [2, 8]
    assert messages(checked.errors) == [
        (3, t("roster.nip_format", value="1985031220100110")),
        (4, t("nip.birth_date")),
        (5, t("roster.bad_name")),
        (
            6,
            t(
                "roster.bad_role",
                value="kepala",
                roles="pegawai, pimpinan, piket, lapangan, satgas",
            ),
        ),
        (6, t("roster.bad_supervisor", value="mungkin")),
        (6, t("roster.bad_phone", value="12")),
        (7, t("roster.duplicate_nip", value="198503122010011002", first=2)),
    ]
    service = RosterService(db=db, clock=clock)
    refused = await service.import_rows(agency_code="DISKOMINFO", checked=checked)
    assert not refused.ok and len(refused.refused) == 7
    assert await members(db) == []
    skipped = await service.import_rows(
        agency_code="DISKOMINFO", checked=checked, skip_invalid=True
    )
    assert skipped.ok and (skipped.created, len(skipped.skipped)) == (2, 7)
    assert [m[0] for m in await members(db)] == ["198503122010011002", "199001012015032001"]


async def test_a_phone_held_by_another_member_is_refused(db: Database) -> None:
    clock = await agency_db(db)
    service = RosterService(db=db, clock=clock)
    assert (
        await service.import_rows(agency_code="DISKOMINFO", checked=check(rows_of(VALID[1])))
    ).ok
    thief = ["198811302012121003", "Dewi Kartika", "", "", "", "081234567890"]
    result = await service.import_rows(agency_code="DISKOMINFO", checked=check(rows_of(thief)))
    assert messages(result.refused) == [(2, t("roster.phone_taken", value="+6281234567890"))]
    assert len(await members(db)) == 1


def test_header_problems_are_reported_on_row_one() -> None:
    checked = check([["NIP", "Nama Lengkap", "Jabatan", "nip"], ["198503122010011002", "Budi"]])
    assert messages(checked.errors) == [
        (1, t("roster.unknown_column", column="Jabatan")),
        (1, t("roster.duplicate_column", column="nip")),
    ]
    assert messages(check([["NIP", "peran"]]).errors) == [
        (1, t("roster.missing_column", column="nama"))
    ]
    assert messages(check([]).errors) == [(1, t("roster.empty"))]


@pytest.mark.parametrize(
    ("raw", "phone"),
    [("0812-3456-7890", "+6281234567890"), ("62 812 3456 7890", "+6281234567890"),
     ("+62 (813) 1111.2222", "+6281311112222")],
)  # fmt: skip
def test_phone_numbers_become_e164(raw: str, phone: str) -> None:
    assert normalize_phone(raw) == phone


@pytest.mark.parametrize("raw", ["12", "0812-ABCD", "00812345678", "+62812345678901234"])
def test_bad_phone_numbers_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        normalize_phone(raw)


async def test_an_imported_member_is_linked_by_daftar_and_made_supervisor(db: Database) -> None:
    clock = await agency_db(db)
    await RosterService(db=db, clock=clock).import_rows(
        agency_code="DISKOMINFO", checked=check(rows_of(*VALID))
    )
    async with db.read() as session:
        assert await roster_repo.pending_supervisors(session, agency_id=1) == ["199001012015032001"]
    enrollment = EnrollmentService(db=db, clock=clock)
    reply = await enrollment.register(
        chat_id=GROUP, user_id=4242, username="siti_r", args="199001012015032001 Siti Rahma"
    )
    assert reply.key == "register.created", reply
    after = {m[0]: m for m in await members(db)}
    assert after["199001012015032001"][5] == 4242 and len(after) == 4  # the same row, linked
    async with db.read() as session:
        supervisors = (await session.execute(select(Supervisor))).scalars().all()
        assert [(s.telegram_user_id, s.display_name) for s in supervisors] == [(4242, "Siti Rahma")]
        assert await roster_repo.pending_supervisors(session, agency_id=1) == []
    # Budi (not atasan) links too and stays a member only; importing again changes nothing.
    await enrollment.register(
        chat_id=GROUP, user_id=4243, username="budi_s", args="198503122010011002 Budi Santoso"
    )
    again = await RosterService(db=db, clock=clock).import_rows(
        agency_code="DISKOMINFO", checked=check(rows_of(*VALID))
    )
    assert (again.created, again.updated, again.supervisors) == (0, 0, 0)
    async with db.read() as session:
        assert len((await session.execute(select(Supervisor))).scalars().all()) == 1


# --- the command line ----------------------------------------------------------------------


def cli_db(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'hadir.db'}"

    async def prepare() -> None:
        engine = make_engine(url)
        await upgrade(engine)
        db = Database(engine)
        try:
            await agency_db(db)
        finally:
            await db.close()

    asyncio.run(prepare())
    return url


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, *args: str) -> int:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HADIR_CONFIG", raising=False)
    monkeypatch.setenv("HADIR_DATABASE_URL", url)
    return main(["import", *args])


def xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_cli_imports_an_xlsx_and_reports_bad_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = cli_db(tmp_path)
    numeric = [198503122010011002, "Budi", "", "", "", ""]  # typed as a number in Excel
    bad = xlsx(tmp_path / "salah.xlsx", rows_of(VALID[1], numeric, BAD[3]))
    assert run(tmp_path, monkeypatch, url, "--agency", "DISKOMINFO", str(bad)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("baris 3: NIP tersimpan sebagai angka (198503122010011")
    assert err[1:4] == [
        "baris 4: peran 'kepala' tidak dikenal (pilih: pegawai, pimpinan, piket, lapangan, satgas)",
        "baris 4: atasan harus ya atau tidak, tertulis: 'mungkin'",
        "baris 4: nomor telepon tidak valid: '12' (mis. 0812-3456-7890 atau +6281234567890)",
    ]
    assert err[4] == t("roster.refused", count=4)
    assert (
        run(tmp_path, monkeypatch, url, "--agency", "DISKOMINFO", str(bad), "--skip-invalid") == 0
    )
    assert (
        capsys.readouterr().out
        == t(
            "roster.done",
            code="DISKOMINFO",
            created=1,
            updated=0,
            unchanged=0,
            supervisors=1,
            skipped=2,
        )
        + "\n"
    )
    good = xlsx(tmp_path / "roster.xlsx", rows_of(*VALID))
    assert run(tmp_path, monkeypatch, url, "--agency", "diskominfo", str(good)) == 0
    assert "3 baru, 0 diperbarui, 1 tetap" in capsys.readouterr().out
    assert run(tmp_path, monkeypatch, url, "--agency", "diskominfo", str(good)) == 0
    assert "0 baru, 0 diperbarui, 4 tetap, 0 atasan ditambahkan" in capsys.readouterr().out


def test_cli_reads_a_semicolon_csv_with_bom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = cli_db(tmp_path)
    path = tmp_path / "roster.csv"
    lines = [";".join(HEADER), *(";".join(row) for row in VALID)]
    path.write_bytes("\n".join(lines).encode("utf-8-sig"))
    assert run(tmp_path, monkeypatch, url, "--agency", "DISKOMINFO", str(path)) == 0
    assert "4 baru" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "NOPE", "roster.csv"], "error: no agency with code 'NOPE'"),
        (["--agency", "DISKOMINFO", "tidak-ada.csv"], "error: cannot read tidak-ada.csv:"),
        (["--agency", "DISKOMINFO", "roster.pdf"], "error: cannot read roster.pdf: roster"),
    ],
)  # fmt: skip
def test_cli_refuses_bad_arguments(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    url = cli_db(tmp_path)
    (tmp_path / "roster.csv").write_text(",".join(HEADER) + "\n", encoding="utf-8")
    (tmp_path / "roster.pdf").write_text("%PDF", encoding="utf-8")
    assert run(tmp_path, monkeypatch, url, *args) == 2
    assert capsys.readouterr().err.startswith(message)


async def test_imported_members_not_linked_show_in_the_summary(db: Database) -> None:
    clock = await agency_db(db)
    await RosterService(db=db, clock=clock).import_rows(
        agency_code="DISKOMINFO", checked=check(rows_of(*VALID))
    )
    enrollment = EnrollmentService(db=db, clock=clock)
    for user, row in ((4242, VALID[1]), (4243, VALID[0])):  # Siti (atasan) and Budi link
        assert (
            await enrollment.register(
                chat_id=GROUP, user_id=user, username=None, args=f"{row[0]} {row[1]}"
            )
        ).ok
    rounds = WindowRounds(db=db, clock=clock)
    clock.set(datetime(2026, 11, 24, 0, 30, tzinfo=UTC))  # Tuesday 07:30 WIB
    await rounds.tick()
    clock.set(datetime(2026, 11, 24, 1, 0, tzinfo=UTC))  # the deadline
    await rounds.tick()
    async with db.read() as session:
        query = select(OutboxMessage).where(col(OutboxMessage.kind) == "summary")
        (summary,) = (await session.execute(query)).scalars().all()
    assert summary.chat_id == 4242  # Siti became supervisor when she linked
    payload = summary.payload
    assert payload["unlinked"] == ["Dewi Kartika", "Hendra Kusuma"]
    assert payload["expected"] == 2  # only linked members are asked
    text = render_summary(payload)
    assert t("summary.unlinked", count=2, names="Dewi Kartika, Hendra Kusuma") in text.splitlines()
    assert "Belum terhubung (2, belum /daftar): Dewi Kartika, Hendra Kusuma" in text
