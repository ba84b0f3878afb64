"""Medians and spreads for noisy measurements (standard library only)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float]) -> str:
    return f"min {min(values):.3g}, max {max(values):.3g}, n={len(values)}"
