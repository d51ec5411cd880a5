from __future__ import annotations

import httpx

from .conftest import identify


def test_run_and_get(api: httpx.Client) -> None:
    identify(api)
    response = api.post("/workflows/welcome-sequence/run", json={"externalUserId": "user_123", "context": {"utm": "x"}})
    assert response.status_code == 200, response.text
    queued = response.json()
    assert queued["status"] == "queued"
    assert queued["runId"].startswith("wr_")
    run = api.get(f"/workflows/runs/{queued['runId']}").json()["run"]
    assert run["id"] == queued["runId"]
    assert run["workflowKey"] == "welcome-sequence"
    assert run["status"] == "queued"
    assert run["memberId"].startswith("mem_")
    assert run["memberExternalUserId"] == "user_123"
    assert run["startedAt"] is None
    assert run["finishedAt"] is None
    assert run["context"]["utm"] == "x"
    assert run["context"]["apiKeyId"].startswith("key_")
    # Deterministic ids per key, whatever the run.
    other = api.post("/workflows/welcome-sequence/run", json={"externalUserId": "user_123"}).json()
    second = api.get(f"/workflows/runs/{other['runId']}").json()["run"]
    assert (second["workflowId"], second["workflowVersionId"]) == (run["workflowId"], run["workflowVersionId"])
    assert second["context"] == {"apiKeyId": run["context"]["apiKeyId"]}


def test_api_key_id_does_not_reveal_the_secret(api: httpx.Client) -> None:
    identify(api)
    run_id = api.post("/workflows/w/run", json={"externalUserId": "user_123"}).json()["runId"]
    secret = api.headers["Authorization"].removeprefix("Bearer ")
    assert secret not in api.get(f"/workflows/runs/{run_id}").text


def test_errors(api: httpx.Client) -> None:
    response = api.post("/workflows/w/run", json={"externalUserId": "ghost"})
    assert response.status_code == 404
    assert response.json() == {"error": "member not found"}
    assert api.get("/workflows/runs/wr_nope").json() == {"error": "workflow run not found"}
    identify(api)
    response = api.post("/workflows/w/run", json={"externalUserId": "user_123", "context": []})
    assert response.status_code == 400
    assert response.json()["error"].startswith("context: ")
    assert api.post("/workflows/bad key!/run", json={"externalUserId": "user_123"}).json()["error"].startswith("key: ")
