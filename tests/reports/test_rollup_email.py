"""The roll-up's e-mail copy against a real SMTP server (aiosmtpd) on 127.0.0.1.

The message, its recipients and its XLSX attachment are read back from what the server
received; a server that refuses is retried with a doubling backoff, then given up on with
one notice for the BKD group.
"""

from __future__ import annotations

import email
import io
import logging
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from pydantic import SecretStr
from sqlmodel import col, select

from bot.config import EmailConfig
from bot.mail import RollupMailer
from handlers.rollup_mail import RollupMailQueue, backoff
from storage.db import Database
from storage.tables_rollup import RollupRun
from tests.reports.rollup_world import BKD, World, build_world, morning
from tests.reports.smtp_server import (
    LOGIN,
    PASSWORD,
    QUIET,
    Inbox,
    free_port,
    smtp_fixture,  # noqa: F401  (the smtp fixture)
)

pytestmark = QUIET

TO = ["bkd@bantenprov.go.id", "kepala.bkd@bantenprov.go.id"]
SENDER = "Hadir <hadir@bantenprov.go.id>"


def mailer_for(world: World, port: int, **options: Any) -> RollupMailer:
    config = EmailConfig(
        host="127.0.0.1", port=port, security="none", user=LOGIN,
        password=SecretStr(PASSWORD), sender=SENDER, recipients={"BKDBANTEN": TO},
        **options,
    )  # fmt: skip
    queue = RollupMailQueue(
        db=world.db,
        clock=world.clock,
        recipients=config.recipients,
        max_attempts=config.max_attempts,
        retry_after=timedelta(seconds=config.retry_seconds),
    )
    return RollupMailer(queue=queue, config=config)


async def email_state(db: Database) -> tuple[str | None, int, str | None]:
    async with db.read() as session:
        run = (await session.execute(select(RollupRun))).scalar_one()
    return run.email_status, run.email_attempts, run.email_error


async def test_the_rollup_is_mailed_once_with_its_xlsx(
    db: Database, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    world = await build_world(db, email={"bkdbanten": TO})
    await morning(world)
    assert await world.at("08:30") == 1
    assert await email_state(db) == ("pending", 0, None)
    mailer = mailer_for(world, port)
    assert await mailer.send_due() == 1
    assert await mailer.send_due() == 0  # sent once

    (envelope,) = inbox.envelopes
    assert envelope.mail_from == "hadir@bantenprov.go.id"
    assert envelope.rcpt_tos == TO
    message = email.message_from_bytes(envelope.original_content, policy=default)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == (
        "Rekap kehadiran BKD Provinsi Banten — Rabu, 25-11-2026 jendela 07:30"
    )
    assert message["From"] == SENDER and message["To"] == ", ".join(TO)
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert text.startswith("Yth. BKD Provinsi Banten,")
    assert "DISKOMINFO   3 1 0  2   0  1" in text and "<pre>" not in text
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "rekap-BKDBANTEN-2026-11-25-0730.xlsx"
    assert attachment.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(attachment.get_content()))["Rekap 07.30"]
    rows = [[c.value for c in row][:11] for row in sheet.iter_rows(5, 6)]
    assert rows == [  # ..., missing, leave, pending, exempt, not linked
        ["DINKES", "Dinas Kesehatan", "WIB", 2, 1, 0, 1, 0, 0, 0, 0],
        ["DISKOMINFO", "Dinas Kominfo", "WIB", 3, 1, 0, 2, 0, 0, 1, 1],
    ]
    status, attempts, error = await email_state(db)
    assert (status, attempts, error) == ("sent", 1, None)


async def test_a_refusing_server_is_retried_with_backoff_then_reported_once(
    db: Database, smtp: tuple[Inbox, int], caplog: pytest.LogCaptureFixture
) -> None:
    inbox, port = smtp
    inbox.refuse = True
    world = await build_world(db, email={"BKDBANTEN": TO})
    await morning(world)
    assert await world.at("08:30") == 1
    mailer = mailer_for(world, port, max_attempts=3, retry_seconds=60)
    caplog.set_level(logging.WARNING, logger="bot.mail")

    assert await mailer.send_due() == 0
    assert inbox.attempts == 1 and (await email_state(db))[:2] == ("pending", 1)
    assert await mailer.send_due() == 0 and inbox.attempts == 1  # not due yet
    world.clock.advance(seconds=59)
    await mailer.send_due()
    assert inbox.attempts == 1
    world.clock.advance(seconds=1)  # 60 s after the first try
    await mailer.send_due()
    assert inbox.attempts == 2 and (await email_state(db))[:2] == ("pending", 2)
    world.clock.advance(seconds=119)
    await mailer.send_due()
    assert inbox.attempts == 2
    world.clock.advance(seconds=1)  # 120 s after the second
    await mailer.send_due()
    status, attempts, error = await email_state(db)
    assert (inbox.attempts, status, attempts) == (3, "failed", 3)
    assert error is not None and "451" in error
    world.clock.advance(hours=2)
    await mailer.send_due()
    assert inbox.attempts == 3 and inbox.envelopes == []

    (notice,) = await world.outbox("rollup_email_failed")
    assert (notice.chat_id, notice.transport) == (BKD, "telegram_bkd")
    assert notice.payload["attempts"] == 3 and notice.payload["recipients"] == ", ".join(TO)
    levels = [r.levelname for r in caplog.records if r.name == "bot.mail"]
    assert levels == ["WARNING", "WARNING", "ERROR"]
    assert "giving up" in caplog.records[-1].getMessage()


async def test_an_unreachable_server_and_wrong_password_are_failures_too(
    db: Database, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    world = await build_world(db, email={"BKDBANTEN": TO})
    await morning(world)
    assert await world.at("08:30") == 1
    closed = free_port()
    assert await mailer_for(world, closed, timeout_seconds=2).send_due() == 0
    status, attempts, error = await email_state(db)
    assert (status, attempts) == ("pending", 1) and error is not None
    world.clock.advance(minutes=1)
    wrong = mailer_for(world, port)
    wrong._config = wrong._config.model_copy(update={"password": SecretStr("salah")})
    assert await wrong.send_due() == 0
    assert (await email_state(db))[:2] == ("pending", 2) and inbox.envelopes == []


def test_backoff_doubles_up_to_an_hour() -> None:
    first = timedelta(minutes=1)
    assert [backoff(n, first) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff(12, first) == timedelta(hours=1)


async def test_without_recipients_no_email_is_queued(db: Database) -> None:
    world = await build_world(db, email={"BKDJABAR": TO})
    await morning(world)
    assert await world.at("08:30") == 1
    async with db.read() as session:
        runs = (
            await session.execute(select(RollupRun).where(col(RollupRun.email_status).is_not(None)))
        ).all()
    assert runs == []
