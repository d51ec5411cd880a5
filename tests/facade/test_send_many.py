"""``messages.send_many``: outcomes in order, everything checked before the first send, pacing on 429s, never a
message twice, progress, and interruptions that report what was sent; sync (threads) and async (tasks)."""

from __future__ import annotations

import _thread
import collections
import threading
import time
from typing import Any

import anyio
import chimekit
import httpx
import pytest
from chimekit import AsyncChimeKit, ChimeKit

from .conftest import SECRET, Reply, Seen, Stub
from .test_faults import SENT


def _sends(count: int, title: str = "Hi") -> list[tuple[str, Any]]:
    return [(f"user_{i}", {"content": {"in_app": {"title": f"{title} {i}"}}}) for i in range(count)]


def _index(seen: Seen) -> int:
    return int(seen.body["content"]["in_app"]["title"].rsplit(" ", 1)[1])


def _reply_for(seen: Seen) -> Reply:
    """A 200 whose message id names the item, so each outcome can be matched to its request."""
    return Reply(200, {**SENT, "message": {**SENT["message"], "id": f"msg_{_index(seen)}"}})


def _run(flavour: str, stub: Stub, sends: Any, **options: Any) -> list[chimekit.Outcome[Any]]:
    if flavour == "sync":
        with ChimeKit(SECRET, base_url=stub.url) as ck:
            return ck.messages.send_many(sends, **options)

    async def go() -> list[chimekit.Outcome[Any]]:
        async with AsyncChimeKit(SECRET, base_url=stub.url) as ck:
            return await ck.messages.send_many(sends, **options)

    return anyio.run(go)


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_outcomes_come_in_the_order_of_the_items(flavour: str, stub: Stub) -> None:
    stub.decide = _reply_for
    progress: list[chimekit.Progress] = []
    outcomes = _run(flavour, stub, _sends(60), max_concurrency=8, on_progress=progress.append)
    assert [o.index for o in outcomes] == list(range(60))
    assert [o.external_user_id for o in outcomes] == [f"user_{i}" for i in range(60)]
    assert all(o.ok and o.sent is True and o.error is None for o in outcomes)
    assert [o.result.message.id for o in outcomes if o.result] == [f"msg_{i}" for i in range(60)]
    assert len(stub.seen) == 60
    assert {seen.body["externalUserId"] for seen in stub.seen} == {f"user_{i}" for i in range(60)}
    assert [p.done for p in progress] == list(range(1, 61))
    assert progress[-1] == chimekit.Progress(done=60, failed=0, total=60)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (("user_7", {"content": {"in_app": {"titel": "x"}}}), "sends[7].content.in_app.titel"),
        (("user_7", {}), "sends[7].content"),
        ((".", {"content": {"templateId": "t"}}), "sends[7].externalUserId"),
        (("user_7", {"externalUserId": "other", "content": {"templateId": "t"}}), "sends[7].externalUserId"),
        ("user_7", "sends[7]"),
        ((42, {"content": {"templateId": "t"}}), "sends[7].externalUserId"),
    ],
)
def test_every_item_is_checked_before_the_first_send(flavour: str, stub: Stub, bad: Any, field: str) -> None:
    sends: list[Any] = _sends(20)
    sends[7] = bad
    with pytest.raises(chimekit.ValidationError) as err:
        _run(flavour, stub, sends)
    assert err.value.field == field
    assert stub.seen == []


def test_a_message_is_never_sent_twice(flavour: str, stub: Stub) -> None:
    """Sent again only when the server surely did not act (429, 503); a 500 or a reset after sending may hide
    a sent message: that item ends with its error and is never sent again."""
    tries: collections.Counter[int] = collections.Counter()

    def decide(seen: Seen) -> Reply:
        index = _index(seen)
        tries[index] += 1
        if index % 10 == 1:
            return Reply(500, {"error": "Internal server error"})
        if index % 10 == 2:
            return Reply(fault="reset")
        if index % 10 == 3 and tries[index] == 1:
            return Reply(429, {"error": "Too many requests"}, {"Retry-After": "1"})
        if index % 10 == 4 and tries[index] <= 2:
            return Reply(503, {"error": "Service unavailable"})
        return _reply_for(seen)

    stub.decide = decide
    outcomes = _run(flavour, stub, _sends(20), max_concurrency=8)
    for outcome in outcomes:
        kind = outcome.index % 10
        if kind == 1:
            assert isinstance(outcome.error, chimekit.InternalServerError)
            assert outcome.sent is None
        elif kind == 2:
            assert isinstance(outcome.error, chimekit.APIConnectionError)
            assert outcome.sent is not False  # it may have gone out: check before sending again
        else:
            assert outcome.ok, outcome
    assert {index: count for index, count in tries.items() if index % 10 in (0, 1, 2, 5, 6, 7, 8, 9)} == dict.fromkeys(
        [i for i in range(20) if i % 10 not in (3, 4)], 1
    )
    assert {tries[i] for i in range(20) if i % 10 == 3} == {2}
    assert {tries[i] for i in range(20) if i % 10 == 4} == {3}


def test_max_retries_bounds_the_tries_after_a_503_and_retryable_names_what_may_be_sent_again(
    flavour: str, stub: Stub
) -> None:
    """A 503 is tried ``max_retries + 1`` times, as by send_message (a server that is down ends the batch
    quickly); a 404 is not sent again and is not ``retryable`` although nothing was sent."""
    tries: collections.Counter[int] = collections.Counter()

    def decide(seen: Seen) -> Reply:
        index = _index(seen)
        tries[index] += 1
        if index % 2:
            return Reply(404, {"error": "member not found"})
        return Reply(503, {"error": "Service unavailable"}, {"Retry-After": "0"})

    stub.decide = decide
    for max_retries in (0, 1):
        tries.clear()
        if flavour == "sync":
            with ChimeKit(SECRET, base_url=stub.url, max_retries=max_retries) as ck:
                outcomes = ck.messages.send_many(_sends(6), max_concurrency=3)
        else:

            async def go(retries: int = max_retries) -> list[chimekit.Outcome[Any]]:
                async with AsyncChimeKit(SECRET, base_url=stub.url, max_retries=retries) as ck:
                    return await ck.messages.send_many(_sends(6), max_concurrency=3)

            outcomes = anyio.run(go)
        assert dict(tries) == {i: 1 if i % 2 else max_retries + 1 for i in range(6)}
        assert [o.sent for o in outcomes] == [False] * 6
        assert [o.retryable for o in outcomes] == [i % 2 == 0 for i in range(6)]
        assert [type(o.error) for o in outcomes] == [
            chimekit.NotFoundError if i % 2 else chimekit.InternalServerError for i in range(6)
        ]


def test_send_many_gives_up_where_send_message_does(flavour: str, stub: Stub) -> None:
    """The same retry policy as send_message: a Retry-After beyond MAX_RETRY_AFTER is not waited out (the item
    ends with its 429 at once), and a failure trying again cannot mend is tried once and is not retryable."""
    stub.reply(Reply(429, {"error": "Too many requests"}, {"Retry-After": "3600"}))
    started = time.monotonic()
    [limited] = _run(flavour, stub, _sends(1))
    assert isinstance(limited.error, chimekit.RateLimitError)
    assert time.monotonic() - started < 30
    assert len(stub.seen) == 1

    tries = []

    def refuse(request: httpx.Request) -> httpx.Response:
        tries.append(request)
        raise httpx.UnsupportedProtocol("the transport cannot send this request", request=request)

    sends = _sends(1)
    if flavour == "sync":
        with ChimeKit(SECRET, http_client=httpx.Client(transport=httpx.MockTransport(refuse))) as ck:
            [unsendable] = ck.messages.send_many(sends)
    else:

        async def go() -> list[chimekit.Outcome[Any]]:
            http = httpx.AsyncClient(transport=httpx.MockTransport(refuse))
            async with http, AsyncChimeKit(SECRET, http_client=http) as ck:
                return await ck.messages.send_many(sends)

        [unsendable] = anyio.run(go)
    assert len(tries) == 1
    assert isinstance(unsendable.error, chimekit.APIConnectionError)
    assert unsendable.sent is False
    assert not unsendable.retryable


def test_every_worker_waits_out_a_429_and_the_pace_settles_under_the_limit(flavour: str, stub: Stub) -> None:
    """A server that takes 40 requests a second: every item ends sent, and few requests are refused."""
    limit = 40
    window: list[float] = [time.monotonic(), 0]

    def decide(seen: Seen) -> Reply:
        now = time.monotonic()
        if now - window[0] >= 1.0:
            window[:] = [now, 0]
        if window[1] >= limit:
            wait = max(1, round(1.0 - (now - window[0]) + 0.5))
            return Reply(429, {"error": "Too many requests"}, {"Retry-After": str(wait)})
        window[1] += 1
        return _reply_for(seen)

    stub.decide = decide
    outcomes = _run(flavour, stub, _sends(120), max_concurrency=8)
    assert all(o.ok for o in outcomes)
    refused = len(stub.seen) - 120
    assert refused / len(stub.seen) < 0.15, refused


def test_ctrl_c_stops_new_sends_and_reports_what_was_sent(stub: Stub) -> None:
    def decide(seen: Seen) -> Reply:
        time.sleep(0.02)
        return _reply_for(seen)

    stub.decide = decide
    timer = threading.Timer(0.3, _thread.interrupt_main)
    with ChimeKit(SECRET, base_url=stub.url) as ck:
        timer.start()
        with pytest.raises(KeyboardInterrupt) as interrupted:
            ck.messages.send_many(_sends(500), max_concurrency=4)
    outcomes: list[chimekit.Outcome[Any]] = interrupted.value.outcomes  # type: ignore[attr-defined]
    assert len(outcomes) == 500
    sent = [o for o in outcomes if o.ok]
    assert 0 < len(sent) < 500
    assert sorted(_index(seen) for seen in stub.seen) == sorted(o.index for o in sent)  # in flight: finished
    assert all(o.sent is False for o in outcomes if not o.ok)  # the others were never sent


def test_a_cancelled_task_stops_new_sends_and_reports_what_was_sent(stub: Stub) -> None:
    def decide(seen: Seen) -> Reply:
        time.sleep(0.02)
        return _reply_for(seen)

    stub.decide = decide
    caught: list[BaseException] = []

    async def go() -> None:
        async with AsyncChimeKit(SECRET, base_url=stub.url) as ck:
            with anyio.move_on_after(0.3):
                try:
                    await ck.messages.send_many(_sends(500), max_concurrency=4)
                except BaseException as exc:
                    caught.append(exc)
                    raise

    anyio.run(go)
    (cancelled,) = caught
    outcomes: list[chimekit.Outcome[Any]] = cancelled.outcomes  # type: ignore[attr-defined]
    sent = [o for o in outcomes if o.ok]
    assert 0 < len(sent) < 500
    assert sorted(_index(seen) for seen in stub.seen) == sorted(o.index for o in sent)
    assert all(o.sent is False for o in outcomes if not o.ok)
