"""Calls the preflight, the behaviour checks, the links and the cleanup make, by operationId.

A ``429`` is not a violation: one with ``Retry-After`` is waited out (at most ``MAX_WAIT`` seconds) and
retried, one without backs off (0.25 s, doubling, at most 8 s); after ``RETRIES`` retries the call gives
up with ``RateLimited``. Every answer is checked against what the run's document says for its status.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Final

import httpx

from ._spec import Operation, Validator
from ._target import CannotTest, Target

RETRIES: Final = 5
MAX_WAIT: Final = 60.0
BACKOFF_START: Final = 0.25
BACKOFF_MAX: Final = 8.0
TIMEOUT: Final = httpx.Timeout(15.0, connect=10.0)
_NO_BODY: Final[Any] = object()


class Violation(Exception):
    """The server does not do what the document says; ``str(err)`` says what it did instead."""


class RateLimited(Exception):
    """Still answered 429 after the retries: the check cannot be completed (not a violation)."""


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date), or None when absent or unreadable."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Answer:
    """What the server answered to one call."""

    operation: Operation
    request: str
    """``METHOD /path?query`` as sent (no host, no key)."""
    status: int
    headers: httpx.Headers
    body: Any
    """The JSON answer, or None (no body, or not JSON)."""
    text: str

    def describe(self) -> str:
        snippet = self.text if len(self.text) <= 160 else self.text[:160] + "…"
        return f"{self.request} answered {self.status}" + (f": {snippet}" if snippet else "")


class Client:
    """One connection pool to the server; counts requests and 429s."""

    def __init__(
        self,
        target: Target,
        operations: Mapping[str, Operation],
        validator: Validator,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.target = target
        self.operations = operations
        self.validator = validator
        self.requests = 0
        self.rate_limited = 0
        self._sleep = sleep
        self._http = httpx.Client(
            headers={"Authorization": f"Bearer {target.key}", "User-Agent": "chimekit-contract"},
            timeout=TIMEOUT,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def send(
        self,
        operation_id: str,
        *path_values: str,
        query: Mapping[str, Any] | None = None,
        body: Any = _NO_BODY,
    ) -> httpx.Response:
        """The raw answer (429s waited out); CannotTest when nothing answers, RateLimited when 429s persist."""
        operation = self.operations[operation_id]
        url = self.target.root + operation.url_path(path_values)
        content = None if body is _NO_BODY else json.dumps(body).encode("utf-8")
        headers = {} if content is None else {"Content-Type": "application/json"}
        backoff = BACKOFF_START
        for attempt in range(RETRIES + 1):
            try:
                response = self._http.request(
                    operation.method, url, params=dict(query or {}), content=content, headers=headers
                )
            except httpx.HTTPError as exc:
                reason = str(exc) or type(exc).__name__
                raise CannotTest(f"{operation.method} {url}: no answer ({reason})") from None
            self.requests += 1
            if response.status_code != 429:
                return response
            self.rate_limited += 1
            if attempt == RETRIES:
                break
            wait = retry_after(response.headers)
            if wait is None:
                wait, backoff = backoff, min(backoff * 2, BACKOFF_MAX)
            self._sleep(min(wait, MAX_WAIT))
        raise RateLimited(f"{operation.method} {operation.path} still answered 429 after {RETRIES} retries")

    def call(
        self,
        operation_id: str,
        *path_values: str,
        query: Mapping[str, Any] | None = None,
        body: Any = _NO_BODY,
    ) -> Answer:
        """Call an operation; Violation when the answer is not what the document allows for its status."""
        operation = self.operations[operation_id]
        response = self.send(operation_id, *path_values, query=query, body=body)
        request = f"{operation.method} {response.request.url.raw_path.decode('ascii', 'replace')}"
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        is_json = media == "application/json" or media.endswith("+json")
        parsed: Any = None
        if is_json and response.content:
            try:
                parsed = response.json()
            except ValueError:
                raise Violation(f"{request} answered {response.status_code} with a body that is not JSON") from None
        answer = Answer(operation, request, response.status_code, response.headers, parsed, response.text)
        if response.content and not is_json and self.validator.response_problem(operation, answer.status, None):
            raise Violation(f"{answer.describe()} (Content-Type {media or 'missing'}, not JSON)")
        if is_json:
            problem = self.validator.response_problem(operation, answer.status, parsed)
            if problem:
                raise Violation(f"{request} answered {answer.status} with a body the spec does not allow: {problem}")
        return answer
