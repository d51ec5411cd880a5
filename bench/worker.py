"""One benchmark contender in a fresh interpreter; prints one JSON object on stdout.

    python bench/worker.py percall --contender ck-sync --url URL|inproc --ops identify,send_message \
        --calls 500 --warmup 100 [--secret-key K]
    python bench/worker.py conc --contender ck-async --url URL --total 2000 --inflight 50
    python bench/worker.py ab --contender raw-sync --others ck-sync,gen-sync --url inproc --calls 100 --blocks 15

Contenders (see ``CONTENDERS``): raw httpx (sync/async), the generated ``chimekit_api`` layer, the
``chimekit`` facade, and the peers (knock, courier, suprsend, pingram; run in bench/.venv-peers).
``--url inproc`` swaps the network for an in-process transport returning the same canned bytes
(``httpx.MockTransport``; for suprsend, which uses ``requests``, ``HTTPAdapter.send`` is patched so
the rest of the requests machinery still runs).

A contender that cannot be built (package missing, facade not written yet) prints
``{"unavailable": reason}`` and exits 0, so the harness can show "not available".
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import time
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

import canned

INPROC_URL = "http://127.0.0.1:9"  # never contacted: the in-process transport answers everything
DEFAULT_KEY = "sk_bench_0123456789"


class Unavailable(Exception):
    """The contender cannot run in this environment (yet)."""


# --------------------------------------------------------------------------------------------------
# transports


def mock_transport() -> Any:
    """The in-process transport: the same canned bytes as the server, no I/O. Kept lean, since its cost
    is in the baseline's denominator too."""
    import httpx

    response, route, headers = httpx.Response, canned.route, canned.RESPONSE_HEADERS

    def handler(request: httpx.Request) -> httpx.Response:
        status, body = route(request.method, request.url.path)
        return response(status, headers=headers, content=body)

    return httpx.MockTransport(handler)


def patch_requests_inproc() -> None:
    """Answer every ``requests`` call from the canned table; everything above the adapter still runs."""
    from urllib.parse import urlsplit

    import requests
    from requests.structures import CaseInsensitiveDict

    def send(self: Any, request: Any, **kwargs: Any) -> Any:
        status, body = canned.route(request.method, urlsplit(request.url).path)
        resp = requests.Response()
        resp.status_code = status
        resp._content = body
        resp.headers = CaseInsensitiveDict(dict(canned.RESPONSE_HEADERS))
        resp.headers["content-length"] = str(len(body))
        resp.url = request.url
        resp.request = request
        resp.encoding = "utf-8"
        resp.reason = "OK"
        return resp

    requests.adapters.HTTPAdapter.send = send  # type: ignore[method-assign]


# --------------------------------------------------------------------------------------------------
# contenders: each returns (is_async, {op: zero-argument callable}, close)

RAW_REQUESTS: dict[str, tuple[str, str, Any, Any]] = {
    "find_member": ("GET", "/sdk/v1/audience/members/user_123", None, None),
    "identify": ("POST", "/sdk/v1/audience/identify", canned.IDENTIFY_BODY, None),
    "send_message": ("POST", "/sdk/v1/messages/send", canned.SEND_BODY, None),
    "list_messages_for_user": ("GET", "/sdk/v1/messages/members/user_123/messages", None, canned.LIST_PARAMS),
    "knock": ("PUT", "/v1/users/user_123", canned.KNOCK_BODY, None),
    "courier": ("POST", "/profiles/user_123", canned.COURIER_BODY, None),
    "suprsend": ("POST", "/v1/user/user_123/", canned.SUPRSEND_BODY, None),
    "pingram": ("POST", "/users/user_123", canned.PINGRAM_BODY, None),
}

Ops = dict[str, Callable[[], Any]]
Built = tuple[bool, Ops, Callable[[], Any]]


def build_raw_sync(url: str, inproc: bool, key: str) -> Built:
    import httpx

    kwargs: dict[str, Any] = {"transport": mock_transport()} if inproc else {}
    client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, **kwargs)
    loads = json.loads

    def make(method: str, path: str, body: Any, params: Any) -> Callable[[], Any]:
        def call() -> Any:
            r = client.request(method, path, json=body, params=params)
            if r.status_code != 200:
                raise RuntimeError(f"HTTP {r.status_code}")
            return loads(r.content)

        return call

    return False, {op: make(*spec) for op, spec in RAW_REQUESTS.items()}, client.close


def build_raw_async(url: str, inproc: bool, key: str) -> Built:
    import httpx

    kwargs: dict[str, Any] = {"transport": mock_transport()} if inproc else {}
    client = httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {key}"}, **kwargs)
    loads = json.loads

    def make(method: str, path: str, body: Any, params: Any) -> Callable[[], Awaitable[Any]]:
        async def call() -> Any:
            r = await client.request(method, path, json=body, params=params)
            if r.status_code != 200:
                raise RuntimeError(f"HTTP {r.status_code}")
            return loads(r.content)

        return call

    return True, {op: make(*spec) for op, spec in RAW_REQUESTS.items()}, client.aclose


def _gen_client(url: str, inproc: bool, key: str) -> Any:
    try:
        from chimekit_api import AuthenticatedClient
    except ImportError as exc:
        raise Unavailable(f"chimekit_api: {exc}") from exc
    args: dict[str, Any] = {"transport": mock_transport()} if inproc else {}
    return AuthenticatedClient(base_url=url, token=key, httpx_args=args)


def build_gen(url: str, inproc: bool, key: str, is_async: bool) -> Built:
    client = _gen_client(url, inproc, key)
    from chimekit_api.api.audience import find_member, identify
    from chimekit_api.api.messages import list_member_messages, send_message
    from chimekit_api.models import IdentifyRequest, SendMessageRequest

    if not is_async:
        ops: Ops = {
            "find_member": lambda: find_member.sync("user_123", client=client),
            "identify": lambda: identify.sync(client=client, body=IdentifyRequest.from_dict(canned.IDENTIFY_BODY)),
            "send_message": lambda: send_message.sync(
                client=client, body=SendMessageRequest.from_dict(canned.SEND_BODY)
            ),
            "list_messages_for_user": lambda: list_member_messages.sync(
                "user_123", client=client, limit=canned.LIST_PAGE_SIZE, offset=0
            ),
        }
        return False, ops, client.__exit__

    async def close() -> None:
        await client.__aexit__()

    ops = {
        "find_member": lambda: find_member.asyncio("user_123", client=client),
        "identify": lambda: identify.asyncio(client=client, body=IdentifyRequest.from_dict(canned.IDENTIFY_BODY)),
        "send_message": lambda: send_message.asyncio(
            client=client, body=SendMessageRequest.from_dict(canned.SEND_BODY)
        ),
        "list_messages_for_user": lambda: list_member_messages.asyncio(
            "user_123", client=client, limit=canned.LIST_PAGE_SIZE, offset=0
        ),
    }
    return True, ops, close


def build_ck(url: str, inproc: bool, key: str, is_async: bool) -> Built:
    try:
        import chimekit

        cls = chimekit.AsyncChimeKit if is_async else chimekit.ChimeKit
    except (ImportError, AttributeError) as exc:
        raise Unavailable(f"chimekit facade: {type(exc).__name__}: {exc}") from exc
    import httpx

    kwargs: dict[str, Any] = {}
    if inproc:
        http_cls = httpx.AsyncClient if is_async else httpx.Client
        kwargs["http_client"] = http_cls(transport=mock_transport())
    try:
        ck = cls(secret_key=key, base_url=url, **kwargs)
    except TypeError as exc:
        raise Unavailable(f"chimekit facade constructor: {exc}") from exc
    ops: Ops = {
        "find_member": lambda: ck.audience.find_member("user_123"),
        "identify": lambda: ck.identify("user_123", canned.IDENTIFY_TRAITS),
        "send_message": lambda: ck.messages.send_message("user_123", {"content": canned.SEND_CONTENT}),
        "list_messages_for_user": lambda: ck.messages.list_messages_for_user("user_123", canned.LIST_PARAMS),
    }
    close = getattr(ck, "aclose" if is_async else "close", None) or getattr(ck, "close", None) or (lambda: None)
    return is_async, ops, close


def build_knock(url: str, inproc: bool, key: str) -> Built:
    import httpx
    from knockapi import Knock

    kwargs: dict[str, Any] = {"http_client": httpx.Client(transport=mock_transport())} if inproc else {}
    client = Knock(api_key=key, base_url=url, **kwargs)
    ops: Ops = {"upsert": lambda: client.users.update("user_123", **canned.KNOCK_BODY)}
    return False, ops, client.close


def build_courier(url: str, inproc: bool, key: str) -> Built:
    import httpx
    from courier import Courier

    kwargs: dict[str, Any] = {"http_client": httpx.Client(transport=mock_transport())} if inproc else {}
    client = Courier(api_key=key, base_url=url, **kwargs)
    ops: Ops = {"upsert": lambda: client.profiles.create("user_123", **canned.COURIER_BODY)}
    return False, ops, client.close


def build_suprsend(url: str, inproc: bool, key: str) -> Built:
    from suprsend import Suprsend

    if inproc:
        patch_requests_inproc()
    client = Suprsend.with_workspace_api_key("ws_bench", key, base_url=url)
    ops: Ops = {"upsert": lambda: client.users.upsert("user_123", canned.SUPRSEND_BODY)}
    return False, ops, lambda: None


async def build_pingram(url: str, inproc: bool, key: str) -> Built:
    import httpx
    from pingram import Pingram
    from pingram.models.post_user_request import PostUserRequest

    client = Pingram(api_key=key, base_url=url)
    await client.__aenter__()
    if inproc:
        rest = client._api_client.rest_client
        rest.pool_manager = httpx.AsyncClient(transport=mock_transport())

    def call() -> Awaitable[Any]:
        return client.user.user_identify(
            user_id="user_123", post_user_request=PostUserRequest.from_dict(canned.PINGRAM_BODY)
        )

    async def close() -> None:
        await client.__aexit__(None, None, None)

    return True, {"upsert": call}, close


def build(name: str, url: str, inproc: bool, key: str) -> Built | Awaitable[Built]:
    if name == "raw-sync":
        return build_raw_sync(url, inproc, key)
    if name == "raw-async":
        return build_raw_async(url, inproc, key)
    if name in ("gen-sync", "gen-async"):
        return build_gen(url, inproc, key, name == "gen-async")
    if name in ("ck-sync", "ck-async"):
        return build_ck(url, inproc, key, name == "ck-async")
    if name == "knock":
        return build_knock(url, inproc, key)
    if name == "courier":
        return build_courier(url, inproc, key)
    if name == "suprsend":
        return build_suprsend(url, inproc, key)
    if name == "pingram":
        return build_pingram(url, inproc, key)
    raise SystemExit(f"unknown contender {name!r}")


CONTENDERS = (
    *("raw-sync", "raw-async", "gen-sync", "gen-async", "ck-sync", "ck-async"),
    *("knock", "courier", "suprsend", "pingram"),
)


def _check(op: str, result: Any) -> None:
    """Fail loudly if a call 'succeeded' without a usable result (e.g. an SDK returning None)."""
    if result is None or type(result).__name__ in ("Error", "ApiErrorResponse"):
        raise RuntimeError(f"{op}: unexpected result {result!r:.200}")


# --------------------------------------------------------------------------------------------------
# measurement


def _blocks(args: argparse.Namespace) -> list[int]:
    """``--calls`` split into ``--blocks`` timed blocks."""
    blocks = max(1, min(args.blocks, args.calls))
    return [args.calls // blocks + (1 if i < args.calls % blocks else 0) for i in range(blocks)]


def _summarise(timings: list[tuple[float, float, int]]) -> dict[str, Any]:
    """Per-call µs: the fastest block (least disturbed by the rest of the machine) and the median block."""
    cpu = [c / n * 1e6 for c, _w, n in timings]
    wall = [w / n * 1e6 for _c, w, n in timings]
    return {
        "cpu_us": min(cpu),
        "wall_us": min(wall),
        "cpu_us_median_block": statistics.median(cpu),
        "wall_us_median_block": statistics.median(wall),
        "n": sum(n for _c, _w, n in timings),
        "blocks": len(timings),
    }


def _timed_sync(fn: Callable[[], Any], n: int) -> tuple[float, float, int]:
    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(n):
        fn()
    return time.process_time() - c0, time.perf_counter() - w0, n


async def _timed_async(fn: Callable[[], Awaitable[Any]], n: int) -> tuple[float, float, int]:
    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(n):
        await fn()
    return time.process_time() - c0, time.perf_counter() - w0, n


def _measure_sync(ops: Ops, close: Callable[[], Any], args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {}
    try:
        for op in args.ops.split(","):
            fn = ops.get(op)
            if fn is None:
                results[op] = {"unavailable": f"{args.contender} has no op {op}"}
                continue
            _check(op, fn())
            for _ in range(args.warmup):
                fn()
            results[op] = _summarise([_timed_sync(fn, n) for n in _blocks(args)])
    finally:
        close()
    return {"ops": results}


async def _measure_async(built: Built | Awaitable[Built], args: argparse.Namespace) -> dict[str, Any]:
    _is_async, ops, close = await built if asyncio.iscoroutine(built) else built  # type: ignore[misc]
    results: dict[str, Any] = {}
    try:
        for op in args.ops.split(","):
            fn = ops.get(op)
            if fn is None:
                results[op] = {"unavailable": f"{args.contender} has no op {op}"}
                continue
            _check(op, await fn())
            for _ in range(args.warmup):
                await fn()
            results[op] = _summarise([await _timed_async(fn, n) for n in _blocks(args)])
    finally:
        closed = close()
        if asyncio.iscoroutine(closed):
            await closed
    return {"ops": results}


def _percall(args: argparse.Namespace) -> dict[str, Any]:
    inproc = args.url == "inproc"
    url = INPROC_URL if inproc else args.url
    built = build(args.contender, url, inproc, args.secret_key)
    if asyncio.iscoroutine(built) or built[0]:  # type: ignore[index]
        return asyncio.run(_measure_async(built, args))
    _, ops, close = built  # type: ignore[misc]
    return _measure_sync(ops, close, args)


async def _conc(args: argparse.Namespace) -> dict[str, Any]:
    built = build(args.contender, args.url, False, args.secret_key)
    is_async, ops, close = await built if asyncio.iscoroutine(built) else built  # type: ignore[misc]
    if not is_async:
        raise Unavailable(f"{args.contender} is not async")
    fn = ops["send_message"]

    async def run(total: int) -> tuple[float, float]:
        remaining = iter(range(total))

        async def lane() -> None:
            for _ in remaining:  # shared iterator: each message is taken by exactly one lane
                await fn()

        c0, w0 = time.process_time(), time.perf_counter()
        await asyncio.gather(*(lane() for _ in range(args.inflight)))
        return time.process_time() - c0, time.perf_counter() - w0

    try:
        _check("send_message", await fn())
        await run(args.warmup)
        gc.collect()
        cpu, wall = await run(args.total)
    finally:
        closed = close()
        if asyncio.iscoroutine(closed):
            await closed
    return {"msgs_per_s": args.total / wall, "cpu_us_per_msg": cpu / args.total * 1e6, "wall_s": wall}


def _ab_build(names: list[str], url: str, key: str) -> tuple[dict[str, Ops], dict[str, str], list[Callable[[], Any]]]:
    built: dict[str, Ops] = {}
    notes: dict[str, str] = {}
    closers: list[Callable[[], Any]] = []
    for name in names:
        try:
            inproc = url == "inproc"
            b = build(name, INPROC_URL if inproc else url, inproc, key)
            if asyncio.iscoroutine(b):
                b = asyncio.get_event_loop().run_until_complete(b)
        except (Unavailable, ImportError) as exc:
            notes[name] = str(exc)
            continue
        _is_async, ops, close = b  # type: ignore[misc]
        built[name] = ops
        closers.append(close)
    return built, notes, closers


def _ab(args: argparse.Namespace) -> dict[str, Any]:
    """Baseline and contenders in one interpreter, alternating timed blocks (``--url``: server or inproc).

    Each block times ``--calls`` calls of every contender back to back (rotating who goes first), so the
    per-block ratio contender/baseline sees the same machine state; the median over blocks is reported.
    """
    base = args.contender
    others = [n for n in args.others.split(",") if n]
    ops = args.ops.split(",")
    base_ops = args.baseline_ops.split(",") if args.baseline_ops else ops
    is_async = base.endswith("-async")
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    built, notes, closers = _ab_build([base, *others], args.url, args.secret_key)
    if base not in built:
        raise Unavailable(notes.get(base, base))

    def run(fn: Callable[[], Any], n: int) -> tuple[float, float, int]:
        if is_async:
            return loop.run_until_complete(_timed_async(fn, n))
        return _timed_sync(fn, n)

    def once(fn: Callable[[], Any]) -> Any:
        return loop.run_until_complete(fn()) if is_async else fn()

    results: dict[str, Any] = {}
    try:
        for op, base_op in zip(ops, base_ops, strict=True):
            fns = {base: built[base][base_op]}
            fns |= {n: built[n][op] for n in others if n in built and op in built[n]}
            for name, fn in fns.items():
                _check(f"{name} {op}", once(fn))
                run(fn, args.warmup)
            cpu_us: dict[str, list[float]] = {name: [] for name in fns}
            wall_us: dict[str, list[float]] = {name: [] for name in fns}
            order = list(fns)
            for b in range(args.blocks):
                k = b % len(order)
                for name in order[k:] + order[:k]:
                    cpu, wall, n = run(fns[name], args.calls)
                    cpu_us[name].append(cpu / n * 1e6)
                    wall_us[name].append(wall / n * 1e6)
            entry: dict[str, Any] = {
                "baseline_us": min(cpu_us[base]),
                "baseline_wall_us": min(wall_us[base]),
                "contenders": {},
            }
            for name in fns:
                if name == base:
                    continue
                cpu_ratios = [c / b for c, b in zip(cpu_us[name], cpu_us[base], strict=True) if b > 0]
                wall_ratios = [c / b for c, b in zip(wall_us[name], wall_us[base], strict=True) if b > 0]
                entry["contenders"][name] = {
                    "ratio": statistics.median(cpu_ratios),
                    "wall_ratio": statistics.median(wall_ratios),
                    "us": min(cpu_us[name]),
                    "wall_us": min(wall_us[name]),
                    "blocks": len(cpu_ratios),
                }
            results[op] = entry
    finally:
        for close in closers:
            closed = close()
            if asyncio.iscoroutine(closed):
                loop.run_until_complete(closed)
        loop.close()
    return {"ops": results, "notes": notes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["percall", "conc", "ab"])
    parser.add_argument("--contender", required=True, choices=CONTENDERS)
    parser.add_argument("--url", required=True, help="server URL, or 'inproc' for the in-process transport")
    parser.add_argument("--secret-key", default=DEFAULT_KEY)
    parser.add_argument("--ops", default="find_member,identify,send_message,list_messages_for_user")
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--blocks", type=int, default=5, help="time --calls in this many blocks; report the fastest")
    parser.add_argument("--total", type=int, default=2000)
    parser.add_argument("--inflight", type=int, default=50)
    parser.add_argument("--others", default="", help="ab: contenders timed against --contender (the baseline)")
    parser.add_argument("--baseline-ops", default="", help="ab: the baseline's op for each of --ops")
    args = parser.parse_args()
    try:
        if args.mode == "percall":
            out = _percall(args)
        elif args.mode == "ab":
            out = _ab(args)
        else:
            out = asyncio.run(_conc(args))
    except Unavailable as exc:
        out = {"unavailable": str(exc)}
    except ImportError as exc:
        out = {"unavailable": f"{type(exc).__name__}: {exc}"}
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        out = {"error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
