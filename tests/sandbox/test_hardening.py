"""The sandbox under abuse, as a real process (the CLI) on loopback: huge and deep bodies, signals,
malformed HTTP, and a soak of mixed valid and invalid requests."""

from __future__ import annotations

import json
import re
import select
import signal
import socket
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from chimekit_sandbox._engine import MAX_BODY_BYTES
from chimekit_sandbox._spec import MAX_DEPTH

from ._cli import CliSandbox, cli, start_cli, stop
from .conftest import SSL_CONTEXT, identify

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


def test_the_limits_are_the_ones_the_spec_documents(spec: dict[str, Any]) -> None:
    limits = spec["info"]["description"].split("**Limits.**")[1].split("\n    - ")[0]
    assert f"larger than {MAX_BODY_BYTES // MIB} MiB is a `413`" in limits
    assert f"nest at most {MAX_DEPTH} levels" in " ".join(limits.split())


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
