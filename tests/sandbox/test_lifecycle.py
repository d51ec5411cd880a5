"""Runs and email deliveries move on by themselves, on the sandbox's clock (moved here with advance())."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from chimekit_sandbox import RunningSandbox

from ._cli import cli
from .conftest import STEP_SECONDS, email, identify
from .test_cli_and_durability import KEY, client
from .test_messages import send


def start_run(api: httpx.Client, **context: Any) -> str:
    response = api.post("/workflows/welcome-sequence/run", json={"externalUserId": "user_123", "context": context})
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "queued"  # the answer shows the run as created
    run_id: str = response.json()["runId"]
    return run_id


def get_run(api: httpx.Client, run_id: str) -> dict[str, Any]:
    run: dict[str, Any] = api.get(f"/workflows/runs/{run_id}").json()["run"]
    return run


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_a_run_goes_queued_running_completed(api: httpx.Client, chimekit_sandbox: RunningSandbox) -> None:
    identify(api)
    run_id = start_run(api, utmCampaign="winter-launch")
    queued = get_run(api, run_id)
    assert (queued["status"], queued["startedAt"], queued["finishedAt"]) == ("queued", None, None)

    chimekit_sandbox.advance(STEP_SECONDS)
    running = get_run(api, run_id)
    assert running["status"] == "running"
    assert running["finishedAt"] is None
    assert at(running["startedAt"]) - at(queued["createdAt"]) == timedelta(seconds=STEP_SECONDS)

    chimekit_sandbox.advance(STEP_SECONDS)
    completed = get_run(api, run_id)
    assert completed["status"] == "completed"
    assert completed["startedAt"] == running["startedAt"]
    assert at(completed["finishedAt"]) - at(completed["startedAt"]) == timedelta(seconds=STEP_SECONDS)
    # Nothing else about the run changes, and it stays completed.
    same = {k: v for k, v in completed.items() if k not in ("status", "startedAt", "finishedAt")}
    assert same == {k: v for k, v in queued.items() if k not in ("status", "startedAt", "finishedAt")}
    assert completed["context"] == {"utmCampaign": "winter-launch", "apiKeyId": completed["context"]["apiKeyId"]}
    chimekit_sandbox.advance(10 * STEP_SECONDS)
    assert get_run(api, run_id) == completed


def test_sandbox_fail_in_the_context_makes_the_run_fail(api: httpx.Client, chimekit_sandbox: RunningSandbox) -> None:
    identify(api)
    failing = start_run(api, sandbox={"fail": True})
    not_quite = start_run(api, sandbox={"fail": "yes"})  # only true fails a run
    chimekit_sandbox.advance(STEP_SECONDS)
    assert get_run(api, failing)["status"] == "running"
    chimekit_sandbox.advance(STEP_SECONDS)
    failed = get_run(api, failing)
    assert failed["status"] == "failed"
    assert failed["startedAt"] is not None
    assert failed["finishedAt"] is not None
    assert failed["context"]["sandbox"] == {"fail": True}  # the context is kept as given
    assert get_run(api, not_quite)["status"] == "completed"


def test_an_email_delivery_goes_queued_sent_delivered(api: httpx.Client, chimekit_sandbox: RunningSandbox) -> None:
    identify(api, identities=[email("ava@example.com")])
    sent = send(api, {"email": {"subject": "Hi", "body": "Hi"}}).json()
    assert sent["delivery"]["status"] == "queued"
    message_id = sent["message"]["id"]

    def statuses() -> tuple[str, str]:
        detail = api.get(f"/messages/{message_id}").json()["message"]
        listed = api.get("/messages/members/user_123/messages").json()["messages"][0]
        assert detail["delivery"] == listed["delivery"]
        assert {k: v for k, v in detail["delivery"].items() if k != "status"} == {
            k: v for k, v in sent["delivery"].items() if k != "status"
        }
        return detail["delivery"]["status"], listed["delivery"]["status"]

    assert statuses() == ("queued", "queued")
    chimekit_sandbox.advance(STEP_SECONDS)
    assert statuses() == ("sent", "sent")
    chimekit_sandbox.advance(STEP_SECONDS)
    assert statuses() == ("delivered", "delivered")


def test_suppressed_and_failed_deliveries_stay_so(api: httpx.Client, chimekit_sandbox: RunningSandbox) -> None:
    identify(api)  # no email identity: failed
    failed = send(api, {"email": {"subject": "Hi", "body": "Hi"}}).json()
    identify(api, identities=[email("ava@example.com")])
    api.post("/audience/members/user_123/suppressions", json={"identity": email("ava@example.com")})
    suppressed = send(api, {"email": {"subject": "Hi", "body": "Hi"}}).json()
    chimekit_sandbox.advance(10 * STEP_SECONDS)
    assert api.get(f"/messages/{failed['message']['id']}").json()["message"]["delivery"]["status"] == "failed"
    assert api.get(f"/messages/{suppressed['message']['id']}").json()["message"]["delivery"]["status"] == "suppressed"


@pytest.mark.chimekit_seed("docs")
def test_seeded_records_stay_as_seeded(api: httpx.Client, chimekit_sandbox: RunningSandbox) -> None:
    before = get_run(api, "wr_123")
    chimekit_sandbox.advance(10 * STEP_SECONDS)
    assert get_run(api, "wr_123") == before
    assert before["status"] == "queued"


def test_the_clock_only_moves_forward(chimekit_sandbox: RunningSandbox) -> None:
    with pytest.raises(ValueError, match="forward"):
        chimekit_sandbox.advance(-1)


def test_cli_step_seconds_0_finishes_runs_and_deliveries_at_once() -> None:
    with cli(["--secret-key", KEY, "--step-seconds", "0"]) as sandbox, client(sandbox.url) as api:
        identify(api, identities=[email("ava@example.com")])
        run_id = start_run(api)
        run = get_run(api, run_id)
        assert run["status"] == "completed"
        assert run["createdAt"] == run["startedAt"] == run["finishedAt"]
        message_id = send(api, {"email": {"subject": "Hi", "body": "Hi"}}).json()["message"]["id"]
        assert api.get(f"/messages/{message_id}").json()["message"]["delivery"]["status"] == "delivered"


def test_cli_step_seconds_must_be_a_number_of_seconds() -> None:
    import subprocess
    import sys

    for bad in ("-1", "soon", "nan", "inf"):
        done = subprocess.run(
            [sys.executable, "-m", "chimekit_sandbox", "--step-seconds", bad], capture_output=True, text=True
        )
        assert done.returncode == 2
        assert "--step-seconds: expected a number of seconds >= 0" in done.stderr
