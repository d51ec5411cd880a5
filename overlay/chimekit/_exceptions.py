"""Every exception the SDK raises.

    ChimeKitError
    ├── ValidationError              bad input, raised before any request (also a ValueError)
    ├── APIConnectionError           no HTTP response (connection refused or reset, DNS, TLS, ...)
    │   └── APITimeoutError
    ├── APIStatusError               a 4xx/5xx response: status_code, message, body, headers, response, request_id,
    │                                    retry_after
    │   ├── BadRequestError              400
    │   ├── AuthenticationError          401
    │   ├── PermissionDeniedError        403
    │   ├── NotFoundError                404
    │   ├── ConflictError                409
    │   ├── UnprocessableEntityError     422
    │   ├── RateLimitError               429
    │   └── InternalServerError          >= 500
    └── APIResponseValidationError   a 2xx response that breaks the contract (not JSON, wrong shape, missing field),
                                     raised by the call or, for a nested field, when that field is first read

No exception text contains the secret key: requests are described by method and URL only. Every exception
pickles (with its type, message and fields), so it crosses process boundaries (multiprocessing, Celery); a
pickled ``response`` keeps its status, headers and body, and of its request only the method and URL.
"""

from __future__ import annotations

from typing import Any

import httpx
from chimekit_api.errors import RequestValidationError, ResponseValidationError

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

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its attributes (the keyword-only constructors would break pickle's default), an HTTP
        # response without the request's headers: a pickle never holds the secret key.
        state = {name: _portable(value) for name, value in self.__dict__.items()}
        return _rebuild, (type(self), self.args, state)


def _portable(value: Any) -> Any:
    """``value``, or for an ``httpx.Response`` a copy whose request keeps only its method and URL."""
    if not isinstance(value, httpx.Response):
        return value
    request = value._request
    return httpx.Response(
        value.status_code,
        headers=value.headers,
        content=value.content if hasattr(value, "_content") else b"",
        request=None if request is None else httpx.Request(request.method, request.url),
    )


def _rebuild(cls: type[ChimeKitError], args: tuple[Any, ...], state: dict[str, Any]) -> ChimeKitError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ValidationError(ChimeKitError, RequestValidationError):
    """Input the API would reject, caught before any request; ``field`` is its wire path (e.g. ``content.in_app``).

    Also a ``ValueError`` (and ``chimekit_api.errors.RequestValidationError``, for code that uses both packages).
    """

    def __init__(self, field: str, problem: str) -> None:
        RequestValidationError.__init__(self, field, problem)


class APIConnectionError(ChimeKitError):
    """The request got no usable HTTP response.

    ``sent`` says whether the server may have acted on it: False when nothing reached it (connection
    refused, DNS, TLS, a connect or pool timeout), True when the whole request was sent and the response
    was lost (a read timeout, a reset), None when it was partly sent. A POST (identify, suppress,
    send_message, workflow.run) with ``sent`` not False is never retried: check before sending again.
    """

    def __init__(self, message: str, *, method: str, url: str, sent: bool | None = False) -> None:
        super().__init__(f"{message} ({method} {url})")
        self.method = method
        self.url = url
        self.sent = sent


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, sending, or waiting for the response)."""


class APIStatusError(ChimeKitError):
    """The server responded with an error status."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        method: str,
        url: str,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        where = f"{method} {url}" + (f", request id {request_id}" if request_id else "")
        super().__init__(f"{response.status_code} {message} ({where})")
        self.message = message
        self.status_code = response.status_code
        self.body = body
        """The decoded JSON error body (``{"error": ...}``), or the text when it is not JSON."""
        self.response = response
        """The ``httpx.Response`` (its body already read)."""
        self.headers = response.headers
        self.method = method
        self.url = url
        self.request_id = request_id
        """The ``X-Request-Id`` response header: quote it to ChimeKit support."""
        self.retry_after = retry_after
        """The seconds the server asked to wait (its ``Retry-After`` header, on a 429 or 503), or None."""


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
    """429: too many requests (raised once the retries are used up); ``retry_after``: the wait the server asked for."""


class InternalServerError(APIStatusError):
    """A 5xx status."""


class APIResponseValidationError(ChimeKitError, ResponseValidationError):
    """A successful status whose body breaks the API contract; ``path`` names the field (``member.id``).

    Raised by the call when the response is not JSON or its top level is wrong, else when the field is first
    read (``chimekit_api.errors.ResponseValidationError`` is its base, for code that uses both packages).
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str = "",
        status_code: int,
        body: Any,
        method: str,
        url: str,
        request_id: str | None = None,
    ) -> None:
        where = f"{status_code}, {method} {url}" + (f", request id {request_id}" if request_id else "")
        ChimeKitError.__init__(self, f"unexpected response body: {path + ': ' if path else ''}{problem} ({where})")
        self.path = path
        self.problem = problem
        self.status_code = status_code
        self.body = body
        self.method = method
        self.url = url
        self.request_id = request_id


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}
