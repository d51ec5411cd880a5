"""Bulk sends: ``send_many`` sends one request per item, paced, never twice; sync (threads) and async (tasks).

Every item's request is built (and checked) before the first is sent. Workers share one connection pool and
one ``_Pacer``: on a 429 (or 503) every worker waits the ``Retry-After``, the concurrency halves and the
request rate is capped just under what the server allowed; successes let both grow again. An item is sent
again only when its error says nothing was sent (429, 503, a connection never made); any other failure ends
that item with its error. A 429 is the server setting the pace: it is waited out up to ``MAX_SEND_ATTEMPTS``
tries; a 503 or a connection never made is tried ``max_retries + 1`` times. The waits and what ends an item
are ``send_message``'s (``_retry``: a ``Retry-After`` beyond ``MAX_RETRY_AFTER``, a failure trying again cannot
mend). An
interruption (Ctrl-C, a cancelled task) stops new sends, lets the sends in
flight finish, and re-raises with ``outcomes`` attached: what became of every item.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import httpx

from ._constants import DEFAULT_MAX_RETRIES, MAX_SEND_ATTEMPTS
from ._exceptions import APIConnectionError, APIStatusError, ChimeKitError, ValidationError
from ._request import Endpoint, Request
from ._retry import delay_after_error, delay_after_status, permanent

T = TypeVar("T")

_POLL = 0.005
"""Seconds a worker waits for a free slot (concurrency) before it looks again."""
_EVIDENCE = 3
"""Successes since the last pause below which a 429 says nothing about the server's rate."""


class Outcome(Generic[T]):
    """What became of one item of ``send_many`` (outcomes come in the order of the items)."""

    __slots__ = ("error", "external_user_id", "index", "result")

    def __init__(self, index: int, external_user_id: str, result: T | None = None, error: ChimeKitError | None = None):
        self.index = index
        self.external_user_id = external_user_id
        self.result = result
        """What the single method returns (``send_message``'s response), or None."""
        self.error = error
        """The ``ChimeKitError`` that ended the item, or None."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def sent(self) -> bool | None:
        """Whether the server may have acted on the item: True (it did), False (surely not: sending it again
        cannot send it twice), None (unknown: check before sending again)."""
        if self.error is None:
            return True
        if isinstance(self.error, APIConnectionError):
            return self.error.sent
        if isinstance(self.error, APIStatusError):
            return None if self.error.status_code >= 500 and self.error.status_code != 503 else False
        return False

    @property
    def retryable(self) -> bool:
        """Whether sending the item again may succeed and cannot send it twice: nothing was sent and the failure
        was passing (no connection, 408, 429, 503, an interruption). A 404 or a 400 would fail again."""
        error = self.error
        if isinstance(error, APIStatusError):
            return error.status_code in (408, 429, 503)
        return isinstance(error, APIConnectionError) and error.sent is False and not permanent(error.__context__)

    def __repr__(self) -> str:
        what = "ok" if self.error is None else f"error={type(self.error).__name__}: {self.error}"
        return f"<Outcome {self.index} {self.external_user_id!r} {what}>"


class Progress:
    """How far ``send_many`` is: items finished (sent or failed), those of them that failed, and all items."""

    __slots__ = ("done", "failed", "total")

    def __init__(self, done: int, failed: int, total: int) -> None:
        self.done = done
        self.failed = failed
        self.total = total

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Progress):
            return NotImplemented
        return (self.done, self.failed, self.total) == (other.done, other.failed, other.total)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Progress(done={self.done}, failed={self.failed}, total={self.total})"


class _Pacer:
    """When the next send may start: the shared concurrency and rate limits, and the pause after a 429."""

    def __init__(self, limit: int, now: float) -> None:
        self.most = float(limit)
        self.limit = float(limit)
        """Sends allowed in flight now (additive increase, halved on a 429)."""
        self.rate: float | None = None
        """Sends per second allowed, learned from the first 429 (None: no limit seen)."""
        self.in_flight = 0
        self.resume_at = 0.0
        self.next_start = 0.0
        self.episode_start = now
        self.successes = 0
        self.raised_at = now

    def wait(self, now: float) -> float:
        """0 to start a send now, else the seconds to wait before asking again."""
        if now < self.resume_at:
            return self.resume_at - now
        if self.in_flight >= max(1, int(self.limit)):
            return _POLL
        if self.rate is not None and now < self.next_start:
            return self.next_start - now
        return 0.0

    def start(self, now: float) -> None:
        self.in_flight += 1
        if self.rate is not None:
            self.next_start = max(now, self.next_start) + 1 / self.rate

    def succeeded(self, now: float) -> None:
        self.in_flight -= 1
        self.successes += 1
        self.limit = min(self.most, self.limit + 1 / self.limit)
        if self.rate is not None and now - self.raised_at >= 1.0:  # a second without a 429: probe for more
            self.rate *= 1.02
            self.raised_at = now

    def refused(self, now: float, wait: float, limited: bool) -> None:
        """The server did not act (429, 503, no connection): every worker waits ``wait`` seconds. A 429
        (``limited``) also caps the rate just under what the server took since the last pause."""
        self.in_flight -= 1
        if now < self.resume_at:
            return  # sent before the pause began: the same refusal
        if limited:
            self.limit = max(1.0, self.limit / 2)
            if self.successes >= _EVIDENCE:  # what the server took before refusing: its rate, nearly
                allowed = 0.95 * self.successes / max(now - self.episode_start, wait)
                self.rate = allowed if self.rate is None else min(self.rate, allowed)
            elif self.rate is not None:
                self.rate /= 2
        self.resume_at = self.episode_start = self.raised_at = now + wait
        self.successes = 0

    def ended(self) -> None:
        self.in_flight -= 1


class Batch(Generic[T]):
    """One ``send_many``: its items' requests, what is left to send, the outcomes (shared by the workers)."""

    def __init__(
        self,
        endpoint: Endpoint[T],
        id_field: str,
        sends: Iterable[tuple[str, Any]],
        max_concurrency: int,
        on_progress: Callable[[Progress], object] | None,
        **options: Any,
    ) -> None:
        if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
            raise ValidationError("max_concurrency", f"expected an integer >= 1, got {max_concurrency!r}")
        if on_progress is not None and not callable(on_progress):
            raise ValidationError("on_progress", "expected a function taking a Progress")
        self.ids: list[str] = []
        self.requests: list[Request[T]] = []
        for index, item in enumerate(_items(sends)):
            where = f"sends[{index}]"
            if not isinstance(item, tuple | list) or len(item) != 2:
                raise ValidationError(where, "expected a pair (external_user_id, body)")
            external_user_id, body = item
            try:
                self.requests.append(endpoint.request((), body, None, {id_field: external_user_id}, **options))
            except ValidationError as exc:
                raise ValidationError(f"{where}.{exc.field}" if exc.field else where, exc.problem) from None
            self.ids.append(external_user_id)
        self.total = len(self.requests)
        self.outcomes: list[Outcome[T] | None] = [None] * self.total
        self.attempts = [0] * self.total
        self.todo: deque[int] = deque(range(self.total))
        self.lock = threading.Lock()
        self.pacer = _Pacer(min(max_concurrency, max(1, self.total)), time.monotonic())
        self.on_progress = on_progress
        self.stopped = False
        self.done = self.failed = 0
        self.max_retries = DEFAULT_MAX_RETRIES
        """The client's: tries of an item after a 503 or a connection never made (set by ``run``)."""

    def next(self) -> tuple[int | None, float]:
        """The next item to send and 0, or (None, seconds to wait first), or (None, 0): nothing left for this
        worker."""
        with self.lock:
            if self.stopped or (not self.todo and self.pacer.in_flight == 0):
                return None, 0.0
            if not self.todo:
                return None, _POLL  # items in flight may come back for another try
            now = time.monotonic()
            wait = self.pacer.wait(now)
            if wait:
                return None, wait
            self.pacer.start(now)
            index = self.todo.popleft()
            self.attempts[index] += 1
            return index, 0.0

    def settle(self, index: int, result: Any = None, error: ChimeKitError | None = None) -> None:
        """Record an attempt's result or error: the item is done, or goes back for another try."""
        with self.lock:
            now = time.monotonic()
            if error is None:
                self.pacer.succeeded(now)
            else:
                limited = isinstance(error, APIStatusError) and error.status_code == 429
                tries = MAX_SEND_ATTEMPTS if limited else self.max_retries + 1
                wait = None if self.stopped else _send_again_after(error, self.attempts[index] - 1, tries - 1)
                if wait is not None:
                    self.pacer.refused(now, wait, limited)
                    self.todo.appendleft(index)
                    return
                self.pacer.ended()
            self.outcomes[index] = Outcome(index, self.ids[index], result, error)
            self.done += 1
            self.failed += error is not None
            progress = Progress(self.done, self.failed, self.total)
        if self.on_progress is not None:
            self.on_progress(progress)

    def stop(self) -> None:
        with self.lock:
            self.stopped = True

    def results(self) -> list[Outcome[T]]:
        """Every item's outcome; an item never sent (interrupted) has an error that says so."""
        return [
            outcome
            if outcome is not None
            else Outcome(index, self.ids[index], error=_not_sent(self.requests[index], "send_many was interrupted"))
            for index, outcome in enumerate(self.outcomes)
        ]


def _items(sends: Iterable[tuple[str, Any]]) -> list[Any]:
    if isinstance(sends, str | bytes) or not isinstance(sends, Iterable):
        raise ValidationError("sends", "expected an iterable of (external_user_id, body) pairs")
    return list(sends)


def _send_again_after(error: ChimeKitError, retries: int, max_retries: int) -> float | None:
    """Seconds to wait before sending an item again, under ``send_message``'s retry policy (``_retry``): only when
    the server surely did not act on it (429, 503, nothing sent) and trying again can help; None: it ends."""
    if isinstance(error, APIStatusError):
        return delay_after_status("POST", error.response, retries, max_retries)
    failure = error.__context__  # the httpx exception the APIConnectionError was raised for
    if isinstance(error, APIConnectionError) and error.sent is False and isinstance(failure, httpx.HTTPError):
        return delay_after_error("POST", failure, retries, max_retries)
    return None


def _as_error(exc: Exception) -> ChimeKitError:
    """A failure as the item's error (a ChimeKitError as it is; anything else, which would be a bug, wrapped so
    that one item cannot stall the batch)."""
    if isinstance(exc, ChimeKitError):
        return exc
    error = ChimeKitError(f"{type(exc).__name__}: {exc}")
    error.__cause__ = exc
    return error


def _not_sent(request: Request[Any], why: str) -> APIConnectionError:
    return APIConnectionError(f"not sent: {why}", method=request.method, url=request.path, sent=False)


def run(client: Any, batch: Batch[T]) -> list[Outcome[T]]:
    """``send_many`` of ``ChimeKit``: ``max_concurrency`` threads sharing the client's connection pool."""
    once = client.with_options(max_retries=0)  # the batch decides what is sent again, and when
    batch.max_retries = client.max_retries

    def work() -> None:
        while True:
            index, wait = batch.next()
            if index is None:
                if not wait:
                    return
                time.sleep(wait)
                continue
            try:
                result = once._send(batch.requests[index], raw=False)
            except Exception as exc:
                batch.settle(index, error=_as_error(exc))
            else:
                batch.settle(index, result=result)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(int(batch.pacer.most))]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.1)  # wakes up for Ctrl-C
    except BaseException as interruption:
        batch.stop()  # no new sends; those in flight finish (or time out)
        for thread in threads:
            thread.join()
        interruption.outcomes = batch.results()  # type: ignore[attr-defined]
        raise
    return batch.results()


async def run_async(client: Any, batch: Batch[T]) -> list[Outcome[T]]:
    """``send_many`` of ``AsyncChimeKit``: ``max_concurrency`` tasks sharing the client's connection pool."""
    import anyio  # httpx depends on it; works under asyncio and trio

    once = client.with_options(max_retries=0)
    batch.max_retries = client.max_retries

    async def work() -> None:
        while True:
            await anyio.lowlevel.checkpoint()  # a cancelled batch starts no new send
            index, wait = batch.next()
            if index is None:
                if not wait:
                    return
                await anyio.sleep(wait)
                continue
            with anyio.CancelScope(shield=True):  # a send in flight finishes even when the batch is cancelled
                try:
                    result = await once._send(batch.requests[index], raw=False)
                except Exception as exc:
                    batch.settle(index, error=_as_error(exc))
                else:
                    batch.settle(index, result=result)

    try:
        async with anyio.create_task_group() as group:
            for _ in range(int(batch.pacer.most)):
                group.start_soon(work)
    except BaseException as interruption:
        batch.stop()
        interruption.outcomes = batch.results()  # type: ignore[attr-defined]
        raise
    return batch.results()
