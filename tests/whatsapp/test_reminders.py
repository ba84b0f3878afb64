"""Halfway to the deadline, WhatsApp members who have not answered get a reminder one to
one (there is no group to mention them in): the location request with the reminder's
wording inside the 24-hour session, the prompt template again outside it."""

from __future__ import annotations

from datetime import timedelta

from bot.texts import t
from tests.fakes.graph_api import WhatsAppUser
from tests.transport.conftest import BUDI, BUDI_NIP, wib
from tests.whatsapp.conftest import AGENCY_NAME, WA

DEWI_NIP = "198811302012121003"
EKO_NIP = "197905052005011004"


def reminder(deadline: str = "08:00") -> str:
    return t("wa.remind", window="07:30", zone="WIB", agency=AGENCY_NAME, deadline=deadline)


def asked(wa: WA, user: WhatsAppUser) -> list[str]:
    """The bodies of the location requests ``user`` got."""
    return [c.body["interactive"]["body"]["text"] for c in wa.meta.sent("interactive", user.wa_id)]


async def test_only_the_member_who_has_not_answered_is_reminded(wa: WA) -> None:
    wa.at(6, 50)
    await wa.setup_agency()
    await wa.tg.register(BUDI, BUDI_NIP)
    dewi = wa.user("+6281311112222", "Dewi Kartika")
    eko = wa.user("+6281355556666", "Eko Prasetyo")
    await wa.link(dewi, DEWI_NIP)
    await wa.link(eko, EKO_NIP)
    wa.at(7, 30)
    await wa.tick()
    wa.at(7, 36)
    await wa.send(dewi, dewi.location(wa.clock.now(), -6.3001, 106.6502))

    await wa.until(7, 50)  # past halfway (07:45)

    assert asked(wa, eko).count(reminder()) == 1
    assert reminder() not in asked(wa, dewi)
    # Budi (Telegram) is mentioned in the group as before; Eko is not (he is not there).
    (group_reminder,) = [x for x in wa.bot_api.texts(wa.tg.group.id) if x.startswith("⏰")]
    assert "Budi Santoso" in group_reminder and "Eko" not in group_reminder

    await wa.until(8, 30)  # once per window, whatever the ticks
    assert asked(wa, eko).count(reminder()) == 1


async def test_outside_the_session_the_reminder_is_the_prompt_template(wa: WA) -> None:
    wa.at(6, 50)
    await wa.setup_agency()
    eko = wa.user("+6281355556666", "Eko Prasetyo")
    await wa.link(eko, EKO_NIP)
    thursday_0730 = wib(7, 30) + timedelta(days=1)  # his session (Wednesday 06:50) has closed
    wa.clock.set(thursday_0730)
    await wa.tick()
    wa.clock.set(thursday_0730 + timedelta(minutes=16))
    await wa.tick()
    templates = wa.meta.sent("template", eko.wa_id)
    prompts = [
        c for c in templates if c.body["template"]["name"] == wa.transport.sender.templates.prompt
    ]
    assert len(prompts) == 2  # the window's prompt and, halfway, the reminder
    assert wa.meta.sent("interactive", eko.wa_id) == []
