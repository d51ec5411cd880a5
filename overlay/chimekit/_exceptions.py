"""Every exception the SDK raises.

    ChimeKitError
    ├── ValidationError              bad input, raised before any request (also a ValueError)
    ├── APIConnectionError           no HTTP response (connection refused or reset, DNS, TLS, ...)
    │   └── APITimeoutError
    ├── APIStatusError               a 4xx/5xx answer: status_code, message, body, method, url, request_id
    │   ├── BadRequestError              400
    │   ├── AuthenticationError          401
    │   ├── PermissionDeniedError        403
    │   ├── NotFoundError                404
    │   ├── ConflictError                409
    │   ├── UnprocessableEntityError     422
    │   ├── RateLimitError               429
    │   └── InternalServerError          >= 500
    └── APIResponseValidationError   a 2xx answer that breaks the contract (not JSON, wrong shape, missing field)

No exception text contains the secret key: requests are described by method and URL only.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ChimeKitError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "ValidationError",
]


class ChimeKitError(Exception):
    """Base class of every exception the SDK raises."""


class ValidationError(ChimeKitError, ValueError):
    """Input the API would reject, caught before any request; ``field`` is its wire path (e.g. ``content.in_app``)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem


class APIConnectionError(ChimeKitError):
    """The request got no HTTP response."""

    def __init__(self, message: str, *, method: str, url: str) -> None:
        super().__init__(f"{message} ({method} {url})")
        self.method = method
        self.url = url


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, sending, or waiting for the answer)."""


class APIStatusError(ChimeKitError):
    """The server answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: Any,
        method: str,
        url: str,
        request_id: str | None,
    ) -> None:
        where = f"{method} {url}" + (f", request id {request_id}" if request_id else "")
        super().__init__(f"{status_code} {message} ({where})")
        self.message = message
        self.status_code = status_code
        self.body = body
        """The decoded JSON error body (``{"error": ...}``), or the text when it is not JSON."""
        self.method = method
        self.url = url
        self.request_id = request_id
        """The ``X-Request-Id`` response header: quote it to ChimeKit support."""


class BadRequestError(APIStatusError):
    """400: the request is invalid; ``message`` starts with the offending field."""


class AuthenticationError(APIStatusError):
    """401: the secret key is missing or wrong."""


class PermissionDeniedError(APIStatusError):
    """403."""


class NotFoundError(APIStatusError):
    """404: the resource, or the member it belongs to, does not exist."""


class ConflictError(APIStatusError):
    """409."""


class UnprocessableEntityError(APIStatusError):
    """422."""


class RateLimitError(APIStatusError):
    """429: too many requests (raised once the retries are used up)."""


class InternalServerError(APIStatusError):
    """A 5xx status."""


class APIResponseValidationError(ChimeKitError):
    """A successful status whose body breaks the API contract."""

    def __init__(self, problem: str, *, status_code: int, body: Any, method: str, url: str) -> None:
        super().__init__(f"unexpected response body: {problem} ({status_code}, {method} {url})")
        self.problem = problem
        self.status_code = status_code
        self.body = body
        self.method = method
        self.url = url


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}
