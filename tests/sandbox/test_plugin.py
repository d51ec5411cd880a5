"""The pytest plugin and the package's import surface."""

from __future__ import annotations

import subprocess
import sys
import time

import chimekit_sandbox
import httpx
import pytest
from chimekit import AsyncChimeKit, ChimeKit
from chimekit_sandbox import RunningSandbox


def test_fixture_gives_a_fresh_authorised_sandbox(chimekit_sandbox: RunningSandbox) -> None:
    assert chimekit_sandbox.url.startswith("http://127.0.0.1:")
    assert not chimekit_sandbox.url.endswith("/sdk/v1")
    assert chimekit_sandbox.secret_key not in repr(chimekit_sandbox)
    headers = {"Authorization": f"Bearer {chimekit_sandbox.secret_key}"}
    response = httpx.get(chimekit_sandbox.url + "/sdk/v1/audience/members/user_123", headers=headers)
    assert response.json() == {"member": None}  # nothing leaks in from other tests
    httpx.post(
        chimekit_sandbox.url + "/sdk/v1/audience/identify", json={"externalUserId": "user_123"}, headers=headers
    ).raise_for_status()


def test_fixture_state_is_per_test(chimekit_sandbox: RunningSandbox) -> None:
    # The previous test identified user_123 in its own sandbox.
    headers = {"Authorization": f"Bearer {chimekit_sandbox.secret_key}"}
    response = httpx.get(chimekit_sandbox.url + "/sdk/v1/audience/members/user_123", headers=headers)
    assert response.json() == {"member": None}


def test_chimekit_client_fixture(chimekit_client: ChimeKit, chimekit_sandbox: RunningSandbox) -> None:
    assert isinstance(chimekit_client, ChimeKit)
    chimekit_client.identify("user_1", {"displayName": "Ava"})
    headers = {"Authorization": f"Bearer {chimekit_sandbox.secret_key}"}
    response = httpx.get(chimekit_sandbox.url + "/sdk/v1/audience/members/user_1", headers=headers)
    assert response.json()["member"]["displayName"] == "Ava"  # the client talks to the test's sandbox


def test_running_context_manager_starts_fast_and_stops() -> None:
    started = time.perf_counter()
    with chimekit_sandbox.running(secret_key="sk_given") as sandbox:
        startup = time.perf_counter() - started
        assert sandbox.secret_key == "sk_given"
        headers = {"Authorization": "Bearer sk_given"}
        assert httpx.get(sandbox.url + "/sdk/v1/messages/msg_1", headers=headers).status_code == 404
    assert startup < 5  # typically a few milliseconds
    with pytest.raises(httpx.ConnectError):
        httpx.get(sandbox.url + "/sdk/v1/messages/msg_1")


def test_loading_the_plugin_imports_neither_the_server_nor_the_sdk() -> None:
    """Every pytest run of a project with chimekit-sandbox installed loads the plugin: it must cost nothing."""
    heavy = ("uvicorn", "chimekit", "httpx", "yaml", "jsonschema_rs")
    code = (
        "import sys, chimekit_sandbox, chimekit_sandbox.pytest_plugin\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.chimekit_seed("docs")
def test_the_seed_marker_seeds_the_tests_sandbox(chimekit_client: ChimeKit) -> None:
    member = chimekit_client.audience.find_member("user_123")
    assert member is not None
    assert member["displayName"] == "Ava Example"


def test_without_the_marker_the_sandbox_is_empty(chimekit_client: ChimeKit) -> None:
    assert chimekit_client.audience.find_member("user_123") is None


@pytest.mark.anyio
@pytest.mark.chimekit_seed("docs")
async def test_the_async_client_fixture(chimekit_async_client: AsyncChimeKit, chimekit_sandbox: RunningSandbox) -> None:
    assert isinstance(chimekit_async_client, AsyncChimeKit)
    run = await chimekit_async_client.workflow.get_run("wr_123")
    assert run["status"] == "queued"
