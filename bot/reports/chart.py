"""Attendance rate per window over the period, as a PNG readable on a phone.

matplotlib's Agg backend through the object API (no pyplot state), so charts can be
drawn from any thread. One day gives a bar per window; more days give a line per window.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from bot.reports.labels import day_month, full_date, label
from handlers.exports import AttendanceTable

WIDTH_PX = 1080
HEIGHT_PX = 810
DPI = 100
TITLE_SIZE = 28
TEXT_SIZE = 22
MAX_TICKS = 10


def render_chart(table: AttendanceTable, *, language: str = "id") -> bytes:
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    figure.suptitle(label("chart.title", language), fontsize=TITLE_SIZE, fontweight="bold")
    period = full_date(table.start)
    if table.end != table.start:
        period = label("chart.period", language, start=period, end=full_date(table.end))
    subtitle = f"{table.name}, {period}"
    axes.set_title(subtitle, fontsize=TEXT_SIZE - 2)
    rates = {w: points for w, points in table.window_rates().items() if points}
    days = sorted({day for points in rates.values() for day, _ in points})
    if not days:
        axes.set_axis_off()
        axes.text(0.5, 0.5, label("chart.empty", language), ha="center", va="center",
                  fontsize=TEXT_SIZE, wrap=True)  # fmt: skip
    elif len(days) == 1:
        _bars(axes, table, rates, language)
    else:
        _lines(axes, table, rates, days, language)
    out = BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _style(axes: Axes, language: str) -> None:
    axes.set_ylim(-3, 112)  # room for the 0% line and for the labels above 100% bars
    axes.set_yticks(range(0, 101, 20))
    axes.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    axes.set_ylabel(label("chart.ylabel", language), fontsize=TEXT_SIZE)
    axes.tick_params(labelsize=TEXT_SIZE - 2)
    axes.grid(axis="y", alpha=0.4)
    axes.spines[["top", "right"]].set_visible(False)


def _bars(
    axes: Axes, table: AttendanceTable, rates: dict[str, list[tuple[date, float]]], language: str
) -> None:
    names = [label("chart.window", language, window=w, zone=table.zone) for w in rates]
    values = [points[0][1] * 100 for points in rates.values()]
    positions = list(range(len(names)))  # not the names: they would be parsed as dates
    bars = axes.bar(positions, values, color=[f"C{i}" for i in positions], width=0.6)
    axes.set_xticks(positions, names)
    axes.bar_label(bars, labels=[f"{v:.0f}%" for v in values], fontsize=TEXT_SIZE, padding=4)
    _style(axes, language)


def _lines(
    axes: Axes,
    table: AttendanceTable,
    rates: dict[str, list[tuple[date, float]]],
    days: list[date],
    language: str,
) -> None:
    position = {day: i for i, day in enumerate(days)}
    for window, points in rates.items():
        axes.plot(
            [position[day] for day, _ in points],
            [rate * 100 for _, rate in points],
            marker="o", markersize=10, linewidth=3,
            label=label("chart.window", language, window=window, zone=table.zone),
        )  # fmt: skip
    step = max(1, -(-len(days) // MAX_TICKS))
    ticks = list(range(0, len(days), step))
    axes.set_xticks(ticks, [day_month(days[i]) for i in ticks])
    axes.set_xlabel(label("chart.xlabel", language), fontsize=TEXT_SIZE)
    axes.set_xlim(-0.5, len(days) - 0.5)
    _style(axes, language)
    columns = min(3, len(rates))
    axes.figure.legend(loc="outside lower center", ncols=columns, fontsize=TEXT_SIZE - 2)
