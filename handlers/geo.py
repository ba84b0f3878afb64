"""Location rules as pure functions: distance, verification tiers, red flags, live coverage.

Nothing here proves where someone is. A tier says how well a reported point agrees with
the point it is checked against; a flag says a report deserves a human look.

Distance is geodesic on the WGS84 ellipsoid (geographiclib, Karney's algorithm: accurate
to about 15 nm), so no error bound has to be carried by the rules below.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from geographiclib.geodesic import Geodesic

MIN_RADIUS_M = 10
MAX_RADIUS_M = 5000
DEFAULT_OFFICE_RADIUS_M = 100
DEFAULT_HOME_RADIUS_M = 150
DEFAULT_PIKET_MINIMUM = 5
MAX_SPEED_KMH = 150.0

CHECKED_AT_HOME = frozenset({"pegawai"})
CHECKED_AT_OFFICE = frozenset({"piket"})
# lapangan (WFF) is recorded but not checked; pimpinan and satgas are exempt from location.


class Tier(StrEnum):
    VERIFIED = "terverifikasi"  # live, inside radius + reported accuracy, accuracy usable
    WEAK = "lemah"  # inside, but static, without accuracy, or accuracy coarser than radius
    OUTSIDE = "di_luar"  # farther than radius + reported accuracy
    NO_POINT = "tanpa_titik"  # no approved home point / no office point to check against


class FlagKind(StrEnum):
    SAME_POINT_DAYS = "titik_sama_hari"  # same member, identical coordinates, different days
    SAME_POINT_MEMBERS = "titik_sama_pegawai"  # two members, identical coordinates, one window
    JUMP = "lompatan"  # consecutive points imply more than MAX_SPEED_KMH


@dataclass(frozen=True)
class Anchor:
    """The registered point a report is checked against."""

    kind: str  # "home" or "office"
    latitude: float
    longitude: float
    radius_m: int


@dataclass(frozen=True)
class Check:
    tier: Tier | None  # None: the role is not checked (lapangan, pimpinan, satgas)
    distance_m: float | None = None


@dataclass(frozen=True)
class GeoRules:
    """Agency-independent defaults from config ([rules]); agencies may override radii."""

    office_radius_m: int = DEFAULT_OFFICE_RADIUS_M
    home_radius_m: int = DEFAULT_HOME_RADIUS_M
    piket_minimum: int = DEFAULT_PIKET_MINIMUM
    # agency code -> ISO weekday (1 = Monday) -> NIPs on duty that weekday
    piket_rotation: Mapping[str, Mapping[int, tuple[str, ...]]] = field(default_factory=dict)

    def rotation_for(self, code: str, day: date) -> tuple[str, ...]:
        return tuple(self.piket_rotation.get(code, {}).get(day.isoweekday(), ()))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in metres between two WGS84 points."""
    for lat, lon in ((lat1, lon1), (lat2, lon2)):
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise ValueError(f"not a coordinate: {lat}, {lon}")
    return float(Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"])


SPHERE_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
SPHERE_ERROR = 0.006  # haversine vs WGS84: under 0.56% anywhere (tested), plus 1 cm


def sphere_distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine on the mean sphere: within ``SPHERE_ERROR`` of the geodesic, ~50x faster.

    Only used to rule cases out quickly; anything close to a limit is measured geodesically.
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2
    h += math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * SPHERE_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def parse_radius(text: str) -> int:
    """``"150"`` or ``"150m"`` → 150; raises ValueError outside MIN..MAX metres."""
    raw = text.strip().lower().removesuffix("m").strip()
    if not raw.isdigit():
        raise ValueError(f"not a whole number of metres: {text!r}")
    value = int(raw)
    if not MIN_RADIUS_M <= value <= MAX_RADIUS_M:
        raise ValueError(f"radius must be {MIN_RADIUS_M}-{MAX_RADIUS_M} m, got {value}")
    return value


def anchor_kind(role: str, *, on_piket: bool) -> str | None:
    """Which registered point a member's report is checked against today, if any."""
    if on_piket or role in CHECKED_AT_OFFICE:
        return "office"
    if role in CHECKED_AT_HOME:
        return "home"
    return None


def classify(
    *,
    latitude: float,
    longitude: float,
    accuracy: float | None,
    live: bool,
    kind: str | None,
    anchor: Anchor | None,
) -> Check:
    """The tier of one reported point against the member's anchor.

    Inside means ``distance <= radius + accuracy`` (the reported circle touches the
    allowed one). Inside counts as verified only for a live location whose accuracy is
    known and no coarser than the radius itself; otherwise it is weak.
    """
    if kind is None:
        return Check(None)
    if anchor is None:
        return Check(Tier.NO_POINT)
    distance = distance_m(latitude, longitude, anchor.latitude, anchor.longitude)
    slack = accuracy if accuracy is not None and accuracy > 0 else 0.0
    if distance > anchor.radius_m + slack:
        return Check(Tier.OUTSIDE, distance)
    usable = accuracy is not None and 0 < accuracy <= anchor.radius_m
    return Check(Tier.VERIFIED if live and usable else Tier.WEAK, distance)


@dataclass(frozen=True)
class TrackPoint:
    member_id: int
    at: datetime
    latitude: float
    longitude: float
    accuracy: float | None = None


def speed_kmh(earlier: TrackPoint, later: TrackPoint, *, distance: float | None = None) -> float:
    """Lowest speed the two points can imply: their accuracy circles are given the benefit.

    Infinite when the points are at the same second but their circles do not touch.
    ``distance`` is their geodesic distance when the caller has already measured it.
    """
    if distance is None:
        distance = distance_m(earlier.latitude, earlier.longitude, later.latitude, later.longitude)
    gap = distance - ((earlier.accuracy or 0.0) + (later.accuracy or 0.0))
    if gap <= 0:
        return 0.0
    seconds = (later.at - earlier.at).total_seconds()
    if seconds <= 0:
        return float("inf")
    return gap / seconds * 3.6


def is_jump(earlier: TrackPoint, later: TrackPoint, *, limit_kmh: float = MAX_SPEED_KMH) -> bool:
    """More than ``limit_kmh`` between the points (accuracy circles given the benefit).

    The sphere decides when it is clear either way even with its error; otherwise the
    geodesic does. Most track points move a few metres and never need the geodesic.
    """
    seconds = (later.at - earlier.at).total_seconds()
    if seconds > 0:
        rough = sphere_distance_m(
            earlier.latitude, earlier.longitude, later.latitude, later.longitude
        )
        slack = SPHERE_ERROR * rough + 0.01
        gap = rough - (earlier.accuracy or 0.0) - (later.accuracy or 0.0)
        if (gap + slack) / seconds * 3.6 <= limit_kmh:
            return False
        if (gap - slack) / seconds * 3.6 > limit_kmh:
            return True
    return speed_kmh(earlier, later) > limit_kmh


def same_coordinates(a: TrackPoint, b: TrackPoint) -> bool:
    """Exactly identical coordinates: real GPS readings practically never repeat to the digit."""
    return a.latitude == b.latitude and a.longitude == b.longitude


@dataclass(frozen=True)
class LiveShare:
    """One live-location message and what is known of it so far."""

    member_id: int
    started_at: datetime  # the original message date
    live_until: datetime  # started_at + live_period (the latest period the user set)
    stopped_at: datetime | None = None  # the edit without live_period: the user stopped


def covers(share: LiveShare, opens_at: datetime) -> bool:
    """A share started before a window opens answers it while still live at the opening."""
    if share.started_at >= opens_at or share.live_until <= opens_at:
        return False
    return share.stopped_at is None or share.stopped_at > opens_at


@dataclass(frozen=True)
class PiketShortfall:
    present: int
    minimum: int
    missing: tuple[str, ...]  # rostered but not checked in at the office


def piket_shortfall(
    roster: Iterable[tuple[int, str]], checked_in: set[int], *, minimum: int
) -> PiketShortfall | None:
    """None when at least ``minimum`` rostered members checked in within the office radius.

    ``roster`` holds (member_id, name); ``checked_in`` the ids seen within the office radius.
    A roster shorter than the minimum is a shortfall even when everyone on it came.
    """
    people = list(roster)
    present = sum(1 for member_id, _ in people if member_id in checked_in)
    if present >= minimum:
        return None
    missing = tuple(name for member_id, name in people if member_id not in checked_in)
    return PiketShortfall(present=present, minimum=minimum, missing=missing)
