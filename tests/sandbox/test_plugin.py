"""The pytest plugin and the package's import surface."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import chimekit
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


LOOP_SCOPE = ["-o", "asyncio_default_fixture_loop_scope=function"]  # pytest-asyncio warns when it is not set
A_USERS_TESTS = """
import pytest
from chimekit import AsyncChimeKit, ChimeKit


def test_sync(chimekit_client: ChimeKit) -> None:
    chimekit_client.identify("u1", display_name="Ava")


@pytest.mark.{mark}
async def test_async(chimekit_async_client: AsyncChimeKit) -> None:
    await chimekit_async_client.identify("u2", display_name="Bo")
    assert (await chimekit_async_client.audience.find_member("u2")).display_name == "Bo"
    sent = await chimekit_async_client.messages.send_message("u2", content={{"in_app": {{"title": "Hi"}}}})
    assert (await chimekit_async_client.messages.get_message(sent.message.id)).recipient.display_name == "Bo"


@pytest.mark.chimekit_seed("seeds/mine.yaml")
def test_a_seed_path_is_relative_to_the_test_file(chimekit_client: ChimeKit) -> None:
    assert chimekit_client.audience.find_member("seeded").display_name == "From the test's folder"
"""


@pytest.mark.parametrize(
    ("runner", "mark"),
    [
        (["-p", "asyncio", "-p", "no:anyio", *LOOP_SCOPE, "-o", "asyncio_mode=strict"], "asyncio"),
        (["-p", "asyncio", "-p", "no:anyio", *LOOP_SCOPE, "-o", "asyncio_mode=auto"], "asyncio"),
        (["-p", "no:asyncio", "-p", "anyio"], "anyio"),
    ],
    ids=["pytest-asyncio-strict", "pytest-asyncio-auto", "anyio"],
)
def test_the_fixtures_work_with_every_async_runner_from_any_folder(
    runner: list[str], mark: str, tmp_path: Path
) -> None:
    """A user's project: the async client fixture under pytest-asyncio (strict, the default, and auto) and
    anyio; a seed file given to the marker is found next to the test file, whatever folder pytest runs in."""
    project = tmp_path / "project"
    (project / "tests" / "seeds").mkdir(parents=True)
    (project / "tests" / "test_app.py").write_text(A_USERS_TESTS.format(mark=mark))
    (project / "tests" / "seeds" / "mine.yaml").write_text(
        "members:\n  - {externalUserId: seeded, displayName: From the test's folder}\n"
    )
    options = ["-q", "-p", "no:cacheprovider", "-W", "error"]
    for folder, target in ((project, "tests"), (project / "tests", "."), (tmp_path, "project/tests/test_app.py")):
        done = subprocess.run(
            [sys.executable, "-m", "pytest", *options, *runner, target],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, (folder, done.stdout + done.stderr)
        assert "3 passed" in done.stdout, done.stdout


@pytest.fixture
def chimekit_rate_limit() -> int:
    return 5


def test_the_rate_limit_fixture_sets_the_sandboxs_limit(chimekit_client: ChimeKit) -> None:
    once = chimekit_client.with_options(max_retries=0)
    refused: list[chimekit.RateLimitError] = []
    for _ in range(8):
        try:
            once.audience.find_member("nobody")
        except chimekit.RateLimitError as exc:
            refused.append(exc)
    assert len(refused) >= 3  # five a second at most (a new second may begin meanwhile)
    assert {(exc.retry_after, exc.message) for exc in refused} == {(1.0, "Too many requests")}
