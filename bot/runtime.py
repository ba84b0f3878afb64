"""`hadir run`: the scheduler plus long polling (or a webhook), until SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.bootstrap import App
from bot.scheduler import start_ticking
from bot.texts import t
from bot.transports.telegram.app import privacy_problem
from bot.transports.telegram.polling import ALLOWED_UPDATES, poll

log = logging.getLogger(__name__)


async def check(app: App) -> bool:
    """Ask getMe and say clearly whether the bot can read group messages."""
    username, blind = await privacy_problem(app.bot)
    if blind:
        log.warning(t("check.privacy", app.config.language, username=username))
    else:
        log.info(t("check.ok", app.config.language, username=username))
    return not blind


async def run(app: App, stop: asyncio.Event | None = None, *, whatsapp_only: bool = False) -> None:
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if not whatsapp_only:
        await check(app)
    scheduler = start_ticking(app.tick, seconds=app.config.scheduler.tick_seconds)
    telegram = app.config.telegram
    whatsapp = await _serve_whatsapp(app, shared=not whatsapp_only and _shares_port(app))
    try:
        if whatsapp_only:
            await stop.wait()
        elif telegram.mode == "webhook":
            await _serve_webhook(app, stop)
        else:
            await app.bot.delete_webhook(drop_pending_updates=False)
            await poll(app.dispatcher, app.bot, app.db, stop)
    finally:
        log.info("stopping: finishing work in flight")
        await scheduler.stop()
        if whatsapp is not None:
            await whatsapp.cleanup()
        await app.attendance.drain()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


async def _serve_webhook(app: App, stop: asyncio.Event) -> None:
    telegram = app.config.telegram
    secret = telegram.webhook_secret.get_secret_value() if telegram.webhook_secret else None
    web_app = web.Application()
    # handle_in_background=False: Telegram gets 200 only after the update is committed.
    SimpleRequestHandler(
        app.dispatcher, app.bot, secret_token=secret, handle_in_background=False
    ).register(web_app, path="/telegram")
    if app.whatsapp is not None and _shares_port(app):  # one server for both webhooks
        app.whatsapp.webhook.register(web_app, app.config.whatsapp.webhook_path)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, telegram.webhook_host, telegram.webhook_port)
    await site.start()
    assert telegram.webhook_url
    await app.bot.set_webhook(
        telegram.webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
    )
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def _shares_port(app: App) -> bool:
    telegram, whatsapp = app.config.telegram, app.config.whatsapp
    return telegram.mode == "webhook" and (telegram.webhook_host, telegram.webhook_port) == (
        whatsapp.webhook_host,
        whatsapp.webhook_port,
    )


async def _serve_whatsapp(app: App, *, shared: bool) -> web.AppRunner | None:
    """The WhatsApp webhook on its own port (unless it shares Telegram's webhook server)."""
    if app.whatsapp is None or shared:
        return None
    config = app.config.whatsapp
    runner = web.AppRunner(app.whatsapp.webhook.application(config.webhook_path))
    await runner.setup()
    await web.TCPSite(runner, config.webhook_host, config.webhook_port).start()
    log.info(
        "whatsapp webhook on http://%s:%d%s",
        config.webhook_host,
        config.webhook_port,
        config.webhook_path,
    )
    return runner
