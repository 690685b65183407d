"""The gateway's Rasa client fails over only when a message cannot have been processed.

Real loopback HTTP servers stand in for Rasa instances: one answers at once, one answers
after the client's timeout, one answers 500, and one port has no server at all.
"""

import asyncio
import json
import re

import pytest

from api.rasa_client import RasaClient, RasaUnavailable
from tests.stack import free_port

CLIENT_TIMEOUT_SECONDS = 0.5
CONTENT_LENGTH = re.compile(rb"content-length:\s*(\d+)", re.IGNORECASE)


class FakeRasa:
    """A loopback HTTP server that records each message and answers like Rasa's REST channel."""

    def __init__(self, name: str, delay_seconds: float = 0.0, status: int = 200) -> None:
        self.name = name
        self.delay_seconds = delay_seconds
        self.status = status
        self.received: list[dict] = []
        self.server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def start(self) -> None:
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0)

    async def stop(self) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        body = await reader.readexactly(int(CONTENT_LENGTH.search(head).group(1)))
        self.received.append(json.loads(body))

        await asyncio.sleep(self.delay_seconds)
        payload = json.dumps([{"recipient_id": "x", "text": f"reply from {self.name}"}]).encode()
        writer.write(
            f"HTTP/1.1 {self.status} X\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode()
            + payload
        )
        try:
            await writer.drain()
            writer.close()
        except ConnectionError:
            pass


async def send_once(base_urls: list[str]):
    client = RasaClient(base_urls, CLIENT_TIMEOUT_SECONDS)
    try:
        return await client.send("session-1", "bonjour", {})
    finally:
        await client.close()


def test_unreachable_instance_fails_over_to_next():
    healthy = FakeRasa("b")
    closed_url = f"http://127.0.0.1:{free_port()}"

    async def scenario():
        await healthy.start()
        try:
            return await send_once([closed_url, healthy.url])
        finally:
            await healthy.stop()

    reply = asyncio.run(scenario())

    assert reply.messages[0]["text"] == "reply from b"
    assert len(healthy.received) == 1


def test_read_timeout_is_not_sent_twice():
    slow = FakeRasa("a", delay_seconds=CLIENT_TIMEOUT_SECONDS * 4)
    healthy = FakeRasa("b")

    async def scenario():
        await slow.start()
        await healthy.start()
        try:
            with pytest.raises(RasaUnavailable):
                await send_once([slow.url, healthy.url])
        finally:
            await slow.stop()
            await healthy.stop()

    asyncio.run(scenario())

    # The slow instance got the message and may have processed it, so no other one gets it.
    assert len(slow.received) == 1
    assert healthy.received == []


def test_server_error_is_not_sent_twice():
    failing = FakeRasa("a", status=500)
    healthy = FakeRasa("b")

    async def scenario():
        await failing.start()
        await healthy.start()
        try:
            with pytest.raises(RasaUnavailable):
                await send_once([failing.url, healthy.url])
        finally:
            await failing.stop()
            await healthy.stop()

    asyncio.run(scenario())

    assert len(failing.received) == 1
    assert healthy.received == []


def test_all_instances_unreachable_raises():
    urls = [f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"]

    with pytest.raises(RasaUnavailable, match="among 2"):
        asyncio.run(send_once(urls))
