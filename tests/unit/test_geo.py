"""Location rules: distance, tiers at the radius edges, red flags, live coverage, piket minimum."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from geographiclib.geodesic import Geodesic

from handlers.geo import (
    MAX_SPEED_KMH,
    SPHERE_ERROR,
    Anchor,
    GeoRules,
    LiveShare,
    Tier,
    TrackPoint,
    anchor_kind,
    classify,
    covers,
    distance_m,
    is_jump,
    parse_radius,
    piket_shortfall,
    same_coordinates,
    speed_kmh,
    sphere_distance_m,
)
from handlers.schedule import ZONES, Schedule

HOME = (-6.2088, 106.8456)  # Jakarta


def toward(
    origin: tuple[float, float], metres: float, azimuth: float = 37.0
) -> tuple[float, float]:
    """The point ``metres`` away from ``origin`` (geodesic direct problem)."""
    found = Geodesic.WGS84.Direct(origin[0], origin[1], azimuth, metres)
    return found["lat2"], found["lon2"]


# --- distance ------------------------------------------------------------------------------

KNOWN_DISTANCES = [
    # (from, to, metres, tolerance): published values for WGS84
    ((0.0, 0.0), (0.0, 1.0), 111_319.4908, 0.001),  # a degree of the equator: a·π/180
    ((0.0, 0.0), (1.0, 0.0), 110_574.3886, 0.001),  # the first degree of the meridian
    ((-41.32, 174.81), (40.96, -5.50), 19_959_679.267, 0.001),  # Wellington-Salamanca (Karney)
    ((-6.1754, 106.8272), (-6.1754, 106.8272), 0.0, 0.0),  # the same point
]


@pytest.mark.parametrize(("a", "b", "metres", "tolerance"), KNOWN_DISTANCES)
def test_geodesic_distance_matches_published_values(
    a: tuple[float, float], b: tuple[float, float], metres: float, tolerance: float
) -> None:
    assert distance_m(*a, *b) == pytest.approx(metres, abs=tolerance)
    assert distance_m(*b, *a) == pytest.approx(metres, abs=tolerance)


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("metres", [5.0, 100.0, 150.0, 1_000.0, 25_000.0])
@pytest.mark.parametrize("azimuth", [0.0, 45.0, 90.0, 200.0])
def test_short_distances_agree_with_a_sphere_within_0_6_percent(
    metres: float, azimuth: float
) -> None:
    """A sphere (haversine) is off by up to ~0.56% here (north-south near the equator, where
    the meridian curves most tightly): 0.8 m on a 150 m radius. The ellipsoid removes even
    that, at no cost."""
    other = toward(HOME, metres, azimuth)
    assert distance_m(*HOME, *other) == pytest.approx(metres, abs=1e-6)
    assert haversine_m(HOME, other) == pytest.approx(metres, rel=0.006)


@pytest.mark.parametrize("latitude", [0.0, -6.2, -11.0, 45.0, 70.0, 89.0])
@pytest.mark.parametrize("azimuth", [0.0, 30.0, 90.0, 135.0])
@pytest.mark.parametrize("metres", [1.0, 150.0, 10_000.0, 400_000.0])
def test_the_sphere_stays_within_its_stated_error(
    latitude: float, azimuth: float, metres: float
) -> None:
    origin = (latitude, 106.8)
    other = toward(origin, metres, azimuth)
    rough = sphere_distance_m(*origin, *other)
    assert abs(rough - metres) <= SPHERE_ERROR * rough + 0.01


@pytest.mark.parametrize("bad", [(91.0, 0.0), (-90.5, 10.0), (0.0, 181.0), (0.0, -180.1)])
def test_distance_refuses_impossible_coordinates(bad: tuple[float, float]) -> None:
    with pytest.raises(ValueError):
        distance_m(*bad, 0.0, 0.0)


# --- radius --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metres"), [("100", 100), (" 150 ", 150), ("150m", 150), ("10", 10), ("5000", 5000)]
)
def test_radius_parses_whole_metres(text: str, metres: int) -> None:
    assert parse_radius(text) == metres


@pytest.mark.parametrize(
    "text", ["0", "9", "5001", "1000000000", "-5", "1.5", "seratus", "", "100 km"]
)
def test_radius_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_radius(text)


# --- what is checked against what ------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "on_piket", "kind"),
    [
        ("pegawai", False, "home"),
        ("pegawai", True, "office"),  # on today's duty roster: at the office
        ("piket", False, "office"),
        ("lapangan", False, None),  # WFF: recorded, not checked
        ("lapangan", True, "office"),
        ("pimpinan", False, None),
        ("satgas", False, None),
    ],
)
def test_the_role_decides_the_anchor(role: str, on_piket: bool, kind: str | None) -> None:
    assert anchor_kind(role, on_piket=on_piket) == kind


# --- tiers ---------------------------------------------------------------------------------

ANCHOR = Anchor("home", HOME[0], HOME[1], radius_m=150)


def tier_at(metres: float, *, accuracy: float | None, live: bool) -> Tier | None:
    lat, lon = toward(HOME, metres)
    return classify(
        latitude=lat, longitude=lon, accuracy=accuracy, live=live, kind="home", anchor=ANCHOR
    ).tier


TIER_EDGES = [
    # (distance, accuracy, live, tier)
    (0.0, 10.0, True, Tier.VERIFIED),
    (149.99, 10.0, True, Tier.VERIFIED),
    (159.99, 10.0, True, Tier.VERIFIED),  # radius + accuracy: the circles still touch
    (160.01, 10.0, True, Tier.OUTSIDE),
    (150.01, None, True, Tier.OUTSIDE),  # no accuracy: the radius alone
    (149.99, None, True, Tier.WEAK),  # inside, but no accuracy
    (149.99, 10.0, False, Tier.WEAK),  # static
    (20.0, 150.0, True, Tier.VERIFIED),  # accuracy equal to the radius is still usable
    (20.0, 151.0, True, Tier.WEAK),  # coarser than the radius: proves nothing
    (1000.0, 900.0, True, Tier.WEAK),  # inside radius + accuracy, but only weakly
    (1050.01, 900.0, True, Tier.OUTSIDE),
    (5000.0, 10.0, False, Tier.OUTSIDE),  # outside wins over static
    (100.0, 0.0, True, Tier.WEAK),  # accuracy 0 means unknown, not perfect
]


@pytest.mark.parametrize(("metres", "accuracy", "live", "tier"), TIER_EDGES)
def test_tier_edges_at_radius_plus_accuracy(
    metres: float, accuracy: float | None, live: bool, tier: Tier
) -> None:
    assert tier_at(metres, accuracy=accuracy, live=live) == tier


def test_no_registered_point_is_its_own_tier_and_unchecked_roles_get_none() -> None:
    kwargs: dict[str, Any] = {
        "latitude": HOME[0],
        "longitude": HOME[1],
        "accuracy": 5.0,
        "live": True,
    }
    assert classify(**kwargs, kind="home", anchor=None).tier is Tier.NO_POINT
    assert classify(**kwargs, kind=None, anchor=ANCHOR).tier is None


def test_the_distance_is_kept_with_the_tier() -> None:
    lat, lon = toward(HOME, 420.0)
    check = classify(latitude=lat, longitude=lon, accuracy=5, live=True, kind="home", anchor=ANCHOR)
    assert check.tier is Tier.OUTSIDE
    assert check.distance_m == pytest.approx(420.0, abs=1e-6)


# --- red flags -----------------------------------------------------------------------------

T0 = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)


def point(
    metres: float, *, seconds: float, accuracy: float | None = None, member: int = 1
) -> TrackPoint:
    lat, lon = toward(HOME, metres, 90.0)
    return TrackPoint(member, T0 + timedelta(seconds=seconds), lat, lon, accuracy)


def test_identical_means_to_the_last_digit() -> None:
    a = TrackPoint(1, T0, -6.2088, 106.8456)
    assert same_coordinates(a, TrackPoint(2, T0 + timedelta(days=1), -6.2088, 106.8456))
    assert not same_coordinates(a, TrackPoint(1, T0, -6.2088, 106.84560001))


JUMPS = [
    # (metres moved, seconds, accuracies, jump?)
    (41_666.0, 1000.0, (None, None), False),  # 149.99 km/h
    (41_667.5, 1000.0, (None, None), True),  # 150.01 km/h
    (1_000.0, 60.0, (None, None), False),  # 1 km a minute: 60 km/h, a motorbike
    (50.0, 0.0, (30.0, 30.0), False),  # same second, circles overlap: noise, not a jump
    (100.0, 0.0, (30.0, 30.0), True),  # same second, circles apart
    (100_000.0, 1800.0, (20.0, 20.0), True),  # 100 km in 30 min
    (5_000.0, 3600.0, (1500.0, 1500.0), False),  # coarse fixes excuse a lot
]


@pytest.mark.parametrize(("metres", "seconds", "accuracies", "jump"), JUMPS)
def test_a_jump_is_more_than_150_km_per_hour(
    metres: float, seconds: float, accuracies: tuple[float | None, float | None], jump: bool
) -> None:
    earlier = point(0.0, seconds=0.0, accuracy=accuracies[0])
    later = point(metres, seconds=seconds, accuracy=accuracies[1])
    assert is_jump(earlier, later) is jump
    assert MAX_SPEED_KMH == 150.0


def test_speed_subtracts_both_accuracies_before_dividing() -> None:
    earlier = point(0.0, seconds=0.0, accuracy=100.0)
    later = point(1_200.0, seconds=60.0, accuracy=100.0)
    assert speed_kmh(earlier, later) == pytest.approx(1_000.0 / 60.0 * 3.6, rel=1e-9)


def test_speed_from_an_already_measured_distance_is_the_same_speed() -> None:
    earlier = point(0.0, seconds=0.0, accuracy=12.5)
    later = point(7_300.0, seconds=41.0, accuracy=30.0)
    measured = distance_m(earlier.latitude, earlier.longitude, later.latitude, later.longitude)
    assert speed_kmh(earlier, later, distance=measured) == speed_kmh(earlier, later)
    assert speed_kmh(earlier, later, distance=0.0) == 0.0  # the distance given is the one used


# --- live coverage -------------------------------------------------------------------------


def slots_of(zone: str, day: date = date(2026, 11, 25)) -> dict[str, datetime]:
    return {s.key: s.opens_at for s in Schedule(zone=zone).slots_on(day)}


def local(zone: str, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(date(2026, 11, 25), time(hour, minute), tzinfo=ZONES[zone])


COVERAGE = [
    # (started, hours live, stopped at, windows covered)
    ((7, 0), 8, None, ["07:30", "11:30"]),  # until 15:00: the 15:00 window opens as it ends
    ((7, 0), 8.01, None, ["07:30", "11:30", "15:00"]),
    ((7, 30), 8, None, ["11:30", "15:00"]),  # sent as 07:30 opens: answers it by itself
    ((6, 55), 8, None, ["07:30", "11:30"]),
    ((7, 0), 4.4, None, ["07:30"]),  # expires at 11:24, between the windows
    ((7, 0), 8, (11, 30), ["07:30"]),  # stopped exactly as 11:30 opens
    ((7, 0), 8, (11, 31), ["07:30", "11:30"]),
    ((7, 0), 8, (7, 10), []),  # stopped before any window
    ((11, 40), 8, None, ["15:00"]),
]


@pytest.mark.parametrize("zone", ["WIB", "WITA", "WIT"])
@pytest.mark.parametrize(("started", "hours", "stopped", "covered"), COVERAGE)
def test_a_live_share_covers_every_window_that_opens_while_it_is_live(
    zone: str,
    started: tuple[int, int],
    hours: float,
    stopped: tuple[int, int] | None,
    covered: list[str],
) -> None:
    start = local(zone, *started)
    share = LiveShare(
        member_id=1,
        started_at=start.astimezone(UTC),
        live_until=(start + timedelta(hours=hours)).astimezone(UTC),
        stopped_at=local(zone, *stopped).astimezone(UTC) if stopped else None,
    )
    assert [key for key, opens in slots_of(zone).items() if covers(share, opens)] == covered


# --- piket ---------------------------------------------------------------------------------

ROSTER = [(1, "Ani"), (2, "Budi"), (3, "Citra"), (4, "Dedi"), (5, "Eka"), (6, "Fajar")]


@pytest.mark.parametrize(
    ("present", "minimum", "missing"),
    [
        ({1, 2, 3, 4, 5}, 5, None),  # 5 of 5: enough
        ({1, 2, 3, 4}, 5, ("Eka", "Fajar")),  # 4 of 5: warn, naming who is missing
        ({1, 2, 3, 4, 5, 6}, 5, None),
        (set(), 1, ("Ani", "Budi", "Citra", "Dedi", "Eka", "Fajar")),
        ({9}, 1, ("Ani", "Budi", "Citra", "Dedi", "Eka", "Fajar")),  # not on the roster
    ],
)
def test_piket_minimum(present: set[int], minimum: int, missing: tuple[str, ...] | None) -> None:
    found = piket_shortfall(ROSTER, present, minimum=minimum)
    if missing is None:
        assert found is None
        return
    assert found is not None
    assert (found.missing, found.minimum, found.present) == (
        missing,
        minimum,
        len(present & {1, 2, 3, 4, 5, 6}),
    )


def test_a_roster_shorter_than_the_minimum_is_short_even_when_all_came() -> None:
    found = piket_shortfall(ROSTER[:4], {1, 2, 3, 4}, minimum=5)
    assert found is not None and (found.present, found.missing) == (4, ())


def test_rotation_by_weekday() -> None:
    rules = GeoRules(piket_rotation={"DISKOMINFO": {3: ("198503122010011002",)}})
    assert rules.rotation_for("DISKOMINFO", date(2026, 11, 25)) == ("198503122010011002",)  # Wed
    assert rules.rotation_for("DISKOMINFO", date(2026, 11, 26)) == ()
    assert rules.rotation_for("OTHER", date(2026, 11, 25)) == ()
