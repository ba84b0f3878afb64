"""Request bodies for POST /{phone_number_id}/messages, as the Cloud API reference gives them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.transports.split import split_text as split
from handlers.phone import wa_id

JSON = dict[str, Any]
MAX_TEXT = 4096
MAX_INTERACTIVE_BODY = 1024
_PARAM_SPACES = re.compile(r"\s{4,}")


def _base(phone: str, kind: str) -> JSON:
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": wa_id(phone),
        "type": kind,
    }


def text(phone: str, body: str) -> JSON:
    return {**_base(phone, "text"), "text": {"preview_url": False, "body": body[:MAX_TEXT]}}


def template_param(value: object) -> str:
    """Template parameters may not hold newlines, tabs or more than 4 spaces in a row."""
    flat = " ".join(str(value).replace("\t", " ").splitlines())
    return _PARAM_SPACES.sub("   ", flat).strip() or "-"


def template(phone: str, name: str, language: str, params: Sequence[object]) -> JSON:
    components = (
        [
            {
                "type": "body",
                "parameters": [{"type": "text", "text": template_param(p)} for p in params],
            }
        ]
        if params
        else []
    )
    return {
        **_base(phone, "template"),
        "template": {"name": name, "language": {"code": language}, "components": components},
    }


def location_request(phone: str, body: str) -> JSON:
    return {
        **_base(phone, "interactive"),
        "interactive": {
            "type": "location_request_message",
            "body": {"text": body[:MAX_INTERACTIVE_BODY]},
            "action": {"name": "send_location"},
        },
    }


MAX_BUTTON_TITLE = 20  # the Cloud API's limit for a reply button's title


def buttons(phone: str, body: str, choices: Sequence[tuple[str, str]]) -> JSON:
    """An interactive message with up to three reply buttons: ``(id, title)`` each."""
    return {
        **_base(phone, "interactive"),
        "interactive": {
            "type": "button",
            "body": {"text": body[:MAX_INTERACTIVE_BODY]},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": key, "title": title[:MAX_BUTTON_TITLE]}}
                    for key, title in choices[:3]
                ]
            },
        },
    }


def reaction(phone: str, message_id: str, emoji: str) -> JSON:
    return {**_base(phone, "reaction"), "reaction": {"message_id": message_id, "emoji": emoji}}


def split_text(body: str, limit: int = MAX_TEXT) -> list[str]:
    """Parts that fit one WhatsApp text message each."""
    return split(body, limit)
