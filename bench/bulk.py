"""What ``send_many`` must do that no ratio shows: ``python bench/bulk.py`` prints two lines of figures.

1. Pacing: 300 sends to a sandbox taking 50 requests a second (``--rate-limit 50``): all succeed, in about
   300/50 = 6 s, with under 15 % of the requests answered 429.
2. Never twice: 500 sends to a sandbox that fails 5 % of them ambiguously (it acts on the request, then
   answers 500 or drops the connection): each item reaches the server once.
"""

from __future__ import annotations

import collections
import json
import random
import time
from typing import Any

import chimekit
import chimekit_sandbox
import httpx
from chimekit_api.api import OPERATIONS
from chimekit_sandbox._server import serve_in_thread

KEY = "sk_bench_bulk"


def _sends(count: int) -> list[tuple[str, Any]]:
    return [("user_1", {"content": {"in_app": {"title": f"item {i}"}}}) for i in range(count)]


def pacing() -> str:
    statuses: collections.Counter[int] = collections.Counter()
    with chimekit_sandbox.running(secret_key=KEY, rate_limit=50) as sandbox:
        hooks = {"response": [lambda response: statuses.update([response.status_code])]}
        with chimekit.ChimeKit(KEY, base_url=sandbox.url, http_client=httpx.Client(event_hooks=hooks)) as ck:
            ck.identify("user_1")
            time.sleep(1.0)  # a fresh second for the batch
            statuses.clear()
            started = time.perf_counter()
            outcomes = ck.messages.send_many(_sends(300), max_concurrency=16)
            took = time.perf_counter() - started
    refused = statuses[429] / sum(statuses.values())
    ok = sum(outcome.ok for outcome in outcomes)
    return (
        f"  pacing: {ok}/300 sent in {took:.1f} s at --rate-limit 50 (300/50 = 6.0 s), 429s {refused:.1%} of requests"
    )


def never_twice() -> str:
    seen: collections.Counter[str] = collections.Counter()
    app = chimekit_sandbox.create_app(secret_key=KEY)
    rng = random.Random(7)  # noqa: S311 (which sends fail, repeatably)

    async def flaky(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != OPERATIONS["sendMessage"].path:
            return await app(scope, receive, send)
        chunks: list[bytes] = []

        async def replay() -> Any:
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        while (message := await receive())["type"] == "http.request":
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        seen[json.loads(b"".join(chunks))["content"]["in_app"]["title"]] += 1
        if rng.random() >= 0.05:
            return await app(scope, replay, send)
        await app(scope, replay, lambda _: _noop())  # acted on; the answer is lost
        await send({"type": "http.response.start", "status": 500, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"error": "Internal server error"}'})
        return None

    try:
        with serve_in_thread(flaky) as url, chimekit.ChimeKit(KEY, base_url=url) as ck:
            ck.identify("user_1")
            outcomes = ck.messages.send_many(_sends(500), max_concurrency=16)
    finally:
        app.close()
    failed = [outcome for outcome in outcomes if not outcome.ok]
    twice = sum(count > 1 for count in seen.values())
    return f"  never twice: 500 sends, {len(failed)} failed ambiguously (sent=None), {twice} reached the server twice"


async def _noop() -> None:
    return None


if __name__ == "__main__":
    print("send_many against a rate limit and against ambiguous failures")
    print(pacing())
    print(never_twice())
