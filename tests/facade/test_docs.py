"""Every Python sample of the SDK docs, verbatim and in order, against the real sandbox server.

The samples are read from a copy of the docs (chimekit-python-sdk-docs.txt). Each one runs in a shared
namespace, then its result is compared with the response the docs show, read through ``[...]`` by wire
name. Ids the server generates (``msg_123``, ``mem_123``, ...) are only checked to be strings, timestamps
to be ISO 8601 text; a sample that *names* such an id gets the real one substituted.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest

DOCS = Path(__file__).with_name("chimekit-python-sdk-docs.txt").read_text()
SAMPLE = re.compile(r"Request\n\n(GET|POST|PUT|DELETE)\n(\S+)\n(.*?)\n\nResponse\n\n(.*?)(?:\n\n|\Z)", re.DOTALL)
SAMPLES = [(method, path, code, json.loads(answer)) for method, path, code, answer in SAMPLE.findall(DOCS)]
GENERATED_ID = re.compile(r"^(msg|mem|not|sup|aid|wr|wv|w|cat|key)_123$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT")


def matches_docs(actual: Any, shown: Any, where: str = "") -> None:
    """``actual`` (an SDK result) shows what the docs show, read by wire name; extra server fields are fine."""
    if isinstance(shown, dict):
        for key, value in shown.items():
            assert key in actual, f"{where}.{key} missing"
            matches_docs(actual[key], value, f"{where}.{key}")
    elif isinstance(shown, list):
        assert len(actual) == len(shown), f"{where}: {len(actual)} items, docs show {len(shown)}"
        for i, (a, s) in enumerate(zip(actual, shown, strict=True)):
            matches_docs(a, s, f"{where}[{i}]")
    elif isinstance(shown, str) and GENERATED_ID.match(shown):
        assert isinstance(actual, str), where
        assert actual, where
    elif isinstance(shown, str) and TIMESTAMP.match(shown):
        assert isinstance(actual, str), where  # the JSON's own text, as the docs show it
        assert TIMESTAMP.match(actual), where
        assert datetime.datetime.fromisoformat(actual).tzinfo is not None, where
    else:
        assert actual == shown, f"{where}: {actual!r} != docs {shown!r}"
        assert type(actual) is type(shown), f"{where}: {actual!r} is not a {type(shown).__name__}"


def run(sample: str, namespace: dict[str, Any]) -> None:
    """Run one docs sample as a script would, sharing names (``ck``, ``member``, ...) with the samples before it."""
    exec(compile(sample, "<docs sample>", "exec"), namespace)  # noqa: S102 (the docs' own code)


def test_the_docs_have_the_twelve_samples_in_order() -> None:
    assert [(m, p) for m, p, _, _ in SAMPLES] == [
        ("POST", "/sdk/v1/audience/identify"),
        ("GET", "/sdk/v1/audience/members/:externalUserId"),
        ("PUT", "/sdk/v1/audience/members/:externalUserId"),
        ("DELETE", "/sdk/v1/audience/members/:externalUserId"),
        ("GET", "/sdk/v1/audience/members/:externalUserId/suppressions"),
        ("POST", "/sdk/v1/audience/members/:externalUserId/suppressions"),
        ("DELETE", "/sdk/v1/audience/members/:externalUserId/suppressions/:suppressionId"),
        ("POST", "/sdk/v1/messages/send"),
        ("GET", "/sdk/v1/messages/:messageId"),
        ("GET", "/sdk/v1/messages/members/:externalUserId/messages"),
        ("POST", "/sdk/v1/workflows/:key/run"),
        ("GET", "/sdk/v1/workflows/runs/:runId"),
    ]


def test_every_python_sample_runs_verbatim_and_returns_what_the_docs_show(
    sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHIMEKIT_SECRET_KEY", sandbox.secret_key)
    monkeypatch.setenv("CHIMEKIT_BASE_URL", sandbox.url)
    (identify, find, update, delete, list_sup, suppress, remove, send, get, list_msg, run_wf, get_run) = [
        code for _, _, code, _ in SAMPLES
    ]
    shown = [answer for _, _, _, answer in SAMPLES]
    ns: dict[str, Any] = {}

    run(identify, ns)  # import os; from chimekit import ChimeKit; ck = ChimeKit(secret_key=os.environ[...])
    matches_docs(ns["member"], shown[0]["member"])
    run(find, ns)
    matches_docs(ns["member"], shown[1]["member"])
    run(update, ns)
    matches_docs(ns["updated"], shown[2]["member"])
    assert ns["updated"]["updated"] >= ns["updated"]["created"]
    run(delete, ns)
    assert ns["deleted_id"] == shown[3]["id"] == "user_123"
    run(find, ns)
    assert ns["member"] is None  # {"member": null} once deleted
    run(delete, ns)
    assert ns["deleted_id"] is None  # a second delete answers {"id": null}

    ns["ck"].close()
    run(identify, ns)  # identify revives the member (and makes a new ck): the rest of the docs work on it
    run(list_sup, ns)
    assert ns["suppressions"] == []
    run(suppress, ns)
    matches_docs(ns["suppression"], shown[5]["suppression"])
    run(list_sup, ns)
    matches_docs(ns["suppressions"], shown[4]["suppressions"])
    suppression_id = ns["suppression"]["id"]
    run(remove.replace('"sup_123"', repr(suppression_id)), ns)
    run(list_sup, ns)
    assert ns["suppressions"] == []

    run(send, ns)
    matches_docs(ns["result"], shown[7])
    message_id = ns["result"]["message"]["id"]
    run(get.replace('"msg_123"', repr(message_id)), ns)
    matches_docs(ns["detail"], shown[8]["message"])
    run(list_msg, ns)
    matches_docs(ns["result"], shown[9])
    matches_docs(ns["messages"], shown[9]["messages"])
    matches_docs(ns["pagination"], shown[9]["pagination"])
    assert ns["messages"][0]["message"]["id"] == message_id

    run(run_wf, ns)
    matches_docs(ns["run"], shown[10])
    run_id = ns["run"]["runId"]
    run(get_run.replace('"wr_123"', repr(run_id)), ns)
    matches_docs(ns["run"], shown[11]["run"])
    assert ns["run"].id == run_id
    ns["ck"].close()


def test_the_comparison_would_notice_a_difference() -> None:
    with pytest.raises(AssertionError):
        matches_docs({"title": "Welcome"}, {"title": "Welcome!"})
    with pytest.raises(AssertionError):
        matches_docs({"totalCount": "1"}, {"totalCount": 1})
    with pytest.raises(AssertionError):
        matches_docs({}, {"deleted": None})
