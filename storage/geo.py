"""Points, radii, live shares, red flags and the piket roster (keyword-only, session passed in)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    Integer,
    Select,
    and_,
    case,
    cast,
    delete,
    func,
    inspect,
    literal_column,
    null,
    or_,
    select,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from storage.tables import Agency, LocationEvent, Member, WindowRun
from storage.tables_geo import AgencyGeo, HomePoint, LiveShare, LocationFlag, PiketCheck, PiketDuty
from storage.upsert import affected, insert_for

LIVE_SHARES = inspect(LiveShare).local_table
LOCATION_FLAGS = inspect(LocationFlag).local_table


# --- home points ---------------------------------------------------------------------------


async def request_home_point(
    session: AsyncSession,
    *,
    agency_id: int,
    member_id: int,
    latitude: float,
    longitude: float,
    accuracy: float | None,
    now: datetime,
) -> HomePoint:
    """A new pending request; an older pending one of the member is superseded."""
    await session.execute(
        update(HomePoint)
        .where(col(HomePoint.member_id) == member_id, col(HomePoint.slot) == "pending")
        .values(slot=None, state="superseded")
    )
    point = HomePoint(
        agency_id=agency_id,
        member_id=member_id,
        latitude=latitude,
        longitude=longitude,
        accuracy=accuracy,
        requested_at=now,
    )
    session.add(point)
    await session.flush()
    return point


async def decide_home_point(
    session: AsyncSession,
    *,
    point_id: int,
    approve: bool,
    decided_by: int,
    decider_name: str,
    now: datetime,
) -> bool:
    """Decide a pending request once; False when it was already decided or replaced."""
    point = await session.get(HomePoint, point_id)
    if point is None or point.state != "pending":
        return False
    if approve:  # the point in use steps down first: one 'current' slot per member
        await session.execute(
            update(HomePoint)
            .where(col(HomePoint.member_id) == point.member_id, col(HomePoint.slot) == "current")
            .values(slot=None, state="superseded")
        )
    result = await session.execute(
        update(HomePoint)
        .where(col(HomePoint.id) == point_id, col(HomePoint.state) == "pending")
        .values(
            state="approved" if approve else "rejected",
            slot="current" if approve else None,
            decided_at=now,
            decided_by=decided_by,
            decider_name=decider_name[:200],
        )
        .execution_options(synchronize_session=False)
    )
    return affected(result) > 0


# --- office point and radii ----------------------------------------------------------------


async def agency_geo(session: AsyncSession, *, agency_ids: Iterable[int]) -> dict[int, AgencyGeo]:
    ids = list(set(agency_ids))
    if not ids:
        return {}
    result = await session.execute(select(AgencyGeo).where(col(AgencyGeo.agency_id).in_(ids)))
    return {g.agency_id: g for g in result.scalars()}


async def update_agency_geo(
    session: AsyncSession, *, agency_id: int, now: datetime, **values: Any
) -> None:
    """Set some of the office point / radius columns, creating the row when needed."""
    stmt = insert_for(session, AgencyGeo).values(agency_id=agency_id, updated_at=now, **values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["agency_id"], set_={**values, "updated_at": now}
    )
    await session.execute(stmt)


class HomeSpot(NamedTuple):
    """A member's current (approved) home point."""

    latitude: float
    longitude: float


class OfficeGeo(NamedTuple):
    """An agency's office point and radii, as in :class:`AgencyGeo` (NULL: the default)."""

    office_latitude: float | None
    office_longitude: float | None
    office_radius_m: int | None
    home_radius_m: int | None


async def home_and_office(
    session: AsyncSession, *, member_ids: Iterable[int], agency_ids: Iterable[int]
) -> tuple[dict[int, HomeSpot], dict[int, OfficeGeo]]:
    """In one query, only the rows that exist: these members' current home points (by
    member id) and these agencies' office points and radii (by agency id)."""
    members, agencies = list(set(member_ids)), list(set(agency_ids))
    no_radius = cast(null(), Integer)
    parts: list[Select[int, int, float | None, float | None, int | None, int | None]] = []
    if members:
        parts.append(
            select(
                literal_column("0", Integer).label("office"),
                col(HomePoint.member_id).label("key"),
                col(HomePoint.latitude),
                col(HomePoint.longitude),
                no_radius,
                no_radius,
            ).where(col(HomePoint.member_id).in_(members), col(HomePoint.slot) == "current")
        )
    if agencies:
        parts.append(
            select(
                literal_column("1", Integer),
                col(AgencyGeo.agency_id),
                col(AgencyGeo.office_latitude),
                col(AgencyGeo.office_longitude),
                col(AgencyGeo.office_radius_m),
                col(AgencyGeo.home_radius_m),
            ).where(col(AgencyGeo.agency_id).in_(agencies))
        )
    if not parts:
        return {}, {}
    result = await session.execute(parts[0] if len(parts) == 1 else union_all(*parts))
    homes: dict[int, HomeSpot] = {}
    offices: dict[int, OfficeGeo] = {}
    for office, key, latitude, longitude, office_radius, home_radius in result.all():
        if office:
            offices[key] = OfficeGeo(latitude, longitude, office_radius, home_radius)
        else:
            assert latitude is not None and longitude is not None
            homes[key] = HomeSpot(latitude, longitude)
    return homes, offices


# --- live shares ---------------------------------------------------------------------------


_LIVE_UPSERTS: dict[str, Any] = {}


def _live_upsert(session: AsyncSession) -> Any:
    """The statement is built once per dialect: this runs for every batch of live edits."""
    dialect = session.get_bind().dialect.name
    if dialect not in _LIVE_UPSERTS:
        ins = insert_for(session, LIVE_SHARES)
        excluded = ins.excluded
        newer = excluded.last_at >= col(LiveShare.last_at)
        _LIVE_UPSERTS[dialect] = ins.on_conflict_do_update(
            index_elements=["chat_id", "message_id"],
            set_={
                "started_at": case(
                    (excluded.started_at < col(LiveShare.started_at), excluded.started_at),
                    else_=col(LiveShare.started_at),
                ),
                "live_until": case((newer, excluded.live_until), else_=col(LiveShare.live_until)),
                "stopped_at": func.coalesce(col(LiveShare.stopped_at), excluded.stopped_at),
                "last_at": case((newer, excluded.last_at), else_=col(LiveShare.last_at)),
                "latitude": case((newer, excluded.latitude), else_=col(LiveShare.latitude)),
                "longitude": case((newer, excluded.longitude), else_=col(LiveShare.longitude)),
                "accuracy": case((newer, excluded.accuracy), else_=col(LiveShare.accuracy)),
            },
        )
    return _LIVE_UPSERTS[dialect]


async def upsert_live_shares(session: AsyncSession, *, rows: Sequence[dict[str, Any]]) -> None:
    """One row per live message: the newest point and live_until win, a stop is kept."""
    if rows:
        await session.execute(_live_upsert(session), list(rows))


async def live_at(
    session: AsyncSession, *, member_ids: Iterable[int], at: datetime
) -> list[LiveShare]:
    """Shares started before ``at`` and still live then (not expired, not stopped)."""
    ids = list(set(member_ids))
    if not ids:
        return []
    result = await session.execute(
        select(LiveShare)
        .where(
            col(LiveShare.member_id).in_(ids),
            col(LiveShare.started_at) < at,
            col(LiveShare.live_until) > at,
            or_(col(LiveShare.stopped_at).is_(None), col(LiveShare.stopped_at) > at),
        )
        .order_by(col(LiveShare.last_at))
    )
    return list(result.scalars())


# --- red flags -----------------------------------------------------------------------------


class RecordedPoint(NamedTuple):
    member_id: int
    agency_id: int
    at: datetime
    latitude: float | None  # NULL once purged
    longitude: float | None
    accuracy: float | None


_PointRows = Select[int, int, int, datetime, float | None, float | None, float | None]


def _recorded_points(latest: int) -> _PointRows:
    """(latest, member, agency, at, lat, lon, accuracy) of recorded points; ``latest`` tags
    which half of the red-flag query a row answers."""
    return (
        select(
            literal_column(str(latest), Integer).label("latest"),
            col(LocationEvent.member_id),
            col(Member.agency_id),
            col(LocationEvent.at),
            col(LocationEvent.latitude),
            col(LocationEvent.longitude),
            col(LocationEvent.accuracy),
        )
        .select_from(LocationEvent)
        .join(Member, col(Member.id) == col(LocationEvent.member_id))
    )


async def points_for_flags(
    session: AsyncSession, *, pairs: Iterable[tuple[float, float]], member_ids: Iterable[int]
) -> tuple[list[RecordedPoint], dict[int, RecordedPoint]]:
    """What the red-flag checks compare a batch with, in one query: the recorded points at
    exactly these coordinates, and each of these members' most recent recorded point."""
    keys, ids = list(set(pairs)), list(set(member_ids))
    parts: list[_PointRows] = []
    if keys:
        parts.append(
            _recorded_points(0).where(
                tuple_(col(LocationEvent.latitude), col(LocationEvent.longitude)).in_(keys)
            )
        )
    if ids:
        newest = (
            select(
                col(LocationEvent.member_id).label("member_id"),
                func.max(LocationEvent.at).label("at"),
            )
            .where(col(LocationEvent.member_id).in_(ids))
            .group_by(col(LocationEvent.member_id))
            .subquery()
        )
        parts.append(
            _recorded_points(1).join(
                newest,
                and_(
                    col(LocationEvent.member_id) == newest.c.member_id,
                    col(LocationEvent.at) == newest.c.at,
                ),
            )
        )
    if not parts:
        return [], {}
    result = await session.execute(parts[0] if len(parts) == 1 else union_all(*parts))
    at_spot: list[RecordedPoint] = []
    latest: dict[int, RecordedPoint] = {}
    for tag, member_id, agency_id, at, latitude, longitude, accuracy in result.all():
        point = RecordedPoint(member_id, agency_id, at, latitude, longitude, accuracy)
        if tag:
            latest[member_id] = point
        elif latitude is not None:
            at_spot.append(point)
    return at_spot, latest


async def insert_flags(session: AsyncSession, *, rows: Sequence[dict[str, Any]]) -> None:
    """A flag is recorded once per member, window and kind."""
    if not rows:
        return
    stmt = insert_for(session, LOCATION_FLAGS).on_conflict_do_nothing(
        index_elements=["member_id", "day", "window", "kind"]
    )
    await session.execute(stmt, list(rows))


async def flags_for_window(
    session: AsyncSession, *, agency_id: int, day: date, window: str
) -> list[LocationFlag]:
    result = await session.execute(
        select(LocationFlag)
        .where(
            col(LocationFlag.agency_id) == agency_id,
            col(LocationFlag.day) == day,
            col(LocationFlag.window) == window,
        )
        .order_by(col(LocationFlag.id))
    )
    return list(result.scalars())


# --- piket ---------------------------------------------------------------------------------


async def rosters(
    session: AsyncSession, *, keys: Iterable[tuple[int, date]]
) -> dict[tuple[int, date], set[int]]:
    """Member ids on duty, by (agency, day); days without a roster are absent."""
    wanted = list(set(keys))
    if not wanted:
        return {}
    result = await session.execute(
        select(col(PiketDuty.agency_id), col(PiketDuty.day), col(PiketDuty.member_id)).where(
            tuple_(col(PiketDuty.agency_id), col(PiketDuty.day)).in_(wanted)
        )
    )
    found: dict[tuple[int, date], set[int]] = {}
    for agency_id, day, member_id in result.all():
        found.setdefault((agency_id, day), set()).add(member_id)
    return found


async def replace_roster(
    session: AsyncSession, *, agency_id: int, day: date, member_ids: Iterable[int], now: datetime
) -> None:
    await session.execute(
        delete(PiketDuty).where(col(PiketDuty.agency_id) == agency_id, col(PiketDuty.day) == day)
    )
    await add_to_roster(session, agency_id=agency_id, day=day, member_ids=member_ids, now=now)


async def add_to_roster(
    session: AsyncSession, *, agency_id: int, day: date, member_ids: Iterable[int], now: datetime
) -> None:
    rows = [
        {"agency_id": agency_id, "day": day, "member_id": m, "created_at": now}
        for m in sorted(set(member_ids))
    ]
    if rows:
        stmt = insert_for(session, PiketDuty).on_conflict_do_nothing(
            index_elements=["agency_id", "day", "member_id"]
        )
        await session.execute(stmt, rows)


async def claim_piket_check(
    session: AsyncSession, *, agency_id: int, day: date, present: int, minimum: int, now: datetime
) -> bool:
    """Record the day's piket check; False when it was already made (the row is the claim)."""
    stmt = (
        insert_for(session, PiketCheck)
        .values(agency_id=agency_id, day=day, present=present, minimum=minimum, checked_at=now)
        .on_conflict_do_nothing(index_elements=["agency_id", "day"])
    )
    return affected(await session.execute(stmt)) > 0


async def piket_checked(
    session: AsyncSession, *, keys: Iterable[tuple[int, date]]
) -> set[tuple[int, date]]:
    wanted = list(set(keys))
    if not wanted:
        return set()
    result = await session.execute(
        select(col(PiketCheck.agency_id), col(PiketCheck.day)).where(
            tuple_(col(PiketCheck.agency_id), col(PiketCheck.day)).in_(wanted)
        )
    )
    return {(a, d) for a, d in result.all()}


# --- coverage ------------------------------------------------------------------------------


async def summarised_windows(
    session: AsyncSession, *, keys: Iterable[tuple[int, date]]
) -> set[tuple[int, str]]:
    """(agency, window) of the given (agency, day)s whose summary is already claimed."""
    wanted = list(set(keys))
    if not wanted:
        return set()
    result = await session.execute(
        select(col(WindowRun.agency_id), col(WindowRun.window)).where(
            tuple_(col(WindowRun.agency_id), col(WindowRun.day)).in_(wanted),
            col(WindowRun.summary_sent_at).is_not(None),
        )
    )
    return {(a, w) for a, w in result.all()}


async def live_in_agencies(
    session: AsyncSession, *, agency_ids: Iterable[int], at: datetime
) -> dict[int, list[tuple[LiveShare, Member]]]:
    """Each agency's live shares started before ``at`` and still live then, oldest point
    first, in one query; each asked agency gets a list."""
    ids = sorted(set(agency_ids))
    found: dict[int, list[tuple[LiveShare, Member]]] = {i: [] for i in ids}
    if not ids:
        return found
    result = await session.execute(
        select(LiveShare, Member)
        .join(Member, col(Member.id) == col(LiveShare.member_id))
        .where(
            col(Member.agency_id).in_(ids),
            col(LiveShare.started_at) < at,
            col(LiveShare.live_until) > at,
            or_(col(LiveShare.stopped_at).is_(None), col(LiveShare.stopped_at) > at),
        )
        .order_by(col(LiveShare.last_at), col(LiveShare.id))
    )
    for share, member in result.all():
        found[member.agency_id].append((share, member))
    return found


async def first_runs_unchecked(
    session: AsyncSession, *, now: datetime, since: datetime
) -> list[tuple[WindowRun, Agency]]:
    """First windows of their day whose deadline passed (after ``since``) with no piket check."""
    first = aliased(WindowRun)
    earlier = (
        select(func.min(col(first.opens_at)))
        .where(
            col(first.agency_id) == col(WindowRun.agency_id), col(first.day) == col(WindowRun.day)
        )
        .scalar_subquery()
    )
    checked = (
        select(col(PiketCheck.agency_id))
        .where(
            col(PiketCheck.agency_id) == col(WindowRun.agency_id),
            col(PiketCheck.day) == col(WindowRun.day),
        )
        .exists()
    )
    result = await session.execute(
        select(WindowRun, Agency)
        .join(Agency, col(Agency.id) == col(WindowRun.agency_id))
        .where(
            col(WindowRun.deadline_at) <= now,
            col(WindowRun.deadline_at) > since,
            col(WindowRun.opens_at) == earlier,
            col(Agency.paused).is_(False),
            ~checked,
        )
        .order_by(col(WindowRun.deadline_at), col(WindowRun.id))
    )
    return [(run, agency) for run, agency in result.all()]
