"""pytest fixtures for testing against the sandbox (registered as the ``chimekit_sandbox`` plugin).

``chimekit_sandbox``: a fresh sandbox (empty state, random secret, own port) per test.
``chimekit_client``: a ``chimekit.ChimeKit`` pointed at it, closed after the test.

Nothing here imports uvicorn or jsonschema_rs until a fixture is used, so installing chimekit without
the ``sandbox`` extra does not break pytest.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._server import RunningSandbox, ServerThread


@pytest.fixture(scope="session")
def _chimekit_sandbox_stopping() -> Iterator[list[ServerThread]]:
    # Servers are asked to stop at the end of their test and joined once at the end of the session:
    # uvicorn takes ~0.2 s to wind down, which no test should have to wait for.
    stopping: list[ServerThread] = []
    yield stopping
    for server in stopping:
        server.join()


@pytest.fixture
def chimekit_sandbox(_chimekit_sandbox_stopping: list[ServerThread]) -> Iterator[RunningSandbox]:
    """A sandbox on 127.0.0.1 with empty in-memory state; ``.url`` and ``.secret_key``."""
    from ._server import start_sandbox

    server, sandbox = start_sandbox()
    try:
        yield sandbox
    finally:
        server.request_stop()
        _chimekit_sandbox_stopping.append(server)


@pytest.fixture
def chimekit_client(chimekit_sandbox: RunningSandbox) -> Iterator[Any]:
    """A ``chimekit.ChimeKit`` client for the test's sandbox."""
    chimekit = importlib.import_module("chimekit")
    client = chimekit.ChimeKit(secret_key=chimekit_sandbox.secret_key, base_url=chimekit_sandbox.url)
    try:
        yield client
    finally:
        client.close()
