"""/daftar NIP Nama lengkap: members join their agency in its group."""

from __future__ import annotations

import pytest

from bot.texts import t
from tests.transport.conftest import (
    AGENCY_NAME,
    ANI,
    BUDI,
    BUDI_NIP,
    Harness,
)
from tests.transport.updates import Chat


async def test_daftar_with_a_valid_nip_registers(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(BUDI, f"/daftar {BUDI_NIP} Budi Santoso")

    assert tg.reply_to(raw) == t(
        "register.created", name="Budi Santoso", nip=BUDI_NIP, agency=AGENCY_NAME
    )
    member = await tg.member(BUDI)
    assert member is not None
    assert (member.nip, member.full_name, member.telegram_username) == (
        BUDI_NIP,
        "Budi Santoso",
        BUDI.username,
    )
    asked = [c.params["user_id"] for c in tg.calls("getChatMember")]
    assert BUDI.id not in asked  # joining needs no admin check


async def test_register_alias_accepts_a_nip_written_in_groups(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(BUDI, "/register 19850312 201001 1 002 Budi Santoso")

    assert tg.reply_to(raw) == t(
        "register.created", name="Budi Santoso", nip=BUDI_NIP, agency=AGENCY_NAME
    )


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("12345", "nip.format"),
        ("1985031220100110021", "nip.format"),
        ("198513122010011002", "nip.birth_date"),  # month 13
        ("198502302010011002", "nip.birth_date"),  # 30 February
        ("198503122000011002", "nip.appointment"),  # appointed at 15
        ("198503122010131002", "nip.appointment"),  # month 13
        ("198503122010013002", "nip.sex"),
        ("198503122010011000", "nip.sequence"),
    ],
)
async def test_daftar_with_a_bad_nip_says_what_is_wrong(tg: Harness, nip: str, reason: str) -> None:
    await tg.setup_agency()

    raw = await tg.say(BUDI, f"/daftar {nip} Budi Santoso")

    assert tg.reply_to(raw) == t(reason)
    assert await tg.members() == []


@pytest.mark.parametrize("args", ["", BUDI_NIP, "Budi Santoso"])
async def test_daftar_without_nip_or_name_gets_usage(tg: Harness, args: str) -> None:
    await tg.setup_agency()

    raw = await tg.say(BUDI, f"/daftar {args}".strip())

    assert tg.reply_to(raw) == t("register.usage")
    assert await tg.members() == []


async def test_daftar_again_updates_the_name(tg: Harness) -> None:
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)

    raw = await tg.say(BUDI, f"/daftar {BUDI_NIP} Budi Santoso, S.T.")

    assert tg.reply_to(raw) == t("register.updated", name="Budi Santoso, S.T.", nip=BUDI_NIP)
    members = await tg.members()
    assert [(m.nip, m.full_name, m.telegram_user_id) for m in members] == [
        (BUDI_NIP, "Budi Santoso, S.T.", BUDI.id)
    ]


async def test_a_second_account_cannot_claim_the_same_nip(tg: Harness) -> None:
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)

    raw = await tg.say(ANI, f"/daftar {BUDI_NIP} Ani Wulandari")

    assert tg.reply_to(raw) == t("register.nip_taken", nip=BUDI_NIP)
    assert await tg.member(ANI) is None
    budi = await tg.member(BUDI)
    assert budi is not None and budi.full_name == BUDI.full_name


async def test_daftar_before_setup_says_the_group_is_not_registered(tg: Harness) -> None:
    raw = await tg.say(BUDI, f"/daftar {BUDI_NIP} Budi Santoso")

    assert tg.reply_to(raw) == t("agency.missing")
    assert await tg.members() == []


async def test_daftar_in_private_points_to_the_group(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(BUDI, f"/daftar {BUDI_NIP} Budi Santoso", chat=Chat.private(BUDI))

    assert tg.reply_to(raw) == t("group.only")
    assert tg.fake.texts(BUDI.id) == [t("group.only")]
    assert await tg.members() == []
