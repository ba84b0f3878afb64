"""Long texts cut into message-sized parts on line breaks."""

from __future__ import annotations

import pytest

from bot.transports.split import split_text


def test_a_short_text_is_one_part() -> None:
    assert split_text("a\nb", 10) == ["a\nb"]
    assert split_text("", 10) == [""]


def test_parts_break_between_lines_and_keep_every_line() -> None:
    text = "\n".join(f"{i}. Nama Pegawai" for i in range(1, 40))
    parts = split_text(text, 100)
    assert all(len(p) <= 100 for p in parts)
    assert "\n".join(parts) == text
    assert all(not p.startswith("\n") and not p.endswith("\n") for p in parts)


def test_a_line_longer_than_the_limit_is_cut() -> None:
    assert split_text("ab\n" + "x" * 25 + "\ncd", 10) == ["ab", "x" * 10, "x" * 10, "xxxxx\ncd"]


@pytest.mark.parametrize("limit", [1, 7, 4096])
def test_nothing_is_lost_at_any_limit(limit: int) -> None:
    text = "📋 Rekap\n" + "\n".join("baris " * (i % 9) for i in range(200))
    parts = split_text(text, limit)
    assert all(len(p) <= limit for p in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")
