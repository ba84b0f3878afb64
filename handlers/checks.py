"""What a member's point is checked against on a day: loaded in a few batched queries.

Used by the location writer (one load per group-commit batch), by live coverage and by
the piket check, so all three classify the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.geo import Anchor, Check, GeoRules, anchor_kind, classify
from handlers.points import radii_of
from storage import geo as geo_repo
from storage.geo import HomeSpot, OfficeGeo
from storage.tables import Agency, Member


@dataclass(frozen=True)
class CheckContext:
    rules: GeoRules
    homes: dict[int, HomeSpot]  # member id -> approved home point in use
    geos: dict[int, OfficeGeo]  # agency id -> office point and radii
    rosters: dict[tuple[int, date], set[int]]  # (agency id, day) -> members on duty

    def on_piket(self, agency: Agency, member: Member, day: date) -> bool:
        """On today's /piket roster; on a day without one, in the weekly rotation."""
        roster = self.rosters.get((agency.id or 0, day))
        if roster is None:
            return member.nip in self.rules.rotation_for(agency.code, day)
        return member.id in roster

    def office(self, agency: Agency) -> Anchor | None:
        radii = radii_of(self.geos.get(agency.id or 0), self.rules)
        if radii.office_point is None:
            return None
        return Anchor("office", *radii.office_point, radius_m=radii.office)

    def anchor(self, agency: Agency, member: Member, day: date) -> tuple[str | None, Anchor | None]:
        kind = anchor_kind(member.role, on_piket=self.on_piket(agency, member, day))
        if kind == "office":
            return kind, self.office(agency)
        if kind == "home":
            home = self.homes.get(member.id or 0)
            if home is None:
                return kind, None
            radius = radii_of(self.geos.get(agency.id or 0), self.rules).home
            return kind, Anchor("home", home.latitude, home.longitude, radius_m=radius)
        return None, None

    def check(
        self,
        agency: Agency,
        member: Member,
        day: date,
        *,
        latitude: float,
        longitude: float,
        accuracy: float | None,
        live: bool,
    ) -> Check:
        kind, anchor = self.anchor(agency, member, day)
        return classify(
            latitude=latitude,
            longitude=longitude,
            accuracy=accuracy,
            live=live,
            kind=kind,
            anchor=anchor,
        )


async def load_checks(
    session: AsyncSession, *, rules: GeoRules, seen: Iterable[tuple[Agency, Member, date]]
) -> CheckContext:
    """Two queries, whatever the number of members: home and office points, rosters."""
    items = list(seen)
    homes, geos = await geo_repo.home_and_office(
        session,
        member_ids=(m.id for _, m, _ in items if m.id is not None),
        agency_ids=(a.id for a, _, _ in items if a.id is not None),
    )
    return CheckContext(
        rules=rules,
        homes=homes,
        geos=geos,
        rosters=await geo_repo.rosters(
            session, keys=((a.id, day) for a, _, day in items if a.id is not None)
        ),
    )
