"""What ChimeKit and AsyncChimeKit share: configuration, the retry policy, and turning answers into results."""

from __future__ import annotations

import copy
import ipaddress
import json
import logging
import os
import posixpath
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

# Nothing of the request reached the server.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.LocalProtocolError,
    httpx.UnsupportedProtocol,
    httpx.ProxyError,
)
_PARTLY_SENT = (httpx.WriteTimeout, httpx.WriteError)
# Failures that trying again cannot mend.
_PERMANENT = (httpx.LocalProtocolError, httpx.UnsupportedProtocol, httpx.DecodingError, httpx.TooManyRedirects)


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
    _call_timeout: TimeoutTypes | httpx._client.UseClientDefault

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
        if not secret_key or not secret_key.strip():
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
        self._http = http_client if http_client is not None else self._new_http(self._headers, self.timeout)
        self._pool_headers = self._headers if http_client is None else None
        self._bind_timeout()
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
            self.timeout = check_timeout(timeout)
        if max_retries is not None:
            self.max_retries = _check_retries(max_retries)
        if secret_key is not None or default_headers is not None:
            if default_headers is not None:
                self._default_headers = dict(check_headers("default_headers", default_headers))
            if secret_key is not None:
                authorization = f"Bearer {_check_secret_key(secret_key)}"
            else:
                authorization = self._headers["Authorization"]
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

    def _new_http(self, headers: httpx.Headers, timeout: TimeoutTypes) -> HttpT:
        """The pooled httpx client this SDK client owns."""
        raise NotImplementedError

    def _bind(self) -> None:
        """(Re)create the resource namespaces (``audience``, ...) for this client object."""

    def _bind_timeout(self) -> None:
        """What calls pass as ``timeout``: the pool's own when it is the client's (no Timeout built per call)."""
        same = self.timeout is self._http.timeout or httpx.Timeout(self.timeout) == self._http.timeout
        self._call_timeout = httpx.USE_CLIENT_DEFAULT if same else self.timeout

    def _timeout_for(self, request: Request[Any]) -> TimeoutTypes | httpx._client.UseClientDefault:
        return self._call_timeout if request.timeout is NOT_GIVEN else check_timeout(request.timeout)

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
        clone._bind_timeout()
        clone._bind()
        return clone

    def _headers_for(self, request: Request[Any]) -> httpx.Headers | dict[str, str] | None:
        """Headers to send with this call, beyond those the pool already sends."""
        headers = None if self._pool_headers is self._headers else self._headers
        if request.headers:
            return {**(headers or {}), **request.headers}
        return headers

    # --- the retry policy ---

    def _retry_after_error(self, request: Request[Any], exc: httpx.HTTPError, retries: int) -> float | None:
        """Seconds to wait before retrying after ``exc``, or None to give up."""
        if retries >= self.max_retries or isinstance(exc, _PERMANENT):
            return None
        if request.method == "POST" and not isinstance(exc, _NOT_SENT):
            return None  # the server may have acted on it: never send a notification twice
        return _backoff(retries)

    def _after_error(self, request: Request[Any], url: str, exc: httpx.HTTPError, retries: int) -> float:
        """Seconds to wait before retrying after ``exc``; raises APIConnectionError when giving up."""
        delay = self._retry_after_error(request, exc, retries)
        if logger.isEnabledFor(logging.DEBUG):
            outcome = "giving up" if delay is None else f"retrying in {delay:.2f} s"
            logger.debug("%s %s failed: %s; %s", request.method, request.path, type(exc).__name__, outcome)
        if delay is None:
            raise _connection_error(request, url, exc) from (None if isinstance(exc, httpx.LocalProtocolError) else exc)
        return delay

    def _after_response(
        self, request: Request[Any], response: httpx.Response, retries: int, start: float
    ) -> float | None:
        """Seconds to wait before retrying after ``response``, or None when it is the final answer."""
        if response.status_code < 400 and not logger.isEnabledFor(logging.DEBUG):
            return None  # the common case, first
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
            body = json.loads(response.content)
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


def _connection_error(request: Request[Any], url: str, exc: httpx.HTTPError) -> APIConnectionError:
    sent = False if isinstance(exc, _NOT_SENT) else None if isinstance(exc, _PARTLY_SENT) else True
    if isinstance(exc, httpx.LocalProtocolError):
        # Its text may quote a header value; the headers were checked, so this is httpx's own refusal.
        message = "LocalProtocolError: httpx could not encode the request"
    else:
        message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if request.method == "POST" and sent is not False:
        message += "; the request " + ("was sent: the server may have acted on it" if sent else "was partly sent")
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(message, method=request.method, url=url, sent=sent)


def _check_secret_key(secret_key: object) -> str:
    """The key without surrounding whitespace (a newline from a file is common); anything else odd is refused.

    The message never shows the key.
    """
    if not isinstance(secret_key, str):
        raise ValidationError("secret_key", f"expected a string, got {type(secret_key).__name__}")
    key = secret_key.strip()
    for position, char in enumerate(key):
        if not ("!" <= char <= "~"):
            what = "a space" if char.isspace() else "a control character" if char.isascii() else "a non-ASCII character"
            raise ValidationError(
                "secret_key", f"has {what} at position {position}: a key is printable ASCII without spaces"
            )
    if not key:
        raise ValidationError("secret_key", "is empty")
    return key


def check_headers(name: str, headers: object) -> Mapping[str, str]:
    """Headers httpx can send: string names and values, printable ASCII (a value's text is never shown)."""
    if not isinstance(headers, Mapping):
        raise ValidationError(name, f"expected a dict, got {type(headers).__name__}")
    for key, value in headers.items():
        if not isinstance(key, str) or not key or not all("!" <= c <= "~" and c != ":" for c in key):
            raise ValidationError(name, f"{key!r} is not a header name")
        if not isinstance(value, str):
            raise ValidationError(f"{name}[{key!r}]", f"expected a string, got {type(value).__name__}")
        if not all(" " <= c <= "~" or c == "\t" for c in value):
            raise ValidationError(f"{name}[{key!r}]", "has a control or non-ASCII character")
    return headers


def check_timeout(timeout: object) -> TimeoutTypes:
    """Seconds (a number >= 0), an ``httpx.Timeout``, or None (no timeout)."""
    if timeout is None or isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout >= 0:
        raise ValidationError("timeout", f"expected seconds >= 0, an httpx.Timeout or None, got {timeout!r}")
    return float(timeout)


def _check_retries(max_retries: object) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValidationError("max_retries", "expected an integer >= 0 (0 disables retries)")
    return max_retries


def _check_base_url(base_url: str, allow_insecure_http: bool) -> str:
    """The server root, checked. A root with the API's own path prefix (``/sdk/v1``, what the sandbox prints
    beside its URL) works too: the prefix is dropped, since every operation's path carries it."""
    if not isinstance(base_url, str):
        raise ValidationError("base_url", f"expected a string, got {type(base_url).__name__}")
    try:
        url = httpx.URL(base_url.strip())
    except httpx.InvalidURL:
        raise ValidationError("base_url", "is not a URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValidationError("base_url", f"expected an http(s) server root, got {url.scheme or 'no'} scheme")
    if url.userinfo:
        raise ValidationError("base_url", "must not hold a user or password (the secret key authenticates)")
    if url.query or url.fragment or "?" in base_url or "#" in base_url:
        raise ValidationError("base_url", "must not have a query or a fragment: it is the server root")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ValidationError(
            "base_url", "refusing to send the secret key over plain http; use https or allow_insecure_http=True"
        )
    path = url.path.rstrip("/")
    if path:
        prefix = _api_prefix()
        if path.endswith(prefix):
            path = path.removesuffix(prefix)
    return str(url.copy_with(path=path or "/")).rstrip("/")


def _api_prefix() -> str:
    """The path every operation starts with (``/sdk/v1``), from the generated operations."""
    from chimekit_api.api import OPERATIONS

    return posixpath.commonpath([operation.path for operation in OPERATIONS.values()])


def _is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1), not a name that only starts like one."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
