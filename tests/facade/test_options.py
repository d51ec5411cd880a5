"""Per-call options, with_options, raw responses and what errors keep, sync and async (``call``)."""

from __future__ import annotations

import inspect
from typing import Any

import anyio
import chimekit
import httpx
import pytest
from chimekit import AsyncChimeKit, ChimeKit

from .conftest import SECRET, Call, Reply, Stub
from .test_faults import MEMBER, SENT


def test_per_call_options_reach_the_wire(call: Call, stub: Stub) -> None:
    stub.reply(Reply(200, SENT))
    call(
        "messages.send_message",
        "user_123",
        {"content": {"templateId": "tpl_1"}},
        extra_headers={"Idempotency-Key": "k1", "User-Agent": "mine"},
        extra_query={"debug": "1"},
        extra_body={"futureField": True},
        timeout=3.5,
    )
    seen = stub.seen[0]
    assert seen.raw_path == "/sdk/v1/messages/send?debug=1"
    assert seen.headers["Idempotency-Key"] == "k1"
    assert seen.headers["User-Agent"] == "mine"
    assert seen.headers["Authorization"] == f"Bearer {SECRET}"
    assert seen.body == {"externalUserId": "user_123", "content": {"templateId": "tpl_1"}, "futureField": True}


def test_a_per_call_timeout_applies_to_that_call_only(call: Call, stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}, fault="stall"))
    with pytest.raises(chimekit.APITimeoutError):
        call("audience.find_member", "user_123", timeout=0.05, client={"max_retries": 0})
    assert call("audience.find_member", "user_123")["id"] == "user_123"  # the client's 30 s


@pytest.mark.parametrize("client_class", [ChimeKit, AsyncChimeKit])
def test_with_options_mirrors_the_constructor(client_class: type[Any]) -> None:
    """Every constructor option can be changed by with_options (keyword-only there; not given: kept)."""
    constructor = inspect.signature(client_class)
    copy = inspect.signature(client_class("sk_test").with_options)
    assert list(copy.parameters) == list(constructor.parameters)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in copy.parameters.values())
    ck = client_class("sk_test", base_url="https://api.chimekit.example")
    insecure = ck.with_options(allow_insecure_http=True, base_url="http://sandbox.internal")
    assert insecure.base_url == "http://sandbox.internal"
    with pytest.raises(chimekit.ValidationError, match="base_url"):
        ck.with_options(base_url="http://sandbox.internal")


def test_with_options_takes_every_constructor_option(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": None}))
    with ChimeKit("sk_first", base_url="http://127.0.0.1:9") as ck:
        other = ck.with_options(
            secret_key="sk_second",
            base_url=stub.url,
            timeout=4.0,
            max_retries=0,
            default_headers={"X-Team": "growth"},
        )
        assert other.audience.find_member("user_123") is None
        assert (other.timeout, other.max_retries, other.base_url) == (4.0, 0, stub.url)
        assert (ck.timeout, ck.max_retries, ck.base_url) == (chimekit.DEFAULT_TIMEOUT, 2, "http://127.0.0.1:9")
    headers = stub.seen[0].headers
    assert (headers["Authorization"], headers["X-Team"]) == ("Bearer sk_second", "growth")
    with pytest.raises(chimekit.ValidationError, match="max_retries"):
        ck.with_options(max_retries=-1)


def test_with_options_timeout_none_means_no_timeout_and_a_new_http_client_is_fresh() -> None:
    """``timeout=None`` is "no timeout" in with_options as in the constructor; a copy given its own http_client
    uses it in whatever event loop it is first used, even if the original's pool belonged to another."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"member": None})

    with ChimeKit(SECRET, timeout=5, http_client=httpx.Client(transport=httpx.MockTransport(answer))) as ck:
        unlimited = ck.with_options(timeout=None)
        assert unlimited.timeout is None
        unlimited.audience.find_member("user_123")
        assert seen[-1].extensions["timeout"] == httpx.Timeout(None).as_dict()

    pools = [httpx.AsyncClient(transport=httpx.MockTransport(answer)) for _ in range(2)]
    ack = AsyncChimeKit(SECRET, http_client=pools[0])

    async def first() -> None:
        async with pools[0]:
            await ack.audience.find_member("user_123")

    async def second() -> Any:
        async with pools[1]:
            return await ack.with_options(http_client=pools[1]).audience.find_member("user_123")

    anyio.run(first)
    assert anyio.run(second) is None


def test_raw_responses_sync(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}, {"X-Request-Id": "req_7"}), Reply(204))
    with ChimeKit(SECRET, base_url=stub.url) as ck:
        raw = ck.with_raw_response.audience.find_member("user_123")
        assert (raw.status_code, raw.request_id, raw.headers["x-request-id"]) == (200, "req_7", "req_7")
        assert isinstance(raw.http_response, httpx.Response)
        member = raw.parse()
        assert member is not None
        assert member.display_name == "Ava Example"
        assert raw.parse() is member
        removed = ck.audience.with_raw_response.remove_suppression("user_123", "sup_1")
        assert (removed.status_code, removed.parse()) == (204, None)
        assert ck.with_raw_response.identify.__name__ == "identify"


def test_raw_responses_async(stub: Stub) -> None:
    stub.reply(Reply(200, {"runId": "wr_1", "status": "queued"}, {"X-Request-Id": "req_8"}))

    async def go() -> Any:
        async with AsyncChimeKit(SECRET, base_url=stub.url) as ck:
            first = await ck.with_raw_response.workflow.run("k", external_user_id="u")
            second = await ck.workflow.with_raw_response.run("k", {"externalUserId": "u"})
            return first, second

    first, second = anyio.run(go)
    assert (first.request_id, first.parse().run_id, second.parse()["status"]) == ("req_8", "wr_1", "queued")


def test_status_errors_keep_the_response_and_rate_limits_say_when_to_retry(call: Call, stub: Stub) -> None:
    stub.reply(Reply(429, {"error": "Too many requests"}, {"Retry-After": "120", "X-Request-Id": "req_9"}))
    with pytest.raises(chimekit.RateLimitError) as err:
        call("audience.find_member", "user_123")
    assert err.value.retry_after == 120.0
    assert err.value.response.status_code == 429
    assert err.value.headers["retry-after"] == "120"
    assert err.value.request_id == "req_9"
