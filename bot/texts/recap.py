"""/rekap rendered for a phone: a line of counts per window, then who, by status."""

from __future__ import annotations

from bot.texts import OTHER_STATUSES, WEEKDAYS, t
from handlers.recap import DayRecap, WindowRecap

MAIN_STATUSES = ("hadir", "terlambat", "tidak_merespons")
NAMED = ("tidak_merespons", "terlambat", *OTHER_STATUSES)


def _window(window: WindowRecap, zone: str, lang: str) -> list[str]:
    if window.state == "not_open":
        return [t("recap.not_open", lang, window=window.window, zone=zone)]
    counts: dict[str, int] = window.tally["counts"]
    shown = [f"{t(f'status.{k}', lang)} {counts[k]}" for k in MAIN_STATUSES]
    shown += [f"{t(f'status.{k}', lang)} {counts[k]}" for k in OTHER_STATUSES if counts.get(k)]
    lines = [t("recap.window", lang, window=window.window, zone=zone, counts=" · ".join(shown))]
    if window.state == "running":
        lines.append(t("recap.running", lang, deadline=window.deadline, zone=zone))
    names: dict[str, list[str]] = window.tally["names"]
    lines += [
        f"   {t(f'status.{k}', lang).capitalize()}: {', '.join(names[k])}"
        for k in NAMED
        if names.get(k)
    ]
    return lines


def render_recap(day: DayRecap, lang: str) -> str:
    weekday = WEEKDAYS.get(lang, WEEKDAYS["id"])[day.day.weekday()]
    head = t(
        "recap.head",
        lang,
        agency=day.agency,
        code=day.code,
        weekday=weekday,
        date=day.day.strftime("%d-%m-%Y"),
    )
    lines = [head]
    if day.future:
        lines.append(t("recap.future", lang))
    elif day.off is not None:
        reason = t(f"off.{day.off.kind.value}", lang, note=day.off.note)
        lines.append(t("recap.day_off", lang, reason=reason))
    for window in day.windows:
        lines += _window(window, day.zone, lang)
    if day.activity_missing:
        names = ", ".join(day.activity_missing)
        lines.append(t("summary.no_activity_report", lang, names=names))
    if day.activity_done:
        lines.append(t("recap.activity_done", lang, names=", ".join(day.activity_done)))
    return "\n".join(lines)
