"""The webhook app as Meta talks to it: the subscription check, and signed POSTs only."""

from __future__ import annotations

import json
import logging
import time

import aiohttp
import pytest
from sqlmodel import select

from storage.tables_whatsapp import WhatsAppInbound
from tests.fakes.graph_api import FakeGraphAPI
from tests.whatsapp.conftest import VERIFY_TOKEN, WA

EXAMPLE_ID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="

# Meta's own example of a text message webhook (Cloud API reference), with our number id.
META_TEXT_EXAMPLE = {
    "object": "whatsapp_business_account",
    "entry": [
        {
            "id": "102290129340398",
            "changes": [
                {
                    "value": {
                        "messaging_product": "whatsapp",
                        "metadata": {
                            "display_phone_number": "15550783881",
                            "phone_number_id": "106540352242922",
                        },
                        "contacts": [
                            {"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}
                        ],
                        "messages": [
                            {
                                "from": "16505551234",
                                "id": EXAMPLE_ID,
                                "timestamp": "1749416383",
                                "type": "text",
                                "text": {"body": "Does it come in another color?"},
                            }
                        ],
                    },
                    "field": "messages",
                }
            ],
        }
    ],
}


async def get(wa: WA, **params: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(str(wa.server.make_url("/whatsapp")), params=params) as response,
    ):
        return response.status, await response.text()


async def inbound_rows(wa: WA) -> list[WhatsAppInbound]:
    async with wa.app.db.read() as session:
        return list((await session.execute(select(WhatsAppInbound))).scalars())


async def test_subscription_check_answers_the_challenge(wa: WA) -> None:
    ok = await get(
        wa,
        **{
            "hub.mode": "subscribe",
            "hub.verify_token": VERIFY_TOKEN,
            "hub.challenge": "1158201444",
        },
    )
    assert ok == (200, "1158201444")


@pytest.mark.parametrize(
    "params",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
        {"hub.challenge": "1"},
    ],
)
async def test_subscription_check_refuses_anything_else(wa: WA, params: dict[str, str]) -> None:
    status, body = await get(wa, **params)
    assert status == 403 and "1" not in body


async def test_meta_example_with_a_valid_signature_is_handled(wa: WA, meta: FakeGraphAPI) -> None:
    meta.sessions["16505551234"] = time.time()  # Meta opens the user's session as they write
    assert await meta.post(META_TEXT_EXAMPLE) == 200
    await wa.settle()
    rows = await inbound_rows(wa)
    assert [(r.wamid, r.phone, r.kind) for r in rows] == [(EXAMPLE_ID, "+16505551234", "text")]
    assert rows[0].done_at is not None
    # An unknown number is told how to get linked (the session is open: they just wrote).
    assert meta.texts("16505551234") == [
        "Nomor ini belum terdaftar di Hadir. Minta admin grup instansi Anda menautkannya: "
        "/wa NIP +16505551234"
    ]


@pytest.mark.parametrize(
    "signature",
    [
        None,  # no header at all
        "sha256=" + "0" * 64,
        "sha1=0123456789abcdef0123456789abcdef01234567",
        "signed-with-another-secret",
    ],
)
async def test_posts_without_the_right_signature_get_403_and_are_not_logged(
    wa: WA, meta: FakeGraphAPI, caplog: pytest.LogCaptureFixture, signature: str | None
) -> None:
    body = json.dumps(META_TEXT_EXAMPLE).encode()
    if signature == "signed-with-another-secret":
        signature = meta.sign(body, secret="not-the-app-secret")
    with caplog.at_level(logging.DEBUG):
        assert await meta.post({}, raw=body, signature=signature) == 403
    await wa.settle()
    assert await inbound_rows(wa) == []
    assert meta.calls == []
    assert "signature" in caplog.text
    assert "Does it come in another color" not in caplog.text
    assert "Sheena" not in caplog.text


async def test_a_body_changed_after_signing_is_refused(wa: WA, meta: FakeGraphAPI) -> None:
    body = json.dumps(META_TEXT_EXAMPLE).encode()
    signature = meta.sign(body)
    tampered = body.replace(b"another color", b"another colour")
    assert await meta.post({}, raw=tampered, signature=signature) == 403
    assert await inbound_rows(wa) == []


async def test_a_signed_body_that_is_not_json_is_a_bad_request(wa: WA, meta: FakeGraphAPI) -> None:
    assert await meta.post({}, raw=b"not json") == 400


async def test_changes_for_another_business_number_are_ignored(wa: WA, meta: FakeGraphAPI) -> None:
    other = json.loads(json.dumps(META_TEXT_EXAMPLE))
    other["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999999999999"
    assert await meta.post(other) == 200
    await wa.settle()
    assert await inbound_rows(wa) == []
    assert meta.calls == []


async def test_a_platform_error_notification_is_acknowledged(wa: WA, meta: FakeGraphAPI) -> None:
    """Meta's ``errors`` webhook (e.g. 130429 rate limit hit): logged, answered 200."""
    error = {
        "code": 130429,
        "title": "Rate limit hit",
        "message": "Rate limit hit",
        "error_data": {"details": "Message failed to send because there were too many messages"},
        "href": "/documentation/business-messaging/whatsapp/support/error-codes",
    }
    assert await meta.post(meta.envelope({"errors": [error]})) == 200
