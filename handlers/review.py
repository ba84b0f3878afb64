"""What the supervisor summary says about locations: tier counts and who is worth checking.

Worth checking ("Perlu dicek"): members whose point was outside the radius of their home or
office point, and members with a red flag in the window. Each line says what was seen,
never that something is proven.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from handlers.geo import Tier
from storage import attendance as attendance_repo
from storage import geo as geo_repo
from storage.tables import Member


def distance_text(metres: float) -> str:
    return f"{metres / 1000:.1f} km" if metres >= 1000 else f"{metres:.0f} m"


async def window_review(
    session: AsyncSession, *, agency_id: int, day: date, window: str
) -> dict[str, Any]:
    """``tiers``: counts per tier; ``checks``: one item per member and finding, by name."""
    reports = await attendance_repo.reports_for_window(
        session, agency_id=agency_id, day=day, window=window
    )
    flags = await geo_repo.flags_for_window(session, agency_id=agency_id, day=day, window=window)
    result = await session.execute(select(Member).where(col(Member.agency_id) == agency_id))
    names = {m.id: m.full_name for m in result.scalars()}
    tiers = {tier.value: 0 for tier in Tier}
    checks: list[dict[str, Any]] = []
    for report in sorted(reports, key=lambda r: names.get(r.member_id, "")):
        if report.tier in tiers:
            tiers[report.tier] += 1
        if report.tier == Tier.OUTSIDE.value and report.distance_m is not None:
            checks.append(
                {
                    "name": names.get(report.member_id, "?"),
                    "kind": "di_luar",
                    "distance": distance_text(report.distance_m),
                }
            )
    for flag in flags:
        item: dict[str, Any] = {"name": names.get(flag.member_id, "?"), "kind": flag.kind}
        detail = flag.detail or {}
        if "other_member_id" in detail:
            item["other"] = names.get(detail["other_member_id"], "?")
        if "other_day" in detail:
            item["other"] = date.fromisoformat(detail["other_day"]).strftime("%d-%m-%Y")
        for key in ("km", "minutes", "speed_kmh"):
            if key in detail:
                item[key] = detail[key]
        checks.append(item)
    checks.sort(key=lambda c: (c["name"], c["kind"]))
    in_use = any(n for tier, n in tiers.items() if tier != Tier.NO_POINT.value)
    return {"tiers": tiers if in_use else {}, "checks": checks}  # no points yet: no tier line
