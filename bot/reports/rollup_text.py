"""The BKD roll-up as chat text (HTML, the table in <pre>) or plain e-mail text.

The table is monospace and narrow enough for a phone: agency codes, then counts.
Columns that would be empty everywhere (not linked yet, flags, piket) are left out.
"""

from __future__ import annotations

from html import escape

from bot.texts import WEEKDAYS, t
from handlers.rollup import Rollup, RollupRow

CODE_WIDTH = 10
CAPTION_LIMIT = 1024  # Telegram's limit for a document caption


def _columns(rollup: Rollup) -> list[str]:
    columns = ["expected", "hadir", "terlambat", "missing", "leave"]
    if any(row.pending for row in rollup.rows):
        columns.append("pending")
    if any(row.unlinked for row in rollup.rows):
        columns.append("unlinked")
    if any(row.flags for row in rollup.rows):
        columns.append("flags")
    if any(row.piket is not None for row in rollup.rows):
        columns.append("piket")
    return columns


def _cell(row: RollupRow, column: str) -> str:
    if column == "piket":
        if row.piket is None:
            return "—"
        return (
            f"{row.piket}/{row.piket_minimum}" if row.piket_minimum is not None else str(row.piket)
        )
    return str(getattr(row, column))


def table_lines(rollup: Rollup) -> list[str]:
    lang = rollup.language
    columns = _columns(rollup)
    heads = [t(f"rollup.col.{c}", lang) for c in columns]
    body = [(row.code, [_cell(row, c) for c in columns]) for row in rollup.rows]
    body.append((t("rollup.total", lang), [_cell(rollup.totals(), c) for c in columns]))
    widths = [max(len(head), *(len(cells[i]) for _, cells in body)) for i, head in enumerate(heads)]
    code_width = min(CODE_WIDTH, max(len(t("rollup.col.code", lang)), *(len(c) for c, _ in body)))

    def line(first: str, cells: list[str]) -> str:
        parts = [first[:code_width].ljust(code_width)]
        parts += [cell.rjust(width) for cell, width in zip(cells, widths, strict=True)]
        return " ".join(parts).rstrip()

    lines = [line(t("rollup.col.code", lang), heads)]
    lines += [line(code, cells) for code, cells in body[:-1]]
    lines.append("─" * len(lines[0]))
    lines.append(line(*body[-1]))
    return lines


def _legend(rollup: Rollup) -> list[str]:
    lang = rollup.language
    columns = _columns(rollup)
    legend = [t("rollup.legend", lang)]
    if "pending" in columns:
        legend.append(t("rollup.legend.pending", lang))
    if "unlinked" in columns:
        legend.append(t("rollup.legend.unlinked", lang))
    if "flags" in columns:
        legend.append(t("rollup.legend.flags", lang))
    if "piket" in columns:
        legend.append(t("rollup.legend.piket", lang))
    return legend


def head_params(rollup: Rollup) -> dict[str, object]:
    weekdays = WEEKDAYS.get(rollup.language, WEEKDAYS["id"])
    return {
        "bkd": rollup.bkd_name,
        "code": rollup.bkd_code,
        "weekday": weekdays[rollup.day.weekday()],
        "date": rollup.day.strftime("%d-%m-%Y"),
        "window": rollup.window,
        "count": len(rollup.rows),
    }


def render_rollup(rollup: Rollup, *, html: bool = True, with_head: bool = True) -> str:
    lang = rollup.language
    quote = escape if html else str
    parts: list[str] = []
    if with_head:
        parts.append(quote(t("rollup.head", lang, **head_params(rollup))))
    if rollup.rows:
        table = "\n".join(table_lines(rollup))
        parts.append(f"<pre>{escape(table)}</pre>" if html else table)
        parts.append(quote("\n".join(_legend(rollup))))
        total = rollup.totals()
        if total.rate is not None:
            rate = f"{total.rate:.0%}"
            parts.append(
                quote(t("rollup.rate", lang, rate=rate, answered=total.answered,
                        expected=total.expected))
            )  # fmt: skip
    else:
        parts.append(quote(t("rollup.empty", lang)))
    short = rollup.short_of_piket()
    if short:
        names = ", ".join(f"{row.code} ({row.piket}/{row.piket_minimum})" for row in short)
        parts.append(quote(t("rollup.piket_short", lang, names=names)))
    if rollup.idle:
        parts.append(
            quote(t("rollup.idle", lang, names=", ".join(code for code, _ in rollup.idle)))
        )
    return "\n\n".join(parts)


def file_name(rollup: Rollup) -> str:
    return f"rekap-{rollup.bkd_code}-{rollup.day.isoformat()}-{rollup.window.replace(':', '')}.xlsx"
