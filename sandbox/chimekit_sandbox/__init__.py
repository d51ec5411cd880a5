"""A local, stateful ChimeKit server implementing openapi/chimekit.yaml.

``create_app`` builds the ASGI app; ``running`` serves one on loopback for tests and demos::

    with chimekit_sandbox.running(seed="docs") as sandbox:
        ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url)

``load_seed`` reads and checks a seed file (``SeedError`` names what is wrong); the format is in the
package's README. The pytest fixtures are in ``chimekit_sandbox.pytest_plugin``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["RunningSandbox", "SandboxApp", "Seed", "SeedError", "create_app", "load_seed", "running"]

if TYPE_CHECKING:
    from ._app import SandboxApp, create_app
    from ._seed import Seed, SeedError, load_seed
    from ._server import RunningSandbox, running


def __getattr__(name: str) -> Any:
    # Lazy: importing the package (e.g. from the pytest plugin) imports neither starlette nor uvicorn.
    if name in ("SandboxApp", "create_app"):
        from . import _app

        return getattr(_app, name)
    if name in ("RunningSandbox", "running"):
        from . import _server

        return getattr(_server, name)
    if name in ("Seed", "SeedError", "load_seed"):
        from . import _seed

        return getattr(_seed, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
