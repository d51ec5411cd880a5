"""What ChimeKit and AsyncChimeKit share: configuration, the retry policy, and turning answers into results."""

from __future__ import annotations

import copy
import logging
import os
import random
import sys
import time
from typing import Any, Generic, TypeVar

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
from ._operations import Request
from ._version import __version__

T = TypeVar("T")
Self = TypeVar("Self", bound="BaseClient[Any]")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)


class NotGiven:
    """The default of options where ``None`` means something (``timeout=None``: no timeout)."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
TimeoutTypes = float | httpx.Timeout | None

_LOOPBACK = ("localhost", "127.0.0.1", "::1", "[::1]")
# No request was sent: safe to retry even a POST.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class BaseClient(Generic[HttpT]):
    """Configuration and per-call policy; subclasses say which httpx client they use and add the call loop."""

    _http: HttpT

    def __init__(
        self,
        secret_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: HttpT | None = None,
        default_headers: dict[str, str] | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        secret_key = secret_key if secret_key is not None else os.environ.get(ENV_SECRET_KEY)
        if not secret_key:
            raise ChimeKitError(f"no secret key: pass ChimeKit(secret_key=...) or set {ENV_SECRET_KEY}")
        base_url = (base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL).rstrip("/")
        url = httpx.URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValidationError("base_url", f"expected an http(s) server root, got {base_url!r}")
        if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
            raise ValidationError(
                "base_url", "refusing to send the secret key over plain http; use https or allow_insecure_http=True"
            )
        _check_retries(max_retries)
        if isinstance(timeout, NotGiven):
            timeout = http_client.timeout if http_client is not None else DEFAULT_TIMEOUT
        self.base_url = base_url
        self.timeout: TimeoutTypes = timeout
        self.max_retries = max_retries
        # httpx.Headers redacts Authorization in its repr.
        self._headers = httpx.Headers(
            {
                "Authorization": f"Bearer {secret_key}",
                "User-Agent": f"chimekit-python/{__version__} python/{sys.version_info[0]}.{sys.version_info[1]} "
                f"httpx/{httpx.__version__}",
                "Accept": "application/json",
                **(default_headers or {}),
            }
        )
        self._owns_http = http_client is None
        self._request_headers = None if http_client is None else self._headers
        # Our own pool carries the auth headers; a client you pass in gets them per request.
        self._http = http_client if http_client is not None else self._new_http(self._headers)
        self._bind()

    def _new_http(self, headers: httpx.Headers) -> HttpT:
        """The pooled httpx client this SDK client owns."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def with_options(
        self: Self, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | None = None
    ) -> Self:
        """A copy with other settings, sharing this client's connection pool (close the original, not the copy)."""
        if max_retries is not None:
            _check_retries(max_retries)
        clone = copy.copy(self)
        clone._owns_http = False
        if not isinstance(timeout, NotGiven):
            clone.timeout = timeout
        if max_retries is not None:
            clone.max_retries = max_retries
        clone._bind()
        return clone

    def _bind(self) -> None:
        """(Re)create the resource namespaces (``audience``, ...) for this client object."""

    # --- the retry policy ---

    def _retry_after_error(self, request: Request[Any], exc: httpx.TransportError, retries: int) -> float | None:
        """Seconds to wait before retrying after ``exc``, or None to give up."""
        if retries >= self.max_retries:
            return None
        if request.method == "POST" and not isinstance(exc, _NOT_SENT):
            return None  # the server may have acted on it: never send a notification twice
        return _backoff(retries)

    def _after_error(self, request: Request[Any], exc: httpx.TransportError, retries: int) -> float:
        """Seconds to wait before retrying after ``exc``; raises APIConnectionError when giving up."""
        delay = self._retry_after_error(request, exc, retries)
        if logger.isEnabledFor(logging.DEBUG):
            outcome = "giving up" if delay is None else f"retrying in {delay:.2f} s"
            logger.debug("%s %s failed: %s; %s", request.method, request.path, type(exc).__name__, outcome)
        if delay is None:
            raise self._connection_error(request, exc) from exc
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
        retry_after = _parse_retry_after(response.headers.get("retry-after"))
        if retry_after is None:
            return _backoff(retries)
        return retry_after if retry_after <= MAX_RETRY_AFTER else None

    # --- answers ---

    def _url(self, request: Request[Any]) -> str:
        return self.base_url + request.path

    def _result(self, request: Request[T], response: httpx.Response) -> T:
        """The return value for a final answer, or the matching exception."""
        status = response.status_code
        if not 200 <= status < 300:
            raise _status_error(request, response, self._url(request))
        if request.parse is None:
            return None  # type: ignore[return-value]  # Request[None]: no body expected
        problem: str
        try:
            body = response.json()
        except ValueError:
            body = response.text
            problem = "not JSON"
        else:
            if isinstance(body, dict):
                try:
                    return request.parse(body)
                except KeyError as exc:
                    problem = f"missing field {exc}"
                except (TypeError, ValueError, AttributeError) as exc:
                    problem = str(exc) or type(exc).__name__
            else:
                problem = f"expected a JSON object, got {type(body).__name__}"
        raise APIResponseValidationError(
            problem, status_code=status, body=body, method=request.method, url=self._url(request)
        )

    def _connection_error(self, request: Request[Any], exc: httpx.TransportError) -> APIConnectionError:
        cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        return cls(
            f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__,
            method=request.method,
            url=self._url(request),
        )


def _check_retries(max_retries: object) -> None:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValidationError("max_retries", "expected an integer >= 0 (0 disables retries)")


def _is_loopback(host: str) -> bool:
    return host in _LOOPBACK or host.startswith("127.")


def _backoff(retries: int) -> float:
    return min(INITIAL_RETRY_DELAY * 2.0**retries, MAX_RETRY_DELAY) * (1 - 0.25 * random.random())  # noqa: S311


def _parse_retry_after(value: str | None) -> float | None:
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
    status = response.status_code
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        message = body["error"]
    else:
        message = response.reason_phrase or "error"
    cls = STATUS_ERRORS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    return cls(
        message,
        status_code=status,
        body=body,
        method=request.method,
        url=url,
        request_id=response.headers.get(REQUEST_ID_HEADER),
    )
