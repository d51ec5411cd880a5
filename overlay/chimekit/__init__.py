"""The ChimeKit Python SDK: ``from chimekit import ChimeKit, AsyncChimeKit``.

A facade over the generated ``chimekit_api`` package: timeouts, retries, typed errors, input
validation and secret redaction. Results are ``chimekit_api.models`` objects (snake_case attributes,
also readable by wire name: ``member["displayName"]``).
"""

from __future__ import annotations

from ._base import NOT_GIVEN, NotGiven
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
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
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
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "ValidationError",
    "__version__",
]

setup_logging()
