"""Long texts cut on line breaks into parts that fit one chat message each."""

from __future__ import annotations


def split_text(text: str, limit: int) -> list[str]:
    """Cut on line breaks so each part has at most ``limit`` characters; a line longer
    than that is cut where it must be. An empty text is one empty part."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return parts
