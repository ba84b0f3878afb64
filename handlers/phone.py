"""Phone numbers as WhatsApp knows them: E.164, "+" and 8–15 digits.

Indonesians write numbers many ways ("0812-3456-7890", "+62 812 3456 7890",
"62812…"); a leading 0 is the Indonesian trunk prefix and becomes +62.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-.()]")


class InvalidPhone(ValueError):
    """Not a phone number we can reach."""


def parse_phone(text: str) -> str:
    """'0812-3456-7890' -> '+6281234567890'; raises :class:`InvalidPhone`."""
    raw = _SEPARATORS.sub("", text.strip())
    if raw.startswith("+"):
        digits = raw[1:]
    elif raw.startswith("00"):
        digits = raw[2:]
    elif raw.startswith("0"):
        digits = "62" + raw[1:]
    else:
        digits = raw
    if not digits.isdigit() or not 8 <= len(digits) <= 15 or digits[0] == "0":
        raise InvalidPhone(text)
    if digits.startswith("620"):  # "+62 0812…": the trunk 0 written after the country code
        digits = "62" + digits[3:]
    return "+" + digits


def wa_id(phone: str) -> str:
    """The Cloud API's form of a number: digits only ('+62812…' -> '62812…')."""
    return phone.lstrip("+")


def from_wa_id(value: str) -> str:
    """A webhook's ``from`` / ``wa_id`` (digits) back to E.164."""
    return parse_phone("+" + value.lstrip("+"))
