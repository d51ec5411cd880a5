"""Profile the chimekit facade per call over the in-process transport (no network, no server).

    .venv/bin/python bench/profile_facade.py                      # cProfile (stdlib), all four calls
    .venv/bin/python bench/profile_facade.py --ops list_messages_for_user --calls 2000 --top 30
    bench/.venv-prof/bin/python bench/profile_facade.py --tool pyinstrument   # after BENCH_PROFILE=1 make bench
    bench/.venv-prof/bin/py-spy record -o /tmp/ck.svg -- bench/.venv-prof/bin/python bench/profile_facade.py --tool none

In bench/.venv-prof chimekit is not installed: run.py sets PYTHONPATH to the repo's generated/ and
overlay/ folders. Besides the usual pstats listing, ``--tool cprofile`` prints a split of each call's
time into: building the request (chimekit._binding prepare: the input checks), httpx (Client.request),
and turning the answer into the result (chimekit._base _result: a lazy view, its top level checked).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import canned
import worker

OPS = ("find_member", "identify", "send_message", "list_messages_for_user")


def _build(is_async: bool) -> tuple[dict[str, Callable[[], Any]], Callable[[], Any]]:
    _, ops, close = worker.build_ck(worker.INPROC_URL, True, worker.DEFAULT_KEY, is_async)
    return ops, close


def _loop(fn: Callable[[], Any], n: int, is_async: bool) -> None:
    if is_async:

        async def run() -> None:
            for _ in range(n):
                await fn()

        asyncio.run(run())
    else:
        for _ in range(n):
            fn()


def _split(stats: pstats.Stats, calls: int) -> dict[str, float]:
    """µs per call spent under a few landmark functions (cumulative time, so nested frames are included)."""
    landmarks = {
        "httpx Client.request": ("httpx/_client.py", "request"),
        "httpx Client.send": ("httpx/_client.py", "send"),
        "httpx build_request": ("httpx/_client.py", "build_request"),
        "chimekit _call": ("chimekit/_client.py", "_call"),
        "chimekit _result (view + checks)": ("chimekit/_base.py", "_result"),
        "chimekit prepare (input checks)": ("chimekit/_binding.py", "prepare"),
        "httpx Response.json": ("httpx/_models.py", "json"),
        "json.dumps (request body)": ("json/__init__.py", "dumps"),
    }
    out: dict[str, float] = {}
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for label, (file_part, func) in landmarks.items():
        total = 0.0
        for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in raw.items():
            if name == func and filename.replace("\\", "/").endswith(file_part):
                total = max(total, ct)
        if total:
            out[label] = total / calls * 1e6
    return out


def profile_cprofile(op: str, fn: Callable[[], Any], calls: int, is_async: bool, top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    _loop(fn, calls, is_async)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    split = _split(stats, calls)
    buf.write(f"== {op} ({'async' if is_async else 'sync'}), {calls} calls, cProfile; µs per call under:\n")
    for label, us in sorted(split.items(), key=lambda kv: -kv[1]):
        buf.write(f"   {label:<38} {us:8.1f}\n")
    stats.sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ops", default=",".join(OPS))
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--async", dest="is_async", action="store_true")
    parser.add_argument("--tool", choices=["cprofile", "pyinstrument", "none"], default="cprofile")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    ops, close = _build(args.is_async)
    for op in args.ops.split(","):
        fn = ops[op]
        _loop(fn, 200, args.is_async)  # warm-up
        if args.tool == "cprofile":
            print(profile_cprofile(op, fn, args.calls, args.is_async, args.top))
        elif args.tool == "pyinstrument":
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0001)
            profiler.start()
            _loop(fn, args.calls, args.is_async)
            profiler.stop()
            print(f"== {op}: pyinstrument, {args.calls} calls")
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        else:  # plain loop, for py-spy or perf attached from outside
            t0 = time.perf_counter()
            _loop(fn, args.calls, args.is_async)
            print(f"{op}: {(time.perf_counter() - t0) / args.calls * 1e6:.1f} µs per call")
    closed = close()
    if asyncio.iscoroutine(closed):
        asyncio.run(closed)
    print(f"(canned list page: {canned.LIST_PAGE_SIZE} items)")


if __name__ == "__main__":
    main()
