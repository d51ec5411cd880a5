"""Seed files: every kind of record, exactly as given, checked on load; --seed on the CLI; reset()."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import chimekit_sandbox
import httpx
import pytest
import yaml
from chimekit_sandbox import RunningSandbox, Seed, SeedError, create_app, load_seed

from ._cli import cli
from .test_cli_and_durability import KEY, client

SEED: dict[str, Any] = {
    "categories": [{"id": "cat_news", "name": "News"}, {"id": "cat_bills", "name": "Bills"}],
    "members": [
        {
            "externalUserId": "ava",
            "memberId": "mem_ava",
            "displayName": "Ava",
            "attributes": {"plan": "pro", "seats": 3},
            "identities": [
                {"id": "aid_work", "type": "email", "value": "ava@work.example", "verified": True},
                {"type": "email", "value": "ava@home.example", "metadata": {"source": "import"}},
            ],
            "created": "2024-03-01T10:00:00Z",
            "updated": "2024-03-02T10:00:00.5+02:00",
            "lastSeen": "2024-03-03T00:00:00.000Z",
        },
        {"externalUserId": "gone", "deleted": "2024-05-01T00:00:00.000Z", "created": "2024-04-01T00:00:00.000Z"},
    ],
    "suppressions": [
        {
            "id": "sup_bills",
            "externalUserId": "ava",
            "identity": {"type": "email", "value": "ava@home.example"},
            "categoryId": "cat_bills",
            "createdAt": "2024-03-05T00:00:00.000Z",
        },
        {
            "id": "sup_all",
            "externalUserId": "ava",
            "identity": {"type": "email", "value": "ava@work.example"},
            "reason": "bounced",
            "createdAt": "2024-03-04T00:00:00.000Z",
            "updatedAt": "2024-03-06T00:00:00.000Z",
        },
    ],
    "messages": [
        {
            "id": "msg_new",
            "externalUserId": "ava",
            "categoryId": "cat_bills",
            "templateId": "tpl_invoice",
            "templateVersionId": "tv_1",
            "payload": {"amount": 12},
            "createdAt": "2024-03-09T00:00:00.000Z",
            "delivery": {"id": "dlv_1", "status": "delivered", "createdAt": "2024-03-09T00:00:01.000Z"},
        },
        {
            "id": "msg_old",
            "externalUserId": "ava",
            "source": "workflow",
            "dispatchStatus": "scheduled",
            "scheduledFor": "2030-01-01T00:00:00.000Z",
            "createdAt": "2024-03-08T00:00:00.000Z",
            "notification": {"id": "not_1", "title": "Hello", "readAt": "2024-03-08T01:00:00.000Z"},
        },
    ],
    "workflowRuns": [
        {
            "id": "wr_done",
            "workflowKey": "onboarding",
            "externalUserId": "ava",
            "status": "completed",
            "createdAt": "2024-03-10T00:00:00.000Z",
            "startedAt": "2024-03-10T00:00:01.000Z",
            "finishedAt": "2024-03-10T00:05:00.000Z",
            "context": {"step": 3},
        }
    ],
}


def write(tmp_path: Path, seed: Any, name: str = "seed.yaml") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(seed) if name.endswith(".json") else yaml.safe_dump(seed, sort_keys=False))
    return path


@pytest.fixture
def seeded(tmp_path: Path) -> Any:
    with chimekit_sandbox.running(seed=write(tmp_path, SEED)) as sandbox:
        headers = {"Authorization": f"Bearer {sandbox.secret_key}"}
        with httpx.Client(base_url=sandbox.url + "/sdk/v1", headers=headers) as api:
            yield api


def test_every_kind_of_record_is_served_exactly_as_seeded(seeded: httpx.Client) -> None:
    api = seeded
    assert api.get("/audience/members/ava").json()["member"] == {
        "id": "ava",
        "email": "ava@work.example",
        "displayName": "Ava",
        "identities": [
            {"type": "email", "value": "ava@work.example", "verified": True},
            {"type": "email", "value": "ava@home.example", "verified": False},
        ],
        "attributes": {"plan": "pro", "seats": 3},
        "created": "2024-03-01T10:00:00Z",  # timestamps keep the file's text
        "updated": "2024-03-02T10:00:00.5+02:00",
        "deleted": None,
        "lastSeen": "2024-03-03T00:00:00.000Z",
    }
    assert api.get("/audience/members/gone").json() == {"member": None}  # seeded as deleted

    suppressions = api.get("/audience/members/ava/suppressions").json()["suppressions"]
    assert [s["id"] for s in suppressions] == ["sup_all", "sup_bills"]  # oldest first
    assert suppressions[0] == {
        "id": "sup_all",
        "reason": "bounced",
        "createdAt": "2024-03-04T00:00:00.000Z",
        "updatedAt": "2024-03-06T00:00:00.000Z",
        "identity": {
            "id": "aid_work",
            "type": "email",
            "value": "ava@work.example",
            "verified": True,
            "metadata": None,
        },
        "category": None,
    }
    home = suppressions[1]
    assert home["category"] == {"id": "cat_bills", "name": "Bills"}
    assert home["reason"] == "opt-out"
    assert home["updatedAt"] == home["createdAt"] == "2024-03-05T00:00:00.000Z"
    assert home["identity"]["metadata"] == {"source": "import"}
    assert home["identity"]["id"].startswith("aid_")

    page = api.get("/messages/members/ava/messages").json()
    assert [item["message"]["id"] for item in page["messages"]] == ["msg_new", "msg_old"]  # newest first
    assert page["pagination"] == {"totalCount": 2, "limit": 20, "offset": 0}
    newest, oldest = page["messages"]
    assert newest["category"] == {"id": "cat_bills", "name": "Bills"}
    assert newest["delivery"] == {
        "id": "dlv_1",
        "channel": "email",
        "status": "delivered",
        "to": "ava@work.example",  # the member's first email
        "createdAt": "2024-03-09T00:00:01.000Z",
    }
    assert oldest["category"] == {"id": "cat_news", "name": "News"}  # the first category is the default
    assert oldest["message"]["snippet"] is None
    recipient = {"id": "mem_ava", "externalUserId": "ava", "displayName": "Ava", "email": "ava@work.example"}
    assert newest["recipient"] == oldest["recipient"] == recipient

    detail = api.get("/messages/msg_old").json()["message"]
    assert detail["message"] == {
        "id": "msg_old",
        "memberId": "mem_ava",
        "categoryId": "cat_news",
        "source": "workflow",
        "templateId": None,
        "templateVersionId": None,
        "payload": {},
        "dispatchStatus": "scheduled",
        "scheduledFor": "2030-01-01T00:00:00.000Z",
        "createdAt": "2024-03-08T00:00:00.000Z",
    }
    assert detail["notification"] == {
        "id": "not_1",
        "title": "Hello",
        "snippet": None,
        "body": None,
        "actions": None,
        "readAt": "2024-03-08T01:00:00.000Z",
        "archivedAt": None,
    }
    assert detail["delivery"] is None

    run = api.get("/workflows/runs/wr_done").json()["run"]
    assert run.pop("workflowId").startswith("wf_")
    assert run.pop("workflowVersionId").startswith("wv_")
    assert run == {
        "id": "wr_done",
        "workflowKey": "onboarding",
        "status": "completed",
        "memberId": "mem_ava",
        "memberExternalUserId": "ava",
        "createdAt": "2024-03-10T00:00:00.000Z",
        "startedAt": "2024-03-10T00:00:01.000Z",
        "finishedAt": "2024-03-10T00:05:00.000Z",
        "context": {"step": 3},
    }


def test_seeded_state_behaves_like_any_state(seeded: httpx.Client) -> None:
    api = seeded
    # The seeded suppressions apply: work address globally, home address for Bills.
    mail = {"email": {"subject": "Hi", "body": "Hi"}}
    sent = api.post("/messages/send", json={"externalUserId": "ava", "content": mail}).json()
    assert sent["message"]["categoryId"] == "cat_news"
    assert sent["delivery"]["status"] == "suppressed"
    # New records go after the seeded ones.
    assert api.get("/messages/members/ava/messages").json()["messages"][0]["message"]["id"] == sent["message"]["id"]
    # An unknown category names the seed's ones.
    response = api.post("/messages/send", json={"externalUserId": "ava", "categoryId": "cat_x", "content": mail}).json()
    assert response == {"error": "categoryId: category cat_x not found (known: cat_news, cat_bills)"}
    # The deleted member comes back through identify, with its seeded created time.
    revived = api.post("/audience/identify", json={"externalUserId": "gone"}).json()["member"]
    assert revived["created"] == "2024-04-01T00:00:00.000Z"
    assert revived["deleted"] is None


def test_json_seed_files_and_unquoted_yaml_timestamps(tmp_path: Path) -> None:
    as_json, as_yaml = load_seed(write(tmp_path, SEED, "seed.json")), load_seed(write(tmp_path, SEED))
    assert as_json.source.endswith("seed.json")
    assert dataclasses.replace(as_json, source="") == dataclasses.replace(as_yaml, source="")
    assert as_json.members[0].doc["updated"] == "2024-03-02T10:00:00.5+02:00"
    unquoted = tmp_path / "unquoted.yaml"
    unquoted.write_text("members:\n  - externalUserId: u\n    created: 2024-03-01T10:00:00.000Z\n")
    assert load_seed(unquoted).members[0].doc["created"] == "2024-03-01T10:00:00.000Z"


def test_left_out_ids_are_derived_and_stable_and_timestamps_default_to_loading(tmp_path: Path) -> None:
    minimal = {
        "members": [{"externalUserId": "u", "identities": [{"type": "email", "value": "u@x.io"}]}],
        "suppressions": [{"externalUserId": "u", "identity": {"type": "email", "value": "u@x.io"}}],
        "messages": [{"externalUserId": "u", "notification": {"title": "T"}, "delivery": {"status": "sent"}}],
        "workflowRuns": [{"externalUserId": "u", "workflowKey": "k"}],
    }
    path = write(tmp_path, minimal)
    first, again = load_seed(path), load_seed(path)

    def ids(seed: Seed) -> tuple[str, ...]:
        return (
            seed.members[0].member_id,
            seed.members[0].doc["identities"][0]["id"],
            seed.suppressions[0].doc["id"],
            seed.messages[0].stored["message"]["id"],
            seed.messages[0].stored["notification"]["id"],
            seed.messages[0].stored["delivery"]["id"],
            seed.runs[0]["id"],
        )

    assert ids(first) == ids(again)
    assert [i.split("_")[0] for i in ids(first)] == ["mem", "aid", "sup", "msg", "not", "dlv", "wr"]
    member = first.members[0].doc
    assert member["created"] == member["updated"]
    assert first.runs[0]["status"] == "queued"
    assert first.runs[0]["context"] == {}
    assert [c["id"] for c in first.categories] == ["cat_product", "cat_billing"]  # no categories: the built-in ones


def nested(levels: int) -> dict[str, Any]:
    """An object nesting ``levels`` levels of objects and arrays (itself the first)."""
    value: Any = {}
    for _ in range(levels - 2):
        value = [value]
    return {"k": value}


@pytest.mark.parametrize(
    ("seed", "problem"),
    [
        ([], "seed: must be a mapping"),
        ({"member": []}, "seed.member: is not a seed field here"),
        ({"members": [{"displayName": "x"}]}, "members[0].externalUserId: is required"),
        ({"members": [{"externalUserId": "u", "nickname": "x"}]}, "members[0].nickname: is not a seed field here"),
        ({"members": [{"externalUserId": "bad id"}]}, "members[0].externalUserId: "),
        (
            {"members": [{"externalUserId": "u", "identities": [{"type": "sms", "value": "1"}]}]},
            "members[0].identities[0].type: ",
        ),
        ({"members": [{"externalUserId": "u", "created": "yesterday"}]}, "members[0].created: "),
        ({"members": [{"externalUserId": "u"}, {"externalUserId": "u"}]}, "members[1].externalUserId: u appears twice"),
        (
            {"workflowRuns": [{"externalUserId": "nobody", "workflowKey": "k"}]},
            "workflowRuns[0].externalUserId: no member nobody in the seed's members",
        ),
        (
            {"members": [{"externalUserId": "u"}], "messages": [{"externalUserId": "u", "categoryId": "cat_x"}]},
            "messages[0].categoryId: category cat_x is not in the seed (known: cat_product, cat_billing)",
        ),
        (
            {
                "members": [{"externalUserId": "u"}],
                "suppressions": [{"externalUserId": "u", "identity": {"type": "email", "value": "a@b.c"}}],
            },
            "suppressions[0].identity: member u has no email identity a@b.c",
        ),
        (
            {"members": [{"externalUserId": "u"}], "messages": [{"externalUserId": "u", "id": "msg 1"}]},
            "messages[0].id: ",
        ),
        (
            {"members": [{"externalUserId": "u"}], "messages": [{"externalUserId": "u", "delivery": {"to": "x"}}]},
            "messages[0].delivery.status: is required",
        ),
        (
            {
                "members": [{"externalUserId": "u"}],
                "workflowRuns": [{"externalUserId": "u", "workflowKey": "k", "status": 1}],
            },
            "workflowRuns[0].status: ",
        ),
        ({"categories": []}, "categories: must list at least one category"),
        (  # the free-form limit of the spec (x-chimekit-max-depth): a seed cannot hold what no client can send
            {"members": [{"externalUserId": "u", "attributes": nested(33)}]},
            "members[0].attributes: nested deeper than 32 levels",
        ),
        (
            {
                "members": [{"externalUserId": "u", "identities": [{"type": "email", "value": "a@b.c"}]}],
                "suppressions": [
                    {"externalUserId": "u", "identity": {"type": "email", "value": "a@b.c"}},
                    {"id": "sup_2", "externalUserId": "u", "identity": {"type": "email", "value": "A@B.C"}},
                ],
            },
            # The same address (emails match case-insensitively), both global.
            "suppressions[1].identity: a second suppression of this identity for all categories",
        ),
    ],
)
def test_a_broken_seed_is_refused_naming_the_record(tmp_path: Path, seed: Any, problem: str) -> None:
    path = write(tmp_path, seed)
    with pytest.raises(SeedError) as caught:
        load_seed(path)
    assert str(caught.value).startswith(f"{path}: {problem}"), str(caught.value)


def test_unreadable_and_unparsable_seeds(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="cannot read the seed file"):
        load_seed(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(SeedError, match="not valid JSON"):
        load_seed(broken)
    broken = tmp_path / "broken.yaml"
    broken.write_text("members: [")
    with pytest.raises(SeedError, match="not valid YAML"):
        load_seed(broken)


def test_a_seed_goes_into_a_new_database_only(tmp_path: Path) -> None:
    db = str(tmp_path / "state.db")
    create_app(secret_key="k", db_path=db, seed="docs").close()
    with pytest.raises(SeedError, match="already holds state"):
        create_app(secret_key="k", db_path=db, seed="docs")
    create_app(secret_key="k", db_path=db).close()  # without a seed: the state as it is


@pytest.mark.chimekit_seed("docs")
def test_reset_brings_back_the_seed(chimekit_sandbox: RunningSandbox, api: httpx.Client) -> None:
    api.delete("/audience/members/user_123/suppressions/sup_123")
    api.post("/audience/identify", json={"externalUserId": "someone"})
    chimekit_sandbox.reset()
    assert [s["id"] for s in api.get("/audience/members/user_123/suppressions").json()["suppressions"]] == ["sup_123"]
    assert api.get("/audience/members/someone").json() == {"member": None}


def test_reset_of_an_unseeded_sandbox_empties_it(chimekit_sandbox: RunningSandbox, api: httpx.Client) -> None:
    api.post("/audience/identify", json={"externalUserId": "someone"})
    chimekit_sandbox.reset()
    assert api.get("/audience/members/someone").json() == {"member": None}
    assert api.post(
        "/messages/send",
        json={"externalUserId": "x", "categoryId": "cat_billing", "content": {"in_app": {"title": "T"}}},
    ).json() == {"error": "member not found"}


def test_cli_seed_docs_and_help() -> None:
    with cli(["--secret-key", KEY, "--seed", "docs"]) as sandbox, client(sandbox.url) as api:
        assert api.get("/audience/members/user_123").json()["member"]["displayName"] == "Ava Example"
    assert "Seeded from docs: 1 member(s), 1 suppression(s), 1 message(s), 1 workflow run(s)" in "".join(sandbox.output)
    shown = subprocess.run(
        [sys.executable, "-m", "chimekit_sandbox", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for documented in ("--seed FILE", "'docs'", "--step-seconds SECONDS", "workflowRuns:", '"fail": true'):
        assert documented in shown, documented


def test_cli_refuses_a_broken_seed_with_the_reason(tmp_path: Path) -> None:
    path = write(tmp_path, {"members": [{"externalUserId": "u", "nickname": "x"}]})
    done = subprocess.run(
        [sys.executable, "-m", "chimekit_sandbox", "--port", "0", "--seed", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"chimekit-sandbox: --seed: {path}: members[0].nickname: is not a seed field here "
        "(known: externalUserId, memberId, displayName, attributes, identities, created, updated, deleted, lastSeen)"
    )
