"""The roll-up by e-mail (aiosmtplib), in the background so it never holds up the bot.

Each tick calls :meth:`RollupMailer.kick`, which starts one background pass over the
copies that are due unless a pass is still running; the tick itself does not wait.
A failed send is logged and retried with a doubling backoff (see
:mod:`handlers.rollup_mail`); after the last attempt the BKD group is told once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import aiosmtplib

from bot.config import EmailConfig
from bot.reports.rollup_text import file_name, head_params, render_rollup
from bot.reports.rollup_xlsx import render_rollup_xlsx
from bot.texts import t
from handlers.ports import Clock
from handlers.rollup_mail import MailJob, RollupMailQueue
from storage.db import Database

log = logging.getLogger(__name__)

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def build_message(job: MailJob, *, sender: str) -> EmailMessage:
    rollup = job.rollup
    lang = rollup.language
    params = head_params(rollup)
    message = EmailMessage()
    message["Subject"] = t("rollup.email_subject", lang, **params)
    message["From"] = sender
    message["To"] = ", ".join(job.recipients)
    message["Date"] = formatdate(rollup.generated_at.timestamp(), localtime=False)
    message["Message-ID"] = make_msgid("rollup")
    body = [
        t("rollup.email_intro", lang, **params),
        render_rollup(rollup, html=False, with_head=False),
        t("rollup.email_footer", lang),
    ]
    message.set_content("\n".join(body))
    message.add_attachment(
        render_rollup_xlsx(rollup),
        maintype=XLSX_TYPE[0],
        subtype=XLSX_TYPE[1],
        filename=file_name(rollup),
    )
    return message


def build_mailer(config: EmailConfig, *, db: Database, clock: Clock) -> RollupMailer | None:
    """The e-mail sender when [email] is configured, else None."""
    if not config.enabled:
        return None
    queue = RollupMailQueue(
        db=db,
        clock=clock,
        recipients=config.mailed(),
        max_attempts=config.max_attempts,
        retry_after=timedelta(seconds=config.retry_seconds),
    )
    return RollupMailer(queue=queue, config=config)


class RollupMailer:
    def __init__(self, *, queue: RollupMailQueue, config: EmailConfig) -> None:
        self._queue = queue
        self._config = config
        self._task: asyncio.Task[int] | None = None

    def kick(self) -> None:
        """Start a background pass over the due e-mails unless one is running."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.send_due(), name="rollup-mail")
            self._task.add_done_callback(_log_crash)

    async def wait(self) -> None:
        """Let the current pass finish (tests)."""
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def close(self, grace: float = 5.0) -> None:
        """At shutdown: give a send in flight ``grace`` seconds, then stop it."""
        task = self._task
        if task is None or task.done():
            return
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(asyncio.shield(task), grace)
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def send_due(self) -> int:
        sent = 0
        while jobs := await self._queue.claim():
            for job in jobs:
                if await self._send(job):
                    sent += 1
        return sent

    async def _send(self, job: MailJob) -> bool:
        config = self._config
        try:
            message = await asyncio.to_thread(build_message, job, sender=config.sender)
            await aiosmtplib.send(
                message,
                hostname=config.host,
                port=config.port,
                username=config.user or None,
                password=config.password.get_secret_value() if config.password else None,
                use_tls=config.security == "ssl",
                start_tls=True if config.security == "starttls" else False,
                timeout=config.timeout_seconds,
            )
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            error = f"{type(exc).__name__}: {exc}"
            last = await self._queue.failed(job, error)
            log.log(
                logging.ERROR if last else logging.WARNING,
                "roll-up %s e-mail to %s failed (attempt %d%s): %s",
                job.run_id, ", ".join(job.recipients), job.attempt,
                ", giving up" if last else ", will retry", error,
            )  # fmt: skip
            return False
        await self._queue.sent(job)
        log.info("roll-up %s e-mailed to %s", job.run_id, ", ".join(job.recipients))
        return True


def _log_crash(task: asyncio.Task[int]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("roll-up e-mail pass crashed", exc_info=task.exception())
