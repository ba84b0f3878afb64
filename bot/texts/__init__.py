"""Every user-facing sentence, in Indonesian (default) and English.

Use cases answer with catalog keys (:class:`handlers.results.Reply`); transports and
the demo render them here. A key missing from a language falls back to Indonesian.
The entries live in one module per area (``core``, …) and are merged here; a key
defined twice stops the import.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.texts import core
from handlers.results import Reply

DEFAULT_LANGUAGE = "id"

CATALOG: dict[str, dict[str, str]] = {}
for _part in (core.TEXTS,):
    if CATALOG.keys() & _part.keys():
        raise RuntimeError(f"duplicate text keys: {sorted(CATALOG.keys() & _part.keys())}")
    CATALOG.update(_part)

WEEKDAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    entry = CATALOG[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**params)


def render(reply: Reply, lang: str = DEFAULT_LANGUAGE) -> str:
    return t(reply.key, lang, **reply.params)


def render_prompt(payload: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    return t("prompt", lang, **payload)


def render_summary(payload: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    day = date.fromisoformat(payload["day"])
    missing: list[str] = payload["missing"]
    lines = [
        t(
            "summary.head",
            lang,
            **payload,
            weekday=WEEKDAYS.get(lang, WEEKDAYS["id"])[day.weekday()],
            date=day.strftime("%d-%m-%Y"),
            missing_count=len(missing),
        )
    ]
    if missing:
        lines.append(t("summary.missing", lang))
        lines.extend(f"{i}. {name}" for i, name in enumerate(missing, 1))
    else:
        lines.append(t("summary.none_missing", lang))
    asked = payload.get("ask_start") or []
    if asked:
        lines.append("")
        lines.append(t("summary.ask_start", lang, names=", ".join(asked)))
    return "\n".join(lines)


def render_notice(kind: str, payload: dict[str, Any], lang: str | None = None) -> str:
    lang = lang or payload.get("language") or DEFAULT_LANGUAGE
    if kind == "prompt":
        return render_prompt(payload, lang)
    if kind in ("summary", "summary_group"):
        return render_summary(payload, lang)
    raise ValueError(f"unknown notice kind: {kind}")
