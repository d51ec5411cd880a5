"""ChimeKit and AsyncChimeKit: the call loop (send, retry, answer) around the methods of ``_resources.py``."""

from __future__ import annotations

import time
from functools import cached_property
from types import TracebackType
from typing import TypeVar

import httpx

from ._base import BaseClient
from ._binding import AsyncAPI, AsyncRawAPI, Request, SyncAPI, SyncRawAPI
from ._resources import (
    AsyncAudience,
    AsyncAudienceWithRawResponse,
    AsyncMessages,
    AsyncMessagesWithRawResponse,
    AsyncWorkflow,
    AsyncWorkflowWithRawResponse,
    Audience,
    AudienceWithRawResponse,
    Messages,
    MessagesWithRawResponse,
    Workflow,
    WorkflowWithRawResponse,
    _Audience,
    describe,
)
from ._response import APIResponse
from ._types import TimeoutTypes

__all__ = ["AsyncChimeKit", "ChimeKit"]

T = TypeVar("T")
_sleep = time.sleep


async def _async_sleep(seconds: float) -> None:
    import anyio  # httpx depends on it; works under asyncio and trio

    await anyio.sleep(seconds)


class ChimeKit(BaseClient[httpx.Client], SyncAPI):
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

    audience: Audience
    messages: Messages
    workflow: Workflow
    identify = _Audience.identify

    def _new_http(self, headers: httpx.Headers, timeout: TimeoutTypes) -> httpx.Client:
        return httpx.Client(headers=headers, timeout=timeout)

    def _bind(self) -> None:
        self._client = self
        self.__dict__.pop("with_raw_response", None)
        self.__dict__.pop("identify", None)
        self.audience = Audience(self)
        self.messages = Messages(self)
        self.workflow = Workflow(self)

    @cached_property
    def with_raw_response(self) -> ChimeKitWithRawResponse:
        """The same namespaces and methods, returning the raw response (``.parse()`` gives the result)."""
        return ChimeKitWithRawResponse(self)

    def _call(self, request: Request[T], raw: bool) -> T | APIResponse[T]:
        url = self.base_url + request.path
        headers = self._headers_for(request)
        timeout = self._timeout_for(request)
        retries = 0
        delay: float | None
        while True:
            start = time.perf_counter()
            try:
                response = self._http.request(
                    request.method, url, params=request.params, json=request.json, headers=headers, timeout=timeout
                )
            except httpx.HTTPError as exc:
                delay = self._after_error(request, url, exc, retries)  # raises when giving up
            else:
                delay = self._after_response(request, response, retries, start)
                if delay is None:
                    return self._answer(request, url, response, raw, retries)
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


class ChimeKitWithRawResponse(SyncRawAPI):
    """``ck.with_raw_response``: every method returns an ``APIResponse`` (status, headers, request id, ``parse()``)."""

    identify = _Audience.identify

    def __init__(self, client: ChimeKit) -> None:
        super().__init__(client)
        self.audience = AudienceWithRawResponse(client)
        self.messages = MessagesWithRawResponse(client)
        self.workflow = WorkflowWithRawResponse(client)


class AsyncChimeKit(BaseClient[httpx.AsyncClient], AsyncAPI):
    """The asyncio/trio twin of ChimeKit: the same methods and arguments (``http_client``: an
    ``httpx.AsyncClient``), awaitable; ``async with AsyncChimeKit() as ck``."""

    audience: AsyncAudience
    messages: AsyncMessages
    workflow: AsyncWorkflow
    identify = _Audience.identify

    def _new_http(self, headers: httpx.Headers, timeout: TimeoutTypes) -> httpx.AsyncClient:
        return httpx.AsyncClient(headers=headers, timeout=timeout)

    def _bind(self) -> None:
        self._client = self
        self.__dict__.pop("with_raw_response", None)
        self.__dict__.pop("identify", None)
        self.audience = AsyncAudience(self)
        self.messages = AsyncMessages(self)
        self.workflow = AsyncWorkflow(self)

    @cached_property
    def with_raw_response(self) -> AsyncChimeKitWithRawResponse:
        """The same namespaces and methods, returning the raw response (``.parse()`` gives the result)."""
        return AsyncChimeKitWithRawResponse(self)

    async def _call(self, request: Request[T], raw: bool) -> T | APIResponse[T]:
        url = self.base_url + request.path
        headers = self._headers_for(request)
        timeout = self._timeout_for(request)
        retries = 0
        delay: float | None
        while True:
            start = time.perf_counter()
            try:
                response = await self._http.request(
                    request.method, url, params=request.params, json=request.json, headers=headers, timeout=timeout
                )
            except httpx.HTTPError as exc:
                delay = self._after_error(request, url, exc, retries)  # raises when giving up
            else:
                delay = self._after_response(request, response, retries, start)
                if delay is None:
                    return self._answer(request, url, response, raw, retries)
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


class AsyncChimeKitWithRawResponse(AsyncRawAPI):
    """``ck.with_raw_response`` of AsyncChimeKit: every method returns an ``APIResponse``."""

    identify = _Audience.identify

    def __init__(self, client: AsyncChimeKit) -> None:
        super().__init__(client)
        self.audience = AsyncAudienceWithRawResponse(client)
        self.messages = AsyncMessagesWithRawResponse(client)
        self.workflow = AsyncWorkflowWithRawResponse(client)


ChimeKit.__doc__ = (ChimeKit.__doc__ or "") + describe(
    ("audience", Audience), ("messages", Messages), ("workflow", Workflow)
)
AsyncChimeKit.__doc__ = (AsyncChimeKit.__doc__ or "") + describe(
    ("audience", AsyncAudience), ("messages", AsyncMessages), ("workflow", AsyncWorkflow)
)
