"""The ChimeKit Python SDK: ``from chimekit import ChimeKit, AsyncChimeKit``.

A facade over the generated ``chimekit_api`` package: timeouts, retries, typed errors, input
checks and secret redaction. Results are ``chimekit_api.models`` objects: read-only views over the JSON
received (``member["displayName"]``, as the docs show it) with typed attributes (``member.display_name``).
"""

from __future__ import annotations

from ._bulk import Outcome, Progress
from ._client import AsyncChimeKit, ChimeKit
from ._constants import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ChimeKitError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    ValidationError,
)
from ._logs import setup_logging
from ._response import APIResponse
from ._types import NOT_GIVEN, NotGiven, RequestOptions
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncChimeKit",
    "AuthenticationError",
    "BadRequestError",
    "ChimeKit",
    "ChimeKitError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "Outcome",
    "PermissionDeniedError",
    "Progress",
    "RateLimitError",
    "RequestOptions",
    "UnprocessableEntityError",
    "ValidationError",
    "__version__",
]

setup_logging()

# Public classes say where users import them from: tracebacks print `chimekit.NotFoundError`, not
# `chimekit._exceptions.NotFoundError` (as httpx does).
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type):
        _value.__module__ = "chimekit"
del _name, _value
