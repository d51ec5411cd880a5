"""Configuration, auth headers, client ownership, logging, and the secret never leaking."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from typing import Any

import chimekit
import httpx
import pytest
from chimekit import AsyncChimeKit, ChimeKit

from .conftest import SECRET, Reply, Stub


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHIMEKIT_SECRET_KEY", raising=False)
    monkeypatch.delenv("CHIMEKIT_BASE_URL", raising=False)


def test_no_secret_key_is_a_clear_error_at_construction() -> None:
    with pytest.raises(chimekit.ChimeKitError, match="CHIMEKIT_SECRET_KEY"):
        ChimeKit()
    with pytest.raises(chimekit.ChimeKitError, match="CHIMEKIT_SECRET_KEY"):
        AsyncChimeKit(secret_key="")


def test_defaults_and_environment_fallbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    with ChimeKit(SECRET) as ck:
        assert ck.base_url == "https://api.chimekit.com"
        assert ck.timeout == httpx.Timeout(30, connect=5)
        assert ck.max_retries == 2
    monkeypatch.setenv("CHIMEKIT_SECRET_KEY", SECRET)
    monkeypatch.setenv("CHIMEKIT_BASE_URL", "https://eu.chimekit.example/")
    with ChimeKit() as ck:
        assert ck.base_url == "https://eu.chimekit.example"


@pytest.mark.parametrize("url", ["http://api.chimekit.com", "http://10.0.0.5:8080", "ftp://x", "api.chimekit.com"])
def test_plain_http_to_a_remote_host_or_a_bad_url_is_refused(url: str) -> None:
    with pytest.raises(chimekit.ValidationError, match="base_url"):
        ChimeKit(SECRET, base_url=url)


def test_plain_http_is_allowed_to_loopback_or_when_asked() -> None:
    for url in ["http://localhost:8000", "http://127.0.0.1:1", "http://[::1]:80"]:
        ChimeKit(SECRET, base_url=url).close()
    ChimeKit(SECRET, base_url="http://sandbox.internal", allow_insecure_http=True).close()


def test_requests_carry_bearer_auth_user_agent_and_default_headers(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": None}))
    with ChimeKit(SECRET, base_url=stub.url, default_headers={"X-Tenant": "t1"}) as ck:
        ck.audience.find_member("user_123")
    headers = stub.seen[0].headers
    assert headers["Authorization"] == f"Bearer {SECRET}"
    assert headers["User-Agent"].startswith(f"chimekit-python/{chimekit.__version__} ")
    assert headers["X-Tenant"] == "t1"


def test_no_header_goes_on_the_wire_twice_whatever_its_case_and_layer(stub: Stub) -> None:
    """The SDK's headers, default_headers, with_options, a user http_client's own and extra_headers merge by name
    in any case; a later layer replaces an earlier one (a user Authorization replaces the key's)."""
    stub.reply(Reply(200, {"member": None}))
    user_agent = {"user-agent": "mine/1", "X-A": "1", "x-a": "2"}
    with ChimeKit(SECRET, base_url=stub.url, default_headers=user_agent) as ck:
        ck.audience.find_member("u")
        ck.audience.find_member("u", extra_headers={"USER-AGENT": "call/3", "authorization": "Bearer other"})
        ck.with_options(default_headers={"AUTHORIZATION": "Bearer copy"}).audience.find_member("u")
    http = httpx.Client(headers={"user-agent": "pool/1", "X-Pool": "p"})
    with http, ChimeKit(SECRET, base_url=stub.url, http_client=http) as ck:
        ck.audience.find_member("u", extra_headers={"x-pool": "call"})
    for seen in stub.seen:
        names = [name.lower() for name, _ in seen.header_list]
        assert len(names) == len(set(names)), seen.header_list
    first, call, copy, pool = ({name.lower(): value for name, value in s.header_list} for s in stub.seen)
    assert (first["user-agent"], first["x-a"], first["authorization"]) == ("mine/1", "2", f"Bearer {SECRET}")
    assert (call["user-agent"], call["authorization"]) == ("call/3", "Bearer other")
    assert copy["authorization"] == "Bearer copy"
    assert pool["user-agent"].startswith("chimekit-python/")  # the SDK's own headers replace the pool's
    assert pool["x-pool"] == "call"


def test_a_user_supplied_http_client_is_used_and_left_open() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": None})

    http = httpx.Client(transport=httpx.MockTransport(handler), timeout=7)
    with ChimeKit(SECRET, http_client=http) as ck:
        assert ck.timeout == httpx.Timeout(7)
        assert ck.audience.delete_member("user_123") is None
    assert not http.is_closed
    assert str(seen[0].url) == "https://api.chimekit.com/sdk/v1/audience/members/user_123"
    http.close()


def test_a_user_http_client_s_own_settings_reach_the_wire_as_httpx_would_send_them() -> None:
    """Its headers (also when changed after the ChimeKit client was made), cookies, query parameters, timeout
    and event hooks, under the SDK's headers and the call's options."""
    seen: list[httpx.Request] = []
    hooked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": None})

    http = httpx.Client(
        transport=httpx.MockTransport(answer),
        headers={"X-Pool": "p"},
        cookies={"session": "s1"},
        params={"tenant": "t1"},
        timeout=7,
        event_hooks={"request": [lambda request: hooked.append(request.url.path)]},
    )
    with http, ChimeKit(SECRET, http_client=http) as ck:
        ck.audience.delete_member("user_123")
        http.headers["X-Pool"] = "changed"
        http.headers["X-Later"] = "l"
        ck.audience.delete_member("user_123", timeout=2, extra_headers={"x-later": "call"})
    first, second = seen
    assert first.headers["X-Pool"] == "p"
    assert first.headers["Cookie"] == "session=s1"
    assert first.headers["Authorization"] == f"Bearer {SECRET}"
    assert first.url.params["tenant"] == "t1"
    assert first.extensions["timeout"] == httpx.Timeout(7).as_dict()
    assert (second.headers["X-Pool"], second.headers["X-Later"]) == ("changed", "call")
    assert second.extensions["timeout"] == httpx.Timeout(2).as_dict()
    assert hooked == ["/sdk/v1/audience/members/user_123"] * 2


def test_the_secret_never_appears_in_repr_str_exceptions_or_logs(stub: Stub, caplog: pytest.LogCaptureFixture) -> None:
    stub.reply(Reply(401, {"error": "Unauthorized"}))
    caplog.set_level(logging.DEBUG, logger="chimekit")
    with ChimeKit(SECRET, base_url=stub.url, max_retries=0) as ck:
        texts = [repr(ck), str(ck), repr(ck.audience), repr(ck._headers), repr(ck.with_options(max_retries=1))]
        with pytest.raises(chimekit.AuthenticationError) as err:
            ck.audience.find_member("user_123")
        texts += [str(err.value), repr(err.value), repr(err.value.__dict__)]
    assert err.value.message.startswith("Unauthorized: the server refused the secret key (secret_key= or")
    texts += [record.getMessage() for record in caplog.records]
    assert any("GET /sdk/v1/audience/members/user_123 -> 401" in t for t in texts)
    assert not [t for t in texts if SECRET in t]


def test_chimekit_log_debug_logs_method_path_status_and_retries_to_stderr() -> None:
    code = (
        "import httpx, chimekit\n"
        "replies = iter([503, 200])\n"
        "t = httpx.MockTransport(lambda r: httpx.Response(next(replies), json={'member': None}))\n"
        "chimekit._base_client._sleep = lambda s: None\n"
        "ck = chimekit.ChimeKit('sk_live_zzz', http_client=httpx.Client(transport=t))\n"
        "ck.audience.find_member('user_123')\n"
    )
    env = {**os.environ, "CHIMEKIT_LOG": "debug"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "GET /sdk/v1/audience/members/user_123 -> 503" in out.stderr
    assert "retrying in" in out.stderr
    assert "GET /sdk/v1/audience/members/user_123 -> 200" in out.stderr
    assert "sk_live_zzz" not in out.stderr


def test_chimekit_log_info_logs_one_line_per_call_with_its_request_id() -> None:
    code = (
        "import httpx, chimekit\n"
        "replies = iter([503, 200, 404])\n"
        "def answer(r):\n"
        "    return httpx.Response(next(replies), json={'member': None}, headers={'X-Request-Id': 'req_7'})\n"
        "chimekit._base_client._sleep = lambda s: None\n"
        "ck = chimekit.ChimeKit('sk_live_zzz', http_client=httpx.Client(transport=httpx.MockTransport(answer)))\n"
        "ck.audience.find_member('user_123')\n"
        "try: ck.audience.find_member('user_404')\n"
        "except chimekit.NotFoundError: pass\n"
    )
    env = {**os.environ, "CHIMEKIT_LOG": "info"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    lines = out.stderr.splitlines()
    assert len(lines) == 2, lines  # one per call, not per attempt
    assert "INFO GET /sdk/v1/audience/members/user_123 -> 200 in " in lines[0]
    assert lines[0].endswith(", request id req_7, 1 retry")
    assert "GET /sdk/v1/audience/members/user_404 -> 404 in " in lines[1]
    assert "sk_live_zzz" not in out.stderr


def test_log_records_carry_the_values_as_attributes(stub: Stub, caplog: pytest.LogCaptureFixture) -> None:
    """For JSON formatters: each value of the line is also an attribute of the record."""
    stub.reply(Reply(200, {"member": None}, headers={"X-Request-Id": "req_9"}))
    caplog.set_level(logging.INFO, logger="chimekit")
    with ChimeKit(SECRET, base_url=stub.url) as ck:
        ck.audience.find_member("user_123")
    (record,) = [r for r in caplog.records if r.name == "chimekit"]
    values = {
        name: getattr(record, name) for name in ("http_method", "url_path", "status_code", "request_id", "retries")
    }
    assert values == {
        "http_method": "GET",
        "url_path": "/sdk/v1/audience/members/user_123",
        "status_code": 200,
        "request_id": "req_9",
        "retries": 0,
    }
    assert getattr(record, "duration_ms") > 0  # noqa: B009 (an attribute added through `extra`)


def test_importing_chimekit_does_not_import_the_generated_models() -> None:
    code = "import sys, chimekit; print('chimekit_api.models' in sys.modules, 'attrs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_with_options_and_close_do_not_close_a_shared_pool(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": None}))
    ck = ChimeKit(SECRET, base_url=stub.url)
    with ck.with_options(timeout=1.0) as copy:
        copy.audience.find_member("a")
    assert ck.audience.find_member("b") is None
    ck.close()
    with pytest.raises(chimekit.ChimeKitError, match="closed"):  # not httpx's RuntimeError
        ck.audience.find_member("c")


@pytest.mark.anyio
async def test_async_context_manager_closes_its_pool(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": None}))
    async with AsyncChimeKit(SECRET, base_url=stub.url) as ck:
        assert await ck.audience.find_member("a") is None
    assert ck._http.is_closed


@pytest.mark.parametrize("bad", [-1, "2", True, None])
def test_max_retries_must_be_a_non_negative_integer(bad: Any) -> None:
    with pytest.raises(chimekit.ValidationError, match="max_retries"):
        ChimeKit(SECRET, max_retries=bad)
