"""The sandbox is routed and checked by the operation table: what the table says is what it serves.

The spec is iterated here, never listed by hand: every path parameter of every operation gets an
encoded "/" (and dot segments) and must never reach another operation. Tests of another table serve
a changed copy of ``chimekit_api.api.OPERATIONS`` (``dataclasses.replace``).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from chimekit_api.api import GET_MESSAGE, GET_WORKFLOW_RUN, IDENTIFY, LIMITS, LIST_MEMBER_MESSAGES, OPERATIONS
from chimekit_api.model import INT, OBJECT
from chimekit_api.operation import Operation, Parameter
from chimekit_sandbox._app import SandboxApp
from chimekit_sandbox._routes import SpecError, compile_routes

from .conftest import SECRET

pytestmark = pytest.mark.anyio
SANDBOX = Path(__file__).resolve().parents[2] / "sandbox" / "chimekit_sandbox"
METHODS = ("get", "put", "post", "delete", "patch")


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        for token in node["$ref"].lstrip("#/").split("/"):
            spec = spec[token.replace("~1", "/").replace("~0", "~")]
        node = spec
    return node


def path_parameters(spec: dict[str, Any], path: str) -> list[dict[str, Any]]:
    parameters = [resolve(spec, p) for p in spec["paths"][path].get("parameters", [])]
    for method in METHODS:
        operation = spec["paths"][path].get(method, {})
        parameters += [resolve(spec, p) for p in operation.get("parameters", [])]
    return [p for p in parameters if p["in"] == "path"]


def body_example(spec: dict[str, Any], operation: dict[str, Any]) -> Any:
    body = resolve(spec, operation.get("requestBody"))
    return body["content"]["application/json"].get("example") if body else None


def fill(template_segments: list[str], values: dict[str, str]) -> list[str]:
    return [quote(values[s[1:-1]], safe="") if s.startswith("{") else s for s in template_segments]


@asynccontextmanager
async def client_for(app: SandboxApp) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {SECRET}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox", headers=headers) as client:
        yield client


def snapshot(db: sqlite3.Connection) -> dict[str, list[Any]]:
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in tables}  # noqa: S608


async def seeded_values(spec: dict[str, Any], api: httpx.AsyncClient) -> dict[str, str]:
    """Create state by sending every body example of the spec; its links name the ids created."""
    values = {p["name"]: str(p["example"]) for path in spec["paths"] for p in path_parameters(spec, path)}
    for path, method, operation in operations(spec):
        example = body_example(spec, operation)
        if example is None:
            continue
        url = "/".join(fill(path.split("/"), values))
        response = await api.request(method.upper(), url, json=example)
        assert response.status_code == 200, (method, url, response.text)
        links = next(r for code, r in operation["responses"].items() if code.startswith("2")).get("links", {})
        for link in links.values():
            for name, expression in link.get("parameters", {}).items():
                if expression.startswith("$response.body#"):
                    value: Any = response.json()
                    for token in expression.partition("#")[2].split("/")[1:]:
                        value = value[token]
                    values[name] = value
    return values


def injections(spec: dict[str, Any], path: str, index: int, values: dict[str, str]) -> Iterator[tuple[str, str, Any]]:
    """(raw value for the parameter at segment ``index``, method, body) worth trying.

    For every other template that shares the prefix: the rest of its path joined with encoded
    slashes (decoded, the URL would be that template's), with its methods and body examples; then
    dot segments and stray slashes, with every method.
    """
    segments = path.split("/")
    for other, item in spec["paths"].items():
        others = other.split("/")
        if other == path or len(others) <= index + 1:
            continue
        pairs = zip(segments[:index], others[:index], strict=True)
        if all(a == b or (a.startswith("{") and b.startswith("{")) for a, b in pairs):
            tail = "%2F".join(fill(others[index:], values))
            for method in METHODS:
                if method in item:
                    yield tail, method, body_example(spec, item[method])
    own = quote(values[segments[index][1:-1]], safe="")
    item = spec["paths"][path]
    for raw in (f"{own}%2F..%2F{own}", "%2E%2E", "%2e%2e%2F%2e%2e", f"..%2F{own}", f"{own}%2F", "%2F"):
        for method in METHODS:
            yield raw, method, body_example(spec, item[method]) if method in item else None


async def test_an_encoded_slash_in_any_path_parameter_never_reaches_another_operation(
    spec: dict[str, Any], tmp_path: Path
) -> None:
    app = SandboxApp(secret_key=SECRET, db_path=str(tmp_path / "state.db"))
    db = sqlite3.connect(tmp_path / "state.db")
    tried = 0
    try:
        async with client_for(app) as api:
            values = await seeded_values(spec, api)
            before = snapshot(db)
            assert all(before.values()), before  # members, suppressions, messages and runs exist
            for path in spec["paths"]:
                segments = path.split("/")
                for index, segment in enumerate(segments):
                    if not segment.startswith("{"):
                        continue
                    name = segment[1:-1]
                    for raw, method, body in injections(spec, path, index, values):
                        url = "/".join([*fill(segments[:index], values), raw, *fill(segments[index + 1 :], values)])
                        response = await api.request(method.upper(), url, json=body)
                        tried += 1
                        assert snapshot(db) == before, f"{method.upper()} {url} changed the state"
                        if response.status_code == 400:
                            assert response.json()["error"].startswith(f"{name}: "), (url, response.text)
                        else:
                            assert response.status_code in (404, 405), (method, url, response.text)
    finally:
        db.close()
        app.close()
    assert tried > 100


async def test_the_reported_data_loss_requests_are_400(asgi_api: httpx.AsyncClient) -> None:
    await asgi_api.post("/audience/identify", json={"externalUserId": "victim"})
    added = await asgi_api.post(
        "/audience/members/victim/suppressions", json={"identity": {"type": "email", "value": "v@x.io"}}
    )
    suppression_id = added.json()["suppression"]["id"]
    response = await asgi_api.delete(f"/audience/members/victim%2Fsuppressions%2F{suppression_id}")
    assert response.status_code == 400
    assert response.json()["error"].startswith("externalUserId: ")
    response = await asgi_api.get("/messages/members%2Fvictim%2Fmessages")
    assert response.status_code == 400
    assert response.json()["error"].startswith("messageId: ")
    assert len((await asgi_api.get("/audience/members/victim/suppressions")).json()["suppressions"]) == 1


def moved(operation: Operation) -> Operation:
    return replace(operation, path=operation.path.replace("/sdk/v1/", "/elsewhere/v9/"))


def table(*changed: Operation, without: str = "") -> list[Operation]:
    """The operation table with ``changed`` operations in place of (or beside) those of the same operationId."""
    by_id = {**{o.operation_id: o for o in OPERATIONS.values()}, **{o.operation_id: o for o in changed}}
    return [operation for operation_id, operation in by_id.items() if operation_id != without]


async def test_routes_and_limits_come_from_the_table() -> None:
    (limit, offset) = LIST_MEMBER_MESSAGES.query_params
    listing = replace(
        LIST_MEMBER_MESSAGES, query_params=(replace(limit, schema={**limit.schema, "maximum": 7, "default": 3}), offset)
    )
    trace = Parameter("trace", "trace", "query", True, INT, {"type": "integer", "maximum": 9})
    identifying = replace(IDENTIFY, query_params=(trace,))
    moved_table = [moved(o) for o in table(listing, identifying)]
    app = SandboxApp(secret_key=SECRET, routes=compile_routes(moved_table, LIMITS))
    try:
        async with client_for(app) as api:
            identify = {"externalUserId": "u"}
            response = await api.post("/elsewhere/v9/audience/identify", json=identify, params={"trace": "9"})
            assert response.status_code == 200
            for value, problem in [(None, "is required"), ("ten", "must be an integer"), ("10", "must be at most 9")]:
                params = {} if value is None else {"trace": value}
                response = await api.post("/elsewhere/v9/audience/identify", json=identify, params=params)
                assert response.json() == {"error": f"trace: {problem}"}
            assert (await api.get("/sdk/v1/audience/members/u")).status_code == 404
            listed = await api.get("/elsewhere/v9/messages/members/u/messages")
            assert listed.json()["pagination"]["limit"] == 3
            too_many = await api.get("/elsewhere/v9/messages/members/u/messages", params={"limit": 8})
            assert too_many.json() == {"error": "limit: must be at most 7"}
    finally:
        app.close()


def test_an_operation_without_a_handler_or_a_handler_without_an_operation_fails_at_creation() -> None:
    with pytest.raises(SpecError, match=r"operations without a handler: \[\]; handlers without an operation: \['getWo"):
        SandboxApp(secret_key=SECRET, routes=compile_routes(table(without="getWorkflowRun"), LIMITS))
    cancel = replace(GET_WORKFLOW_RUN, operation_id="cancelWorkflowRun", method="DELETE")
    with pytest.raises(SpecError, match=r"operations without a handler: \['cancelWorkflowRun'\]; handlers without an"):
        SandboxApp(secret_key=SECRET, routes=compile_routes(table(cancel), LIMITS))


@pytest.mark.parametrize(
    ("changed", "problem"),
    [
        (replace(GET_MESSAGE, path_params=(replace(GET_MESSAGE.path_params[0], kind=OBJECT),)), "not a scalar"),
        (replace(GET_MESSAGE, path=GET_MESSAGE.path.replace("{messageId}", "{id}")), "template"),
        (replace(GET_MESSAGE, path=GET_MESSAGE.path.replace("/{messageId}", "/msg-{messageId}")), "whole path segment"),
        (replace(GET_MESSAGE, operation_id="sendMessage"), "two operations have this operationId"),
        (replace(GET_MESSAGE, operation_id="getMessageAgain"), "GET /sdk/v1/messages/{messageId}: two operations"),
        (replace(GET_MESSAGE, operation_id="getMessageAgain", method="QUERY"), "QUERY is not a method"),
    ],
)
def test_what_the_sandbox_cannot_serve_fails_loudly(changed: Operation, problem: str) -> None:
    operations = [*OPERATIONS.values(), changed]
    if changed.operation_id == GET_MESSAGE.operation_id:
        operations.remove(GET_MESSAGE)
    with pytest.raises(SpecError, match=re.escape(problem)):
        compile_routes(operations, LIMITS)


def test_the_sandbox_source_types_no_path_pattern_or_limit_of_the_spec(spec: dict[str, Any]) -> None:
    source = "\n".join(path.read_text() for path in sorted(SANDBOX.glob("*.py")))
    assert '"chimekit.yaml"' not in source
    assert "openapi.json" not in source  # no spec document: the operation table (chimekit_api.api)
    for path in spec["paths"]:
        assert path not in source
        assert path.split("/{")[0] not in source, path
    for schema in spec["components"]["schemas"].values():
        for keyword in ("pattern",):
            if keyword in schema:
                assert schema[keyword] not in source, schema[keyword]


async def test_a_path_two_templates_match_is_served_by_the_one_with_the_method(asgi_api: httpx.AsyncClient) -> None:
    """``/workflows/runs/run``: getWorkflowRun for the run id "run" (GET), runWorkflow for the key "runs" (POST)."""
    got = await asgi_api.get("/workflows/runs/run")
    assert (got.status_code, got.json()) == (404, {"error": "workflow run not found"})
    await asgi_api.post("/audience/identify", json={"externalUserId": "u"})
    ran = await asgi_api.post("/workflows/runs/run", json={"externalUserId": "u"})
    assert ran.status_code == 200, ran.text
    assert (await asgi_api.get(f"/workflows/runs/{ran.json()['runId']}")).json()["run"]["workflowKey"] == "runs"
    other = await asgi_api.put("/workflows/runs/run")
    assert other.status_code == 405
    assert other.headers["allow"] in ("GET", "POST")  # the methods of the most specific of the two paths
