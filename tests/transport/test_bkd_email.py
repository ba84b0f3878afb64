"""The roll-up's e-mail copy inside the running app: it never holds up the tick, and a
server that keeps refusing ends in one notice in the BKD group (real SMTP server,
fake Bot API, the app wired by bootstrap with [email] configured)."""

from __future__ import annotations

import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bot.bootstrap import bootstrap
from bot.clock import VirtualClock
from bot.config import Config, DatabaseConfig, EmailConfig, TelegramConfig
from bot.texts import t
from tests.fakes.bot_api import FakeBotAPI
from tests.reports.smtp_server import (
    LOGIN,
    PASSWORD,
    QUIET,
    Inbox,
    smtp_fixture,  # noqa: F401  (the smtp fixture)
)
from tests.transport.conftest import BUDI, BUDI_NIP, FAST_LIMITS, Harness
from tests.transport.test_bkd import BKD_CHAT, BKD_CODE, documents, linked_agency
from tests.transport.updates import Updates

pytestmark = QUIET
TO = ["rekap@bkd.bantenprov.go.id"]

MakeMailHarness = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def mail_harness(
    tmp_path: Path,
    fake: FakeBotAPI,
    clock: VirtualClock,
    migrated_sqlite: Path,
    smtp: tuple[Inbox, int],
) -> AsyncIterator[MakeMailHarness]:
    apps = []

    async def make(**email: Any) -> Harness:
        database = tmp_path / "hadir.db"
        shutil.copyfile(migrated_sqlite, database)
        config = Config(
            telegram=TelegramConfig(token=SecretStr(fake.token), api_base=fake.url),
            database=DatabaseConfig(url=f"sqlite+aiosqlite:///{database}"),
            limits=FAST_LIMITS,
            email=EmailConfig(
                host="127.0.0.1", port=smtp[1], security="none", user=LOGIN,
                password=SecretStr(PASSWORD), sender="hadir@bantenprov.go.id",
                recipients={BKD_CODE: TO}, **email,
            ),
        )  # fmt: skip
        app = await bootstrap(config, clock=clock, migrate=False)
        apps.append(app)
        return Harness(app, fake, clock, Updates(clock))

    yield make
    for app in apps:
        await app.close()


async def rolled_up(tg: Harness) -> None:
    """Linked agency, Budi answers the 07:30 window; the roll-up is due at 08:00."""
    await linked_agency(tg)
    await tg.register(BUDI, BUDI_NIP)
    tg.at(7, 30)
    await tg.tick()
    tg.at(7, 31)
    await tg.share(BUDI)
    tg.at(8, 0)


async def test_a_slow_mail_server_does_not_hold_up_the_tick(
    mail_harness: MakeMailHarness, smtp: tuple[Inbox, int]
) -> None:
    inbox = smtp[0]
    inbox.delay = 2.0
    tg = await mail_harness()
    await rolled_up(tg)
    started = time.monotonic()
    await tg.tick()
    assert time.monotonic() - started < 1.5  # the document went out; the mail is still going
    assert len(documents(tg, BKD_CHAT.id)) == 1 and inbox.envelopes == []
    assert tg.app.mailer is not None
    await tg.app.mailer.wait()
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == TO


async def test_a_refusing_server_ends_in_one_notice_in_the_bkd_group(
    mail_harness: MakeMailHarness, smtp: tuple[Inbox, int]
) -> None:
    inbox = smtp[0]
    inbox.refuse = True
    tg = await mail_harness(max_attempts=2, retry_seconds=60)
    assert tg.app.mailer is not None
    await rolled_up(tg)
    for minute in (0, 1, 2, 3, 4):
        tg.at(8, minute)
        await tg.tick()
        await tg.app.mailer.wait()
    assert inbox.attempts == 2  # 08:00, then 60 s later; then given up
    notice = t(
        "rollup.email_failed", window="07:30", date="25-11-2026", recipients=TO[0], attempts=2,
        error="SMTPDataError: (451, '4.3.0 Mailbox temporarily unavailable')",
    )  # fmt: skip
    assert tg.fake.texts(BKD_CHAT.id).count(notice) == 1, tg.fake.texts(BKD_CHAT.id)
    assert len(documents(tg, BKD_CHAT.id)) == 1
