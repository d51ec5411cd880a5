"""One scenario, A/B in this interpreter: ``python bench/ab.py CANNED_JSON SCENARIO URL BLOCKS``.

Builds the contender and the baseline, checks that both answer (and, in-process, that both sent the same
method, path, query and JSON body), warms both up, then times ``BLOCKS`` pairs of blocks of ``scenario.calls``
calls, alternating who goes first, so each pair sees the same machine. Prints one JSON object:
``{"contender": [...], "baseline": [...]}``, seconds per call for each block (the two lists pair up).
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import sys
import time
from typing import Any

from scenarios import SCENARIOS, Call, Target


def main() -> None:
    canned_path, name, url, blocks = sys.argv[1:]
    scenario = next(s for s in SCENARIOS if s.name == name)
    with open(canned_path) as f:
        target = Target(url, json.load(f), inproc=scenario.server == "inproc")
    loop = asyncio.new_event_loop()
    clock = time.process_time if scenario.timer == "cpu" else time.perf_counter

    def build(builder: Any) -> Call:
        built = builder(target)
        return loop.run_until_complete(built) if inspect.isawaitable(built) else built  # type: ignore[no-any-return]

    async def atimed(call: Call, n: int) -> float:
        start = clock()
        for _ in range(n):
            await call()
        return (clock() - start) / n

    def timed(call: Call, n: int) -> float:
        gc.collect()
        if scenario.timer == "reported":
            return sum(call() for _ in range(n)) / n  # type: ignore[no-any-return]
        if scenario.is_async:
            return loop.run_until_complete(atimed(call, n))
        start = clock()
        for _ in range(n):
            call()
        return (clock() - start) / n

    sides = {"contender": build(scenario.contender), "baseline": build(scenario.baseline)}
    requests = []
    for side, call in sides.items():
        seen = len(target.seen)
        if (loop.run_until_complete(call()) if scenario.is_async else call()) is None:
            raise RuntimeError(f"{name}: the {side} returned None")
        for r in target.seen[seen:]:
            requests.append((r.method, r.url.path, sorted(r.url.params.multi_items()), json.loads(r.content or "0")))
    if len(requests) == 2 and requests[0] != requests[1]:
        raise RuntimeError(f"{name}: the two sides sent different requests: {requests}")
    for call in sides.values():
        timed(call, scenario.calls * 2)
    times: dict[str, list[float]] = {side: [] for side in sides}
    for block in range(int(blocks)):
        for side in list(sides)[:: 1 if block % 2 else -1]:
            times[side].append(timed(sides[side], scenario.calls))
    print(json.dumps(times))


if __name__ == "__main__":
    main()
