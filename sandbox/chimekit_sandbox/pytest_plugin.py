"""pytest fixtures for testing against the sandbox (registered as the ``chimekit_sandbox`` plugin).

``chimekit_sandbox``: a fresh sandbox (own port, random secret) per test, seeded with ``chimekit_seed``.
``chimekit_client`` / ``chimekit_async_client``: a ``chimekit.ChimeKit`` / ``chimekit.AsyncChimeKit``
pointed at it. ``chimekit_async_client`` is a plain fixture (no event loop needed to make it: it works
with anyio, pytest-asyncio in strict or auto mode, and trio alike); it keeps no connection between
requests, so nothing is left to close in the test's event loop.
``chimekit_seed``: what the sandbox starts with: ``@pytest.mark.chimekit_seed("docs")`` (or a seed
file's path, relative to the test file's folder) on the test, else nothing. Override the fixture in a
conftest.py to seed many tests.
``chimekit_step_seconds``: how long each step of a workflow run or email delivery takes (0.2 s);
override it like ``chimekit_seed``. ``chimekit_sandbox.advance(seconds)`` moves the clock instead.
``chimekit_rate_limit``: requests a second the sandbox takes (beyond, a 429 with ``Retry-After``); None
(no limit) unless overridden, to test your own pacing.

Nothing here imports the server (uvicorn, jsonschema_rs) or the SDK until a fixture is used, so the
plugin costs pytest runs that do not use it nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ._store import DEFAULT_STEP_SECONDS

if TYPE_CHECKING:
    from chimekit import AsyncChimeKit, ChimeKit

    from ._seed import Seed
    from ._server import RunningSandbox, ServerThread

SEED_MARKER = "chimekit_seed"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{SEED_MARKER}(seed): start this test's chimekit_sandbox with a seed: 'docs' (the docs' example "
        "records) or the path of a YAML/JSON seed file",
    )


@pytest.fixture(scope="session")
def _chimekit_sandbox_stopping() -> Iterator[list[ServerThread]]:
    # Servers are asked to stop at the end of their test and joined once at the end of the session:
    # uvicorn takes ~0.2 s to wind down, which no test should have to wait for.
    stopping: list[ServerThread] = []
    yield stopping
    for server in stopping:
        server.join()


@pytest.fixture
def chimekit_seed(request: pytest.FixtureRequest) -> str | Path | Seed | None:
    """The seed of the test's sandbox: its ``@pytest.mark.chimekit_seed(...)`` argument, else None (empty)."""
    marker = request.node.get_closest_marker(SEED_MARKER)
    if marker is None:
        return None
    if len(marker.args) != 1 or marker.kwargs:
        raise pytest.UsageError(f"@pytest.mark.{SEED_MARKER} takes one argument: 'docs' or a seed file's path")
    from ._seed import is_named

    seed: str | Path | Seed = marker.args[0]
    if isinstance(seed, str | Path) and not is_named(seed) and not Path(seed).is_absolute():
        seed = request.path.parent / seed  # where the test file is, whatever folder pytest runs from
    return seed


@pytest.fixture
def chimekit_step_seconds() -> float:
    """How long each step of a workflow run or an email delivery takes in the test's sandbox."""
    return DEFAULT_STEP_SECONDS


@pytest.fixture
def chimekit_rate_limit() -> int | None:
    """Requests a second the test's sandbox takes (None: no limit); beyond, a 429 with ``Retry-After``."""
    return None


@pytest.fixture
def chimekit_sandbox(
    _chimekit_sandbox_stopping: list[ServerThread],
    chimekit_seed: str | Path | Seed | None,
    chimekit_step_seconds: float,
    chimekit_rate_limit: int | None,
) -> Iterator[RunningSandbox]:
    """A sandbox on 127.0.0.1 with in-memory state; ``.url``, ``.secret_key``, ``.advance()``, ``.reset()``."""
    from ._app import create_app
    from ._server import new_secret_key, serve_sandbox

    app = create_app(
        secret_key=new_secret_key(),
        seed=chimekit_seed,
        step_seconds=chimekit_step_seconds,
        rate_limit=chimekit_rate_limit,
    )
    server, sandbox = serve_sandbox(app)
    try:
        yield sandbox
    finally:
        server.request_stop()
        _chimekit_sandbox_stopping.append(server)


@pytest.fixture
def chimekit_client(chimekit_sandbox: RunningSandbox) -> Iterator[ChimeKit]:
    """A ``chimekit.ChimeKit`` client for the test's sandbox."""
    from chimekit import ChimeKit

    with ChimeKit(secret_key=chimekit_sandbox.secret_key, base_url=chimekit_sandbox.url) as client:
        yield client


@pytest.fixture
def chimekit_async_client(chimekit_sandbox: RunningSandbox) -> AsyncChimeKit:
    """A ``chimekit.AsyncChimeKit`` client for the test's sandbox, for async tests of any runner (anyio,
    pytest-asyncio strict or auto, trio): a plain fixture, over a pool that keeps no idle connection."""
    import httpx
    from chimekit import AsyncChimeKit

    # Nothing to close at the end: no connection outlives its request, so none is left in the test's loop.
    http = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))
    return AsyncChimeKit(secret_key=chimekit_sandbox.secret_key, base_url=chimekit_sandbox.url, http_client=http)
