"""Serving the sandbox with uvicorn: in a background thread (tests) or in the foreground (CLI).

uvicorn waits on a client without limit while a request is in progress: a connection that sends
nothing, or part of a request, and stops would hold a connection and a task for ever. The sandbox
serves with ``TimedH11Protocol``, uvicorn's h11 protocol with deadlines on the client, run by
``Server``, which stays quiet while out of file descriptors; idle connections between requests are
uvicorn's keep-alive. The numbers are in ``_timeouts``.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Final

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._app import SandboxApp, create_app
from ._engine import ASGIApp, given_secret_key, new_request_id
from ._seed import SeedSource
from ._store import DEFAULT_STEP_SECONDS
from ._timeouts import KEEP_ALIVE_SECONDS, REQUEST_TIMEOUT_SECONDS
from ._util import dumps

logger = logging.getLogger("chimekit_sandbox")

_TIMED_OUT_BODY: Final = dumps({"error": "Request timeout: the request did not arrive in time"}).encode()


def _timed_out_response() -> bytes:
    return (
        b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
        b"content-length: %d\r\nx-request-id: %s\r\n\r\n%s"
        % (len(_TIMED_OUT_BODY), new_request_id().encode(), _TIMED_OUT_BODY)
    )


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with deadlines on the client, ``timeout`` seconds each (see REQUEST_TIMEOUT_SECONDS).

    The request deadline runs while a request is awaited on a new connection or is partly received (h11
    says which: its state and unparsed bytes), and stops once the request is whole. The write deadline
    runs while the transport is paused because the client takes nothing of what it is sent.
    """

    timeout: float = REQUEST_TIMEOUT_SECONDS

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._new = True  # no request yet: the first is due within the timeout of the connection opening
        self._received = False
        self._lingering = False
        self._request_deadline: asyncio.TimerHandle | None = None
        self._write_deadline: asyncio.TimerHandle | None = None
        self._watch_request()

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            return  # after a 408: read and dropped
        self._received = True
        super().data_received(data)
        self._watch_request()

    def on_response_complete(self) -> None:
        self._new = False
        super().on_response_complete()
        self._watch_request()

    def connection_lost(self, exc: Exception | None) -> None:
        for deadline in (self._request_deadline, self._write_deadline):
            if deadline is not None:
                deadline.cancel()
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._write_deadline is None:
            self._write_deadline = self.loop.call_later(self.timeout, self._stalled)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._write_deadline is not None:
            self._write_deadline.cancel()
            self._write_deadline = None

    def _watch_request(self) -> None:
        state = self.conn.their_state
        awaited = state is h11.SEND_BODY or (state is h11.IDLE and (self._new or bool(self.conn.trailing_data[0])))
        if awaited and self._request_deadline is None:
            self._request_deadline = self.loop.call_later(self.timeout, self._timed_out)
        elif not awaited and self._request_deadline is not None:
            self._request_deadline.cancel()
            self._request_deadline = None

    def _timed_out(self) -> None:
        self._request_deadline = None
        if self.transport.is_closing():
            return
        if not (self._received and self.conn.our_state in (h11.IDLE, h11.SEND_RESPONSE)):
            self.transport.close()  # a silent new connection, or the answer is out already
            return
        # 408, then a lingering close: the client (maybe still sending) reads the answer and our end of the
        # stream, not a reset; what it still sends is dropped, and after one more timeout it is cut off.
        # The app, if it was waiting for the body, then sees a disconnect.
        self.transport.write(_timed_out_response())
        self._lingering = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self._request_deadline = self.loop.call_later(self.timeout, self.transport.abort)

    def _stalled(self) -> None:
        self._write_deadline = None
        self.transport.abort()  # close() would wait for the client to take what is buffered


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket; ``port`` 0 lets the OS pick a free one (read it back from the socket)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted sockets only when proto says TCP
    # (with proto 0 every response waits ~40 ms for a delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def socket_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class Server(uvicorn.Server):
    """uvicorn's server, with one log line a second (not thousands of tracebacks) while out of file descriptors.

    asyncio logs every failed accept of a batch (up to the backlog, 2048) with a traceback, each second
    the process has no file descriptor left, and each schedules a retry, which fails with another
    traceback if the server stops meanwhile. Connections wait in the kernel's queue meanwhile, and the
    deadlines free descriptors held by clients that send nothing.
    """

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        loop = asyncio.get_running_loop()
        last = -1.0

        def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
            nonlocal last
            message = context.get("message", "")
            if message == "socket.accept() out of system resource":
                if loop.time() - last >= 1:
                    last = loop.time()
                    logger.error(
                        "cannot accept connections: %s (new ones wait until open ones close)", context["exception"]
                    )
            elif not (self.should_exit and "._start_serving(" in message):
                # (asyncio schedules a retry of accepting per failed accept: those that fire once the
                # listening socket is closed, at shutdown, fail on its closed descriptor)
                loop.default_exception_handler(context)

        loop.set_exception_handler(handle)
        await super().serve(sockets)


def uvicorn_config(
    app: ASGIApp, *, access_log: bool = False, request_timeout: float = REQUEST_TIMEOUT_SECONDS
) -> uvicorn.Config:
    class Protocol(TimedH11Protocol):
        timeout = request_timeout

    return uvicorn.Config(
        app,
        http=Protocol,
        ws="none",  # no WebSocket handler may take a connection over (and around the deadlines)
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        lifespan="off",
        access_log=access_log,
        # uvicorn's own lines (e.g. "Invalid HTTP request received" for a probe with a NUL byte in a
        # header) are noise for an embedded test server; the app logs its own unexpected errors.
        log_level="info" if access_log else "error",
        server_header=False,
        timeout_graceful_shutdown=1,
    )


def new_secret_key() -> str:
    """A random key, for a sandbox started without one."""
    return f"sk_test_{secrets.token_urlsafe(24)}"


@dataclass(frozen=True)
class RunningSandbox:
    """A sandbox served on loopback: ``url`` is the server root (no ``/sdk/v1``)."""

    url: str
    secret_key: str
    app: SandboxApp | None = field(default=None, compare=False)

    def __repr__(self) -> str:  # never show the secret
        return f"RunningSandbox(url={self.url!r}, secret_key='***')"

    def _require_app(self) -> SandboxApp:
        if self.app is None:
            raise RuntimeError("this RunningSandbox has no app in this process (it was made from a URL and a key)")
        return self.app

    def advance(self, seconds: float) -> None:
        """Move the server's clock forward: runs and deliveries move on as if ``seconds`` had passed."""
        self._require_app().store.clock.advance(seconds)

    def reset(self) -> None:
        """Back to the state the server started with: its seed's records, or empty."""
        self._require_app().store.reset()


class ServerThread:
    """Any ASGI app served by uvicorn in a daemon thread on ``host`` and a free port.

    ``start()`` returns once the socket accepts requests. ``request_stop()`` only asks uvicorn to
    stop (it needs ~0.2 s to wind down); ``join()`` waits for that. ``on_exit`` runs in the thread
    after the server stopped (e.g. closing the app's database).
    """

    def __init__(self, app: ASGIApp, *, host: str = "127.0.0.1", on_exit: Callable[[], None] | None = None) -> None:
        self._sock = bind_socket(host, 0)
        self.url = socket_url(self._sock)
        self._server = Server(uvicorn_config(app))
        self._on_exit = on_exit
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"chimekit-sandbox {self.url}", daemon=True)

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._sock])
        except BaseException as exc:  # surfaced by start()
            self._failure = exc
        finally:
            self._sock.close()
            if self._on_exit is not None:
                self._on_exit()

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the sandbox server failed to start") from self._failure
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"the sandbox server did not start within {timeout} s")
            time.sleep(0.002)  # polling the started flag, not waiting a fixed time

    def request_stop(self) -> None:
        self._server.should_exit = True
        self._server.force_exit = True

    def join(self, timeout: float = 10.0) -> None:
        self._thread.join(timeout)

    def stop(self) -> None:
        self.request_stop()
        self.join()


@contextmanager
def serve_in_thread(app: ASGIApp, *, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve any ASGI app on ``host`` and a free port for the ``with`` block; yields the URL."""
    server = ServerThread(app, host=host)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def serve_sandbox(app: SandboxApp) -> tuple[ServerThread, RunningSandbox]:
    """``app`` started on 127.0.0.1 and its handle (with the key the app takes); the caller stops the
    ServerThread (which closes the app)."""
    server = ServerThread(app, on_exit=app.close)
    try:
        server.start()
    except BaseException:
        app.close()
        raise
    return server, RunningSandbox(url=server.url, secret_key=app.secret_key, app=app)


@contextmanager
def running(
    *,
    secret_key: str | None = None,
    db_path: str | None = None,
    seed: SeedSource | None = None,
    step_seconds: float = DEFAULT_STEP_SECONDS,
    rate_limit: int | None = None,
) -> Iterator[RunningSandbox]:
    """Start a sandbox on 127.0.0.1 (free port) in a background thread; stop it on exit.

    ``secret_key`` defaults to a random one (surrounding whitespace is dropped, as the SDK does; ``.secret_key``
    is the key clients send); ``db_path`` None keeps the state in memory; ``seed``: the records a new database
    starts with (``"docs"``, a seed file's path); ``step_seconds``: how long each step of a workflow run or an
    email delivery takes (``advance`` moves the clock instead of waiting); ``rate_limit``: requests a second
    the key may make (beyond, a 429 with ``Retry-After``), to test your own pacing.
    """
    key = given_secret_key(secret_key) or new_secret_key()
    app = create_app(secret_key=key, db_path=db_path, seed=seed, step_seconds=step_seconds, rate_limit=rate_limit)
    server, sandbox = serve_sandbox(app)
    try:
        yield sandbox
    finally:
        server.stop()
