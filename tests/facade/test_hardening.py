"""Every failure a user can meet is a ChimeKitError, and the secret key never leaks (issue: hardening)."""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import pickle
import sys
from collections.abc import Callable
from typing import Any

import anyio
import chimekit
import httpx
import pytest
from chimekit import ChimeKit

from .conftest import Call, Reply, Stub
from .test_faults import CONTENT, MEMBER

KEY = "sk_live_0123456789abcdef"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHIMEKIT_SECRET_KEY", raising=False)
    monkeypatch.delenv("CHIMEKIT_BASE_URL", raising=False)


# --- the secret key --------------------------------------------------------------------------------


def test_surrounding_whitespace_is_stripped_from_the_key(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    stub.reply(Reply(200, {"member": None}))
    with ChimeKit(f"  {KEY}\n", base_url=stub.url) as ck:
        ck.audience.find_member("u")
    monkeypatch.setenv("CHIMEKIT_SECRET_KEY", f"{KEY}\r\n")
    with ChimeKit(base_url=stub.url) as ck:
        ck.audience.find_member("u")
    assert [seen.headers["Authorization"] for seen in stub.seen] == [f"Bearer {KEY}"] * 2


@pytest.mark.parametrize(
    "bad",
    [
        f"{KEY[:8]}\n{KEY[8:]}",
        f"{KEY}\x00",
        f"{KEY[:8]} {KEY[8:]}",
        f"{KEY}é",
        f"{KEY[:8]}\u2028{KEY[8:]}",
        f"{KEY}\ud800",
    ],
)
def test_a_key_with_control_or_non_ascii_characters_is_refused_without_showing_it(bad: str) -> None:
    with pytest.raises(chimekit.ValidationError) as err:
        ChimeKit(bad)
    assert err.value.field == "secret_key"
    shown = [str(err.value), repr(err.value), repr(err.value.args), repr(err.value.__dict__)]
    assert not [text for text in shown if KEY[:8] in text]
    with ChimeKit(KEY) as ck, pytest.raises(chimekit.ValidationError):
        ck.with_options(secret_key=bad)


def test_the_key_never_reaches_a_log_record_of_chimekit_httpx_or_httpcore(
    stub: Stub, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx's and httpcore's included
    stub.reply(Reply(503, {"error": "busy"}), Reply(401, {"error": "Unauthorized"}), Reply(200, {"member": MEMBER}))
    with ChimeKit(KEY, base_url=stub.url, max_retries=1) as ck:
        with pytest.raises(chimekit.AuthenticationError):
            ck.audience.find_member("u")
        ck.audience.find_member("u")
    assert {"httpx", "httpcore.http11", "chimekit"} <= {record.name for record in caplog.records}
    texts = [record.getMessage() + repr(record.args) for record in caplog.records]
    assert not [text for text in texts if KEY in text]


def test_a_local_protocol_error_is_not_retried_nor_quoted(sleeps: list[float]) -> None:
    attempts: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        raise httpx.LocalProtocolError(f"Illegal header value b'Bearer {KEY}\\n'")

    with (
        ChimeKit(KEY, http_client=httpx.Client(transport=httpx.MockTransport(refuse))) as ck,
        pytest.raises(chimekit.APIConnectionError) as err,
    ):
        ck.audience.find_member("u")
    assert (len(attempts), sleeps, err.value.sent) == (1, [], False)
    assert KEY not in str(err.value)
    assert err.value.__cause__ is None


# --- base_url and the other settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://127.evil.example.com", "plain http"),
        ("http://localhost.evil.example.com:8787", "plain http"),
        ("https://api.chimekit.com/#frag", "fragment"),
        ("https://api.chimekit.com/?region=eu", "query"),
        ("https://admin:hunter2@api.chimekit.com", "user or password"),
        ("ftp://api.chimekit.com", "http(s)"),
        ("https://", "http(s)"),
    ],
)
def test_a_base_url_that_would_send_requests_elsewhere_is_refused(url: str, says: str) -> None:
    with pytest.raises(chimekit.ValidationError) as err:
        ChimeKit(KEY, base_url=url)
    assert err.value.field == "base_url"
    assert says in str(err.value)
    assert "hunter2" not in str(err.value)


@pytest.mark.parametrize("url", ["http://127.0.0.1:1", "http://127.1.2.3", "http://[::1]:80", "http://localhost:8"])
def test_plain_http_to_a_real_loopback_address_is_allowed(url: str) -> None:
    ChimeKit(KEY, base_url=url).close()


def test_a_base_url_with_the_api_prefix_works(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": None}))
    for suffix in ("/sdk/v1", "/sdk/v1/"):
        with ChimeKit(KEY, base_url=stub.url + suffix) as ck:
            assert ck.base_url == stub.url
            ck.audience.find_member("u")
    assert [seen.raw_path for seen in stub.seen] == ["/sdk/v1/audience/members/u"] * 2


@pytest.mark.parametrize("bad", [-1, "30", float("nan"), True, [5]])
def test_a_bad_timeout_fails_at_construction_and_per_call(bad: Any, stub: Stub) -> None:
    with pytest.raises(chimekit.ValidationError, match="timeout"):
        ChimeKit(KEY, timeout=bad)
    with ChimeKit(KEY, base_url=stub.url) as ck:
        with pytest.raises(chimekit.ValidationError, match="timeout"):
            ck.with_options(timeout=bad)
        with pytest.raises(chimekit.ValidationError, match="timeout"):
            ck.audience.find_member("u", timeout=bad)
    assert stub.seen == []


@pytest.mark.parametrize("forever", [float("inf"), 1e300, httpx.Timeout(float("inf")), httpx.Timeout(5, read=1e300)])
def test_an_endless_timeout_means_no_timeout(forever: Any, stub: Stub) -> None:
    """Infinity or a wait sockets cannot take is no timeout, not an OverflowError (sync and async)."""
    stub.reply(Reply(200, {"member": MEMBER}))
    with ChimeKit(KEY, base_url=stub.url, timeout=forever) as ck:
        assert ck.audience.find_member("u") == MEMBER
        assert ck.audience.find_member("u", timeout=forever) == MEMBER
        assert ck.with_options(timeout=forever).audience.find_member("u") == MEMBER

    async def go() -> None:
        async with chimekit.AsyncChimeKit(KEY, base_url=stub.url, timeout=forever) as ack:
            assert await ack.audience.find_member("u", timeout=forever) == MEMBER

    anyio.run(go)
    assert len(stub.seen) == 4


HUGE = 10**5000


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda ck: ck.identify("u", attributes={"n": HUGE}), "attributes.n"),
        (lambda ck: ck.identify("u", {"attributes": {"list": [1, -HUGE]}}), "attributes.list[1]"),
        (lambda ck: ck.workflow.run("k", external_user_id="u", context={"deep": {"n": HUGE}}), "context.deep.n"),
        (lambda ck: ck.messages.list_messages_for_user("u", limit=HUGE), "limit"),
        (lambda ck: ck.identify("u", extra_body={"n": HUGE}), "extra_body.n"),
        (lambda ck: ck.identify("u", extra_body={"b": b"bytes"}), "extra_body.b"),
        (lambda ck: ck.identify("u", extra_body={"s": {1, 2}}), "extra_body.s"),
        (lambda ck: ck.identify("u", extra_body={"x": float("nan")}), "extra_body.x"),
        (lambda ck: ck.identify("u", extra_body={(1, 2): 1}), "extra_body"),
        (lambda ck: ck.identify("u", extra_body={"d": {"k": object()}}), "extra_body.d.k"),
        (lambda ck: ck.audience.find_member("u", extra_query={"q": b"bytes"}), "extra_query.q"),
        (lambda ck: ck.audience.find_member("u", extra_query={"q": [1, {2}]}), "extra_query.q"),
        (lambda ck: ck.audience.find_member("u", extra_query={"q": float("inf")}), "extra_query.q"),
    ],
)
def test_input_json_cannot_carry_is_refused_naming_the_field(call: Call, field: str, stub: Stub) -> None:
    with ChimeKit(KEY, base_url=stub.url) as ck, pytest.raises(chimekit.ValidationError) as err:
        call(ck)
    assert err.value.field == field
    assert stub.seen == []


@pytest.mark.parametrize("headers", [{"X-Team": "a\r\nX-Injected: 1"}, {"X Team": "a"}, {"X-Team": 5}, {"X-Team": "é"}])
def test_bad_headers_are_refused_before_anything_is_sent(headers: Any, stub: Stub) -> None:
    with pytest.raises(chimekit.ValidationError, match="default_headers"):
        ChimeKit(KEY, base_url=stub.url, default_headers=headers)
    with ChimeKit(KEY, base_url=stub.url) as ck, pytest.raises(chimekit.ValidationError, match="extra_headers"):
        ck.audience.find_member("u", extra_headers=headers)
    assert stub.seen == []


# --- answers that would escape as raw exceptions -------------------------------------------------------


def _nested_json(levels: int) -> str:
    return '{"member": ' + '{"a": ' * levels + "1" + "}" * levels + "}"


@pytest.mark.parametrize("status", [200, 400, 500])
def test_an_answer_nested_too_deep_is_a_chimekit_error(call: Call, stub: Stub, status: int) -> None:
    stub.reply(Reply(status, raw=_nested_json(100_000)))
    with pytest.raises(chimekit.ChimeKitError) as err:
        call("audience.find_member", "u", client={"max_retries": 0})
    assert isinstance(err.value, chimekit.APIResponseValidationError if status == 200 else chimekit.APIStatusError)


def test_a_deep_answer_is_a_chimekit_error_however_deep_the_callers_stack() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text=_nested_json(300)))
    ck = ChimeKit(KEY, http_client=httpx.Client(transport=transport))
    limit = sys.getrecursionlimit()

    def deep(depth: int) -> Any:
        return ck.audience.find_member("u") if depth == 0 else deep(depth - 1)

    for depth in (0, limit // 2, limit - 150):
        try:
            member = deep(depth)
        except chimekit.ChimeKitError:
            continue
        assert member is not None
        assert member.to_dict()["a"]["a"]  # a deep answer, once decoded, copies without recursion


def test_a_broken_content_encoding_is_a_chimekit_error(call: Call, stub: Stub) -> None:
    stub.reply(Reply(200, raw="not gzip at all", headers={"Content-Encoding": "gzip"}))
    with pytest.raises(chimekit.APIConnectionError, match="DecodingError") as err:
        call("audience.find_member", "u")
    assert err.value.sent is True
    assert len(stub.seen) == 1  # not retried: it would not mend


def test_a_redirect_loop_through_your_own_client_is_a_chimekit_error() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(302, headers={"Location": str(request.url)}))
    http = httpx.Client(transport=transport, follow_redirects=True)
    with ChimeKit(KEY, http_client=http) as ck, pytest.raises(chimekit.APIConnectionError, match="TooManyRedirects"):
        ck.audience.find_member("u")


# --- exceptions pickle ---------------------------------------------------------------------------------


def _errors(stub: Stub) -> list[chimekit.ChimeKitError]:
    errors: list[chimekit.ChimeKitError] = []
    stub.reply(
        Reply(404, {"error": "member not found"}, {"X-Request-Id": "req_1"}),
        Reply(429, {"error": "slow down"}, {"Retry-After": "90"}),
        Reply(200, {"member": {**MEMBER, "id": 5}}),
    )
    calls: list[Callable[[ChimeKit], Any]] = [
        lambda ck: ck.audience.list_suppressions("u"),
        lambda ck: ck.audience.find_member("u"),
        lambda ck: ck.audience.find_member("u"),
        lambda ck: ck.audience.find_member(".."),
        lambda ck: ck.with_options(base_url="http://127.0.0.1:9").audience.find_member("u"),
        lambda ck: ck.with_options(timeout=0.000001).audience.find_member("u"),
    ]
    with ChimeKit(KEY, base_url=stub.url, max_retries=0) as ck:
        for make in calls:
            with pytest.raises(chimekit.ChimeKitError) as err:
                make(ck)
            errors.append(err.value)
    return errors


def test_every_chimekit_error_survives_pickling(stub: Stub) -> None:
    errors = _errors(stub)
    assert [type(e).__name__ for e in errors] == [
        "NotFoundError",
        "RateLimitError",
        "APIResponseValidationError",
        "ValidationError",
        "APIConnectionError",
        "APITimeoutError",
    ]
    for error in errors:
        clone = pickle.loads(pickle.dumps(error))
        assert type(clone) is type(error)
        assert str(clone) == str(error)
        public = {k: v for k, v in vars(error).items() if k not in ("response", "headers")}
        assert {k: v for k, v in vars(clone).items() if k in public} == public
    not_found = pickle.loads(pickle.dumps(errors[0]))
    assert (not_found.status_code, not_found.request_id, not_found.response.status_code) == (404, "req_1", 404)
    assert pickle.loads(pickle.dumps(errors[1])).retry_after == 90.0


def _find_in_a_worker(url: str) -> Any:
    with ChimeKit(KEY, base_url=url, max_retries=0) as ck:
        return ck.audience.list_suppressions("u")


def test_an_error_raised_in_a_process_pool_reaches_the_parent_as_itself(stub: Stub) -> None:
    stub.reply(Reply(404, {"error": "member not found"}))
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        future = pool.submit(_find_in_a_worker, stub.url)
        with pytest.raises(chimekit.NotFoundError) as err:
            future.result(timeout=30)
    assert (err.value.status_code, err.value.message) == (404, "member not found")


# --- a send that timed out ------------------------------------------------------------------------------


def test_a_timed_out_send_says_it_may_have_gone_out(call: Call, stub: Stub) -> None:
    stub.reply(Reply(200, {}, fault="stall"))
    with pytest.raises(chimekit.APITimeoutError) as err:
        call("messages.send_message", "u", CONTENT, client={"timeout": 0.1})
    assert err.value.sent is True
    assert "the request was sent: the server may have acted on it" in str(err.value)
    assert len(stub.seen) == 1


def test_a_send_that_never_connected_says_it_did_not_go_out(call: Call, sleeps: list[float]) -> None:
    with pytest.raises(chimekit.APIConnectionError) as err:
        call("messages.send_message", "u", CONTENT, client={"base_url": "http://127.0.0.1:9"})
    assert err.value.sent is False
    assert "may have acted" not in str(err.value)
    assert len(sleeps) == 2  # and so it was retried
