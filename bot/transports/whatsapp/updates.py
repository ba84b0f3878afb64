"""Webhook bodies (``object: whatsapp_business_account``) into plain records.

One POST may carry several entries, changes, messages and statuses. Changes for
another business number on the same app, and fields other than ``messages``, are
counted and skipped. Anything malformed in one item skips that item, not the batch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from handlers.phone import InvalidPhone, from_wa_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Inbound:
    wamid: str
    phone: str  # E.164
    at: datetime
    type: str  # text, location, button, interactive, reaction, image, …
    text: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    place: bool = False  # a named place or address picked from a list, not "my location"
    forwarded: bool = False
    reply_to: str | None = None  # the wamid this message answers (context.id)
    choice: str | None = None  # button payload / interactive reply id


@dataclass(frozen=True)
class Status:
    wamid: str
    phone: str
    status: str  # sent, delivered, read, failed
    at: datetime
    error_code: int | None = None
    error_title: str | None = None


@dataclass
class Batch:
    messages: list[Inbound] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0  # changes for another number or another field


def _when(raw: Any) -> datetime:
    return datetime.fromtimestamp(int(raw), UTC)


def _message(raw: dict[str, Any]) -> Inbound:
    kind = str(raw["type"])
    context = raw.get("context") or {}
    fields: dict[str, Any] = {
        "wamid": str(raw["id"]),
        "phone": from_wa_id(str(raw["from"])),
        "at": _when(raw["timestamp"]),
        "type": kind,
        "forwarded": bool(context.get("forwarded") or context.get("frequently_forwarded")),
        "reply_to": context.get("id"),
    }
    if kind == "text":
        fields["text"] = str((raw.get("text") or {}).get("body", ""))
    elif kind == "location":
        location = raw["location"]
        fields["latitude"] = float(location["latitude"])
        fields["longitude"] = float(location["longitude"])
        fields["place"] = bool(location.get("name") or location.get("address"))
    elif kind == "button":
        button = raw.get("button") or {}
        fields["choice"] = str(button.get("payload") or button.get("text") or "")
        fields["text"] = button.get("text")
    elif kind == "interactive":
        interactive = raw.get("interactive") or {}
        reply = interactive.get(str(interactive.get("type"))) or {}
        fields["choice"] = str(reply.get("id") or "")
        fields["text"] = reply.get("title")
    return Inbound(**fields)


def _status(raw: dict[str, Any]) -> Status:
    errors = raw.get("errors") or []
    first = errors[0] if errors and isinstance(errors[0], dict) else {}
    code = first.get("code")
    details = (first.get("error_data") or {}).get("details")
    return Status(
        wamid=str(raw["id"]),
        phone=from_wa_id(str(raw["recipient_id"])),
        status=str(raw["status"]),
        at=_when(raw["timestamp"]),
        error_code=int(code) if code is not None else None,
        error_title=str(first.get("title") or details) if first else None,
    )


def parse(body: Any, *, phone_number_id: str) -> Batch:
    batch = Batch()
    if not isinstance(body, dict) or body.get("object") != "whatsapp_business_account":
        return batch
    for entry in body.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value") or {}
            ours = str((value.get("metadata") or {}).get("phone_number_id")) == phone_number_id
            if change.get("field") != "messages" or not ours:
                batch.skipped += 1
                continue
            for raw in value.get("messages") or []:
                try:
                    batch.messages.append(_message(raw))
                except (KeyError, TypeError, ValueError, InvalidPhone) as exc:
                    log.warning("whatsapp webhook: skipped a message: %r", exc)
            for raw in value.get("statuses") or []:
                try:
                    batch.statuses.append(_status(raw))
                except (KeyError, TypeError, ValueError, InvalidPhone) as exc:
                    log.warning("whatsapp webhook: skipped a status: %r", exc)
            batch.errors.extend(e for e in value.get("errors") or [] if isinstance(e, dict))
    return batch
