"""The pytest plugin and the package's import surface."""

from __future__ import annotations

import importlib
import subprocess
import sys
import time
from pathlib import Path

import chimekit_sandbox
import httpx
import pytest
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


def test_chimekit_client_fixture(request: pytest.FixtureRequest) -> None:
    facade = importlib.import_module("chimekit")
    if not hasattr(facade, "ChimeKit"):
        pytest.skip("the chimekit facade (ChimeKit) has not landed yet")
    client = request.getfixturevalue("chimekit_client")
    assert isinstance(client, facade.ChimeKit)


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


BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("starlette", "uvicorn", "jsonschema_rs"):
            raise ImportError(f"blocked: {name}")
        return None
sys.meta_path.insert(0, Block())
"""


def test_plugin_and_package_import_without_the_sandbox_extra(tmp_path: Path) -> None:
    """pytest (with this plugin auto-loaded) works without the sandbox extra (uvicorn, jsonschema_rs)."""
    (tmp_path / "test_trivial.py").write_text("def test_ok():\n    pass\n")
    code = BLOCKER + (
        "import chimekit_sandbox, chimekit_sandbox.pytest_plugin, pytest\n"
        f"sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '-p', 'no:schemathesis', {str(tmp_path)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
