"""A local, stateful ChimeKit server implementing openapi/chimekit.yaml.

``create_app`` builds the ASGI app; ``running`` serves one on loopback for tests and demos::

    with chimekit_sandbox.running() as sandbox:
        ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["RunningSandbox", "SandboxApp", "create_app", "running"]

if TYPE_CHECKING:
    from ._app import SandboxApp, create_app
    from ._server import RunningSandbox, running


def __getattr__(name: str) -> Any:
    # Lazy: importing the package (e.g. from the pytest plugin) must not need starlette/uvicorn.
    if name in ("SandboxApp", "create_app"):
        from . import _app

        return getattr(_app, name)
    if name in ("RunningSandbox", "running"):
        from . import _server

        return getattr(_server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
