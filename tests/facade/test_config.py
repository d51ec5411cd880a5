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


def test_the_secret_never_appears_in_repr_str_exceptions_or_logs(stub: Stub, caplog: pytest.LogCaptureFixture) -> None:
    stub.reply(Reply(401, {"error": "Unauthorized"}))
    caplog.set_level(logging.DEBUG, logger="chimekit")
    with ChimeKit(SECRET, base_url=stub.url, max_retries=0) as ck:
        texts = [repr(ck), str(ck), repr(ck.audience), repr(ck._headers), repr(ck.with_options(max_retries=1))]
        with pytest.raises(chimekit.AuthenticationError) as err:
            ck.audience.find_member("user_123")
        texts += [str(err.value), repr(err.value), repr(err.value.__dict__)]
    texts += [record.getMessage() for record in caplog.records]
    assert any("GET /sdk/v1/audience/members/user_123 -> 401" in t for t in texts)
    assert not [t for t in texts if SECRET in t]


def test_chimekit_log_debug_logs_method_path_status_and_retries_to_stderr() -> None:
    code = (
        "import httpx, chimekit\n"
        "replies = iter([503, 200])\n"
        "t = httpx.MockTransport(lambda r: httpx.Response(next(replies), json={'member': None}))\n"
        "chimekit._client._sleep = lambda s: None\n"
        "ck = chimekit.ChimeKit('sk_live_zzz', http_client=httpx.Client(transport=t))\n"
        "ck.audience.find_member('user_123')\n"
    )
    env = {**os.environ, "CHIMEKIT_LOG": "debug"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "GET /sdk/v1/audience/members/user_123 -> 503" in out.stderr
    assert "retrying in" in out.stderr
    assert "GET /sdk/v1/audience/members/user_123 -> 200" in out.stderr
    assert "sk_live_zzz" not in out.stderr


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
    with pytest.raises(RuntimeError):
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
