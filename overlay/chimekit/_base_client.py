"""The clients' core: the connection pool, the headers, and the call loop (send, retry, decode), sync and async.

``ChimeKit`` and ``AsyncChimeKit`` (``_client.py``) add the constructor, the namespaces and ``with_options``.
One call: ``Endpoint.request`` builds and checks the request (``_request.py``); the loop sends it, asks the
retry policy (``_retry.py``) what to do with each failure, and decodes the final response (``_response.py``).
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import threading
import time
from collections.abc import Mapping
from typing import Any, Generic, Self, TypeVar

import httpx

from ._constants import DEFAULT_MAX_RETRIES, KEEPALIVE_EXPIRY, LOOPBACK_HOSTS
from ._exceptions import APIConnectionError, ChimeKitError
from ._logs import log_call, logger
from ._options import ClientOptions, is_loopback
from ._request import Request
from ._response import connection_error, decode
from ._retry import delay_after_error, delay_after_status
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes

T = TypeVar("T")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)

_sleep = time.sleep
_RENEWING = threading.Lock()
_forks = [0]
"""How many fork()s made this process (bumped in each child): a pool made before one is not the child's."""
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: _forks.__setitem__(0, _forks[0] + 1))


def _event_loop() -> object:
    """The running asyncio event loop, or None (trio)."""
    import asyncio  # loaded by then (an async call is running): kept out of `import chimekit`

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _async_sleep(seconds: float) -> None:
    import anyio  # httpx depends on it; works under asyncio and trio

    await anyio.sleep(seconds)


class BaseClient(Generic[HttpT]):
    """What the sync and async clients share: options, the pool, the headers and timeout each call sends."""

    _options: ClientOptions
    _http: HttpT
    _owns_http: bool
    _pool_headers: httpx.Headers | None
    """The headers the pool sends by itself (it was made with them), or None (a pool you passed in)."""
    _headers: httpx.Headers | None
    """The headers each call must add: None when the pool sends this client's headers already."""
    _timeout: dict[str, float | None] | None
    """The timeout each call sends (``httpx.Timeout.as_dict()``): None when the pool's is this client's."""
    _wire: tuple[list[tuple[bytes, bytes]], httpx.Headers] | None = None
    """The pool's headers (as last seen) and those with ``_headers`` on top: ``_wire_headers``' cache."""
    _owner: object = None
    """Who the pool was last used by: the process (sync), the process and event loop (async)."""
    _closed = False

    def __init__(
        self,
        secret_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: HttpT | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        self._options = options = ClientOptions.create(
            secret_key=secret_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            allow_insecure_http=allow_insecure_http,
        )
        if options.http_client is None:
            headers = options.headers()
            self._http = self._new_http(headers, options.timeout)
            self._owns_http, self._pool_headers = True, headers
        else:
            self._http = options.http_client  # type: ignore[assignment]
            self._owns_http, self._pool_headers = False, None
        self._configure()

    def _new_http(self, headers: httpx.Headers, timeout: TimeoutTypes) -> HttpT:
        """The pooled httpx client this SDK client owns (``_pool_settings``)."""
        raise NotImplementedError

    def _pool_settings(self) -> tuple[httpx.Limits, list[str]]:
        """The pool's limits, and the hosts it reaches without an environment proxy (``all://<host>`` mounts:
        a loopback server, the sandbox, never gets the key through a proxy)."""
        hosts = list(LOOPBACK_HOSTS)
        host = httpx.URL(self._options.base_url).host
        if is_loopback(host) and host not in hosts:
            hosts.append(f"[{host}]" if ":" in host else host)
        return httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY), [f"all://{host}" for host in hosts]

    def _pool(self, owner: object) -> HttpT:
        """The pool to send with from ``owner``. Connections never cross a ``fork()`` or an event loop: a child
        process (or another event loop) gets a pool of its own; an ``http_client`` you passed in cannot be
        renewed for you, so that is an error."""
        if self._closed:
            raise ChimeKitError(f"this {type(self).__name__} is closed (close() was called): make a new one")
        if owner != self._owner:
            with _RENEWING:
                if self._owner is not None and owner != self._owner:
                    if self._pool_headers is None:
                        raise ChimeKitError(
                            "the http_client you passed in was used by another process (before os.fork()) or "
                            "event loop, and its connections must not be shared: make the httpx client (and the "
                            "ChimeKit client) in the process and event loop that use it"
                        )
                    self._http = self._new_http(self._pool_headers, self._options.timeout)  # not the old one's
                    self._owns_http = True
                self._owner = owner
        return self._http

    def _configure(self) -> None:
        """What each call sends beyond the pool's own headers and timeout, and the namespaces."""
        options = self._options
        headers = options.headers()
        self._headers = None if headers == self._pool_headers else headers
        self._wire = None
        same = options.timeout is self._http.timeout or httpx.Timeout(options.timeout) == self._http.timeout
        self._timeout = None if same else httpx.Timeout(options.timeout).as_dict()
        self._bind()

    def _wire_headers(self, http: HttpT) -> httpx.Headers:
        """The headers every request carries: the pool's, with this client's on top. For a pool that does not
        send this client's headers by itself (an ``http_client`` you passed in, a ``with_options`` copy with
        other headers) the merge is made once and made again only when the pool's headers change."""
        if self._headers is None:
            return http.headers
        seen = http.headers.raw
        wire = self._wire
        if wire is None or wire[0] != seen:
            merged = httpx.Headers(http.headers)
            merged.update(self._headers)
            self._wire = wire = (seen, merged)
        return wire[1]

    def _bind(self) -> None:
        """Forget what was made for the options this object had (the namespaces: see ``resources/client.py``)."""

    def with_options(
        self,
        *,
        secret_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        http_client: HttpT | None = None,
        allow_insecure_http: bool | None = None,
    ) -> Self:
        """A copy with other settings (the constructor's; those not given are kept), sharing this client's
        connection pool unless you pass ``http_client``. Close the original, not the copy.
        ``default_headers`` replaces the original's."""
        given = {
            "secret_key": secret_key,
            "base_url": base_url,
            "max_retries": max_retries,
            "default_headers": default_headers,
            "http_client": http_client,
            "allow_insecure_http": allow_insecure_http,
        }
        changes: dict[str, Any] = {name: value for name, value in given.items() if value is not None}
        if timeout is not NOT_GIVEN:  # None too: no timeout
            changes["timeout"] = timeout
        clone = copy.copy(self)
        clone._options = self._options.replace(**changes)
        if http_client is not None:  # a pool no one has used yet
            clone._http, clone._pool_headers, clone._owner = http_client, None, None
        clone._owns_http = False  # close the original, not the copy
        clone._configure()
        return clone

    @property
    def base_url(self) -> str:
        return self._options.base_url

    @property
    def timeout(self) -> TimeoutTypes:
        return self._options.timeout

    @property
    def max_retries(self) -> int:
        return self._options.max_retries

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"


class _Attempts(Generic[T]):
    """One call's tries: what each sends, and what follows each outcome (the sync and async loops share it)."""

    __slots__ = ("client", "first", "request", "retries", "start", "timeout", "url")

    def __init__(self, client: BaseClient[Any], request: Request[T]) -> None:
        self.client = client
        self.request = request
        self.url = client._options.base_url + request.path
        timeout = request.timeout  # what the tries send: the call's, or the client's (None: the pool's)
        self.timeout = client._timeout if isinstance(timeout, NotGiven) else httpx.Timeout(timeout).as_dict()
        self.retries = 0
        self.first = self.start = time.perf_counter()

    def build(self, http: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        """What one try sends: what ``http.request`` would send (the pool's headers, cookies, query parameters
        and timeout under the call's), with the client's headers merged in once, not on every call."""
        request = self.request
        headers = self.client._wire_headers(http)
        if request.headers:  # extra_headers replace those of the same name, in any case (as httpx merges)
            headers = httpx.Headers(headers)
            headers.update(request.headers)
        params = http.params.merge(request.params) if http.params else request.params
        timeout = self.timeout or http.timeout.as_dict()
        return httpx.Request(
            request.method,
            self.url,
            params=params,
            json=request.json,
            headers=headers,
            cookies=http.cookies,
            extensions={"timeout": timeout},
        )

    def failed(self, exc: httpx.HTTPError | RuntimeError) -> float:
        """Seconds to wait before the next try; raises APIConnectionError when giving up."""
        if isinstance(exc, RuntimeError):
            raise self.broken(exc) from None
        request = self.request
        delay = delay_after_error(request.method, exc, self.retries, self.client._options.max_retries)
        if logger.isEnabledFor(logging.DEBUG):
            outcome = "; not retried" if delay is None else f"; retrying in {delay:.2f} s"
            log_call(
                logging.DEBUG, request.method, request.path, self.start, self.retries, failure=exc, outcome=outcome
            )
        if delay is None:
            if logger.isEnabledFor(logging.INFO):
                log_call(logging.INFO, request.method, request.path, self.first, self.retries, failure=exc)
            error = connection_error(request, self.url, exc)
            raise error from (None if isinstance(exc, httpx.LocalProtocolError) else exc)
        self.retries += 1
        self.start = time.perf_counter()
        return delay

    def broken(self, exc: RuntimeError) -> APIConnectionError:
        """The error for a pool that failed under the request: closed (by another thread meanwhile, or through
        the client this one is a copy of), or broken otherwise."""
        request = self.request
        if self.client._http.is_closed and not self.retries and "closed" in str(exc):
            message = "the client's connection pool is closed (close() was called on it): make a new client"
            return APIConnectionError(message, method=request.method, url=self.url, sent=False)
        message = f"the request failed: {exc}" if str(exc) else "the request failed"
        if request.method == "POST":
            message += "; it may have been sent"
        return APIConnectionError(message, method=request.method, url=self.url, sent=None)

    def responded(self, response: httpx.Response) -> float | None:
        """Seconds to wait before the next try, or None when ``response`` is the final one."""
        if response.status_code < 400 and not logger.isEnabledFor(logging.DEBUG):
            return None  # the common case, first
        request = self.request
        delay = delay_after_status(request.method, response, self.retries, self.client._options.max_retries)
        if logger.isEnabledFor(logging.DEBUG):
            outcome = "" if delay is None else f"; retrying in {delay:.2f} s"
            log_call(logging.DEBUG, request.method, request.path, self.start, self.retries, response, outcome=outcome)
        if delay is not None:
            self.retries += 1
            self.start = time.perf_counter()
        return delay

    def result(self, response: httpx.Response, raw: bool) -> Any:
        """The call's result from its final response (or its error)."""
        if logger.isEnabledFor(logging.INFO):
            request = self.request
            log_call(logging.INFO, request.method, request.path, self.first, self.retries, response)
        return decode(self.request, self.url, response, raw, self.retries)


class SyncAPIClient(BaseClient[httpx.Client]):
    def _new_http(self, headers: httpx.Headers, timeout: TimeoutTypes) -> httpx.Client:
        limits, direct = self._pool_settings()
        mounts = {pattern: httpx.HTTPTransport(limits=limits) for pattern in direct}
        return httpx.Client(headers=headers, timeout=timeout, limits=limits, mounts=mounts)

    def _send(self, request: Request[Any], raw: bool) -> Any:
        """The result of ``request`` (its ``APIResponse`` if ``raw``); the resources type it."""
        http = self._pool(_forks[0])
        attempts = _Attempts(self, request)
        delay: float | None
        while True:
            try:
                response = http.send(attempts.build(http))
            except (httpx.HTTPError, RuntimeError) as exc:  # RuntimeError: the pool closed under the request
                delay = attempts.failed(exc)
            else:
                if (delay := attempts.responded(response)) is None:
                    return attempts.result(response, raw)
                response.close()
            _sleep(delay)

    def close(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in)."""
        self._closed = True
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    def _new_http(self, headers: httpx.Headers, timeout: TimeoutTypes) -> httpx.AsyncClient:
        limits, direct = self._pool_settings()
        mounts = {pattern: httpx.AsyncHTTPTransport(limits=limits) for pattern in direct}
        return httpx.AsyncClient(headers=headers, timeout=timeout, limits=limits, mounts=mounts)

    async def _send(self, request: Request[Any], raw: bool) -> Any:
        """The result of ``request`` (its ``APIResponse`` if ``raw``); the resources type it."""
        http = self._pool((_forks[0], _event_loop()))
        attempts = _Attempts(self, request)
        delay: float | None
        while True:
            try:
                response = await http.send(attempts.build(http))
            except (httpx.HTTPError, RuntimeError) as exc:  # RuntimeError: the pool closed under the request
                delay = attempts.failed(exc)
            else:
                if (delay := attempts.responded(response)) is None:
                    return attempts.result(response, raw)
                await response.aclose()
            await _async_sleep(delay)

    async def close(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in)."""
        self._closed = True
        if self._owns_http:
            with contextlib.suppress(RuntimeError):  # connections of an event loop that is closed: nothing to do
                await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


__all__ = ["AsyncAPIClient", "BaseClient", "SyncAPIClient"]
