"""Webhook messages into handler calls, the way the Telegram routers do it.

Each message is claimed once by its id; its work is committed; then the replies go
out in the background. A location is recorded exactly like a Telegram one
(:class:`handlers.attendance.AttendanceService`, forwarded ones rejected by the
``context.forwarded`` flag, picked places rejected like Telegram venues) and
acknowledged with a reaction. Text commands: ``bantuan``; ``izin``, ``sakit`` and
``lapor …`` go to the handler registered for them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict
from typing import Any

from bot.texts import render, render_leave_decided, render_notice, t
from bot.transports.whatsapp.outbound import leave_choice, parse_leave_choice
from bot.transports.whatsapp.sender import Action, AskLocation, Choose, React, Reply, Sender
from bot.transports.whatsapp.updates import Inbound, Status
from handlers.attendance import AttendanceService, LocationEvidence, Outcome
from handlers.leave import Decision
from handlers.phone import wa_id
from handlers.results import Reply as DomainReply
from handlers.whatsapp_inbox import WhatsAppInbox

log = logging.getLogger(__name__)

REACTIONS = {Outcome.ON_TIME: "👍", Outcome.LATE: "👌"}
HELP_WORDS = frozenset({"bantuan", "help", "menu", "start", "mulai"})
NOT_HANDLED = frozenset({"reaction", "system", "unsupported", "errors", "request_welcome"})

# A text command: (sender's phone, the words after the command) -> what to answer.
TextCommand = Callable[[str, str], Awaitable[DomainReply]]
# A supervisor's Setujui/Tolak: (request id, approve, phone) -> the decision.
LeaveDecider = Callable[..., Awaitable[Decision]]
PENDING_COMMANDS = ("izin", "sakit", "dinas", "cuti", "lapor")  # "not yet" without a handler


def command_of(text: str) -> tuple[str, str]:
    """'*Izin* ke dokter' -> ('izin', 'ke dokter'); a leading '/' is allowed too."""
    head, _, rest = text.strip().partition(" ")
    return head.strip("*_/!.,").lower(), rest.strip()


class InboundHandler:
    def __init__(
        self,
        *,
        inbox: WhatsAppInbox,
        attendance: AttendanceService,
        sender: Sender,
        language: str = "id",
        commands: Mapping[str, TextCommand] | None = None,
        decide_leave: LeaveDecider | None = None,
    ) -> None:
        self._decide_leave = decide_leave
        self._inbox = inbox
        self._attendance = attendance
        self._sender = sender
        self._language = language
        self._commands = dict(commands or {})

    async def message(self, message: Inbound) -> None:
        claim = await self._inbox.claim(
            wamid=message.wamid, phone=message.phone, kind=message.type, sent_at=message.at
        )
        if claim is None:
            log.debug("whatsapp: %s already handled", message.wamid)
            return
        try:
            actions = await self._route(message, claim)
        except BaseException:
            await self._inbox.release(claim)  # Meta retries; the retry is handled afresh
            raise
        await self._inbox.finish(claim)
        self._sender.later(message.phone, message.wamid, actions)

    async def status(self, status: Status) -> None:
        await self._inbox.record_status(
            wamid=status.wamid,
            phone=status.phone,
            status=status.status,
            at=status.at,
            error_code=status.error_code,
            error_title=status.error_title,
        )
        if status.status == "failed":
            log.warning(
                "whatsapp: %s to %s failed: %s %s",
                status.wamid,
                status.phone,
                status.error_code,
                status.error_title,
            )

    async def _route(self, message: Inbound, claim: int) -> list[Action]:
        if message.type in NOT_HANDLED:
            return []
        lang = self._language
        actions: list[Action] = [
            Reply(t("wa.confirmed", lang, name=linked.name, agency=linked.agency))
            for linked in await self._inbox.confirm(message.phone)
        ]
        answer = await self._answer(message, claim)
        # Whatever waited for the session to open (a summary in full, a leave decision)
        # goes with the answer to any message.
        owed = await self._inbox.take_owed(message.phone)
        if answer is not None:
            actions.extend(answer)
        actions.extend(self._owed_action(item, lang) for item in owed)
        if answer is not None:
            return actions
        # Any other reply (text, a template's quick-reply button, an interactive choice).
        ask = await self._inbox.ask_for(message.phone)
        if ask is not None:
            body = t("wa.ask", ask.language or lang, **asdict(ask))
            actions.append(AskLocation(body, run_id=ask.run_id, member_id=ask.member_id))
        if not actions:
            contact = await self._inbox.contact(message.phone)
            key = "wa.unknown" if contact.known else "wa.unregistered"
            actions.append(Reply(t(key, lang, phone=message.phone)))
        return actions

    async def _answer(self, message: Inbound, claim: int) -> list[Action] | None:
        """A location or a text command's answer; None for anything else."""
        lang = self._language
        if message.type == "location":
            return [await self._location(message, claim)]
        pressed = parse_leave_choice(message.choice or "")
        if pressed is not None and self._decide_leave is not None:
            return [await self._leave_decision(message.phone, *pressed)]
        if message.type == "text" and message.text:
            command, args = command_of(message.text)
            if command in HELP_WORDS:
                return [Reply(await self._help(message.phone))]
            handler = self._commands.get(command)
            if handler is not None:
                answer = await handler(message.phone, args)
                if answer.key == "member.unregistered":  # Telegram's text says /daftar
                    return [Reply(t("wa.unregistered", lang, phone=message.phone))]
                return [Reply(render(answer, lang))]
            if command in PENDING_COMMANDS:
                return [Reply(t("wa.not_yet", lang, command=command))]
        return None

    async def _leave_decision(self, phone: str, request_id: int, approve: bool) -> Action:
        assert self._decide_leave is not None
        decision = await self._decide_leave(request_id=request_id, approve=approve, phone=phone)
        lang = decision.payload.get("language") or self._language
        if decision.outcome in ("missing", "not_supervisor"):
            return Reply(t(f"leave.answer.{decision.outcome}", lang))
        if decision.outcome == "already":
            return Reply(t("leave.answer.already", lang, decider=decision.decider))
        return Reply(
            render_leave_decided(
                decision.payload, status=decision.status, decider=decision.decider, at=decision.at
            )
        )

    def _owed_action(self, item: dict[str, Any], lang: str) -> Action:
        payload = item["payload"]
        if item["kind"] == "leave_request":
            return Choose(*leave_choice(payload, payload.get("language") or lang))
        return Reply(render_notice(item["kind"], payload, lang))

    async def _location(self, message: Inbound, claim: int) -> Action:
        assert message.latitude is not None and message.longitude is not None
        recorded = await self._attendance.record_location(
            LocationEvidence(
                chat_id=int(wa_id(message.phone)),
                user_id=0,
                # Negative: never a Telegram message id, so the (chat, message, edit) key of
                # location events stays disjoint from Telegram's by construction.
                message_id=-claim,
                at=message.at,
                latitude=message.latitude,
                longitude=message.longitude,
                private=True,
                forwarded=message.forwarded,
                venue=message.place,
                phone=message.phone,
            )
        )
        lang = self._language
        if recorded.accepted:
            return React(REACTIONS[recorded.outcome])
        if recorded.outcome is Outcome.NO_WINDOW:
            if recorded.next_window:
                return Reply(
                    t(
                        "location.no_window",
                        lang,
                        next_window=recorded.next_window,
                        zone=recorded.zone,
                    )
                )
            return Reply(t("location.no_window_today", lang))
        if recorded.outcome is Outcome.UNREGISTERED:
            return Reply(t("wa.unregistered", lang, phone=message.phone))
        return Reply(t(f"location.{recorded.outcome.value}", lang))

    async def _help(self, phone: str) -> str:
        contact = await self._inbox.contact(phone)
        parts = [t("wa.help", self._language)]
        if contact.supervisor:
            parts.append(t("wa.help_supervisor", self._language))
        if not contact.known:
            parts.append(t("wa.unregistered", self._language, phone=phone))
        return "\n\n".join(parts)
