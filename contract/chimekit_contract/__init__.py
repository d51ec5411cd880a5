"""chimekit-contract: contract-test any ChimeKit server against the ChimeKit API's OpenAPI document.

``chimekit-contract URL`` (or ``python -m chimekit_contract URL``); ``main(argv)`` is the command,
``contract(url, ...)`` one run, returning the exit status (``Settings`` narrows its schemathesis part).
The package's README says what a run does.

The steps, one module each: ``_target`` (URL and key), ``_preflight``, ``_behaviour`` (the behaviour
checks), ``_links``, ``_fuzz`` (schemathesis, with ``_hooks`` loaded in its process), ``_report``;
``_spec`` reads the document (and makes its docs profile), ``_http`` makes the calls, ``_cli`` runs it all.
"""

from __future__ import annotations

from ._cli import contract, main
from ._fuzz import Settings

__all__ = ["Settings", "contract", "main"]
