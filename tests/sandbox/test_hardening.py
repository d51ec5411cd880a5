"""The sandbox under abuse, as a real process (the CLI) on loopback: huge and deep bodies, signals,
malformed HTTP, and a soak of mixed valid and invalid requests."""

from __future__ import annotations

import json
import re
import select
import signal
import socket
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from chimekit_api.api import JSON_OBJECT, LIMITS, OPERATIONS
from chimekit_sandbox._validation import DEPTH_KEYWORD

from ._cli import CliSandbox, cli, start_cli, stop
from .conftest import SSL_CONTEXT, identify

MAX_DEPTH: int = JSON_OBJECT[DEPTH_KEYWORD]  # the spec's limit, as the table has it
MAX_BODY_BYTES = LIMITS["maxBodyBytes"]
MAX_BODY_DEPTH = LIMITS["maxBodyDepth"]
KEY = "sk_test_hardening"
MIB = 2**20
AUTH = f"Authorization: Bearer {KEY}\r\n".encode()


def rss_mib(sandbox: CliSandbox) -> float:
    """The server process's resident memory (Linux only: /proc)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc/<pid>/status")
    status = Path(f"/proc/{sandbox.process.pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]


def client(sandbox: CliSandbox) -> httpx.Client:
    headers = {"Authorization": f"Bearer {KEY}"}
    return httpx.Client(base_url=sandbox.url + "/sdk/v1", headers=headers, timeout=30, verify=SSL_CONTEXT)


def connect(sandbox: CliSandbox) -> socket.socket:
    url = urlsplit(sandbox.url)
    return socket.create_connection((url.hostname, url.port), timeout=30)


def read_response(sock: socket.socket) -> tuple[int, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        received = sock.recv(65536)
        if not received:
            break
        data += received
    head, _, body = data.partition(b"\r\n\r\n")
    if not head:
        return 0, b""
    length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    while length and len(body) < int(length.group(1)):
        received = sock.recv(65536)
        if not received:
            break
        body += received
    return int(head.split()[1]), body


def push_until_answered(sandbox: CliSandbox, head: bytes, piece: bytes, total: int, end: bytes) -> tuple[int, Any, int]:
    """Send ``head``, then ``piece`` again and again (``total`` bytes at most, then ``end``) until the
    server answers; (status, JSON body, body bytes sent)."""
    with connect(sandbox) as sock:
        sock.sendall(head)
        sent = 0
        while not select.select([sock], [], [], 0)[0]:
            if sent >= total:
                sock.sendall(end)
                break
            sock.sendall(piece)
            sent += len(piece)
        status, body = read_response(sock)
    return status, json.loads(body), sent


def test_bodies_over_the_limit_are_413_before_they_are_read_and_memory_stays_flat() -> None:
    total = 200 * MIB
    with cli(["--secret-key", KEY]) as sandbox:
        with client(sandbox) as api:
            identify(api)
        before = rss_mib(sandbox)
        post = b"POST /sdk/v1/audience/identify HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\n" + AUTH
        declared = post + f"Content-Length: {total}\r\n\r\n".encode()
        status, body, sent = push_until_answered(sandbox, declared, b" " * MIB, total, b"")
        assert (status, body) == (413, {"error": "body: is larger than 16 MiB"})
        assert sent < 4 * MAX_BODY_BYTES  # answered on the header (what was sent sits in socket buffers)
        chunk = b" " * MIB
        chunked = post + b"Transfer-Encoding: chunked\r\n\r\n"
        status, body, sent = push_until_answered(
            sandbox, chunked, b"%x\r\n%s\r\n" % (len(chunk), chunk), total, b"0\r\n\r\n"
        )
        assert (status, body) == (413, {"error": "body: is larger than 16 MiB"})
        assert sent < 4 * MAX_BODY_BYTES  # stopped reading at the limit, not at the end of the body
        assert rss_mib(sandbox) - before < 64
        with client(sandbox) as api:
            assert api.get("/audience/members/user_123").json()["member"]["id"] == "user_123"


def schemas_in(schema: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (sub)schema of ``schema`` with where it is."""
    yield where, schema
    for name, sub in schema.get("properties", {}).items():
        yield from schemas_in(sub, f"{where}.{name}")
    for keyword in ("items", "additionalProperties", "not", "contains", "if", "then", "else"):
        if isinstance(schema.get(keyword), dict):
            yield from schemas_in(schema[keyword], f"{where}/{keyword}")
    for keyword in ("allOf", "anyOf", "oneOf", "prefixItems"):
        for index, sub in enumerate(schema.get(keyword, [])):
            yield from schemas_in(sub, f"{where}/{keyword}[{index}]")


def is_free_form(schema: dict[str, Any]) -> bool:
    """A schema that accepts any object or any array: its content is the client's, unchecked."""
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    open_object = "object" in types and not {"properties", "patternProperties"} & schema.keys()
    open_object &= schema.get("additionalProperties", True) in (True, {})
    open_array = "array" in types and schema.get("items", True) in (True, {}) and "prefixItems" not in schema
    return open_object or open_array


def test_every_free_form_value_a_request_takes_has_the_depth_limit() -> None:
    free = []
    for operation_id, operation in OPERATIONS.items():
        requested = [(p.name, p.schema) for p in operation.path_params + operation.query_params]
        requested += [("body", operation.body_schema)] if operation.body_schema is not None else []
        for name, schema in requested:
            for where, sub in schemas_in(dict(schema), f"{operation_id}:{name}"):
                if is_free_form(sub):
                    assert sub.get(DEPTH_KEYWORD) == MAX_DEPTH, where
                    free.append(where.rsplit(".", 1)[-1])
    assert {"attributes", "context", "variables", "actions/items"} <= set(free), free


def nested(levels: int) -> Any:
    value: Any = {}
    for level in range(levels - 1):
        value = {"k": value} if level % 2 else [value]
    return value


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/audience/identify", lambda v: {"externalUserId": "u", "attributes": v}, "attributes"),
        ("/audience/members/u", lambda v: {"attributes": v}, "attributes"),
        ("/workflows/w/run", lambda v: {"externalUserId": "u", "context": v}, "context"),
        (
            "/messages/send",
            lambda v: {"externalUserId": "u", "content": {"in_app": {"title": "T", "actions": [v]}}},
            "content.in_app.actions[0]",
        ),
        (
            "/messages/send",
            lambda v: {"externalUserId": "u", "content": {"email": {"subject": "S", "body": "B", "variables": v}}},
            "content.email.variables",
        ),
    ],
)
def test_free_form_values_nest_at_most_32_levels(api: httpx.Client, path: str, body: Any, field: str) -> None:
    identify(api, "u")
    deepest = {"k": nested(MAX_DEPTH - 1)}
    method = "PUT" if path.startswith("/audience/members/") else "POST"
    assert api.request(method, path, json=body(deepest)).status_code == 200
    response = api.request(method, path, json=body({"k": nested(MAX_DEPTH)}))
    assert response.status_code == 400
    assert response.json() == {"error": f"{field}: nested deeper than {MAX_DEPTH} levels"}
    if field == "attributes":
        assert api.get("/audience/members/u").json()["member"]["attributes"] == deepest


def deep_json(levels: int) -> str:
    """JSON text nesting ``levels`` arrays and objects (built as text: no recursion, any depth)."""
    opening = "".join('{"k": ' if level % 2 else "[" for level in range(levels))
    return opening + "0" + "".join("}" if level % 2 else "]" for level in reversed(range(levels)))


# Every body, with a deep value where it is free-form, where the schema is closed, and where no field
# is allowed; the body's own object or array is level 1.
DEEP_BODIES = [
    ("POST", "/audience/identify", '{"externalUserId": "u", "attributes": {"k": %s}}', 2),
    ("POST", "/audience/identify", '{"externalUserId": "u", "unknownField": %s}', 1),
    ("POST", "/audience/identify", '{"externalUserId": "u", "identities": %s}', 1),
    ("PUT", "/audience/members/u", '{"attributes": {"k": %s}}', 2),
    ("POST", "/audience/members/u/suppressions", '{"identity": %s}', 1),
    ("POST", "/workflows/w/run", '{"externalUserId": "u", "context": {"k": %s}}', 2),
    ("POST", "/messages/send", '{"externalUserId": "u", "content": {"in_app": {"title": "T", "actions": %s}}}', 3),
    ("POST", "/messages/send", '{"externalUserId": "u", "content": {"email": {"subject": "S", "variables": %s}}}', 3),
    ("POST", "/audience/identify", "%s", 0),
]


@pytest.mark.parametrize(("method", "path", "template", "around"), DEEP_BODIES)
def test_every_body_nested_beyond_the_limit_is_a_400_naming_it(
    api: httpx.Client, method: str, path: str, template: str, around: int
) -> None:
    identify(api, "u")
    headers = {"Content-Type": "application/json"}
    # At the limit the body is judged by its schema (a free-form value's 32 levels, an unknown field...).
    at_limit = api.request(method, path, content=template % deep_json(MAX_BODY_DEPTH - around), headers=headers)
    assert at_limit.status_code == 400
    assert "64 levels" not in at_limit.json()["error"]
    # The validator itself gives up at 256 levels and json at ~1,000 (both were 500s or a vaguer 400).
    for levels in (MAX_BODY_DEPTH + 1, 255, 256, 300, 1_000, 3_000, 100_000):
        response = api.request(method, path, content=template % deep_json(levels - around), headers=headers)
        assert (response.status_code, response.json()) == (
            400,
            {"error": f"body: nested deeper than {MAX_BODY_DEPTH} levels"},
        ), levels


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("1e309", "has a number beyond the range of a double (about 1.8e308)"),
        ("-1.5e400", "has a number beyond the range of a double (about 1.8e308)"),
        ("9" * 4301, "has an integer of more than 4300 digits"),
    ],
)
def test_a_number_python_cannot_hold_is_a_400_naming_the_limit(api: httpx.Client, number: str, problem: str) -> None:
    # Valid JSON, but beyond what the sandbox can hold: said as such, not "not valid JSON".
    headers = {"Content-Type": "application/json"}
    body = '{"externalUserId": "u", "attributes": {"n": %s}}'
    response = api.post("/audience/identify", content=body % number, headers=headers)
    assert (response.status_code, response.json()) == (400, {"error": f"body: {problem}"})
    kept = api.post("/audience/identify", content=body % ("9" * 4300), headers=headers)  # the longest integer
    assert kept.json()["member"]["attributes"] == {"n": int("9" * 4300)}


def test_the_limits_are_the_ones_the_spec_documents(spec: dict[str, Any]) -> None:
    limits = " ".join(spec["info"]["description"].split("**Limits.**")[1].split("\n    - ")[0].split())
    assert f"larger than {MAX_BODY_BYTES // MIB} MiB is a `413`" in limits
    assert f"nest at most {MAX_DEPTH} levels" in limits
    assert f"a request body nests at most {MAX_BODY_DEPTH} levels" in limits


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)])
def test_ctrl_c_and_sigterm_stop_the_cli_cleanly(signum: int, code: int, tmp_path: Path) -> None:
    sandbox = start_cli(["--secret-key", KEY, "--db", str(tmp_path / "db")])
    try:
        with client(sandbox) as api:
            identify(api)
        started = len(sandbox.output)
        sandbox.process.send_signal(signum)
        output, _ = sandbox.process.communicate(timeout=20)
    finally:
        stop(sandbox)
    assert sandbox.process.returncode == code, output
    assert "Traceback" not in output
    assert len(output.splitlines()) <= 1, output
    assert started >= 1


MALFORMED = [
    b"GET /sdk/v1/audience/members/u HTTP/1.1\r\nHost: x\r\nX-Bad: a\x00b\r\n\r\n",
    b"GET /sdk/v1/audience/members/\xc3\xa9 HTTP/1.1\r\nHost: x\r\n" + AUTH + b"\r\n",
    b"GET /sdk/v1/audience/members/\xff HTTP/1.1\r\nHost: x\r\n" + AUTH + b"\r\n",
    b"GET /sdk/v1/audience/members/a\x00b HTTP/1.1\r\nHost: x\r\n" + AUTH + b"\r\n",
    b"GET /sdk/v1/audience/members/%ff%fe HTTP/1.1\r\nHost: x\r\n" + AUTH + b"\r\n",
    b"GET /sdk/v1/audience/members/%00 HTTP/1.1\r\nHost: x\r\n" + AUTH + b"\r\n",
    b"GET /sdk/v1/messages/members/u/messages?limit=\xff&offset=%ff HTTP/1.1\r\nHost: x\r\n" + AUTH + b"\r\n",
    b"GET /sdk/v1/audience/members/u HTTP/1.1\r\nHost: x\r\nX-\xff: y\r\n\r\n",
    b"GET /sdk/v1/audience/members/u HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\r\n\r\n",
    b"POST /sdk/v1/audience/identify HTTP/1.1\r\nHost: x\r\nContent-Type: \xff\r\nContent-Length: 2\r\n"
    + AUTH
    + b"\r\n{}",
    b"POST /sdk/v1/audience/identify HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n" + AUTH + b"\r\n",
    b"POST /sdk/v1/audience/identify HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + AUTH + b"\r\nzz\r\n",
    b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"X-Long: " + b"a" * 100_000 + b"\r\n\r\n",
    b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(range(256)),
    b"GARBAGE\r\n\r\n",
    b"GET /sdk/v1/audience/members/u HTTP/9.9\r\n\r\n",
]


def test_malformed_http_never_stops_the_cli_serving() -> None:
    with cli(["--secret-key", KEY]) as sandbox, client(sandbox) as api:
        for probe in MALFORMED:
            with connect(sandbox) as sock:
                sock.sendall(probe)
                status, body = read_response(sock)
            assert status in (0, 400, 401, 404, 405, 413, 414, 431, 505), (probe[:80], status, body)
            if status in (401, 404, 405) or body.startswith(b"{"):
                assert list(json.loads(body)) == ["error"]
            assert sandbox.process.poll() is None, probe[:80]
            assert api.get("/audience/members/u").status_code == 200, probe[:80]
    assert "Traceback" not in "".join(sandbox.output)


WORKERS = 8


def soak_round(sandbox: CliSandbox, worker: int, iterations: int, start: int) -> tuple[dict[str, Any], list[str]]:
    """One worker's share: per iteration 3 writes that must be kept and 8 requests that must be refused."""
    acked: dict[str, Any] = {"members": {}, "suppressions": {}, "messages": []}
    surprises: list[str] = []

    def expect(response: httpx.Response, status: int) -> httpx.Response:
        if response.status_code != status:
            surprises.append(
                f"{response.request.method} {response.request.url}: {response.status_code} {response.text[:200]}"
            )
        return response

    with client(sandbox) as api:
        for i in range(start, start + iterations):
            member = f"soak-{worker}-{i}"
            created = expect(
                api.post("/audience/identify", json={"externalUserId": member, "displayName": f"n{i}"}), 200
            )
            if created.status_code == 200:
                acked["members"][member] = f"n{i}"
            added = expect(
                api.post(
                    f"/audience/members/{member}/suppressions",
                    json={"identity": {"type": "email", "value": f"{member}@x.io"}},
                ),
                200,
            )
            if added.status_code == 200:
                acked["suppressions"][member] = added.json()["suppression"]["id"]
            sent = expect(
                api.post("/messages/send", json={"externalUserId": member, "content": {"in_app": {"title": "T"}}}), 200
            )
            if sent.status_code == 200:
                acked["messages"].append(sent.json()["message"]["id"])
            suppression = acked["suppressions"].get(member, "sup_x")
            expect(api.delete(f"/audience/members/{member}%2Fsuppressions%2F{suppression}"), 400)
            expect(api.get(f"/messages/members%2F{member}%2Fmessages"), 400)
            expect(
                api.post(
                    "/audience/identify", content=b'{"externalUserId": ', headers={"Content-Type": "application/json"}
                ),
                400,
            )
            expect(api.post("/audience/identify", json={"externalUserId": member, "displayname": "typo"}), 400)
            expect(api.get("/audience/members/" + "x" * 5000), 400)
            expect(api.post("/audience/identify", json={"externalUserId": "y" * 10_000}), 400)
            expect(api.patch(f"/audience/members/{member}", json={}), 405)
            expect(
                api.post("/audience/identify", json={"externalUserId": member, "attributes": nested(MAX_DEPTH + 5)}),
                400,
            )
            if worker == 0 and i % 20 == 0:
                oversized = b'{"externalUserId": "' + b"z" * (MAX_BODY_BYTES + 10) + b'"}'
                expect(
                    api.post("/audience/identify", content=oversized, headers={"Content-Type": "application/json"}), 413
                )
    return acked, surprises


def soak(sandbox: CliSandbox, iterations: int, start: int) -> tuple[list[dict[str, Any]], list[str]]:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda w: soak_round(sandbox, w, iterations, start), range(WORKERS)))
    return [acked for acked, _ in results], [s for _, surprises in results for s in surprises]


def lost(sandbox: CliSandbox, acked: dict[str, Any]) -> list[str]:
    """The acknowledged writes that the server no longer has."""
    gaps = []
    messages = set(acked["messages"])
    with client(sandbox) as api:
        for member, name in acked["members"].items():
            if api.get(f"/audience/members/{member}").json()["member"]["displayName"] != name:
                gaps.append(f"member {member}")
            listed = api.get(f"/audience/members/{member}/suppressions").json()["suppressions"]
            if [s["id"] for s in listed] != [acked["suppressions"][member]]:
                gaps.append(f"suppression of {member}")
            page = api.get(f"/messages/members/{member}/messages").json()["messages"]
            messages -= {item["message"]["id"] for item in page}
    return gaps + [f"message {message}" for message in messages]


@pytest.mark.timeout(180)
def test_soak_keeps_every_acknowledged_write_answers_no_500_and_holds_memory_flat(tmp_path: Path) -> None:
    with cli(["--secret-key", KEY, "--db", str(tmp_path / "soak.db")]) as sandbox:
        warm_up, surprises = soak(sandbox, 10, 0)  # ~900 requests: caches, pools and arenas settle
        before = rss_mib(sandbox)
        acked, more = soak(sandbox, 30, 10)  # ~2,700 requests, 8 at a time
        after = rss_mib(sandbox)
        assert surprises + more == []
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            missing = [gap for gaps in pool.map(lambda share: lost(sandbox, share), [*warm_up, *acked]) for gap in gaps]
        assert missing == []
        assert sum(len(share["members"]) for share in acked) == WORKERS * 30
        assert after - before < 24, (before, after)
    assert " 500 " not in "".join(sandbox.output)
    assert "Traceback" not in "".join(sandbox.output)
