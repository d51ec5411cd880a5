"""A local, stateful ChimeKit server implementing openapi/chimekit.yaml.

``create_app`` builds the ASGI app; ``running`` serves one on loopback for tests and demos::

    with chimekit_sandbox.running(seed="docs") as sandbox:
        ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url)

``load_seed`` reads and checks a seed file (``SeedError`` names what is wrong); the format is in the
package's README. The pytest fixtures are in ``chimekit_sandbox.pytest_plugin``.

The spec is the sandbox's only description of the API: ``_spec`` reads ``chimekit_api``'s
``openapi.json`` once per process into a route table with compiled request validators, ``_engine``
runs it (routing on the raw path, auth, parameters, bodies, errors) and ``_operations`` holds one
handler per operationId (each checked against the other when an app is created); ``_store`` is the
SQLite state.

Requests are validated by jsonschema-rs (JSON Schema 2020-12, OpenAPI 3.1's dialect) rather than
python-jsonschema, which implements the same draft and would resolve the same ``$ref``s: jsonschema-rs
is ~200x faster on these bodies (0.5 µs against ~100 µs, which would cost a tenth of the sandbox's
throughput), applies ``pattern`` with ECMA-262 semantics (python-jsonschema's ``re.search`` lets ``$``
match before a trailing newline, so ``"user\\n"`` would pass as an externalUserId), reports structured
errors (keyword, limit, each ``oneOf`` branch's own errors) from which the messages naming the field
are built, and takes the custom keyword that limits the nesting of free-form values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["RunningSandbox", "SandboxApp", "Seed", "SeedError", "create_app", "load_seed", "running"]

if TYPE_CHECKING:
    from ._app import SandboxApp, create_app
    from ._seed import Seed, SeedError, load_seed
    from ._server import RunningSandbox, running


def __getattr__(name: str) -> Any:
    # Lazy: importing the package (e.g. from the pytest plugin) must not need uvicorn or jsonschema_rs.
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
