"""What a use case answers: a catalog key and its parameters, never a sentence.

Transports render it in the reader's language with :func:`bot.texts.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reply:
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    ok: bool = True


def fail(key: str, **params: Any) -> Reply:
    return Reply(key, params, ok=False)


def done(key: str, **params: Any) -> Reply:
    return Reply(key, params, ok=True)
