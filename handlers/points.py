"""Registered points: a member's home (approved by a supervisor before use), the office, radii.

/rumah then a location (private chat) asks every supervisor of the member's agency to
approve; the first decision counts, a second one is refused. /kantor then a location (or
/kantor in reply to a location) and /radius are for group admins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from handlers.geo import GeoRules, parse_radius
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from storage import agencies as agencies_repo
from storage import geo as geo_repo
from storage import members as members_repo
from storage.db import Database
from storage.tables import Member
from storage.tables_geo import HomePoint

CAPTURE_MINUTES = 10  # how long after /rumah or /kantor the next location is taken as the point


@dataclass(frozen=True)
class ApprovalRequest:
    """One home point to put before the supervisors of one agency."""

    point_id: int
    supervisors: tuple[int, ...]  # chat accounts
    params: dict[str, object]


@dataclass(frozen=True)
class HomeSubmitted:
    reply: Reply
    requests: tuple[ApprovalRequest, ...] = ()


@dataclass(frozen=True)
class HomeDecision:
    answer: Reply  # to the supervisor who pressed the button
    decided: bool = False
    outcome: Reply | None = None  # appended to the request message
    member_user_id: int | None = None
    member_notice: Reply | None = None


@dataclass
class Radii:
    office: int
    home: int
    office_point: tuple[float, float] | None = field(default=None)


def coords(latitude: float, longitude: float) -> str:
    return f"{latitude:.6f}, {longitude:.6f}"


class GeoRow(Protocol):
    """The radius columns of :class:`AgencyGeo` (the row itself, or a plain copy of them)."""

    @property
    def office_latitude(self) -> float | None: ...
    @property
    def office_longitude(self) -> float | None: ...
    @property
    def office_radius_m(self) -> int | None: ...
    @property
    def home_radius_m(self) -> int | None: ...


def radii_of(geo: GeoRow | None, rules: GeoRules) -> Radii:
    if geo is None:
        return Radii(rules.office_radius_m, rules.home_radius_m)
    office = None
    if geo.office_latitude is not None and geo.office_longitude is not None:
        office = (geo.office_latitude, geo.office_longitude)
    return Radii(
        geo.office_radius_m or rules.office_radius_m,
        geo.home_radius_m or rules.home_radius_m,
        office,
    )


class PointsService:
    def __init__(self, *, db: Database, clock: Clock, rules: GeoRules | None = None) -> None:
        self._db = db
        self._clock = clock
        self._rules = rules or GeoRules()

    # capture window ----------------------------------------------------------------------
    def capture_started(self) -> str:
        return self._clock.now().isoformat()

    def capture_open(self, started: object) -> bool:
        """True while a location may still be taken as the point asked for at ``started``."""
        if not isinstance(started, str):
            return False
        try:
            since = datetime.fromisoformat(started)
        except ValueError:
            return False
        return self._clock.now() - since <= timedelta(minutes=CAPTURE_MINUTES)

    # home --------------------------------------------------------------------------------
    async def ask_home(self, *, user_id: int) -> Reply:
        async with self._db.read() as session:
            mine = (await members_repo.by_users(session, user_ids=[user_id])).get(user_id, [])
        if not mine:
            return fail("points.unregistered")
        return done("points.home_ask", minutes=CAPTURE_MINUTES)

    async def submit_home(
        self,
        *,
        user_id: int,
        latitude: float,
        longitude: float,
        accuracy: float | None,
        forwarded: bool = False,
        venue: bool = False,
    ) -> HomeSubmitted:
        if forwarded or venue:
            return HomeSubmitted(fail("points.not_own"))
        now = self._clock.now()
        requests: list[ApprovalRequest] = []
        async with self._db.transaction() as session:
            mine = (await members_repo.by_users(session, user_ids=[user_id])).get(user_id, [])
            agencies = await agencies_repo.by_ids(session, agency_ids=(m.agency_id for m in mine))
            geos = await geo_repo.agency_geo(session, agency_ids=agencies)
            for member in mine:
                agency = agencies[member.agency_id]
                if agency.paused or member.id is None:
                    continue
                point = await geo_repo.request_home_point(
                    session,
                    agency_id=member.agency_id,
                    member_id=member.id,
                    latitude=latitude,
                    longitude=longitude,
                    accuracy=accuracy,
                    now=now,
                )
                supervisors = await agencies_repo.list_supervisors(
                    session, agency_id=member.agency_id
                )
                assert point.id is not None
                requests.append(
                    ApprovalRequest(
                        point_id=point.id,
                        supervisors=tuple(s.telegram_user_id for s in supervisors),
                        params={
                            "name": member.full_name,
                            "nip": member.nip,
                            "agency": agency.name,
                            "coords": coords(latitude, longitude),
                            "accuracy": _accuracy(accuracy),
                            "map": f"https://maps.google.com/?q={latitude:.6f},{longitude:.6f}",
                            "radius": radii_of(geos.get(member.agency_id), self._rules).home,
                        },
                    )
                )
        if not requests:
            return HomeSubmitted(fail("points.unregistered"))
        if not any(r.supervisors for r in requests):
            return HomeSubmitted(done("points.home_no_supervisor"), tuple(requests))
        return HomeSubmitted(done("points.home_sent"), tuple(requests))

    async def decide_home(
        self, *, point_id: int, approve: bool, user_id: int, name: str
    ) -> HomeDecision:
        now = self._clock.now()
        async with self._db.transaction() as session:
            point = await session.get(HomePoint, point_id)
            if point is None:
                return HomeDecision(fail("points.decision_gone"))
            if (
                await agencies_repo.get_supervisor(
                    session, agency_id=point.agency_id, user_id=user_id
                )
                is None
            ):
                return HomeDecision(fail("points.decision_not_supervisor"))
            if point.state == "superseded":
                return HomeDecision(
                    fail("points.decision_replaced"), outcome=done("points.outcome_replaced")
                )
            if point.state != "pending":
                return HomeDecision(
                    fail("points.decision_already", by=point.decider_name or "-"),
                    outcome=_outcome(point.state, point.decider_name or "-"),
                )
            decided = await geo_repo.decide_home_point(
                session,
                point_id=point_id,
                approve=approve,
                decided_by=user_id,
                decider_name=name,
                now=now,
            )
            if not decided:
                return HomeDecision(fail("points.decision_already", by="-"))
            member = await session.get(Member, point.member_id)
            geo = (await geo_repo.agency_geo(session, agency_ids=[point.agency_id])).get(
                point.agency_id
            )
        state = "approved" if approve else "rejected"
        notice_key = "points.member_approved" if approve else "points.member_rejected"
        return HomeDecision(
            answer=done("points.decision_done"),
            decided=True,
            outcome=_outcome(state, name),
            member_user_id=member.telegram_user_id if member else None,
            member_notice=done(notice_key, by=name, radius=radii_of(geo, self._rules).home),
        )

    # office and radii --------------------------------------------------------------------
    async def set_office(
        self,
        *,
        chat_id: int,
        user_id: int,
        latitude: float,
        longitude: float,
        accuracy: float | None,
        forwarded: bool = False,
        venue: bool = False,
    ) -> Reply:
        if forwarded:
            return fail("points.not_own")
        now = self._clock.now()
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            await geo_repo.update_agency_geo(
                session,
                agency_id=agency.id,
                now=now,
                office_latitude=latitude,
                office_longitude=longitude,
                office_accuracy=accuracy,
                office_set_by=user_id,
            )
            geo = (await geo_repo.agency_geo(session, agency_ids=[agency.id]))[agency.id]
        radii = radii_of(geo, self._rules)
        return done(
            "points.office_set",
            agency=agency.name,
            coords=coords(latitude, longitude),
            office=radii.office,
            home=radii.home,
        )

    async def set_radius(self, *, chat_id: int, args: str) -> Reply:
        words = args.lower().split()
        target = "office_radius_m"
        if words and words[0] in ("rumah", "home", "kantor", "office"):
            target = "home_radius_m" if words[0] in ("rumah", "home") else "office_radius_m"
            words = words[1:]
        if not words:
            return await self.show_radius(chat_id=chat_id)
        if len(words) != 1:
            return fail("points.radius_usage")
        try:
            metres = parse_radius(words[0])
        except ValueError:
            return fail("points.radius_usage")
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            await geo_repo.update_agency_geo(
                session, agency_id=agency.id, now=self._clock.now(), **{target: metres}
            )
            geo = (await geo_repo.agency_geo(session, agency_ids=[agency.id]))[agency.id]
        radii = radii_of(geo, self._rules)
        return done("points.radius_set", office=radii.office, home=radii.home)

    async def show_radius(self, *, chat_id: int) -> Reply:
        async with self._db.read() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            geo = (await geo_repo.agency_geo(session, agency_ids=[agency.id])).get(agency.id)
        radii = radii_of(geo, self._rules)
        office = coords(*radii.office_point) if radii.office_point else None
        if office is None:
            return done("points.radius_show_no_office", office=radii.office, home=radii.home)
        return done("points.radius_show", office=radii.office, home=radii.home, coords=office)


def _accuracy(accuracy: float | None) -> str:
    return f"±{accuracy:.0f} m" if accuracy else "?"


def _outcome(state: str, by: str) -> Reply:
    return done(
        "points.outcome_approved" if state == "approved" else "points.outcome_rejected", by=by
    )
