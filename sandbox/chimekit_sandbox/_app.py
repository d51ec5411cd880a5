"""The sandbox app: the engine running the operation catalogue on a store, as the spec describes."""

from __future__ import annotations

from typing import Final

from ._engine import Engine
from ._operations import Operations
from ._spec import RouteTable, default_routes
from ._store import DEFAULT_STEP_SECONDS, NotFoundError, SeedSource, Store

API_KEY_ID: Final = "key_sandbox"
"""What runs see as ``context.apiKeyId``: the sandbox has one key; its id reveals nothing about it."""


class SandboxApp(Engine):
    """The sandbox's ASGI app; ``close()`` releases the database. ``seed`` and ``step_seconds``: see ``Store``."""

    def __init__(
        self,
        *,
        secret_key: str,
        db_path: str | None = None,
        seed: SeedSource | None = None,
        step_seconds: float = DEFAULT_STEP_SECONDS,
        routes: RouteTable | None = None,
    ) -> None:
        # ``routes``: another compiled spec (tests); the default is the spec in chimekit_api, compiled once.
        if not secret_key:
            raise ValueError("secret_key must not be empty")
        self.store = Store(db_path, seed=seed, step_seconds=step_seconds)
        try:
            operations = Operations(self.store, API_KEY_ID)
            super().__init__(routes or default_routes(), operations, secret_key=secret_key, errors={NotFoundError: 404})
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
) -> SandboxApp:
    """The sandbox as an ASGI app. ``db_path`` None keeps the state in memory; ``seed``: the records a
    new database starts with (``"docs"`` or a seed file); ``step_seconds``: how long each step of a run
    or an email delivery takes."""
    return SandboxApp(secret_key=secret_key, db_path=db_path, seed=seed, step_seconds=step_seconds)
