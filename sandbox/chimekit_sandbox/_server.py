"""Serving the sandbox with uvicorn: in a background thread (tests) or in the foreground (CLI)."""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import uvicorn

from ._app import SandboxApp, create_app
from ._engine import ASGIApp
from ._store import DEFAULT_STEP_SECONDS, SeedSource


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


def uvicorn_config(app: ASGIApp, *, access_log: bool = False) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        lifespan="off",
        access_log=access_log,
        # uvicorn's own lines (e.g. "Invalid HTTP request received" for a probe with a NUL byte in a
        # header) are noise for an embedded test server; the app logs its own unexpected errors.
        log_level="info" if access_log else "error",
        server_header=False,
        timeout_graceful_shutdown=1,
    )


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
        self._server = uvicorn.Server(uvicorn_config(app))
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


def start_sandbox(
    *,
    secret_key: str | None = None,
    db_path: str | None = None,
    seed: SeedSource | None = None,
    step_seconds: float = DEFAULT_STEP_SECONDS,
) -> tuple[ServerThread, RunningSandbox]:
    """A started sandbox and its handle; the caller stops the ServerThread."""
    key = secret_key or f"sk_test_{secrets.token_urlsafe(24)}"
    app = create_app(secret_key=key, db_path=db_path, seed=seed, step_seconds=step_seconds)
    server = ServerThread(app, on_exit=app.close)
    try:
        server.start()
    except BaseException:
        app.close()
        raise
    return server, RunningSandbox(url=server.url, secret_key=key, app=app)


@contextmanager
def running(
    *,
    secret_key: str | None = None,
    db_path: str | None = None,
    seed: SeedSource | None = None,
    step_seconds: float = DEFAULT_STEP_SECONDS,
) -> Iterator[RunningSandbox]:
    """Start a sandbox on 127.0.0.1 (free port) in a background thread; stop it on exit.

    ``secret_key`` defaults to a random one; ``db_path`` None keeps the state in memory; ``seed``: the
    records a new database starts with (``"docs"``, a seed file's path); ``step_seconds``: how long each
    step of a workflow run or an email delivery takes (``advance`` moves the clock instead of waiting).
    """
    server, sandbox = start_sandbox(secret_key=secret_key, db_path=db_path, seed=seed, step_seconds=step_seconds)
    try:
        yield sandbox
    finally:
        server.stop()
