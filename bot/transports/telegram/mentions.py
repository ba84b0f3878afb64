"""Reminders as Telegram text mentions (HTML ``tg://user?id=`` links), batched.

A mention notifies a member even without a username. One message carries many mentions;
a new message starts only when the next mention would pass the limits below.
"""

from __future__ import annotations

import html
from typing import Any

from bot.texts import t

MAX_TEXT = 4096  # Telegram's message limit; counted on the HTML source, which is longer
MAX_MENTIONS = 50  # Telegram keeps at most 100 entities per message: stay well below


def mention(user_id: int, name: str) -> str:
    return f'<a href="tg://user?id={int(user_id)}">{html.escape(name)}</a>'


def reminder_messages(payload: dict[str, Any], lang: str) -> list[str]:
    """The reminder as HTML messages (parse_mode HTML), each within both limits."""
    head = html.escape(t("reminder.head", lang, **payload))
    links = [mention(int(user_id), str(name)) for user_id, name in payload["mentions"]]
    batches: list[list[str]] = []
    current: list[str] = []
    budget = MAX_TEXT - len(head) - len(" (99/99)\n")
    for link in links:
        if current and (len(current) >= MAX_MENTIONS or len(", ".join([*current, link])) > budget):
            batches.append(current)
            current = []
        current.append(link)
    if current:
        batches.append(current)
    if len(batches) == 1:
        return [f"{head}\n{', '.join(batches[0])}"]
    total = len(batches)
    return [f"{head} ({i}/{total})\n{', '.join(b)}" for i, b in enumerate(batches, 1)]
