"""A thin Cloud API client: POST /{phone_number_id}/messages, within the limits, with retries.

Retried, after the wait the API asks for (Retry-After) or a 4^n backoff: HTTP 429 and
5xx, and the error codes Meta documents as transient (throughput 130429, pair rate
131056, rate limits 4/80007, service unavailable 1/2/131016/131057). A request that
may have reached Meta before the connection broke is not retried: a prompt must never
arrive twice. Everything else raises :class:`GraphError` with Meta's code and title.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bot.transports.whatsapp.limiter import SendLimiter

log = logging.getLogger(__name__)

TRANSIENT_CODES = frozenset({1, 2, 4, 80007, 130429, 131016, 131056, 131057})
PAIR_RATE = 131056
OUTSIDE_SESSION = 131047  # "re-engagement message": more than 24 h since the user wrote
MAX_BACKOFF = 60.0


class GraphError(Exception):
    def __init__(
        self,
        title: str,
        *,
        status: int = 0,
        code: int | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{code or status}: {title}")
        self.title = title
        self.status = status
        self.code = code
        self.retryable = retryable
        self.retry_after = retry_after


def _error(response: httpx.Response) -> GraphError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    code = error.get("code")
    code = int(code) if isinstance(code, int | str) and str(code).isdigit() else None
    details = (error.get("error_data") or {}).get("details") if error else None
    title = str(details or error.get("message") or response.reason_phrase or "error")
    retry_after: float | None = None
    header = response.headers.get("Retry-After")
    if header and header.replace(".", "", 1).isdigit():
        retry_after = float(header)
    retryable = (
        response.status_code == 429 or response.status_code >= 500 or code in TRANSIENT_CODES
    )
    return GraphError(
        title[:300],
        status=response.status_code,
        code=code,
        retryable=retryable,
        retry_after=retry_after,
    )


class GraphClient:
    def __init__(
        self,
        *,
        api_base: str,
        phone_number_id: str,
        token: str,
        limiter: SendLimiter,
        max_retries: int = 5,
        backoff: float = 1.0,
        timeout: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._url = f"{api_base.rstrip('/')}/{phone_number_id}/messages"
        self._limiter = limiter
        self._max_retries = max_retries
        self._backoff = backoff
        self._sleep = sleep
        self._http = httpx.AsyncClient(
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
            transport=transport,
        )
        self.retries = 0  # how often the API made us wait (should stay rare)

    async def send(self, payload: dict[str, Any]) -> str:
        """Send one message; return its WhatsApp message id (``wamid.…``)."""
        recipient = str(payload.get("to", ""))
        attempt = 0
        while True:
            await self._limiter.acquire(recipient)
            try:
                response = await self._http.post(self._url, json=payload)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                error = GraphError(f"{type(exc).__name__}: {exc}", retryable=True)
            except httpx.HTTPError as exc:  # it may have been sent: never risk a second copy
                raise GraphError(f"{type(exc).__name__}: {exc}") from exc
            else:
                if response.is_success:
                    return _message_id(response)
                error = _error(response)
            if not error.retryable or attempt >= self._max_retries:
                raise error
            delay = error.retry_after or min(self._backoff * 4**attempt, MAX_BACKOFF)
            log.warning(
                "whatsapp: %s to %s, retry %d in %.1fs", error, recipient, attempt + 1, delay
            )
            self.retries += 1
            attempt += 1
            if error.code == PAIR_RATE:  # the limiter holds this recipient back; others go on
                self._limiter.push_back(recipient, delay)
            else:
                await self._sleep(delay)

    async def close(self) -> None:
        await self._http.aclose()


def _message_id(response: httpx.Response) -> str:
    body = response.json()
    messages = body.get("messages") if isinstance(body, dict) else None
    if not messages or not isinstance(messages[0], dict) or "id" not in messages[0]:
        raise GraphError(f"unexpected answer: {str(body)[:200]}", status=response.status_code)
    return str(messages[0]["id"])
