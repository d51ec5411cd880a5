"""What ChimeKit and AsyncChimeKit share: configuration, the retry policy, and turning answers into results."""

from __future__ import annotations

import copy
import logging
import os
import random
import sys
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

import httpx

from ._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ENV_BASE_URL,
    ENV_SECRET_KEY,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    POST_RETRY_STATUSES,
    REQUEST_ID_HEADER,
    RETRY_STATUSES,
)
from ._exceptions import (
    STATUS_ERRORS,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ChimeKitError,
    InternalServerError,
    ValidationError,
)
from ._logs import logger
from ._response import APIResponse
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes
from ._version import __version__

if TYPE_CHECKING:
    from ._binding import Request

T = TypeVar("T")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)

_LOOPBACK = ("localhost", "127.0.0.1", "::1", "[::1]")
# No request was sent: safe to retry even a POST.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class BaseClient(Generic[HttpT]):
    """Configuration and per-call policy; subclasses say which httpx client they use and add the call loop."""

    base_url: str
    timeout: TimeoutTypes
    max_retries: int
    _http: HttpT
    _owns_http: bool
    _allow_insecure_http: bool
    _headers: httpx.Headers
    _default_headers: dict[str, str]
    _pool_headers: httpx.Headers | None

    def __init__(
        self,
        secret_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: HttpT | None = None,
        default_headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        secret_key = secret_key if secret_key is not None else os.environ.get(ENV_SECRET_KEY)
        if not secret_key:
            raise ChimeKitError(f"no secret key: pass ChimeKit(secret_key=...) or set {ENV_SECRET_KEY}")
        if isinstance(timeout, NotGiven):
            timeout = http_client.timeout if http_client is not None else DEFAULT_TIMEOUT
        self._allow_insecure_http = allow_insecure_http
        self._configure(
            secret_key=secret_key,
            base_url=base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL,
            timeout=timeout,
            max_retries=_check_retries(max_retries),
            default_headers=default_headers or {},
        )
        self._owns_http = http_client is None
        # Our own pool carries the headers; a client you pass in (or a copy with other headers) gets them per call.
        self._http = http_client if http_client is not None else self._new_http(self._headers)
        self._pool_headers = self._headers if http_client is None else None
        self._bind()

    def _configure(
        self,
        *,
        secret_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        """Checks and applies the settings given (the constructor's, or ``with_options``'s)."""
        if base_url is not None:
            self.base_url = _check_base_url(base_url, self._allow_insecure_http)
        if not isinstance(timeout, NotGiven):
            self.timeout = timeout
        if max_retries is not None:
            self.max_retries = _check_retries(max_retries)
        if secret_key is not None or default_headers is not None:
            if default_headers is not None:
                self._default_headers = dict(default_headers)
            authorization = f"Bearer {secret_key}" if secret_key is not None else self._headers["Authorization"]
            # httpx.Headers redacts Authorization in its repr.
            self._headers = httpx.Headers(
                {
                    "Authorization": authorization,
                    "User-Agent": f"chimekit-python/{__version__} python/{sys.version_info[0]}.{sys.version_info[1]} "
                    f"httpx/{httpx.__version__}",
                    "Accept": "application/json",
                    **self._default_headers,
                }
            )

    def _new_http(self, headers: httpx.Headers) -> HttpT:
        """The pooled httpx client this SDK client owns."""
        raise NotImplementedError

    def _bind(self) -> None:
        """(Re)create the resource namespaces (``audience``, ...) for this client object."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def with_options(
        self,
        *,
        secret_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: HttpT | None = None,
    ) -> Self:
        """A copy with other settings (the constructor's), sharing this client's connection pool unless you
        pass ``http_client``. Close the original, not the copy. ``default_headers`` replaces the original's."""
        clone = copy.copy(self)
        clone._configure(
            secret_key=secret_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        clone._owns_http = False
        if http_client is not None:
            clone._http = http_client
            clone._pool_headers = None
        clone._bind()
        return clone

    def _headers_for(self, request: Request[Any]) -> httpx.Headers | dict[str, str] | None:
        """Headers to send with this call, beyond those the pool already sends."""
        headers = None if self._pool_headers is self._headers else self._headers
        if request.headers:
            return {**(headers or {}), **request.headers}
        return headers

    # --- the retry policy ---

    def _retry_after_error(self, request: Request[Any], exc: httpx.TransportError, retries: int) -> float | None:
        """Seconds to wait before retrying after ``exc``, or None to give up."""
        if retries >= self.max_retries:
            return None
        if request.method == "POST" and not isinstance(exc, _NOT_SENT):
            return None  # the server may have acted on it: never send a notification twice
        return _backoff(retries)

    def _after_error(self, request: Request[Any], url: str, exc: httpx.TransportError, retries: int) -> float:
        """Seconds to wait before retrying after ``exc``; raises APIConnectionError when giving up."""
        delay = self._retry_after_error(request, exc, retries)
        if logger.isEnabledFor(logging.DEBUG):
            outcome = "giving up" if delay is None else f"retrying in {delay:.2f} s"
            logger.debug("%s %s failed: %s; %s", request.method, request.path, type(exc).__name__, outcome)
        if delay is None:
            cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
            message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            raise cls(message, method=request.method, url=url) from exc
        return delay

    def _after_response(
        self, request: Request[Any], response: httpx.Response, retries: int, start: float
    ) -> float | None:
        """Seconds to wait before retrying after ``response``, or None when it is the final answer."""
        delay = self._retry_after_status(request, response, retries)
        if logger.isEnabledFor(logging.DEBUG):
            ms = (time.perf_counter() - start) * 1000
            outcome = "" if delay is None else f"; retrying in {delay:.2f} s"
            logger.debug("%s %s -> %d in %.1f ms%s", request.method, request.path, response.status_code, ms, outcome)
        return delay

    def _retry_after_status(self, request: Request[Any], response: httpx.Response, retries: int) -> float | None:
        statuses = POST_RETRY_STATUSES if request.method == "POST" else RETRY_STATUSES
        if retries >= self.max_retries or response.status_code not in statuses:
            return None
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if retry_after is None:
            return _backoff(retries)
        return retry_after if retry_after <= MAX_RETRY_AFTER else None

    # --- answers ---

    def _answer(
        self, request: Request[T], url: str, response: httpx.Response, raw: bool, retries: int
    ) -> T | APIResponse[T]:
        """The final answer: the result (or the raw response), or the matching exception."""
        if not 200 <= response.status_code < 300:
            raise _status_error(request, response, url)
        if raw:
            return APIResponse(response, lambda: self._result(request, url, response), retries)
        return self._result(request, url, response)

    def _result(self, request: Request[T], url: str, response: httpx.Response) -> T:
        status = response.status_code
        if not request.has_body(status):
            return None  # type: ignore[return-value]  # the method returns None (204: no body)
        try:
            body = response.json()
        except (ValueError, RecursionError) as exc:
            problem = "JSON nested too deeply" if isinstance(exc, RecursionError) else "not JSON"
            raise _Origin(request.method, url, response.text, response).error("", problem) from None
        return request.parse(status, body, _Origin(request.method, url, body, response))


class _Origin:
    """Where a result came from: makes the error a field that breaks the contract raises when it is read."""

    __slots__ = ("body", "method", "response", "url")

    def __init__(self, method: str, url: str, body: Any, response: httpx.Response) -> None:
        self.method = method
        self.url = url
        self.body = body
        self.response = response

    def error(self, path: str, problem: str) -> APIResponseValidationError:
        return APIResponseValidationError(
            problem,
            path=path,
            status_code=self.response.status_code,
            body=self.body,
            method=self.method,
            url=self.url,
            request_id=self.response.headers.get(REQUEST_ID_HEADER),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return _Origin, (self.method, self.url, self.body, self.response)


def _check_retries(max_retries: object) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValidationError("max_retries", "expected an integer >= 0 (0 disables retries)")
    return max_retries


def _check_base_url(base_url: str, allow_insecure_http: bool) -> str:
    base_url = base_url.rstrip("/")
    url = httpx.URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValidationError("base_url", f"expected an http(s) server root, got {base_url!r}")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ValidationError(
            "base_url", "refusing to send the secret key over plain http; use https or allow_insecure_http=True"
        )
    return base_url


def _is_loopback(host: str) -> bool:
    return host in _LOOPBACK or host.startswith("127.")


def _backoff(retries: int) -> float:
    return min(INITIAL_RETRY_DELAY * 2.0**retries, MAX_RETRY_DELAY) * (1 - 0.25 * random.random())  # noqa: S311


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: a number or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    import email.utils  # rare: kept out of `import chimekit`

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(float(when.timestamp() - time.time()), 0.0)


def _status_error(request: Request[Any], response: httpx.Response, url: str) -> APIStatusError:
    try:
        body: Any = response.json()
    except (ValueError, RecursionError):
        body = response.text
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        message = body["error"]
    else:
        message = response.reason_phrase or "error"
    status = response.status_code
    cls = STATUS_ERRORS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    return cls(message, response=response, body=body, method=request.method, url=url)
