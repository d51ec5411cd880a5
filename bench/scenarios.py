"""What `make bench` measures: every scenario times a contender against a baseline in one interpreter.

A *builder* takes a ``Target`` (where to send, and the canned data ``run.py`` derived from the spec) and
returns a *call*: a function doing one unit of work (an async function for an async scenario). ``ab.py``
builds both sides of a scenario and times them in alternating blocks. To add a scenario, write its two
builders and append one ``Scenario`` to ``SCENARIOS``, as ``send_many 1000 at 16 sandbox`` below.

This module imports only the standard library and httpx, so that it loads in bench/.venv-peers too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path
from typing import Any, Literal

import httpx

Call = Callable[[], Any]
Builder = Callable[["Target"], Call | Awaitable[Call]]
ROOT = Path(__file__).resolve().parent.parent
INPROC_URL = "http://127.0.0.1:9"  # never contacted: httpx.MockTransport answers
SDK_CALLS = {  # facade method -> operationId (run.py reads the request, response and arguments from the spec)
    "audience.find_member": "findMember",
    "identify": "identify",
    "messages.send_message": "sendMessage",
    "messages.list_messages_for_user": "listMemberMessages",
}


@dataclass
class Target:
    url: str
    canned: dict[str, Any]
    """run.py's canned.json: ``key``, and per call name its method, path, params, json, headers, response."""
    inproc: bool
    seen: list[httpx.Request] = field(default_factory=list)
    """Requests answered in-process, so ab.py can check that both sides sent the same request."""

    def transport(self) -> httpx.MockTransport:
        table = {(c["method"], c["path"]): c["response"].encode() for c in self.canned["calls"].values()}

        def handler(request: httpx.Request) -> httpx.Response:
            self.seen.append(request)
            body = table.get((request.method, request.url.path))
            return httpx.Response(200 if body else 404, headers={"content-type": "application/json"}, content=body)

        return httpx.MockTransport(handler)

    def http(self, is_async: bool) -> dict[str, Any]:
        """``http_client=`` for an SDK: one on the in-process transport, or nothing (the SDK's own)."""
        if not self.inproc:
            return {}
        return {"http_client": (httpx.AsyncClient if is_async else httpx.Client)(transport=self.transport())}


def raw(name: str, is_async: bool) -> Builder:
    """Raw httpx sending the request of ``name``, checking the status and ``json.loads``-ing the body."""

    def build(t: Target) -> Call:
        c = t.canned["calls"][name]
        kwargs = {"base_url": t.url, "headers": c["headers"]} | ({"transport": t.transport()} if t.inproc else {})
        method, path, params, body, loads = c["method"], c["path"], c["params"], c["json"], json.loads
        if is_async:
            aclient = httpx.AsyncClient(**kwargs)

            async def acall() -> Any:
                r = await aclient.request(method, path, params=params, json=body)
                if r.status_code != 200:
                    raise RuntimeError(f"{name}: HTTP {r.status_code}")
                return loads(r.content)

            return acall
        client = httpx.Client(**kwargs)

        def call() -> Any:
            r = client.request(method, path, params=params, json=body)
            if r.status_code != 200:
                raise RuntimeError(f"{name}: HTTP {r.status_code}")
            return loads(r.content)

        return call

    return build


def sdk(name: str, is_async: bool) -> Builder:
    """``ChimeKit`` / ``AsyncChimeKit`` calling ``name`` (``messages.send_message``) with the spec's example."""

    def build(t: Target) -> Call:
        import chimekit

        cls = chimekit.AsyncChimeKit if is_async else chimekit.ChimeKit
        method: Any = reduce(getattr, name.split("."), cls(t.canned["key"], base_url=t.url, **t.http(is_async)))
        args = t.canned["calls"][name]["sdk_args"]
        return lambda: method(*args)

    return build


def sdk_send_many(count: int, concurrency: int) -> Builder:
    """``AsyncChimeKit.messages.send_many`` of ``count`` copies of the spec's send, ``concurrency`` at a time."""

    async def build(t: Target) -> Call:
        import chimekit

        client = chimekit.AsyncChimeKit(t.canned["key"], base_url=t.url, **t.http(True))
        user, body = t.canned["calls"]["messages.send_message"]["sdk_args"]
        await client.identify(user)  # a member to send to (on the sandbox)
        sends = [(user, body)] * count

        async def call() -> Any:
            outcomes = await client.messages.send_many(sends, max_concurrency=concurrency)
            if not all(outcome.ok for outcome in outcomes):
                raise RuntimeError(f"send_many: {[o for o in outcomes if not o.ok][:1]}")
            return outcomes

        return call

    return build


def raw_semaphore(count: int, concurrency: int) -> Builder:
    """Raw ``httpx.AsyncClient`` posting the same ``count`` sends, a semaphore of ``concurrency`` in front."""

    def build(t: Target) -> Call:
        import asyncio

        c = t.canned["calls"]["messages.send_message"]
        client = httpx.AsyncClient(base_url=t.url, headers=c["headers"])

        async def one(gate: asyncio.Semaphore) -> Any:
            async with gate:
                r = await client.request(c["method"], c["path"], json=c["json"])
                if r.status_code != 200:
                    raise RuntimeError(f"send: HTTP {r.status_code}")
                return json.loads(r.content)

        async def call() -> Any:
            gate = asyncio.Semaphore(concurrency)
            return await asyncio.gather(*(one(gate) for _ in range(count)))

        return call

    return build


def importer(module: str) -> Builder:
    """``import module`` in a fresh interpreter (this one's: bench/.venv-runtime): the statement's own time."""

    def build(t: Target) -> Call:
        env = os.environ | {"PYTHONPATH": os.pathsep.join(str(ROOT / folder) for folder in ("generated", "overlay"))}
        code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        return lambda: float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True).stdout)  # noqa: S603

    return build


# --------------------------------------------------------------------------------------------------
# peers (optional, bench/.venv-peers): one identify/upsert-like call each, with a response its client accepts


def knock(t: Target) -> Call:
    from knockapi import Knock

    client = Knock(api_key=t.canned["key"], base_url=t.url, **t.http(False))
    return lambda: client.users.update("user_123", **AVA)


def courier(t: Target) -> Call:
    from courier import Courier

    client = Courier(api_key=t.canned["key"], base_url=t.url, **t.http(False))
    return lambda: client.profiles.create("user_123", profile=AVA | PLAN)


def suprsend(t: Target) -> Call:
    import requests
    from suprsend import Suprsend

    if t.inproc:  # suprsend uses requests: answer at the adapter, the rest of requests still runs
        reply = t.canned["calls"]["suprsend users.upsert"]["response"].encode()

        def send(self: Any, request: Any, **kwargs: Any) -> requests.Response:
            response = requests.Response()
            response.status_code, response._content, response.request = 200, reply, request
            return response

        requests.adapters.HTTPAdapter.send = send  # type: ignore[method-assign,assignment]
    client = Suprsend.with_workspace_api_key("ws_bench", t.canned["key"], base_url=t.url)
    return lambda: client.users.upsert("user_123", PEERS["suprsend users.upsert"][3])


async def pingram(t: Target) -> Call:
    from pingram import Pingram
    from pingram.models.post_user_request import PostUserRequest

    client = await Pingram(api_key=t.canned["key"], base_url=t.url).__aenter__()
    if t.inproc:
        client._api_client.rest_client.pool_manager = httpx.AsyncClient(transport=t.transport())
    body = PostUserRequest.from_dict(PEERS["pingram user.user_identify"][3])
    return lambda: client.user.user_identify(user_id="user_123", post_user_request=body)


AVA = {"email": "ava@example.com", "name": "Ava Example"}
DATE, PLAN = "2025-01-01T00:00:00.000Z", {"plan": "pro"}
PEERS: dict[str, tuple[Builder, str, str, Any, Any]] = {  # name: builder, method, path, request body, response
    "knock users.update": (knock, "PUT", "/v1/users/user_123", AVA,
        {"__typename": "User", "id": "user_123", **AVA, "properties": PLAN, "updated_at": DATE}),
    "courier profiles.create": (courier, "POST", "/profiles/user_123", {"profile": AVA | PLAN}, {"status": "SUCCESS"}),
    "suprsend users.upsert": (suprsend, "POST", "/v1/user/user_123/", {"$email": [AVA["email"]], "name": AVA["name"],
        **PLAN}, {"distinct_id": "user_123", "properties": AVA | PLAN, "updated_at": DATE}),
    "pingram user.user_identify": (pingram, "POST", "/users/user_123", {"id": "user_123", "email": AVA["email"],
        "timezone": "Europe/London"}, {"id": "user_123", "email": AVA["email"], "properties": PLAN, "updatedAt": DATE}),
}  # fmt: skip


# --------------------------------------------------------------------------------------------------
# the scenarios


PER_CALL = "ChimeKit / raw httpx, client CPU per call (target: each ≤ 1.10, geometric mean ≤ 1.05)"
SANDBOX = "ChimeKit / raw httpx on the real sandbox, wall time per call, one request at a time"
PEER = "peer SDK / raw httpx sending the same request, client CPU per call"
IMPORT = "import chimekit / import httpx, fresh interpreters, runtime dependencies only (target ≤ 1.10)"
BULK = "send_many / raw httpx.AsyncClient with a semaphore, 1,000 sends on the real sandbox, wall time (target ≤ 1.10)"


@dataclass(frozen=True)
class Scenario:
    name: str
    contender: Builder
    baseline: Builder
    server: Literal["inproc", "canned", "sandbox"]
    """inproc: httpx.MockTransport with canned bytes; canned: bench/server.py; sandbox: chimekit-sandbox."""
    group: str = PER_CALL
    """The title of its table in the report."""
    is_async: bool = False
    calls: int = 50
    """Calls per timed block."""
    timer: Literal["cpu", "wall", "reported"] = "cpu"
    """cpu: this process's CPU time (the client's cost); wall: elapsed time; reported: what each call returns."""
    venv: Literal["project", "runtime", "peers"] = "project"
    """The venv ab.py runs in: the project's, bench/.venv-runtime (chimekit's runtime dependencies), the peers'."""


# fmt: off
SCENARIOS = [
    Scenario(f"{name} {mode} {server}", sdk(name, mode == "async"), raw(name, mode == "async"), server,
             is_async=mode == "async", calls=100 if server == "inproc" else 50)
    for server in ("inproc", "canned") for mode in ("sync", "async") for name in SDK_CALLS
]
SCENARIOS.append(Scenario("identify sync sandbox", sdk("identify", False), raw("identify", False), "sandbox",
                          group=SANDBOX, timer="wall"))
SCENARIOS.append(Scenario("import chimekit", importer("chimekit"), importer("httpx"), "inproc", group=IMPORT,
                          calls=1, timer="reported", venv="runtime"))
SCENARIOS.append(Scenario("send_many 1000 at 16 sandbox", sdk_send_many(1000, 16), raw_semaphore(1000, 16), "sandbox",
                          group=BULK, is_async=True, calls=1, timer="wall"))
SCENARIOS += [
    Scenario(f"{peer} {server}", PEERS[peer][0], raw(peer, peer.startswith("pingram")), server, group=PEER,
             is_async=peer.startswith("pingram"), venv="peers")
    for server in ("inproc", "canned") for peer in PEERS
]
# fmt: on
