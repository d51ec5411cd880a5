"""Connections under abuse, as a real process (the CLI) on loopback: clients that send nothing or part of a
request and stop, trickle it, stop reading their answers, or open more connections than the process may
hold; and idle keep-alive connections, which must outlast the clients' own pools."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chimekit_sandbox._timeouts import KEEP_ALIVE_SECONDS, REQUEST_TIMEOUT_SECONDS

from ._cli import CliSandbox, cli
from .conftest import identify
from .test_hardening import AUTH, KEY, client, connect, read_response

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 1.0
"""The --request-timeout of these tests: a deadline is the behaviour under test, so it is short..."""
PATIENCE = 30.0
"""...and what should happen at TIMEOUT is waited for this long (a loaded 2-core machine)."""
TIMED_OUT = {"error": "Request timeout: the request did not arrive in time"}

GET = b"GET /sdk/v1/audience/members/user_123 HTTP/1.1\r\nHost: sandbox\r\n" + AUTH + b"\r\n"
POST = b"POST /sdk/v1/audience/identify HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\n" + AUTH
HALF_OPEN = {
    "nothing": b"",
    "part of the request line": b"GET /sdk/v1/aud",
    "part of the headers": GET[:-2],
    "part of the body": POST + b'Content-Length: 100\r\n\r\n{"externalUserId": ',
    "part of a chunk": POST + b'Transfer-Encoding: chunked\r\n\r\n40\r\n{"externalUserId": ',
}


def held(sandbox: CliSandbox) -> int:
    """How many TCP connections the server process holds open (Linux only: /proc)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc")
    pid = sandbox.process.pid
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        with suppress(OSError):  # closed meanwhile
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    count = 0
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        for line in table.read_text().splitlines()[1:] if table.exists() else []:
            fields = line.split()
            count += fields[3] != "0A" and fields[9] in inodes  # 0A: listening
    return count


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "not within PATIENCE"
        time.sleep(0.05)


def until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (fails after PATIENCE)."""
    sock.settimeout(PATIENCE)
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def answer(raw: bytes) -> tuple[int, object]:
    head, _, body = raw.partition(b"\r\n\r\n")
    assert b"\r\nx-request-id: req_" in head.lower()
    return int(head.split()[1]), json.loads(body)


@contextmanager
def started(timeout: float = TIMEOUT, command: Sequence[str] | None = None) -> Iterator[CliSandbox]:
    with cli(["--secret-key", KEY, "--request-timeout", str(timeout)], command=command) as sandbox:
        with client(sandbox) as api:
            identify(api)
        yield sandbox
    assert "Traceback" not in "".join(sandbox.output), "".join(sandbox.output)


def get(sandbox: CliSandbox) -> int:
    """A normal request on a new connection (closed after): its status."""
    with client(sandbox) as api:
        return api.get("/audience/members/user_123", timeout=PATIENCE).status_code


def test_half_open_connections_are_closed_at_the_deadline_and_normal_requests_go_on() -> None:
    with started(timeout=3) as sandbox:
        kinds = list(HALF_OPEN.items())
        connections = []
        for index in range(200):
            kind, data = kinds[index % len(kinds)]
            sock = connect(sandbox)
            sock.sendall(data)
            connections.append((kind, sock))
        wait_for(lambda: held(sandbox) == 200)
        assert get(sandbox) == 200  # answered while the server holds the 200
        for kind, sock in connections:
            with sock:
                received = until_closed(sock)
            if kind == "nothing":
                assert received == b""  # a silent new connection is just closed
            else:
                assert answer(received) == (408, TIMED_OUT), kind
        wait_for(lambda: held(sandbox) == 0)
        assert get(sandbox) == 200


def trickle(sandbox: CliSandbox, head: bytes, piece: bytes) -> tuple[float, bytes]:
    """Send ``head``, then ``piece`` five times per TIMEOUT until the server closes the connection:
    (seconds it took, what the server sent)."""
    with connect(sandbox) as sock:
        began = time.monotonic()
        sock.sendall(head)
        received = b""
        while time.monotonic() - began < PATIENCE:
            if select.select([sock], [], [], TIMEOUT / 5)[0]:
                chunk = sock.recv(65536)
                if not chunk:
                    return time.monotonic() - began, received
                received += chunk
            else:
                try:
                    sock.sendall(piece)
                except OSError:  # reset: closed
                    return time.monotonic() - began, received
    raise AssertionError(f"still open after {PATIENCE} s of trickling")


def test_a_trickling_client_is_cut_off_at_the_deadline() -> None:
    unauthorized = b"POST /sdk/v1/audience/identify HTTP/1.1\r\nHost: sandbox\r\nContent-Length: 1000000\r\n\r\n{"
    with started() as sandbox:
        # The head, one header line at a time: answered 408 at the deadline, not kept open by each byte.
        took, received = trickle(sandbox, b"GET /sdk/v1/audience/members/u HTTP/1.1\r\n", b"X-Slow: 1\r\n")
        assert TIMEOUT <= took < PATIENCE
        assert answer(received) == (408, TIMED_OUT)
        # A body the server answered before reading it (401 here), trickled on: the connection is closed
        # at the deadline all the same (each byte used to restart uvicorn's keep-alive wait for ever).
        took, received = trickle(sandbox, unauthorized, b"a")
        assert TIMEOUT <= took < PATIENCE
        assert answer(received) == (401, {"error": "Unauthorized"})


def test_a_request_begun_on_a_kept_alive_connection_is_timed_out_too() -> None:
    with started() as sandbox, connect(sandbox) as sock:
        sock.sendall(GET)
        assert read_response(sock)[0] == 200
        sock.sendall(GET[:20])  # the next request's first bytes, then nothing
        assert answer(until_closed(sock)) == (408, TIMED_OUT)


def test_idle_connections_stay_open_longer_than_clients_keep_them() -> None:
    # httpx drops a pooled connection after 5 s idle; uvicorn closed its side after 5 s too, so a request
    # sent at that moment met a closing connection (a POST then fails with the request sent). The
    # sandbox keeps idle connections open far longer, whatever the request timeout.
    with started() as sandbox, connect(sandbox) as sock:
        sock.sendall(GET)
        assert read_response(sock)[0] == 200
        time.sleep(6)
        sock.sendall(GET)
        assert read_response(sock)[0] == 200


def test_a_client_that_stops_reading_its_answers_is_dropped_at_the_deadline() -> None:
    with started() as sandbox, socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with client(sandbox) as api:  # a member whose every read is a 1 MB answer
            identify(api, "big", attributes={"blob": "x" * 2**20})
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        url = urlsplit(sandbox.url)
        sock.connect((url.hostname, url.port))
        sock.settimeout(TIMEOUT)
        with suppress(OSError):  # timed out (the server reads no more) or reset (it gave up on us)
            while True:  # requests, never reading an answer, until the server's buffers are full
                sock.sendall(GET.replace(b"user_123", b"big"))
        wait_for(lambda: held(sandbox) == 0)  # the server let go of the connection
        assert get(sandbox) == 200


# The CLI in a process allowed 64 open files at first and 128 at most (the usual limits are 1,024 and more).
LIMITED = [
    sys.executable,
    "-c",
    "import resource, runpy; resource.setrlimit(resource.RLIMIT_NOFILE, (64, 128)); "
    "runpy.run_module('chimekit_sandbox', run_name='__main__')",
]


def test_more_connections_than_the_process_may_open_wait_and_are_then_served() -> None:
    with started(command=LIMITED) as sandbox:
        limits = Path(f"/proc/{sandbox.process.pid}/limits").read_text()
        assert [line.split()[3:5] for line in limits.splitlines() if line.startswith("Max open files")] == [
            ["128", "128"]
        ]  # the CLI lifted its soft limit to the hard one
        silent = [connect(sandbox) for _ in range(300)]  # each one a file in the server once it accepts it
        try:
            assert get(sandbox) == 200  # waits in the kernel's queue until the deadlines free files
        finally:
            for sock in silent:
                sock.close()
    output = "".join(sandbox.output)
    assert output.count("cannot accept connections: [Errno 24] Too many open files") <= PATIENCE + 1


def test_the_timeouts_are_documented_where_users_look() -> None:
    readme = " ".join((ROOT / "sandbox" / "README.md").read_text().split())
    assert f"closed after {KEEP_ALIVE_SECONDS} s idle" in readme
    assert f"--request-timeout SECONDS` (default {REQUEST_TIMEOUT_SECONDS:g})" in readme
    shown = subprocess.run(
        [sys.executable, "-m", "chimekit_sandbox", "--help"], capture_output=True, text=True, check=True
    ).stdout
    shown = " ".join(shown.split())
    assert "--request-timeout SECONDS" in shown
    assert f"(default: {REQUEST_TIMEOUT_SECONDS:g})" in shown
    assert f"stay open {KEEP_ALIVE_SECONDS} s" in shown
