"""The Graph API client against the fake: request shapes, retries, and the pacing it keeps."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest

from bot.transports.whatsapp import messages
from bot.transports.whatsapp.client import GraphClient, GraphError
from bot.transports.whatsapp.limiter import SendLimiter
from tests.fakes.graph_api import FakeGraphAPI

PHONE = "+6281234567890"
WA_ID = "6281234567890"


class FakeTime:
    """A monotonic clock that moves only when slept on."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
async def meta() -> AsyncIterator[FakeGraphAPI]:
    async with FakeGraphAPI(strict_sessions=False) as fake:
        yield fake


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
async def client(meta: FakeGraphAPI, fake_time: FakeTime) -> AsyncIterator[GraphClient]:
    limiter = SendLimiter(
        per_second=80,
        per_user_interval=6.0,
        per_user_burst=3,
        monotonic=fake_time.monotonic,
        sleep=fake_time.sleep,
    )
    graph = GraphClient(
        api_base=meta.api_base,
        phone_number_id=meta.phone_number_id,
        token=meta.token,
        limiter=limiter,
        max_retries=3,
        sleep=fake_time.sleep,
    )
    yield graph
    await graph.close()


async def test_template_request_shape(client: GraphClient, meta: FakeGraphAPI) -> None:
    params = ["07:30", "WIB", "Dinas Kominfo", "08:00"]
    wamid = await client.send(messages.template(PHONE, "hadir_laporan", "id", params))
    (call,) = meta.sent()
    assert call.wamid == wamid and wamid.startswith("wamid.")
    assert call.body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": WA_ID,
        "type": "template",
        "template": {
            "name": "hadir_laporan",
            "language": {"code": "id"},
            "components": [
                {
                    "type": "body",
                    "parameters": [{"type": "text", "text": p} for p in params],
                }
            ],
        },
    }


async def test_template_parameters_never_carry_newlines_or_long_spaces() -> None:
    body = messages.template(PHONE, "hadir_rekap", "id", ["Dinas\nKominfo", "a\tb      c", ""])
    texts = [p["text"] for p in body["template"]["components"][0]["parameters"]]
    assert texts == ["Dinas Kominfo", "a b   c", "-"]


async def test_location_request_shape(client: GraphClient, meta: FakeGraphAPI) -> None:
    await client.send(messages.location_request(PHONE, "📍 Laporan kehadiran 07:30 WIB"))
    assert meta.sent()[0].body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": WA_ID,
        "type": "interactive",
        "interactive": {
            "type": "location_request_message",
            "body": {"text": "📍 Laporan kehadiran 07:30 WIB"},
            "action": {"name": "send_location"},
        },
    }


async def test_reaction_and_text_shapes(client: GraphClient, meta: FakeGraphAPI) -> None:
    await client.send(messages.reaction(PHONE, "wamid.HBgLNjI4MTIzNDU2Nzg5MBUCABIYFDNB", "👍"))
    await client.send(messages.text(PHONE, "Halo"))
    reaction, text = (c.body for c in meta.sent())
    assert reaction["type"] == "reaction"
    assert reaction["reaction"] == {
        "message_id": "wamid.HBgLNjI4MTIzNDU2Nzg5MBUCABIYFDNB",
        "emoji": "👍",
    }
    assert text["text"] == {"preview_url": False, "body": "Halo"}


async def test_429_waits_retry_after_then_succeeds(
    client: GraphClient, meta: FakeGraphAPI, fake_time: FakeTime
) -> None:
    meta.fail_next(429, 4, "(#4) Application request limit reached", retry_after=7)
    assert (await client.send(messages.text(PHONE, "x"))).startswith("wamid.")
    assert [c.status for c in meta.calls] == [429, 200]
    assert 7 in fake_time.sleeps and client.retries == 1


async def test_throughput_limit_backs_off_4_to_the_n(
    client: GraphClient, meta: FakeGraphAPI, fake_time: FakeTime
) -> None:
    meta.fail_next(400, 130429, "Rate limit hit", times=2)
    await client.send(messages.text(PHONE, "x"))
    assert [c.status for c in meta.calls] == [400, 400, 200]
    assert fake_time.sleeps == [1.0, 4.0]


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_transient_5xx_is_retried(
    client: GraphClient, meta: FakeGraphAPI, status: int
) -> None:
    meta.fail_next(status, 2, "Service temporarily unavailable")
    await client.send(messages.text(PHONE, "x"))
    assert [c.status for c in meta.calls] == [status, 200]


async def test_pair_rate_holds_that_recipient_back(
    client: GraphClient, meta: FakeGraphAPI, fake_time: FakeTime
) -> None:
    meta.fail_next(400, 131056, "(Business Account, Consumer Account) pair rate limit hit")
    start = fake_time.now
    await client.send(messages.text(PHONE, "x"))
    assert [c.status for c in meta.calls] == [400, 200]
    assert fake_time.now - start >= 1.0  # waited through the limiter, not a blind sleep


@pytest.mark.parametrize(
    ("status", "code", "title"),
    [
        (400, 131026, "Message undeliverable"),
        (400, 100, "(#100) Invalid parameter"),
        (400, 132001, "Template name does not exist in the translation"),
    ],
)
async def test_permanent_errors_are_not_retried(
    client: GraphClient, meta: FakeGraphAPI, status: int, code: int, title: str
) -> None:
    meta.fail_next(status, code, title)
    with pytest.raises(GraphError) as raised:
        await client.send(messages.text(PHONE, "x"))
    assert (raised.value.code, raised.value.retryable) == (code, False)
    assert title in raised.value.title
    assert len(meta.calls) == 1


async def test_a_wrong_token_is_not_retried(meta: FakeGraphAPI, fake_time: FakeTime) -> None:
    graph = GraphClient(
        api_base=meta.api_base,
        phone_number_id=meta.phone_number_id,
        token="expired",
        limiter=SendLimiter(monotonic=fake_time.monotonic, sleep=fake_time.sleep),
        sleep=fake_time.sleep,
    )
    try:
        with pytest.raises(GraphError) as raised:
            await graph.send(messages.text(PHONE, "x"))
    finally:
        await graph.close()
    assert (raised.value.status, raised.value.code, raised.value.retryable) == (401, 190, False)


async def test_retries_run_out_as_a_retryable_error(
    client: GraphClient, meta: FakeGraphAPI
) -> None:
    meta.fail_next(503, 2, "Service temporarily unavailable", times=10)
    with pytest.raises(GraphError) as raised:
        await client.send(messages.text(PHONE, "x"))
    assert raised.value.retryable and len(meta.calls) == 4  # the first try and 3 retries


async def test_a_refused_connection_is_retried_then_given_up(fake_time: FakeTime) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    graph = GraphClient(
        api_base=f"http://127.0.0.1:{port}/v21.0",
        phone_number_id="1",
        token="t",
        limiter=SendLimiter(monotonic=fake_time.monotonic, sleep=fake_time.sleep),
        max_retries=2,
        sleep=fake_time.sleep,
    )
    try:
        with pytest.raises(GraphError) as raised:
            await graph.send(messages.text(PHONE, "x"))
    finally:
        await graph.close()
    assert raised.value.retryable and fake_time.sleeps == [1.0, 4.0]


async def test_pacing_per_user_after_a_burst(fake_time: FakeTime) -> None:
    limiter = SendLimiter(
        per_second=80,
        per_user_interval=6.0,
        per_user_burst=3,
        monotonic=fake_time.monotonic,
        sleep=fake_time.sleep,
    )
    waits = [await limiter.acquire("628111") for _ in range(5)]
    assert waits == [0, 0, 0, 6.0, 6.0]
    assert await limiter.acquire("628222") == 0  # another user is not held up


async def test_pacing_of_the_number_throughput(fake_time: FakeTime) -> None:
    limiter = SendLimiter(
        per_second=10,
        per_user_interval=0,
        monotonic=fake_time.monotonic,
        sleep=fake_time.sleep,
    )
    for i in range(25):
        await limiter.acquire(f"62811{i:04d}")
    # a burst of one second's worth, then one every 0.1 s
    assert fake_time.now - 1000.0 == pytest.approx(1.5)


async def test_the_fake_enforces_the_pair_rate_the_limiter_keeps() -> None:
    """With the real pacing on, the fake's own pair-rate check never fires."""
    async with FakeGraphAPI(strict_sessions=False, pair_interval=0.2, pair_burst=2) as meta:
        graph = GraphClient(
            api_base=meta.api_base,
            phone_number_id=meta.phone_number_id,
            token=meta.token,
            limiter=SendLimiter(per_user_interval=0.2, per_user_burst=2),
        )
        try:
            for _ in range(5):
                await graph.send(messages.text(PHONE, "x"))
        finally:
            await graph.close()
    assert [c.status for c in meta.calls] == [200] * 5
    assert graph.retries == 0
