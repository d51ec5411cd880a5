"""Fixtures for the facade tests: the real sandbox, a scriptable loopback stub, and no real backoff sleeps."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from operator import attrgetter
from typing import Any

import anyio
import chimekit
import chimekit._base_client
import pytest
from chimekit import AsyncChimeKit, ChimeKit

SECRET = "sk_test_f4c3d00dsecret"
Call = Callable[..., Any]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Any]:
    """The real ChimeKit sandbox server on 127.0.0.1 (one per test module: the flows build on each other)."""
    import chimekit_sandbox

    # Runs stay queued for an hour: a test reading one right after starting it sees it queued, however slow.
    with chimekit_sandbox.running(secret_key=SECRET, step_seconds=3600) as running:
        yield running


@dataclass
class Seen:
    method: str
    raw_path: str
    headers: dict[str, str]
    body: Any
    port: int = 0
    """The client's port: one per connection."""
    header_list: list[tuple[str, str]] = field(default_factory=list)
    """Every header line as sent (a header sent twice is here twice)."""


@dataclass
class Reply:
    """One scripted answer: a status with a JSON (or raw text) body, or a fault: ``reset`` / ``stall``."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: str | None = None
    fault: str | None = None


class Stub:
    """A loopback HTTP server answering from a script (the last reply repeats) and recording every request."""

    def __init__(self) -> None:
        self.script: list[Reply] = [Reply(200, {})]
        self.seen: list[Seen] = []
        self.decide: Callable[[Seen], Reply] | None = None
        """Chooses the reply to each request (instead of the script), e.g. by its body."""
        self.lock = threading.Lock()
        self.idle_close: float | None = None
        """Seconds after which an idle connection is closed: a request arriving on it later is dropped unanswered
        (the race of a client sending just as the server closes)."""
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                idle = time.monotonic() - getattr(self, "last_done", time.monotonic())
                if stub.idle_close is not None and idle >= stub.idle_close:
                    self.close_connection = True  # the server closed it: this request is never answered
                    return
                seen = Seen(
                    self.command,
                    self.path,
                    dict(self.headers.items()),
                    json.loads(raw) if raw else None,
                    self.client_address[1],
                    list(self.headers.items()),
                )
                with stub.lock:
                    stub.seen.append(seen)
                    if stub.decide is not None:
                        reply = stub.decide(seen)
                    else:
                        reply = stub.script.pop(0) if len(stub.script) > 1 else stub.script[0]
                if reply.fault == "reset":
                    # RST instead of FIN: the client sees "connection reset" with no response.
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                if reply.fault == "stall":
                    time.sleep(0.5)
                data = reply.raw.encode() if reply.raw is not None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json" if reply.raw is None else "text/html")
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.status != 204:
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if reply.status != 204:
                    self.wfile.write(data)
                self.last_done = time.monotonic()

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a reset connection is the point of the "reset" reply

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.01,), daemon=True)

    def reply(self, *replies: Reply) -> None:
        self.script = list(replies)


@pytest.fixture
def stub() -> Iterator[Stub]:
    s = Stub()
    s.thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Backoff waits, recorded instead of slept (sync and async)."""
    waited: list[float] = []

    async def async_sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(chimekit._base_client, "_sleep", waited.append)
    monkeypatch.setattr(chimekit._base_client, "_async_sleep", async_sleep)
    return waited


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest, stub: Stub, sleeps: list[float]) -> Call:
    """``call("audience.find_member", "user_123", client={...})`` through ChimeKit or AsyncChimeKit."""

    def run(method: str, *args: Any, client: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        options = {"secret_key": SECRET, "base_url": stub.url, **(client or {})}
        if request.param == "sync":
            with ChimeKit(**options) as ck:
                return attrgetter(method)(ck)(*args, **kwargs)

        async def go() -> Any:
            async with AsyncChimeKit(**options) as ck:
                return await attrgetter(method)(ck)(*args, **kwargs)

        return anyio.run(go)

    return run


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
