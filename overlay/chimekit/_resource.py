"""The bases of the generated resource classes (``chimekit/resources/``): how a method's request is sent.

A generated method builds its request (``Endpoint.request``: arguments checked) and hands it to ``_call``;
the four bases differ only in what that returns: the result or the raw ``APIResponse``, now or awaitable.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from ._base_client import AsyncAPIClient, SyncAPIClient
from ._request import Request
from ._response import APIResponse

T = TypeVar("T")
ClientT = TypeVar("ClientT", SyncAPIClient, AsyncAPIClient)


class _Resource(Generic[ClientT]):
    def __init__(self, client: ClientT) -> None:
        self._client: ClientT = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class SyncResource(_Resource[SyncAPIClient]):
    """A namespace of ``ChimeKit`` (``ck.audience``, ...)."""

    def _call(self, request: Request[T]) -> T:
        result: T = self._client._send(request, raw=False)
        return result


class SyncRawResource(_Resource[SyncAPIClient]):
    """The same methods, returning the raw ``APIResponse`` (``.parse()`` gives the result)."""

    def _call(self, request: Request[T]) -> APIResponse[T]:
        result: APIResponse[T] = self._client._send(request, raw=True)
        return result


class AsyncResource(_Resource[AsyncAPIClient]):
    """A namespace of ``AsyncChimeKit``."""

    async def _call(self, request: Request[T]) -> T:
        result: T = await self._client._send(request, raw=False)
        return result


class AsyncRawResource(_Resource[AsyncAPIClient]):
    """The same methods of ``AsyncChimeKit``, returning the raw ``APIResponse``."""

    async def _call(self, request: Request[T]) -> APIResponse[T]:
        result: APIResponse[T] = await self._client._send(request, raw=True)
        return result


__all__ = ["AsyncRawResource", "AsyncResource", "SyncRawResource", "SyncResource"]
