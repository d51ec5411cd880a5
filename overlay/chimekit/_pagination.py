"""Paging through every item of a list operation, as its ``x-chimekit-paging`` in the spec describes it.

The generated ``iter_…`` methods (``messages.iter_messages_for_user``) make a ``Pager`` and hand it a function
that fetches one page (the list method). Offset paging, newest first: an item that arrives while the pages
are read moves the others to later offsets, which the growth of the total tells; an item is never yielded
twice (its id is remembered), and none that existed when the iteration began is skipped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._exceptions import ValidationError

if TYPE_CHECKING:
    from chimekit_api.model import Model

    from ._request import Endpoint

Item = TypeVar("Item")


def _at(value: Any, keys: list[str]) -> Any:
    """The typed value at ``keys`` in a result, read (and checked) as its model reads it."""
    for key in keys:
        value = value._get(key)
    return value


class Pager(Generic[Item]):
    """One iteration over the pages of ``endpoint``'s operation: what to ask for next, what to yield."""

    def __init__(self, endpoint: Endpoint[Any], page_size: int | None) -> None:
        operation = endpoint.operation
        paging = operation.extensions["x-chimekit-paging"]
        self._limit: str = paging["limit"]
        self._offset: str = paging["offset"]
        self._items: list[str] = paging["items"]
        self._total: list[str] = paging["total"]
        self._id: list[str] = paging["id"]
        schema = next(p.schema for p in operation.query_params if p.name == self._limit)
        largest: int | None = schema.get("maximum")
        if page_size is None:  # the largest page the server gives (fewest requests)
            page_size = largest or schema.get("default") or 1
        elif isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
            raise ValidationError("page_size", f"expected an integer >= 1, got {page_size!r}")
        self.page_size: int = min(page_size, largest) if largest else page_size
        self.offset = 0
        self._seen: set[Any] = set()
        self._done = False

    def query(self) -> dict[str, int]:
        """The query parameters of the next page."""
        return {self._limit: self.page_size, self._offset: self.offset}

    def take(self, page: Model) -> list[Item]:
        """The items of ``page`` not yielded before; moves on to the next page (or ends)."""
        items = _at(page, self._items)
        total = _at(page, self._total)
        # Items that arrived since the last page came first and pushed the others on: this page may start
        # with items already yielded (skipped below), never after one not yet seen.
        self.offset += len(items)
        self._done = not items or self.offset >= total
        fresh = []
        for item in items:
            key = _at(item, self._id)
            if key not in self._seen:
                self._seen.add(key)
                fresh.append(item)
        return fresh

    def sync(self, fetch: Callable[[Any], Model]) -> Iterator[Item]:
        while not self._done:
            yield from self.take(fetch(self.query()))

    async def asynchronous(self, fetch: Callable[[Any], Awaitable[Model]]) -> AsyncIterator[Item]:
        while not self._done:
            for item in self.take(await fetch(self.query())):
                yield item
