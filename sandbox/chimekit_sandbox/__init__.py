"""A local, stateful ChimeKit server implementing openapi/chimekit.yaml.

``create_app`` builds the ASGI app; ``running`` serves one on loopback for tests and demos::

    with chimekit_sandbox.running(seed="docs") as sandbox:
        ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url)

``load_seed`` reads and checks a seed file (``SeedError`` names what is wrong); the format is in the
package's README. The pytest fixtures are in ``chimekit_sandbox.pytest_plugin``.

The sandbox's only description of the API is the operation table that ``make generate`` compiles
from the spec, ``chimekit_api.api`` (``OPERATIONS``, and the resolved schemas such as ``MEMBER``); no
spec document is read. ``_routes`` turns the table into routes with compiled validators (once per
process, ``_validation``), ``_engine`` runs them (routing on the raw path, auth, parameters, bodies,
errors) and ``_operations`` holds one handler per operationId (each checked against the other when an
app is created); ``_store`` is the SQLite state, holding the records of ``_records``, which a seed
(``_seed``) checks against the table's schemas.

Requests are validated by jsonschema-rs (JSON Schema 2020-12, OpenAPI 3.1's dialect) rather than
python-jsonschema, which implements the same draft: jsonschema-rs is ~200x faster on these bodies
(0.5 µs against ~100 µs, which would cost a tenth of the sandbox's throughput), applies ``pattern``
with ECMA-262 semantics (python-jsonschema's ``re.search`` lets ``$`` match before a trailing newline,
so ``"user\\n"`` would pass as an externalUserId), reports structured errors (keyword, limit, each
``oneOf`` branch's own errors) from which the messages naming the field are built, and takes the
spec's keyword that limits the nesting of free-form values (``x-chimekit-max-depth``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

__all__ = [
    "RunningSandbox",
    "SandboxApp",
    "Seed",
    "SeedError",
    "__version__",
    "create_app",
    "load_seed",
    "running",
]

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
