"""What must not cross a boundary: the key inside pickles, connections across fork() and event loops, the key
to an environment proxy; and a closed client, raced or not, fails as a ChimeKitError."""

from __future__ import annotations

import asyncio
import gc
import os
import pickle
import threading
import warnings
from typing import Any

import anyio
import chimekit
import httpx
import pytest
from chimekit import AsyncChimeKit, ChimeKit

from .conftest import Reply, Stub
from .test_faults import MEMBER

KEY = "sk_live_0123456789abcdef"
TOKEN = "tok_team_secret_42"


# --- pickles ----------------------------------------------------------------------------------------------


def test_pickled_errors_and_results_hold_no_credential_and_keep_their_fields(stub: Stub, sleeps: list[float]) -> None:
    stub.reply(
        Reply(404, {"error": "member not found"}, headers={"X-Request-Id": "req_1"}),
        Reply(429, {"error": "slow down"}, headers={"Retry-After": "120"}),
        Reply(200, {"member": {**MEMBER, "id": 7}}),
        Reply(200, {"member": MEMBER}),
    )
    errors: list[chimekit.ChimeKitError] = []
    with ChimeKit(KEY, base_url=stub.url, default_headers={"X-Team-Token": TOKEN}) as ck:
        for _ in range(3):
            with pytest.raises(chimekit.ChimeKitError) as err:
                ck.audience.find_member("u")
            errors.append(err.value)
        member = ck.audience.find_member("u")
    with ChimeKit(KEY, base_url="http://127.0.0.1:9", max_retries=0) as down:
        with pytest.raises(chimekit.APIConnectionError) as refused:
            down.messages.send_message("u", content={"templateId": "t"})
        errors.append(refused.value)
    for original in [*errors, member]:
        data = pickle.dumps(original)
        assert KEY.encode() not in data, type(original)
        assert TOKEN.encode() not in data, type(original)
        copy = pickle.loads(data)
        assert type(copy) is type(original)
        assert str(copy) == str(original)
    not_found, limited, invalid, connection = (pickle.loads(pickle.dumps(e)) for e in errors)
    assert isinstance(errors[0], chimekit.NotFoundError)
    assert (not_found.status_code, not_found.message, not_found.request_id) == (404, "member not found", "req_1")
    assert not_found.response.status_code == 404
    assert not_found.response.json() == {"error": "member not found"}
    assert not_found.response.request.url == errors[0].response.request.url  # the request: method and URL only
    assert "authorization" not in not_found.response.request.headers
    assert (limited.status_code, limited.retry_after) == (429, 120.0)
    assert isinstance(invalid, chimekit.APIResponseValidationError)
    assert invalid.path == "member.id"
    assert connection.sent is False
    assert pickle.loads(pickle.dumps(member)) == MEMBER


# --- fork() and event loops --------------------------------------------------------------------------------


def _in_child(run: Any) -> int:
    """``run()`` in a forked child; its exit status (0: run returned True)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        try:
            code = 0 if run() else 1
        except BaseException:
            code = 2
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_never_uses_the_parents_connections(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}))
    with ChimeKit(KEY, base_url=stub.url) as ck:
        ck.audience.find_member("parent")  # a kept-alive connection in the pool
        parent_port = stub.seen[-1].port

        def child() -> bool:
            return ck.audience.find_member("child") is not None

        assert _in_child(child) == 0
        assert [seen.port for seen in stub.seen if seen.raw_path.endswith("/child")] != [parent_port]
        ck.audience.find_member("parent")  # the parent keeps its own
        assert stub.seen[-1].port == parent_port


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_never_uses_the_parents_async_connections(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}))
    ck = AsyncChimeKit(KEY, base_url=stub.url)
    anyio.run(ck.audience.find_member, "parent")
    parent_port = stub.seen[-1].port

    def child() -> bool:
        return anyio.run(ck.audience.find_member, "child") is not None

    assert _in_child(child) == 0
    assert [seen.port for seen in stub.seen if seen.raw_path.endswith("/child")] != [parent_port]


def test_an_async_client_survives_several_event_loops(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}))
    ck = AsyncChimeKit(KEY, base_url=stub.url)
    with warnings.catch_warnings():
        # The connections of a closed loop cannot be closed any more; Python reports them when it collects them
        # (a ResourceWarning, ignored by default).
        warnings.simplefilter("ignore", ResourceWarning)
        for _ in range(3):  # each asyncio.run() closes its loop; the pool's connections belonged to it
            assert asyncio.run(ck.audience.find_member("u")) == MEMBER
        asyncio.run(ck.close())
        gc.collect()
    with pytest.raises(chimekit.ChimeKitError, match="closed"):
        asyncio.run(ck.audience.find_member("u"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_client_you_passed_in_is_refused_in_a_forked_child(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}))
    with httpx.Client() as http, ChimeKit(KEY, base_url=stub.url, http_client=http) as ck:
        ck.audience.find_member("parent")

        def child() -> bool:
            try:
                ck.audience.find_member("child")
            except chimekit.ChimeKitError as exc:
                return "another process" in str(exc)
            return False

        assert _in_child(child) == 0
    assert not [seen for seen in stub.seen if seen.raw_path.endswith("/child")]


# --- proxies -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"])
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_loopback_server_is_reached_directly_not_through_an_environment_proxy(
    variable: str, flavour: str, stub: Stub, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = Stub()
    proxy.thread.start()
    try:
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv(variable, proxy.url)
        stub.reply(Reply(200, {"member": MEMBER}))
        for base_url in (stub.url, stub.url.replace("127.0.0.1", "localhost")):
            if flavour == "sync":
                with ChimeKit(KEY, base_url=base_url) as ck:
                    ck.audience.find_member("u")
            else:

                async def go(url: str = base_url) -> None:
                    async with AsyncChimeKit(KEY, base_url=url) as ck:
                        await ck.audience.find_member("u")

                anyio.run(go)
        assert proxy.seen == []  # the key never went to the proxy
        assert len(stub.seen) == 2
    finally:
        proxy.server.shutdown()
        proxy.server.server_close()


# --- a closed client ---------------------------------------------------------------------------------------


def test_a_call_after_close_is_a_chimekit_error(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}))
    never_used = ChimeKit(KEY, base_url=stub.url)
    never_used.close()
    with pytest.raises(chimekit.ChimeKitError, match="closed"):
        never_used.audience.find_member("u")
    used = ChimeKit(KEY, base_url=stub.url)
    used.audience.find_member("u")
    used.close()
    with pytest.raises(chimekit.ChimeKitError, match="closed"):
        used.messages.send_message("u", content={"templateId": "t"})

    async def go() -> None:
        async_client = AsyncChimeKit(KEY, base_url=stub.url)
        await async_client.close()
        with pytest.raises(chimekit.ChimeKitError, match="closed"):
            await async_client.audience.find_member("u")

    anyio.run(go)


def test_calls_racing_close_in_eight_threads_end_as_results_or_chimekit_errors(stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}))
    for _ in range(5):
        ck = ChimeKit(KEY, base_url=stub.url, max_retries=0)
        outcomes: list[object] = []
        start = threading.Barrier(9)

        def work(client: ChimeKit = ck, seen: list[object] = outcomes, barrier: threading.Barrier = start) -> None:
            barrier.wait()
            for _ in range(30):
                try:
                    seen.append(client.audience.find_member("u"))
                except Exception as exc:
                    seen.append(exc)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        start.wait()
        ck.close()
        for thread in threads:
            thread.join()
        strays = [o for o in outcomes if isinstance(o, Exception) and not isinstance(o, chimekit.ChimeKitError)]
        assert not strays, strays[:3]
        assert len(outcomes) == 240
