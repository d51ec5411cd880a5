# ruff: noqa: S603  (runs valgrind on this interpreter)
"""The per-call table counted in instructions (valgrind's callgrind), where the machine's noise cannot reach.

``BENCH_INSTRUCTIONS=1 make bench`` (or ``python bench/instructions.py CANNED_JSON``) prints, for each sync
in-process call, the instructions one call executes in ChimeKit and in raw httpx, and their ratio. Timing
ratios move with caches and other load by a few hundredths; these counts repeat to within 0.1 %. A count is
not a time (an instruction that misses the cache costs more), so the timed table stays the measure and this
one tells a real change from noise. A side runs twice, with ``CALLS`` calls and with none; the difference over
``CALLS`` is one call's count. About three minutes on two cores; skipped when valgrind is not installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CALLS = 300
WARMUP = 200
SIDES = ("sdk", "raw")


def child(canned: str, side: str, name: str, calls: int) -> None:
    """Runs under valgrind: builds one side of ``name`` in-process, warms it up, then makes ``calls`` calls."""
    from scenarios import INPROC_URL, Target, raw, sdk

    target = Target(INPROC_URL, json.loads(Path(canned).read_text()), inproc=True)
    call = (sdk if side == "sdk" else raw)(name, False)(target)
    assert callable(call)  # a sync builder returns the call itself
    for _ in range(WARMUP + calls):
        call()


def count(canned: str, side: str, name: str, calls: int) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__]
    env = os.environ | {"PYTHONHASHSEED": "0"}  # the same hashes every run, so the same work
    out = subprocess.run([*command, canned, side, name, str(calls)], capture_output=True, text=True, env=env).stderr
    found = re.search(r"refs:\s*([\d,]+)", out)
    if found is None:
        raise RuntimeError(f"valgrind: {out[-500:]}")
    return int(found.group(1).replace(",", ""))


def report(canned: str) -> str:
    from scenarios import SDK_CALLS

    if shutil.which("valgrind") is None:
        return "instructions per call: skipped (valgrind is not installed)"
    jobs = [(side, name, n) for name in SDK_CALLS for side in SIDES for n in (0, CALLS)]
    with ThreadPoolExecutor(2) as pool:
        counts = dict(zip(jobs, pool.map(lambda job: count(canned, *job), jobs), strict=True))
    lines = ["ChimeKit / raw httpx, instructions per call (callgrind; sync, in-process)"]
    ratios = []
    for name in SDK_CALLS:
        sdk, raw = ((counts[side, name, CALLS] - counts[side, name, 0]) / CALLS for side in SIDES)
        ratios.append(sdk / raw)
        lines.append(f"  {name + ' sync inproc':44s}  {sdk / raw:.3f}  {sdk / 1e3:10,.0f}k / {raw / 1e3:,.0f}k")
    lines.append(f"  geometric mean over the 4 calls: {statistics.geometric_mean(ratios):.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) == 5:
        child(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        print(report(sys.argv[1]))
