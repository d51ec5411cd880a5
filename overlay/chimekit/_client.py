"""ChimeKit and AsyncChimeKit: the call loop (send, retry, map the answer) and the resource namespaces.

Each API method is defined once, in ``_operations.py``; ``_sync``/``_async`` turn an operation into a
method of the sync or async client with the same parameters.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, overload

import httpx

from . import _operations as ops
from ._base import BaseClient
from ._operations import Request

if TYPE_CHECKING:
    from chimekit_api.models import MessageListItem

__all__ = ["AsyncChimeKit", "ChimeKit"]

P = ParamSpec("P")
T = TypeVar("T")
_sleep = time.sleep


async def _async_sleep(seconds: float) -> None:
    import anyio  # httpx depends on it; works under asyncio and trio

    await anyio.sleep(seconds)


class _sync(Generic[P, T]):  # lowercase: used like a decorator
    """``name = _sync(ops.name)``: a method that sends the operation's request and returns its result."""

    def __init__(self, op: Callable[P, Request[T]]) -> None:
        self._op = op
        self.__doc__ = op.__doc__

    @overload
    def __get__(self, obj: None, owner: type) -> _sync[P, T]: ...
    @overload
    def __get__(self, obj: Any, owner: type) -> Callable[P, T]: ...
    def __get__(self, obj: Any, owner: type) -> _sync[P, T] | Callable[P, T]:
        if obj is None:
            return self
        op, send = self._op, obj._send

        def method(*args: P.args, **kwargs: P.kwargs) -> T:
            result: T = send(op(*args, **kwargs))
            return result

        return method


class _async(Generic[P, T]):
    """``name = _async(ops.name)``: the awaitable variant of ``_sync``."""

    def __init__(self, op: Callable[P, Request[T]]) -> None:
        self._op = op
        self.__doc__ = op.__doc__

    @overload
    def __get__(self, obj: None, owner: type) -> _async[P, T]: ...
    @overload
    def __get__(self, obj: Any, owner: type) -> Callable[P, Awaitable[T]]: ...
    def __get__(self, obj: Any, owner: type) -> _async[P, T] | Callable[P, Awaitable[T]]:
        if obj is None:
            return self
        op, send = self._op, obj._send

        async def method(*args: P.args, **kwargs: P.kwargs) -> T:
            result: T = await send(op(*args, **kwargs))
            return result

        return method


# --- sync ---------------------------------------------------------------------------------------


class ChimeKit(BaseClient[httpx.Client]):
    """The ChimeKit API client. One per process is enough: it holds a connection pool.

    Args:
        secret_key: your secret key; defaults to ``CHIMEKIT_SECRET_KEY``.
        base_url: the server root; defaults to ``CHIMEKIT_BASE_URL``, else ``https://api.chimekit.com``.
        timeout: seconds or an ``httpx.Timeout``; default 30 s, 5 s to connect (``None``: wait forever).
        max_retries: retries after a retryable failure (default 2; 0 makes one attempt).
        http_client: your own ``httpx.Client`` (proxies, mTLS, transports); you close it.
        default_headers: extra headers for every request.
        allow_insecure_http: allow ``http://`` to a host other than localhost (sends the key in clear).
    """

    def _new_http(self, headers: httpx.Headers) -> httpx.Client:
        return httpx.Client(headers=headers)

    def _bind(self) -> None:
        self.audience = Audience(self)
        self.messages = Messages(self)
        self.workflow = Workflow(self)

    identify = _sync(ops.identify)

    def _send(self, request: Request[T]) -> T:
        url = self._url(request)
        retries = 0
        delay: float | None
        while True:
            start = time.perf_counter()
            try:
                response = self._http.request(
                    request.method,
                    url,
                    params=request.params,
                    json=request.json,
                    headers=self._request_headers,
                    timeout=self.timeout,
                )
            except httpx.TransportError as exc:
                delay = self._after_error(request, exc, retries)  # raises when giving up
            else:
                delay = self._after_response(request, response, retries, start)
                if delay is None:
                    return self._result(request, response)
                response.close()
            _sleep(delay)
            retries += 1

    def close(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> ChimeKit:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _SyncResource:
    def __init__(self, client: ChimeKit) -> None:
        self._send = client._send


class Audience(_SyncResource):
    """``ck.audience``: members and suppressions."""

    identify = _sync(ops.identify)
    find_member = _sync(ops.find_member)
    update_member = _sync(ops.update_member)
    delete_member = _sync(ops.delete_member)
    list_suppressions = _sync(ops.list_suppressions)
    suppress = _sync(ops.suppress)
    remove_suppression = _sync(ops.remove_suppression)


class Messages(_SyncResource):
    """``ck.messages``: send, fetch and list messages."""

    send_message = _sync(ops.send_message)
    get_message = _sync(ops.get_message)
    list_messages_for_user = _sync(ops.list_messages_for_user)

    def iter_messages_for_user(self, external_user_id: str, *, page_size: int = 20) -> Iterator[MessageListItem]:
        """Every message of the member, newest first, fetching ``page_size`` (1–100) per request."""
        first = ops.list_messages_for_user(external_user_id, limit=page_size, offset=0)  # checks the input now

        def pages() -> Iterator[MessageListItem]:
            request, offset = first, 0
            while True:
                page = self._send(request)
                yield from page.messages
                offset += len(page.messages)
                if not page.messages or offset >= page.pagination.total_count:
                    return
                request = ops.list_messages_for_user(external_user_id, limit=page_size, offset=offset)

        return pages()


class Workflow(_SyncResource):
    """``ck.workflow``: run workflows and read runs."""

    run = _sync(ops.run_workflow)
    get_run = _sync(ops.get_run)


# --- async --------------------------------------------------------------------------------------


class AsyncChimeKit(BaseClient[httpx.AsyncClient]):
    """The asyncio/trio twin of ChimeKit: the same methods and arguments (``http_client``: an
    ``httpx.AsyncClient``), awaitable; ``async with AsyncChimeKit() as ck``."""

    def _new_http(self, headers: httpx.Headers) -> httpx.AsyncClient:
        return httpx.AsyncClient(headers=headers)

    def _bind(self) -> None:
        self.audience = AsyncAudience(self)
        self.messages = AsyncMessages(self)
        self.workflow = AsyncWorkflow(self)

    identify = _async(ops.identify)

    async def _send(self, request: Request[T]) -> T:
        url = self._url(request)
        retries = 0
        delay: float | None
        while True:
            start = time.perf_counter()
            try:
                response = await self._http.request(
                    request.method,
                    url,
                    params=request.params,
                    json=request.json,
                    headers=self._request_headers,
                    timeout=self.timeout,
                )
            except httpx.TransportError as exc:
                delay = self._after_error(request, exc, retries)  # raises when giving up
            else:
                delay = self._after_response(request, response, retries, start)
                if delay is None:
                    return self._result(request, response)
                await response.aclose()
            await _async_sleep(delay)
            retries += 1

    async def close(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncChimeKit:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class _AsyncResource:
    def __init__(self, client: AsyncChimeKit) -> None:
        self._send = client._send


class AsyncAudience(_AsyncResource):
    identify = _async(ops.identify)
    find_member = _async(ops.find_member)
    update_member = _async(ops.update_member)
    delete_member = _async(ops.delete_member)
    list_suppressions = _async(ops.list_suppressions)
    suppress = _async(ops.suppress)
    remove_suppression = _async(ops.remove_suppression)


class AsyncMessages(_AsyncResource):
    send_message = _async(ops.send_message)
    get_message = _async(ops.get_message)
    list_messages_for_user = _async(ops.list_messages_for_user)

    def iter_messages_for_user(self, external_user_id: str, *, page_size: int = 20) -> AsyncIterator[MessageListItem]:
        """Every message of the member, newest first: ``async for item in ...``."""
        first = ops.list_messages_for_user(external_user_id, limit=page_size, offset=0)

        async def pages() -> AsyncIterator[MessageListItem]:
            request, offset = first, 0
            while True:
                page = await self._send(request)
                for item in page.messages:
                    yield item
                offset += len(page.messages)
                if not page.messages or offset >= page.pagination.total_count:
                    return
                request = ops.list_messages_for_user(external_user_id, limit=page_size, offset=offset)

        return pages()


class AsyncWorkflow(_AsyncResource):
    run = _async(ops.run_workflow)
    get_run = _async(ops.get_run)
