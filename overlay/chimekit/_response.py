"""Raw responses: ``ck.with_raw_response.audience.find_member(...)`` (or ``ck.audience.with_raw_response...``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

from ._constants import REQUEST_ID_HEADER

T = TypeVar("T")

_UNPARSED = object()


class APIResponse(Generic[T]):
    """A successful call's HTTP answer; ``parse()`` gives what the method returns without ``with_raw_response``.

    An error status raises as usual (``APIStatusError`` keeps its ``response`` too).
    """

    def __init__(self, http_response: httpx.Response, parse: Callable[[], T], retries_taken: int) -> None:
        self.http_response = http_response
        """The ``httpx.Response``, its body read."""
        self.retries_taken = retries_taken
        """How many times the request was retried before this answer."""
        self._parse = parse
        self._parsed: object = _UNPARSED

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
        parsed: T = self._parsed  # type: ignore[assignment]
        return parsed

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<APIResponse [{self.status_code}] {request.method} {request.url.path}>"
