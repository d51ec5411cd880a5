"""The sandbox app: the engine running the operation catalogue on a store, as the spec describes."""

from __future__ import annotations

from typing import Final

from ._engine import Engine
from ._operations import Operations
from ._spec import RouteTable, default_routes
from ._store import NotFoundError, Store

API_KEY_ID: Final = "key_sandbox"
"""What runs see as ``context.apiKeyId``: the sandbox has one key; its id reveals nothing about it."""


class SandboxApp(Engine):
    """The sandbox's ASGI app; ``close()`` releases the database."""

    def __init__(self, *, secret_key: str, db_path: str | None = None, routes: RouteTable | None = None) -> None:
        # ``routes``: another compiled spec (tests); the default is the spec in chimekit_api, compiled once.
        if not secret_key:
            raise ValueError("secret_key must not be empty")
        self.store = Store(db_path)
        try:
            operations = Operations(self.store, API_KEY_ID)
            super().__init__(routes or default_routes(), operations, secret_key=secret_key, errors={NotFoundError: 404})
        except BaseException:
            self.store.close()
            raise

    def close(self) -> None:
        self.store.close()


def create_app(*, secret_key: str, db_path: str | None = None) -> SandboxApp:
    """The sandbox as an ASGI app. ``db_path`` None keeps the state in memory."""
    return SandboxApp(secret_key=secret_key, db_path=db_path)
