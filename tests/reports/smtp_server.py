"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, keeping or refusing messages."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

LOGIN, PASSWORD = "hadir", "rahasia"
# AUTH without TLS is fine on 127.0.0.1 in a test; aiosmtpd warns about it all the same.
QUIET = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


class Inbox:
    """An aiosmtpd handler that keeps what it receives, or refuses every message."""

    def __init__(self, *, refuse: bool = False, delay: float = 0.0) -> None:
        self.refuse = refuse
        self.delay = delay  # seconds before answering DATA: a slow server
        self.envelopes: list[Any] = []
        self.attempts = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        await asyncio.sleep(self.delay)
        if self.refuse:
            return "451 4.3.0 Mailbox temporarily unavailable"
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    expected = (LOGIN.encode(), PASSWORD.encode())
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == expected
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(name="smtp")
def smtp_fixture() -> Iterator[tuple[Inbox, int]]:
    """(inbox, port) of a server that needs AUTH LOGIN/PASSWORD; import it to use it."""
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=authenticate,
        auth_required=True, auth_require_tls=False,
    )  # fmt: skip
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
