"""Location evidence: who answered which window, on time or late.

Evidence from many chats is written by group commit (one transaction per batch of
concurrent updates); each caller gets its own outcome after its batch committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from handlers.agency_schedule import schedule_of
from handlers.annotate import Annotator, Seen
from handlers.batching import GroupCommitter
from handlers.calendar import AgencyCalendar, load_calendars
from handlers.geo import GeoRules
from handlers.ports import Clock
from handlers.schedule import format_clock
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage import members as members_repo
from storage import whatsapp_links as whatsapp_links_repo
from storage.db import Database
from storage.tables import Agency, Member


class Outcome(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    FORWARDED = "forwarded"
    VENUE = "venue"
    UNREGISTERED = "unregistered"
    NO_AGENCY = "no_agency"
    NO_WINDOW = "no_window"
    DAY_OFF = "day_off"  # weekend, holiday, /libur day, outside /periode: nothing is asked
    PAUSED = "paused"
    STOPPED = "stopped"  # the user stopped a live location: recorded, answers nothing


@dataclass(frozen=True)
class LocationEvidence:
    chat_id: int
    user_id: int
    message_id: int
    at: datetime  # when the user sent it (message date, or edit date for a live update)
    latitude: float
    longitude: float
    accuracy: float | None = None
    live_period: int | None = None  # seconds, for a live location
    edit_date: int = 0  # 0 for the original message
    private: bool = False
    forwarded: bool = False
    venue: bool = False
    sent_at: datetime | None = None  # the original message date: live_period counts from it
    stopped: bool = False  # an edit without live_period: the user stopped sharing
    phone: str | None = None  # E.164 sender of a one-to-one chat without a Telegram account


@dataclass(frozen=True)
class Recorded:
    outcome: Outcome
    window: str | None = None
    next_window: str | None = None
    zone: str | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome in (Outcome.ON_TIME, Outcome.LATE)


class AttendanceService:
    def __init__(
        self, *, db: Database, clock: Clock, max_batch: int = 500, rules: GeoRules | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._annotator = Annotator(rules or GeoRules())
        self._writer: GroupCommitter[LocationEvidence, Recorded] = GroupCommitter(
            self._write, max_batch=max_batch
        )

    async def record_location(self, evidence: LocationEvidence) -> Recorded:
        if evidence.forwarded:
            return Recorded(Outcome.FORWARDED)
        if evidence.venue:
            return Recorded(Outcome.VENUE)
        return await self._writer.submit(evidence)

    async def drain(self) -> None:
        await self._writer.wait_idle()

    async def _write(self, batch: Sequence[LocationEvidence]) -> list[Recorded]:
        results: list[Recorded] = []
        reports: dict[tuple[int, Any, str], dict[str, Any]] = {}
        events: list[dict[str, Any]] = []
        seen: list[Seen] = []
        async with self._db.transaction() as session:
            agencies, members = await members_repo.in_chats(
                session, pairs=((e.chat_id, e.user_id) for e in batch if not e.private)
            )
            private_members = await members_repo.by_users(
                session, user_ids=(e.user_id for e in batch if e.private and e.phone is None)
            )
            by_phone = await whatsapp_links_repo.members_by_phones(
                session, phones=(e.phone for e in batch if e.phone is not None)
            )
            private_agencies = await agencies_repo.by_ids(
                session,
                agency_ids=(
                    m.agency_id
                    for ms in [*private_members.values(), *by_phone.values()]
                    for m in ms
                ),
            )
            calendars = await load_calendars(
                session,
                agency_ids=(a.id for a in [*agencies.values(), *private_agencies.values()] if a.id),
                start=min(e.at for e in batch).date() - timedelta(days=1),
                end=max(e.at for e in batch).date() + timedelta(days=1),
            )
            for evidence in batch:
                found = self._resolve(
                    evidence, agencies, members, private_members, private_agencies, by_phone
                )
                if isinstance(found, Recorded):
                    results.append(found)
                    continue
                agency, member = found
                if self._day_off(evidence, agency, calendars):
                    results.append(Recorded(Outcome.DAY_OFF))
                    continue
                result = self._classify(evidence, agency, member, reports, events, seen)
                results.append(result)
            await self._annotator.annotate(session, seen, reports)
            await attendance_repo.upsert_reports(session, rows=list(reports.values()))
            await attendance_repo.insert_location_events(session, rows=events)
        return results

    @staticmethod
    def _day_off(
        evidence: LocationEvidence, agency: Agency, calendars: dict[int, AgencyCalendar]
    ) -> bool:
        """No windows on the evidence's local day: nothing is recorded (live edits neither)."""
        schedule = schedule_of(agency)
        day = schedule.local_day(evidence.at)
        return not schedule.is_working_day(day, days_off=calendars.get(agency.id or 0))

    @staticmethod
    def _resolve(
        evidence: LocationEvidence,
        agencies: dict[int, Agency],
        members: dict[tuple[int, int], Member],
        private_members: dict[int, list[Member]],
        private_agencies: dict[int, Agency],
        by_phone: dict[str, list[Member]],
    ) -> tuple[Agency, Member] | Recorded:
        if evidence.private:
            mine = (
                by_phone.get(evidence.phone, [])
                if evidence.phone is not None
                else private_members.get(evidence.user_id, [])
            )
            if not mine:
                return Recorded(Outcome.UNREGISTERED)
            active = [m for m in mine if not private_agencies[m.agency_id].paused]
            if not active:
                return Recorded(Outcome.PAUSED)
            return private_agencies[active[0].agency_id], active[0]
        agency = agencies.get(evidence.chat_id)
        if agency is None or agency.id is None:
            return Recorded(Outcome.NO_AGENCY)
        if agency.paused:
            return Recorded(Outcome.PAUSED)
        found = members.get((agency.id, evidence.user_id))
        if found is None:
            return Recorded(Outcome.UNREGISTERED)
        return agency, found

    @staticmethod
    def _classify(
        evidence: LocationEvidence,
        agency: Agency,
        member: Member,
        reports: dict[tuple[int, Any, str], dict[str, Any]],
        events: list[dict[str, Any]],
        seen: list[Seen],
    ) -> Recorded:
        schedule = schedule_of(agency)
        at = evidence.at
        assert member.id is not None
        started = evidence.sent_at or at
        live_until = (
            started + timedelta(seconds=evidence.live_period) if evidence.live_period else None
        )
        if evidence.stopped:
            live_until = at
        events.append(
            {
                "member_id": member.id,
                "chat_id": evidence.chat_id,
                "message_id": evidence.message_id,
                "edit_date": evidence.edit_date,
                "at": at,
                "latitude": evidence.latitude,
                "longitude": evidence.longitude,
                "accuracy": evidence.accuracy,
                "live_until": live_until,
            }
        )
        slot = schedule.current_slot(at)
        answers = slot is not None and not evidence.stopped
        seen.append(
            Seen(
                agency=agency,
                member=member,
                at=at,
                latitude=evidence.latitude,
                longitude=evidence.longitude,
                accuracy=evidence.accuracy,
                chat_id=evidence.chat_id,
                message_id=evidence.message_id,
                live_started=started if live_until is not None else None,
                live_until=live_until,
                stopped=evidence.stopped,
                day=slot.day if answers and slot else None,
                window=slot.key if answers and slot else None,
            )
        )
        if evidence.stopped:
            return Recorded(Outcome.STOPPED)
        if slot is None:
            upcoming = [s for s in schedule.slots_on(schedule.local_day(at)) if s.opens_at > at]
            next_key = upcoming[0].key if upcoming else None
            return Recorded(Outcome.NO_WINDOW, next_window=next_key, zone=schedule.zone)
        status = "hadir" if schedule.is_on_time(slot, at) else "terlambat"
        key = (member.id, slot.day, slot.key)
        row = {
            "member_id": member.id,
            "agency_id": agency.id,
            "day": slot.day,
            "window": slot.key,
            "status": status,
            "first_at": at,
            "last_at": at,
            "latitude": evidence.latitude,
            "longitude": evidence.longitude,
            "accuracy": evidence.accuracy,
            "live": evidence.live_period is not None,
            "chat_id": evidence.chat_id,
            "message_id": evidence.message_id,
        }
        earlier = reports.get(key)
        if earlier is not None:  # the same member twice in one batch: merge, as the upsert would
            if earlier["status"] == "hadir":
                row["status"] = "hadir"
            row["first_at"] = min(earlier["first_at"], at)
            if earlier["last_at"] > at:
                row.update(
                    {
                        k: earlier[k]
                        for k in (
                            "last_at",
                            "latitude",
                            "longitude",
                            "accuracy",
                            "live",
                            "chat_id",
                            "message_id",
                        )
                    }
                )
        reports[key] = row
        outcome = Outcome.ON_TIME if status == "hadir" else Outcome.LATE
        return Recorded(outcome, window=format_clock(slot.opens), zone=schedule.zone)
