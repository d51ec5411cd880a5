"""The sandbox app: the engine running the operation catalogue on a store, by the operation table's routes."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Final

from chimekit_api.api import LIMITS, OPERATIONS

from ._engine import Engine
from ._operations import Operations
from ._routes import RouteTable, compile_routes
from ._seed import SeedSource, load_seed
from ._store import DEFAULT_STEP_SECONDS, NotFoundError, Store

API_KEY_ID: Final = "key_sandbox"
"""What runs see as ``context.apiKeyId``: the sandbox has one key; its id reveals nothing about it."""


@functools.cache
def default_routes() -> RouteTable:
    """The routes of ``chimekit_api.api.OPERATIONS`` (and its limits), compiled once per process."""
    return compile_routes(OPERATIONS.values(), LIMITS)


class SandboxApp(Engine):
    """The sandbox's ASGI app; ``close()`` releases the database. ``seed`` and ``step_seconds``: see ``Store``;
    ``secret_key`` is read as the SDK reads it (``given_secret_key``: surrounding whitespace dropped)."""

    def __init__(
        self,
        *,
        secret_key: str,
        db_path: str | None = None,
        seed: SeedSource | None = None,
        step_seconds: float = DEFAULT_STEP_SECONDS,
        rate_limit: int | None = None,
        routes: RouteTable | None = None,
    ) -> None:
        # ``routes``: those of another operation table (tests); the default is chimekit_api's, compiled once.
        loaded = load_seed(seed) if isinstance(seed, str | Path) else seed
        self.store = Store(db_path, seed=loaded, step_seconds=step_seconds)
        try:
            operations = Operations(self.store, API_KEY_ID)
            super().__init__(
                routes or default_routes(),
                operations,
                secret_key=secret_key,
                errors={NotFoundError: 404},
                rate_limit=rate_limit,
            )
        except BaseException:
            self.store.close()
            raise

    def close(self) -> None:
        self.store.close()


def create_app(
    *,
    secret_key: str,
    db_path: str | None = None,
    seed: SeedSource | None = None,
    step_seconds: float = DEFAULT_STEP_SECONDS,
    rate_limit: int | None = None,
) -> SandboxApp:
    """The sandbox as an ASGI app. ``db_path`` None keeps the state in memory; ``seed``: the records a
    new database starts with (``"docs"``, a seed file's path or a loaded ``Seed``); ``step_seconds``: how
    long each step of a run or an email delivery takes; ``rate_limit``: requests a second the key may make
    (beyond, a 429 with ``Retry-After``; None: no limit)."""
    return SandboxApp(
        secret_key=secret_key, db_path=db_path, seed=seed, step_seconds=step_seconds, rate_limit=rate_limit
    )
