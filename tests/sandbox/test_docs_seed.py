"""``--seed docs``: the docs' requests answer what the docs show, and the docs' Python samples run verbatim.

Each request and each sample runs against the docs' example state (the sandbox is reset to the seed
before each), because that is what every answer in the docs is computed from: run in one sequence,
the docs' fourth sample deletes user_123, after which the spec answers the suppression, message and
workflow samples of the same member with 404, and the send sample adds a second message that the
list sample's ``totalCount: 1`` does not show.

Exact, text for text: every read, and the writes whose answer is fixed by the seed (identify with
the same profile changes nothing, so ``updated`` stays; suppressing the already suppressed address
returns ``sup_123``; the deletes). Same shape with server-made values: ``update`` stamps ``updated``
with the real time, ``send`` makes a new message and notification (id, ``createdAt``), ``run`` a new
run id. Those are the only differences the comparison allows.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import chimekit_sandbox
import httpx
import pytest
from chimekit_sandbox import RunningSandbox

from tests.facade.test_docs import SAMPLES

REFERENCE = Path(__file__).with_name("chimekit-api-reference.txt").read_text()  # a copy of the docs' HTTP page
CURL = re.compile(r"^Request\n(curl .*?)\nResponse\n", re.DOTALL | re.MULTILINE)


def http_examples() -> list[tuple[str, str, dict[str, str], Any, Any]]:
    """(method, url, query, json body, documented answer) for every curl example of the HTTP page."""
    examples = []
    decoder = json.JSONDecoder()
    for match in CURL.finditer(REFERENCE):
        words = shlex.split(match.group(1).replace("\\\n", " "))
        method, url, data, query_mode = None, None, [], False
        i = 1
        while i < len(words):
            word = words[i]
            if word == "-X":
                method, i = words[i + 1], i + 2
            elif word == "-H":
                i += 2  # Authorization and Content-Type: httpx sets both
            elif word == "-d":
                data.append(words[i + 1])
                i += 2
            elif word == "-G":
                query_mode, i = True, i + 1
            else:
                url, i = word, i + 1
        answer, _ = decoder.raw_decode(REFERENCE[match.end() :])
        query = dict(pair.split("=", 1) for pair in data) if query_mode else {}
        body = json.loads(data[0]) if data and not query_mode else None
        examples.append((method or ("POST" if body is not None else "GET"), str(url), query, body, answer))
    return examples


EXAMPLES = http_examples()
# What the server makes on a write, where the docs show their own example values (the rest is exact).
SERVER_MADE = {
    ("PUT", "/audience/members/user_123"): {"member.updated"},
    ("POST", "/messages/send"): {"message.id", "message.createdAt", "notification.id"},
    ("POST", "/workflows/welcome-sequence/run"): {"runId"},
}


def differences(actual: Any, shown: Any, where: str = "") -> set[str]:
    """The paths where ``actual`` differs from ``shown`` (a missing or extra key, a type, a value)."""
    if isinstance(shown, dict) and isinstance(actual, dict):
        if set(actual) != set(shown):
            return {f"{where} keys {sorted(set(actual) ^ set(shown))}"}
        return set().union(*(differences(actual[k], shown[k], f"{where}.{k}".lstrip(".")) for k in shown))
    if isinstance(shown, list) and isinstance(actual, list) and len(actual) == len(shown):
        return set().union(
            *(differences(a, s, f"{where}[{n}]") for n, (a, s) in enumerate(zip(actual, shown, strict=True)))
        )
    if type(actual) is type(shown) and actual == shown:
        return set()
    return {where}


@pytest.fixture(scope="module")
def docs_sandbox() -> Iterator[RunningSandbox]:
    with chimekit_sandbox.running(seed="docs") as sandbox:
        yield sandbox


def test_the_http_page_has_the_twelve_requests_of_the_python_page() -> None:
    assert len(EXAMPLES) == len(SAMPLES) == 12
    for (method, url, _, _, answer), (doc_method, doc_path, _, doc_answer) in zip(EXAMPLES, SAMPLES, strict=True):
        assert method == doc_method
        pattern = re.sub(r":\w+", "[^/]+", doc_path)
        assert re.fullmatch(f"https://api.chimekit.com{pattern}", url), (url, doc_path)
        assert answer == doc_answer  # both pages document the same answers


@pytest.mark.parametrize(
    ("method", "url", "query", "body", "shown"), EXAMPLES, ids=[f"{e[0]} {e[1]}" for e in EXAMPLES]
)
def test_each_docs_request_answers_what_the_docs_show(
    docs_sandbox: RunningSandbox, method: str, url: str, query: dict[str, str], body: Any, shown: Any
) -> None:
    docs_sandbox.reset()
    path = url.removeprefix("https://api.chimekit.com/sdk/v1")
    response = httpx.request(
        method,
        docs_sandbox.url + "/sdk/v1" + path,
        params=query,
        json=body,
        headers={"Authorization": f"Bearer {docs_sandbox.secret_key}"},
    )
    assert response.status_code == (204 if shown is None else 200), response.text
    actual = response.json() if response.content else None
    allowed = SERVER_MADE.get((method, path), set())
    assert differences(actual, shown) == allowed
    for where in allowed:  # server-made values: a fresh id of the same kind, or the real time
        value: Any = actual
        example: Any = shown
        for key in where.split("."):
            value, example = value[key], example[key]
        if where.endswith(("updated", "createdAt")):
            assert datetime.fromisoformat(value) > datetime.fromisoformat(example)
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", value)
        else:
            assert value.split("_")[0] == example.split("_")[0]


# What each Python sample assigns, and where in the documented answer its value is (the SDK unwraps
# single-key answers); the server-made values are SERVER_MADE's, seen from the unwrapped value.
SAMPLE_RESULTS: list[tuple[str | None, str | None, set[str]]] = [
    ("member", "member", set()),
    ("member", "member", set()),
    ("updated", "member", {"updated"}),
    ("deleted_id", "id", set()),
    ("suppressions", "suppressions", set()),
    ("suppression", "suppression", set()),
    (None, None, set()),  # remove_suppression: None, as the docs' "null"
    ("result", None, {"message.id", "message.createdAt", "notification.id"}),
    ("detail", "message", set()),
    ("result", None, set()),
    ("run", None, {"runId"}),
    ("run", "run", set()),
]


def as_json(value: Any) -> Any:
    """An SDK result as plain JSON (a model's to_dict, recursively through lists)."""
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.to_dict() if hasattr(value, "to_dict") else value


def test_every_python_sample_runs_verbatim_and_returns_the_docs_answer(
    docs_sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each sample, verbatim, on the docs' state: its result is the docs' answer as the SDK unwraps it."""
    monkeypatch.setenv("CHIMEKIT_SECRET_KEY", docs_sandbox.secret_key)
    monkeypatch.setenv("CHIMEKIT_BASE_URL", docs_sandbox.url)
    namespace: dict[str, Any] = {}
    assert len(SAMPLE_RESULTS) == len(SAMPLES)
    for (_, _, code, answer), (variable, key, server_made) in zip(SAMPLES, SAMPLE_RESULTS, strict=True):
        docs_sandbox.reset()  # as a reader's script would, in the docs' order, sharing one namespace
        exec(compile(code, "<docs sample>", "exec"), namespace)  # noqa: S102 (the docs' own code)
        if variable is None:
            continue
        shown = answer[key] if key else answer
        result = namespace[variable]
        assert differences(as_json(result), shown) == server_made, (code, as_json(result))
        if not server_made:
            assert result == shown  # the SDK's result equals the documented JSON, timestamps' text included
    assert namespace["run"].status == "queued"  # typed attributes too
    assert namespace["member"].created.year == 2025
    namespace["ck"].close()


def test_the_comparison_notices_a_difference() -> None:
    assert differences({"a": 1}, {"a": 1}) == set()
    assert differences({"a": "1"}, {"a": 1}) == {"a"}
    assert differences({"a": {"b": None}}, {"a": {"b": None, "c": 1}}) == {"a keys ['c']"}
    assert differences([1, 2], [1]) == {""}
