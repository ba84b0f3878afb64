"""The `hadir` console script: run, demo, check, migrate, export, import, purge."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sys
from collections.abc import Sequence

from bot.clock import SystemClock
from bot.config import Config, ConfigError, load_config
from bot.purge_command import add_purge_parser, run_purge
from bot.reports.export_command import add_export_parser, run_export
from bot.roster_command import add_import_parser, run_import


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hadir", description="Work-from-home attendance bot")
    parser.add_argument(
        "--config", help="TOML config file (default: $HADIR_CONFIG or ./config.toml)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot (needs HADIR_TELEGRAM_TOKEN)")
    run.add_argument(
        "--whatsapp-only",
        action="store_true",
        help="the scheduler and the WhatsApp webhook only: no Telegram polling or webhook",
    )
    demo = sub.add_parser("demo", help="simulate one agency day offline (no token, no network)")
    demo.add_argument("--keep", metavar="FILE", help="keep the demo SQLite database in FILE")
    demo.add_argument(
        "--whatsapp", action="store_true", help="one member is on WhatsApp (in-process fake)"
    )
    sub.add_parser("check", help="check the token, the Bot API and privacy mode")
    sub.add_parser("migrate", help="apply database migrations")
    add_export_parser(sub)
    add_import_parser(sub)
    add_purge_parser(sub)
    return parser


def _need_token(config: Config) -> str | None:
    if config.telegram.token is None or not config.telegram.token.get_secret_value():
        return "error: HADIR_TELEGRAM_TOKEN is not set (or [telegram] token in the config file)"
    if config.telegram.mode == "webhook" and not config.telegram.webhook_url:
        return "error: webhook mode needs HADIR_WEBHOOK_URL (or [telegram] webhook_url)"
    return None


def _need_whatsapp(config: Config) -> str | None:
    if not config.whatsapp.enabled:
        return "error: --whatsapp-only needs [whatsapp] phone_number_id and HADIR_WHATSAPP_TOKEN"
    return None


async def _run(config: Config, *, whatsapp_only: bool = False) -> None:
    from bot.bootstrap import bootstrap
    from bot.runtime import run

    app = await bootstrap(config, clock=SystemClock())
    # What start-up built lives as long as the process (aiogram's Bot API models alone are
    # ~350,000 objects): out of the cyclic GC, so a full collection no longer walks them
    # (~0.2 s each, landing in whichever tick it happens to, a window opening included).
    gc.collect()
    gc.freeze()
    try:
        await run(app, whatsapp_only=whatsapp_only)
    finally:
        await app.close()


async def _check(config: Config) -> bool:
    from bot.bootstrap import bootstrap
    from bot.runtime import check

    app = await bootstrap(config, clock=SystemClock(), migrate=False)
    try:
        return await check(app)
    finally:
        await app.close()


async def _migrate(config: Config) -> None:
    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(config.database.url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "demo":
        from bot.demo import run_demo

        return asyncio.run(run_demo(keep=args.keep, whatsapp=args.whatsapp))
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "export":
        return run_export(args, config)
    if args.command == "import":
        return run_import(args, config)
    if args.command == "purge":
        return run_purge(args, config)
    if args.command == "migrate":
        asyncio.run(_migrate(config))
        print(f"migrated {config.database.url.split('@')[-1]}")
        return 0
    whatsapp_only = args.command == "run" and args.whatsapp_only
    problem = _need_whatsapp(config) if whatsapp_only else _need_token(config)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.command == "check":
        return 0 if asyncio.run(_check(config)) else 1
    asyncio.run(_run(config, whatsapp_only=whatsapp_only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
