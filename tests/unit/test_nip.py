from datetime import date

import pytest

from handlers.nip import InvalidNip, Nip, NipError, parse_nip


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "19850312 201001 1 002",
            Nip("198503122010011002", date(1985, 3, 12), 2010, 1, 1, 2),
        ),
        ("198503122010011002", Nip("198503122010011002", date(1985, 3, 12), 2010, 1, 1, 2)),
        ("  19850312.201001.1.002\n", Nip("198503122010011002", date(1985, 3, 12), 2010, 1, 1, 2)),
        ("19900701-201503-2-015", Nip("199007012015032015", date(1990, 7, 1), 2015, 3, 2, 15)),
        ("19880229 201012 2 999", Nip("198802292010122999", date(1988, 2, 29), 2010, 12, 2, 999)),
        ("20000229 201801 1 001", Nip("200002292018011001", date(2000, 2, 29), 2018, 1, 1, 1)),
        ("19000101 191801 1 001", Nip("190001011918011001", date(1900, 1, 1), 1918, 1, 1, 1)),
        ("20811231 209912 2 001", Nip("208112312099122001", date(2081, 12, 31), 2099, 12, 2, 1)),
    ],
)
def test_valid_nip(raw: str, expected: Nip) -> None:
    assert parse_nip(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        # format: exactly 18 ASCII digits once spaces, dots and dashes are gone
        ("", NipError.FORMAT),
        ("19850312 201001 1 02", NipError.FORMAT),  # 17 digits
        ("19850312 201001 1 0021", NipError.FORMAT),  # 19 digits
        ("19850312 201001 1 00A", NipError.FORMAT),
        ("NIP 198503122010011002", NipError.FORMAT),
        ("19850312_201001_1_002", NipError.FORMAT),
        ("١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٢", NipError.FORMAT),  # Arabic-Indic digits
        # birth date: a real day, year 1900..2099
        ("19850230 201001 1 002", NipError.BIRTH_DATE),  # 30 February
        ("19870229 201001 1 002", NipError.BIRTH_DATE),  # 1987 is not a leap year
        ("19000229 192001 1 002", NipError.BIRTH_DATE),  # 1900 is not a leap year
        ("19851301 201001 1 002", NipError.BIRTH_DATE),
        ("19850000 201001 1 002", NipError.BIRTH_DATE),
        ("19850431 201001 1 002", NipError.BIRTH_DATE),
        ("18991231 193001 1 002", NipError.BIRTH_DATE),
        ("21000101 201001 1 002", NipError.BIRTH_DATE),
        # appointment: month 01..12, at least 18 years after birth, not after 2099
        ("19850312 201013 1 002", NipError.APPOINTMENT),
        ("19850312 201000 1 002", NipError.APPOINTMENT),
        ("19850312 200212 1 002", NipError.APPOINTMENT),  # appointed at 17
        ("20850312 210301 1 002", NipError.APPOINTMENT),  # after 2099
        # sex digit 1 or 2
        ("19850312 201001 3 002", NipError.SEX),
        ("19850312 201001 0 002", NipError.SEX),
        # sequence 001..999
        ("19850312 201001 1 000", NipError.SEQUENCE),
        # several faults: the first in check order is reported
        ("19850230 200201 3 000", NipError.BIRTH_DATE),
        ("19850312 200201 3 000", NipError.APPOINTMENT),
        ("19850312 201001 3 000", NipError.SEX),
    ],
)
def test_invalid_nip(raw: str, reason: NipError) -> None:
    with pytest.raises(InvalidNip) as caught:
        parse_nip(raw)
    assert caught.value.reason is reason


def test_appointed_at_eighteen_is_accepted() -> None:
    assert parse_nip("19851231 200301 1 001").appointed_year == 2003


def test_invalid_nip_is_a_value_error_naming_the_reason() -> None:
    with pytest.raises(ValueError, match="sequence"):
        parse_nip("19850312 201001 1 000")


def test_formatted_restores_the_usual_grouping() -> None:
    assert parse_nip("198503122010011002").formatted == "19850312 201001 1 002"
