"""The CLI as a real process: startup output, kill -9 durability, concurrent upserts, the example."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import chimekit
import chimekit_sandbox
import httpx
import pytest
from chimekit import ChimeKit, ChimeKitError, ValidationError
from chimekit_sandbox import RunningSandbox, create_app, running

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


# What a key read from a file or `echo` carries around it: the SDK strips it, so the sandbox does too.
PADDED = [f"{KEY}\n", f"  {KEY}\r\n", f"\t{KEY} "]
# Inside a key, nothing but printable ASCII: the SDK refuses these, so the sandbox does too.
BAD_KEYS = [
    ("sk test", "has a space at position 2"),
    ("sk\x1bx", "has a control character at position 2"),
    ("sk\u00e9x", "has a non-ASCII character at position 2"),
]
RULE = "a key is printable ASCII without spaces"


@pytest.mark.parametrize("padded", PADDED)
def test_a_key_with_surrounding_whitespace_works_from_the_cli_as_with_the_sdk(padded: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CHIMEKIT_SECRET_KEY"}
    for args, extra in [(["--secret-key", padded], {}), ([], {"CHIMEKIT_SECRET_KEY": padded})]:
        with cli(args, env={**env, **extra}) as sandbox:
            with ChimeKit(secret_key=padded, base_url=sandbox.url) as ck:
                assert ck.audience.find_member("u") is None  # the SDK strips the key and is let in
            with client(sandbox.url) as api:
                assert api.get("/audience/members/u").status_code == 200
        assert KEY not in "".join(sandbox.output)


@pytest.mark.parametrize("padded", PADDED)
def test_running_and_create_app_strip_the_key_as_the_sdk_does(padded: str) -> None:
    with running(secret_key=padded) as sandbox, ChimeKit(secret_key=padded, base_url=sandbox.url) as ck:
        assert sandbox.secret_key == KEY  # what a raw HTTP client must send
        assert ck.audience.find_member("u") is None
    app = create_app(secret_key=padded)

    async def status() -> int:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox") as api:
            response = await api.get("/sdk/v1/audience/members/u", headers={"Authorization": f"Bearer {KEY}"})
            return response.status_code

    try:
        assert asyncio.run(status()) == 200
    finally:
        app.close()


def test_a_blank_key_is_no_key_as_for_the_sdk() -> None:
    with pytest.raises(ChimeKitError, match=r"^no secret key"):
        ChimeKit(secret_key=" \n")
    with pytest.raises(ValueError, match=r"^secret_key: is empty$"):
        create_app(secret_key=" \n")  # the app needs one
    with running(secret_key=" \n") as sandbox:  # a key is generated, as without one
        assert sandbox.secret_key.startswith("sk_test_")


@pytest.mark.parametrize(("bad", "problem"), BAD_KEYS)
def test_a_key_with_inner_whitespace_or_control_characters_is_refused_everywhere(bad: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=f"^secret_key: {problem}: {RULE}$"):
        ChimeKit(secret_key=bad)  # the SDK's rule
    for start in (lambda: create_app(secret_key=bad), lambda: running(secret_key=bad).__enter__()):
        with pytest.raises(ValueError, match=f"^secret_key: {problem}: {RULE}$") as caught:
            start()
        assert bad not in str(caught.value)
    env = {k: v for k, v in os.environ.items() if k != "CHIMEKIT_SECRET_KEY"}
    command = [sys.executable, "-m", "chimekit_sandbox", "--port", "0"]
    for args, extra, name in [
        (["--secret-key", bad], {}, "--secret-key"),
        ([], {"CHIMEKIT_SECRET_KEY": bad}, "CHIMEKIT_SECRET_KEY"),
    ]:
        result = subprocess.run(
            [*command, *args], env={**env, **extra}, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 2, result
        assert result.stdout == ""
        assert result.stderr.splitlines()[-1] == f"chimekit-sandbox: error: {name}: {problem}: {RULE}"
        assert "Traceback" not in result.stderr
        assert bad not in result.stderr


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


def test_version_from_the_cli_and_the_package() -> None:
    done = subprocess.run([sys.executable, "-m", "chimekit_sandbox", "--version"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.strip() == f"chimekit-sandbox {chimekit_sandbox.__version__}"
    assert chimekit_sandbox.__version__ == chimekit.__version__  # released together


@pytest.mark.parametrize("typo", ["doc", "Docs", "dcos"])
def test_a_misspelt_named_seed_suggests_the_name(typo: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "chimekit_sandbox", "--port", "0", "--seed", typo],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=30,
    )
    assert done.returncode == 1  # as for any seed that cannot be loaded
    assert "did you mean the named seed 'docs'?" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_rate_limit_answers_429_with_retry_after_beyond_it() -> None:
    with cli(["--secret-key", "sk_rate", "--rate-limit", "3"]) as sandbox:
        headers = {"Authorization": "Bearer sk_rate"}
        answers = [httpx.get(sandbox.url + "/sdk/v1/audience/members/u", headers=headers) for _ in range(10)]
    limited = [answer for answer in answers if answer.status_code == 429]
    assert 10 - len(limited) <= 6  # three a second (the ten may straddle a second)
    assert {answer.json()["error"] for answer in limited} == {"Too many requests"}
    assert {answer.headers["Retry-After"] for answer in limited} == {"1"}
    assert all(answer.status_code == 200 for answer in answers if answer not in limited)


@pytest.mark.parametrize("bad", ["0", "-1", "1.5", "many"])
def test_a_bad_rate_limit_is_refused(bad: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "chimekit_sandbox", "--rate-limit", bad], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 2
    assert "--rate-limit" in done.stderr
