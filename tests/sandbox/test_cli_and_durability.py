"""The CLI as a real process: startup output, kill -9 durability, concurrent upserts, the example."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from chimekit_sandbox import RunningSandbox

from ._cli import cli, start_cli, stop
from .conftest import SSL_CONTEXT

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk_test_cli_secret_value"


def client(url: str, key: str = KEY) -> httpx.Client:
    return httpx.Client(
        base_url=url + "/sdk/v1", headers={"Authorization": f"Bearer {key}"}, timeout=10, verify=SSL_CONTEXT
    )


def test_port_0_prints_the_real_url_and_never_a_given_secret() -> None:
    with cli(["--secret-key", KEY]) as sandbox:
        assert sandbox.url.startswith("http://127.0.0.1:")
        assert not sandbox.url.endswith(":0")
        with client(sandbox.url) as api:
            assert api.get("/audience/members/u").json() == {"member": None}
            assert api.get("/audience/members/u", headers={"Authorization": "Bearer nope"}).status_code == 401
    output = "".join(sandbox.output)
    assert KEY not in output


def test_secret_from_environment_and_a_generated_one_is_printed() -> None:
    with cli([], env={"CHIMEKIT_SECRET_KEY": KEY}) as sandbox, client(sandbox.url) as api:
        assert api.get("/audience/members/u").status_code == 200
    assert KEY not in "".join(sandbox.output)

    env = {k: v for k, v in os.environ.items() if k != "CHIMEKIT_SECRET_KEY"}
    process = subprocess.Popen(
        [sys.executable, "-m", "chimekit_sandbox", "--port", "0"], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split("listening on ")[1].split()[0]
        generated = process.stdout.readline().split("Secret key: ")[1].strip()
        assert generated.startswith("sk_test_")
        with client(url, generated) as api:
            assert api.get("/audience/members/u").status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


def test_acknowledged_writes_survive_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.db"
    sandbox = start_cli(["--secret-key", KEY, "--db", str(db)])
    try:
        with client(sandbox.url) as api:
            api.post(
                "/audience/identify",
                json={
                    "externalUserId": "user_1",
                    "displayName": "Ava",
                    "identities": [{"type": "email", "value": "a@x.io"}],
                },
            ).raise_for_status()
            api.post("/audience/members/user_1/suppressions", json={"identity": {"type": "email", "value": "a@x.io"}})
            message_id = api.post(
                "/messages/send", json={"externalUserId": "user_1", "content": {"in_app": {"title": "T"}}}
            ).json()["message"]["id"]
            run_id = api.post("/workflows/w/run", json={"externalUserId": "user_1"}).json()["runId"]
            api.put("/audience/members/user_1", json={"displayName": "Last write"}).raise_for_status()
    finally:
        os.kill(sandbox.process.pid, signal.SIGKILL)  # no shutdown, no checkpoint, no flush
        sandbox.process.wait()
        stop(sandbox)
    assert sandbox.process.returncode == -signal.SIGKILL

    with cli(["--secret-key", KEY, "--db", str(db)]) as restarted, client(restarted.url) as api:
        member = api.get("/audience/members/user_1").json()["member"]
        assert member["displayName"] == "Last write"
        assert member["email"] == "a@x.io"
        assert len(api.get("/audience/members/user_1/suppressions").json()["suppressions"]) == 1
        assert api.get(f"/messages/{message_id}").status_code == 200
        assert api.get(f"/workflows/runs/{run_id}").json()["run"]["memberExternalUserId"] == "user_1"


def test_concurrent_identifies_of_one_member_yield_exactly_one(tmp_path: Path) -> None:
    """Two server processes sharing one database, each hit by many threads at once."""
    db = tmp_path / "shared.db"
    with cli(["--secret-key", KEY, "--db", str(db)]) as first, cli(["--secret-key", KEY, "--db", str(db)]) as second:
        urls = [first.url, second.url]

        def identify(i: int) -> str:
            with client(urls[i % 2]) as api:
                response = api.post("/audience/identify", json={"externalUserId": "racer", "attributes": {"writer": i}})
                assert response.status_code == 200, response.text
                sent = api.post(
                    "/messages/send", json={"externalUserId": "racer", "content": {"in_app": {"title": "x"}}}
                )
                return str(sent.json()["message"]["memberId"])

        with ThreadPoolExecutor(max_workers=16) as pool:
            member_ids = set(pool.map(identify, range(64)))
        assert len(member_ids) == 1  # every send saw the same internal member
        with client(first.url) as api:
            assert api.get("/messages/members/racer/messages").json()["pagination"]["totalCount"] == 64
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM members WHERE external_id = 'racer'").fetchone() == (1,)
    conn.close()


def test_the_generated_client_example_runs_against_the_sandbox(chimekit_sandbox: RunningSandbox) -> None:
    with client(chimekit_sandbox.url, chimekit_sandbox.secret_key) as api:
        api.post("/audience/identify", json={"externalUserId": "user_123", "displayName": "Ava Example"})
    env = {
        **os.environ,
        "CHIMEKIT_BASE_URL": chimekit_sandbox.url,
        "CHIMEKIT_SECRET_KEY": chimekit_sandbox.secret_key,
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "generated_client.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Ava Example"
