"""/peran: an admin replies to a member's message; exempt roles in summaries and /lapor."""

from __future__ import annotations

import pytest

from bot.texts import t
from tests.transport.conftest import ADMIN, ANI, BUDI, KADIS, Harness
from tests.transport.rules_world import activity_reports, agency_with_supervisors, private


async def test_an_admin_sets_a_role_by_replying(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    hello = await tg.say(BUDI, "Siap")

    raw = await tg.say(ADMIN, "/peran piket", reply_to=hello)

    assert tg.reply_to(raw) == t("role.set.piket", name="Budi Santoso")
    member = await tg.member(BUDI)
    assert member is not None and member.role == "piket"
    shown = await tg.say(ADMIN, "/role", reply_to=hello)  # no role: show it
    assert tg.reply_to(shown) == t("role.show", name="Budi Santoso", role="piket")


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("/peran pimpnan", t("role.unknown_suggest", given="pimpnan", suggestion="pimpinan")),
        ("/peran Satgass", t("role.unknown_suggest", given="Satgass", suggestion="satgas")),
        ("/peran direktur", t("role.unknown", given="direktur")),
        ("/peran pegawai piket", t("role.usage")),
    ],
)
async def test_a_misspelled_role_gets_the_usage_and_changes_nothing(
    tg: Harness, text: str, reply: str
) -> None:
    await agency_with_supervisors(tg)
    hello = await tg.say(BUDI, "Siap")

    raw = await tg.say(ADMIN, text, reply_to=hello)

    assert tg.reply_to(raw) == reply
    member = await tg.member(BUDI)
    assert member is not None and member.role == "pegawai"


async def test_without_a_reply_or_to_a_stranger_nothing_changes(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    alone = await tg.say(ADMIN, "/peran pimpinan")
    assert tg.reply_to(alone) == t("role.usage")
    admin_note = await tg.say(ADMIN, "catatan")  # the admin is not a registered member
    stranger = await tg.say(ADMIN, "/peran pimpinan", reply_to=admin_note)
    assert tg.reply_to(stranger) == t("role.not_member")
    assert {m.role for m in await tg.members()} == {"pegawai"}


async def test_only_admins_set_roles_and_only_in_the_group(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    hello = await tg.say(BUDI, "Siap")
    refused = await tg.say(ANI, "/peran pimpinan", reply_to=hello)
    assert tg.reply_to(refused) == t("admin.only")
    in_private = await tg.say(ADMIN, "/peran pimpinan", chat=private(ADMIN))
    assert tg.reply_to(in_private) == t("group.only")
    assert {m.role for m in await tg.members()} == {"pegawai"}


async def test_exempt_pimpinan_is_not_missing_but_named_without_lapor(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    hendra = await tg.say(KADIS, "Siap")
    await tg.say(ADMIN, "/peran pimpinan", reply_to=hendra)
    hello = await tg.say(ANI, "Siap")
    await tg.say(ADMIN, "/peran satgas", reply_to=hello)
    tg.at(15, 0)
    await tg.tick()
    tg.at(15, 31)
    await tg.tick()

    summary = tg.fake.texts(KADIS.id)[-1].splitlines()
    assert "Diharapkan 1 · hadir 0 · terlambat 0 · tidak merespons 1" in summary
    assert "dikecualikan 2" in summary
    assert "Dikecualikan: Ani Wulandari, Hendra Kusuma" in summary
    assert t("summary.no_activity_report", names="Hendra Kusuma") in summary


async def test_lapor_records_the_day_and_a_second_one_replaces_it(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(9, 0)
    first = await tg.say(KADIS, "/lapor Rapat koordinasi penanganan COVID-19")
    assert tg.reply_to(first) == t("activity.saved", date="25-11-2026")
    second = await tg.say(KADIS, "/report Rapat; menyusun SE WFH", chat=private(KADIS))
    assert tg.reply_to(second) == t("activity.updated", date="25-11-2026")
    (report,) = await activity_reports(tg)
    assert report.text == "Rapat; menyusun SE WFH"
    empty = await tg.say(KADIS, "/lapor")
    assert tg.reply_to(empty) == t("activity.usage", max=2000)
    assert len(await activity_reports(tg)) == 1


async def test_a_pimpinan_who_sent_lapor_is_not_named(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    hendra = await tg.say(KADIS, "Siap")
    await tg.say(ADMIN, "/peran pimpinan", reply_to=hendra)
    tg.at(14, 0)
    await tg.say(KADIS, "/lapor Memimpin rapat evaluasi WFH")
    tg.at(15, 0)
    await tg.tick()
    tg.at(15, 31)
    await tg.tick()

    summary = tg.fake.texts(KADIS.id)[-1]
    assert "/lapor" not in summary
