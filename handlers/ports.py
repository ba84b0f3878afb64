"""What the domain needs from the outside world, as protocols."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """The only source of 'now' in handlers/: tz-aware UTC."""

    def now(self) -> datetime: ...
