"""Every user-facing sentence, in Indonesian (default) and English.

Use cases answer with catalog keys (:class:`handlers.results.Reply`); transports and
the demo render them here. A key missing from a language falls back to Indonesian.
The entries live in one module per area (``core``, …) and are merged here; a key
defined twice stops the import.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.texts import core, geo, reports, rules, whatsapp
from handlers.results import Reply

DEFAULT_LANGUAGE = "id"

CATALOG: dict[str, dict[str, str]] = {}
for _part in (core.TEXTS, geo.TEXTS, reports.TEXTS, rules.TEXTS, whatsapp.TEXTS):
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


# Statuses shown after the head line's hadir · terlambat · tidak merespons, when any.
OTHER_STATUSES = ("izin_menunggu", "izin", "sakit", "cuti", "dinas", "dikecualikan")
NAMED_STATUSES = ("terlambat", *OTHER_STATUSES)


def status_counts(counts: dict[str, int], keys: tuple[str, ...], lang: str) -> str:
    return " · ".join(f"{t(f'status.{k}', lang)} {counts[k]}" for k in keys if counts.get(k))


def status_names(names: dict[str, list[str]], lang: str) -> list[str]:
    """One line per non-hadir status (besides the missing, listed on their own)."""
    return [
        f"{t(f'status.{k}', lang).capitalize()}: {', '.join(names[k])}"
        for k in NAMED_STATUSES
        if names.get(k)
    ]


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
    others = status_counts(payload.get("counts") or {}, OTHER_STATUSES, lang)
    if others:
        lines.append(others)
    if missing:
        lines.append(t("summary.missing", lang))
        failed = set(payload.get("undelivered") or ())  # WhatsApp prompts that bounced
        note = f" — {t('summary.undelivered', lang)}"
        lines.extend(
            f"{i}. {name}{note if name in failed else ''}" for i, name in enumerate(missing, 1)
        )
    else:
        lines.append(t("summary.none_missing", lang))
    lines.extend(status_names(payload.get("names") or {}, lang))
    if payload.get("unlinked"):  # on the imported roster, no /daftar yet
        names = ", ".join(payload["unlinked"])
        lines.append(t("summary.unlinked", lang, count=len(payload["unlinked"]), names=names))
    if payload.get("no_activity_report"):
        names = ", ".join(payload["no_activity_report"])
        lines.append(t("summary.no_activity_report", lang, names=names))
    lines.extend(review_lines(payload, lang))
    asked = payload.get("ask_start") or []
    if asked:
        lines.append("")
        lines.append(t("summary.ask_start", lang, names=", ".join(asked)))
    return "\n".join(lines)


def review_lines(payload: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Location tiers and the members worth checking (outside the radius, red flags)."""
    lines: list[str] = []
    tiers = payload.get("tiers") or {}
    if tiers:
        lines.append(t("summary.tiers", lang, **tiers))
    checks = payload.get("checks") or []
    if checks:
        lines.append(t("summary.check_head", lang))
        lines.extend(f"• {c['name']}: {t('flag.' + c['kind'], lang, **c)}" for c in checks)
    if tiers or checks:
        lines.append(t("tier.disclaimer", lang))
    return lines


def render_leave_request(payload: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    kind = t(f"leave.kind.{payload['kind']}", lang)
    text = t("leave.request", lang, **{**payload, "kind": kind})
    if payload.get("ask_start"):
        names = ", ".join(payload["ask_start"])
        text += "\n\n" + t("leave.request.ask_start", lang, names=names)
    return text


def render_leave_outcome(kind: str, payload: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    key = "leave.outcome_group" if kind == "leave_outcome_group" else "leave.outcome"
    label = t(f"leave.kind.{payload['kind']}", lang)
    return t(f"{key}.{payload['decision']}", lang, **{**payload, "kind": label})


def render_notice(kind: str, payload: dict[str, Any], lang: str | None = None) -> str:
    lang = lang or payload.get("language") or DEFAULT_LANGUAGE
    if kind == "prompt":
        return render_prompt(payload, lang)
    if kind in ("summary", "summary_group"):
        return render_summary(payload, lang)
    if kind in ("leave_request", "leave_request_group"):
        return render_leave_request(payload, lang)
    if kind in ("leave_outcome", "leave_outcome_group"):
        return render_leave_outcome(kind, payload, lang)
    if kind == "piket_shortfall":
        return render_piket_shortfall(payload, lang)
    raise ValueError(f"unknown notice kind: {kind}")


def render_leave_decided(
    payload: dict[str, Any], *, status: str, decider: str, at: str, lang: str | None = None
) -> str:
    """The request as the supervisors saw it, with who decided it and when."""
    lang = lang or payload.get("language") or DEFAULT_LANGUAGE
    ask = {k: v for k, v in payload.items() if k != "ask_start"}
    outcome = t(f"leave.decided.{status}", lang, decider=decider, at=at, zone=ask.get("zone", ""))
    return f"{render_leave_request(ask, lang)}\n\n{outcome}"


def render_piket_shortfall(payload: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    day = date.fromisoformat(payload["day"])
    weekday = WEEKDAYS.get(lang, WEEKDAYS["id"])[day.weekday()]
    lines = [t("piket.shortfall", lang, **payload, weekday=weekday, date=day.strftime("%d-%m-%Y"))]
    if not payload.get("office_set", True):
        lines.append(t("piket.shortfall_no_office", lang))
    if payload["roster"] < payload["minimum"]:
        lines.append(t("piket.shortfall_roster", lang, count=payload["roster"], **payload))
    if payload["missing"]:
        lines.append(t("piket.shortfall_missing", lang))
        lines.extend(f"{i}. {name}" for i, name in enumerate(payload["missing"], 1))
    return "\n".join(lines)
