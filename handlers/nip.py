"""NIP: the 18-digit number of an Indonesian civil servant (ASN).

Layout: ``yyyymmdd`` birth date, ``yyyymm`` appointment (TMT CPNS), one sex digit
(1 male, 2 female) and a 3-digit sequence, e.g. ``19850312 201001 1 002``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_SEPARATORS = re.compile(r"[\s.\-]+")
_EIGHTEEN_DIGITS = re.compile(r"[0-9]{18}")

MIN_YEAR = 1900
MAX_YEAR = 2099
MIN_APPOINTMENT_AGE = 18  # minimum age for CPNS, checked on years only


class NipError(StrEnum):
    """Why a NIP was refused; checks run in this order and the first failure wins."""

    FORMAT = "format"  # not exactly 18 digits after removing spaces, dots and dashes
    BIRTH_DATE = "birth_date"
    APPOINTMENT = "appointment"
    SEX = "sex"
    SEQUENCE = "sequence"


class InvalidNip(ValueError):
    """A NIP that does not parse; ``reason`` says which part is wrong."""

    def __init__(self, reason: NipError) -> None:
        super().__init__(f"invalid NIP: {reason.value}")
        self.reason = reason


@dataclass(frozen=True)
class Nip:
    value: str  # the 18 digits, no separators
    birth_date: date
    appointed_year: int
    appointed_month: int
    sex: int  # 1 male, 2 female
    sequence: int

    @property
    def formatted(self) -> str:
        """The usual written form: ``19850312 201001 1 002``."""
        v = self.value
        return f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"


def parse_nip(raw: str) -> Nip:
    """Parse a NIP as people type it; raises :class:`InvalidNip`."""
    value = _SEPARATORS.sub("", raw)
    if _EIGHTEEN_DIGITS.fullmatch(value) is None:
        raise InvalidNip(NipError.FORMAT)

    birth_year = int(value[0:4])
    if not MIN_YEAR <= birth_year <= MAX_YEAR:
        raise InvalidNip(NipError.BIRTH_DATE)
    try:
        birth_date = date(birth_year, int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidNip(NipError.BIRTH_DATE) from None

    appointed_year = int(value[8:12])
    appointed_month = int(value[12:14])
    if not (
        1 <= appointed_month <= 12
        and birth_year + MIN_APPOINTMENT_AGE <= appointed_year <= MAX_YEAR
    ):
        raise InvalidNip(NipError.APPOINTMENT)

    sex = int(value[14])
    if sex not in (1, 2):
        raise InvalidNip(NipError.SEX)

    sequence = int(value[15:18])
    if sequence == 0:
        raise InvalidNip(NipError.SEQUENCE)

    return Nip(
        value=value,
        birth_date=birth_date,
        appointed_year=appointed_year,
        appointed_month=appointed_month,
        sex=sex,
        sequence=sequence,
    )
