"""Response decoding: a final HTTP response (or failure) made into the method's result, raw response or error.

``APIResponse`` is what ``with_raw_response`` methods return: ``ck.with_raw_response.audience.find_member(...)``
(or ``ck.audience.with_raw_response...``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import httpx

from ._constants import REQUEST_ID_HEADER, RETRY_AFTER_HEADER
from ._exceptions import (
    STATUS_ERRORS,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
)
from ._request import Request
from ._retry import parse_retry_after, sent

T = TypeVar("T")

_UNPARSED: Any = object()


class APIResponse(Generic[T]):
    """A successful call's HTTP response; ``parse()`` gives what the method returns without ``with_raw_response``.

    An error status raises as usual (``APIStatusError`` keeps its ``response`` too).
    """

    def __init__(self, http_response: httpx.Response, parse: Callable[[], T], retries_taken: int) -> None:
        self.http_response = http_response
        """The ``httpx.Response``, its body read."""
        self.retries_taken = retries_taken
        """How many times the request was retried before this response."""
        self._parse = parse
        self._parsed: T = _UNPARSED

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The ``X-Request-Id`` header: quote it to ChimeKit support."""
        request_id: str | None = self.http_response.headers.get(REQUEST_ID_HEADER)
        return request_id

    def parse(self) -> T:
        """The result, as the method without ``with_raw_response`` returns it (parsed once)."""
        if self._parsed is _UNPARSED:
            self._parsed = self._parse()
        return self._parsed

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<APIResponse [{self.status_code}] {request.method} {request.url.path}>"


def decode(request: Request[T], url: str, response: httpx.Response, raw: bool, retries: int) -> T | APIResponse[T]:
    """The final response: the result (or the raw response), or the matching exception."""
    if not 200 <= response.status_code < 300:
        raise status_error(request, response, url)
    if raw:
        return APIResponse(response, lambda: _result(request, url, response), retries)
    return _result(request, url, response)


def _result(request: Request[T], url: str, response: httpx.Response) -> T:
    endpoint = request.endpoint
    operation = endpoint.operation
    status = response.status_code
    documented = status if status in operation.responses else operation.success  # an undocumented 2xx: the success
    if operation.responses[documented] is None:
        return None  # type: ignore[return-value]  # the method returns None (204: no body)
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError) as exc:
        problem = "JSON nested too deeply" if isinstance(exc, RecursionError) else "not JSON"
        raise _Origin(request.method, url, response.text, status, response.headers).error("", problem) from None
    view = operation.parse(documented, body, _Origin(request.method, url, body, status, response.headers))
    return endpoint.result(view)  # type: ignore[arg-type]  # not None: the status has a model


class _Origin:
    """Where a result came from: makes the error a field that breaks the contract raises when it is read.

    It keeps what that error shows (status, method, URL, the response's headers for its request id), not the
    request: a result pickles without the request's headers (the secret key among them)."""

    __slots__ = ("body", "headers", "method", "status_code", "url")

    def __init__(self, method: str, url: str, body: Any, status_code: int, headers: Mapping[str, str]) -> None:
        self.method = method
        self.url = url
        self.body = body
        self.status_code = status_code
        self.headers = headers

    def error(self, path: str, problem: str) -> APIResponseValidationError:
        return APIResponseValidationError(
            problem,
            path=path,
            status_code=self.status_code,
            body=self.body,
            method=self.method,
            url=self.url,
            request_id=self.headers.get(REQUEST_ID_HEADER),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        headers = {REQUEST_ID_HEADER: self.headers[REQUEST_ID_HEADER]} if REQUEST_ID_HEADER in self.headers else {}
        return _Origin, (self.method, self.url, self.body, self.status_code, headers)


def status_error(request: Request[Any], response: httpx.Response, url: str) -> APIStatusError:
    """The exception for an error status: its class by status, its message from the ``{"error": ...}`` body."""
    try:
        body: Any = response.json()
    except (ValueError, RecursionError):
        body = response.text
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        message = body["error"]
    else:
        message = response.reason_phrase or "error"
    status = response.status_code
    if status == 401:
        message += ": the server refused the secret key (secret_key= or CHIMEKIT_SECRET_KEY; a sandbox prints its own)"
    cls = STATUS_ERRORS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    return cls(
        message,
        response=response,
        body=body,
        method=request.method,
        url=url,
        request_id=response.headers.get(REQUEST_ID_HEADER),
        retry_after=parse_retry_after(response.headers.get(RETRY_AFTER_HEADER)),
    )


def connection_error(request: Request[Any], url: str, exc: httpx.HTTPError) -> APIConnectionError:
    """The exception for a request that got no response; says whether a POST may have been acted on."""
    was_sent = sent(exc)
    if isinstance(exc, httpx.LocalProtocolError):
        # Its text may quote a header value; the headers were checked, so this is httpx's own refusal.
        message = "LocalProtocolError: httpx could not encode the request"
    else:
        message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if request.method == "POST" and was_sent is not False:
        message += "; the request " + ("was sent: the server may have acted on it" if was_sent else "was partly sent")
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(message, method=request.method, url=url, sent=was_sent)
