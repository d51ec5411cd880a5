# ruff: noqa: S603  (a benchmark harness: it runs its own workers, servers and venvs)
"""`make bench`: ChimeKit's cost as ratios against raw httpx measured side by side (bench/README.md).

Derives the canned requests and responses from the spec, starts the canned server and the sandbox, runs
every scenario (bench/scenarios.py) in a fresh interpreter (bench/ab.py) once per round, prints the ratios
and writes pyperf files to bench/results/.
"""

from __future__ import annotations

import contextlib
import functools
import json
import operator
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyperf
from instructions import report as instructions
from scenarios import INPROC_URL, PEERS, PER_CALL, SANDBOX, SCENARIOS, SDK_CALLS, Target, sdk

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
KEY = "sk_bench_0123456789"  # a made-up key for loopback servers
QUICK = os.environ.get("BENCH_QUICK", "0") != "0"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 2 if QUICK else 5))
BLOCKS = int(os.environ.get("BENCH_BLOCKS", 6 if QUICK else 16))
WITH_PEERS = os.environ.get("BENCH_PEERS", "0") != "0"
ONLY = os.environ.get("BENCH_ONLY", "")
INSTRUCTIONS = os.environ.get("BENCH_INSTRUCTIONS", "0") != "0"
Rounds = list[dict[str, list[float]]]  # per round: seconds per call (or per import) of "contender" and "baseline"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def venv(name: str) -> str | None:
    """bench/.venv-NAME from bench/requirements-NAME.txt (rebuilt when that file changes); None if that fails."""
    path, requirements = BENCH / f".venv-{name}", BENCH / f"requirements-{name}.txt"
    python, stamp = path / "bin" / "python", path / ".stamp"
    if not stamp.exists() or stamp.read_text() != requirements.read_text():
        log(f"building bench/{path.name} from {requirements.name}")
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(requirements)]
        base = os.environ.get("PYTHON") or "python3"
        if subprocess.run([base, "-m", "venv", "--clear", str(path)]).returncode or subprocess.run(pip).returncode:
            log(f"bench/{path.name} could not be built: its rows are left out")
            return None
        stamp.write_text(requirements.read_text())
    return str(python)


def canned_from_spec() -> dict[str, Any]:
    """Requests, responses and facade arguments of SDK_CALLS from the spec's examples (a list: a full page)."""
    import yaml
    from chimekit_api.api import OPERATIONS

    spec = yaml.safe_load((ROOT / "openapi" / "chimekit.yaml").read_text())
    docs = {name: spec["paths"][OPERATIONS[op].path][OPERATIONS[op].method.lower()] for name, op in SDK_CALLS.items()}
    bodies = {name: doc.get("requestBody", {}).get("content", {}).get("application/json", {}).get("example")
              for name, doc in docs.items()}  # fmt: skip
    id_name = OPERATIONS[SDK_CALLS["audience.find_member"]].path_params[0].name
    user = next(body[id_name] for body in bodies.values() if body and id_name in body)
    canned: dict[str, Any] = {"key": KEY, "calls": {}}
    for name, doc in docs.items():
        op, body = OPERATIONS[SDK_CALLS[name]], bodies[name]
        params = {p["name"]: p["example"] for p in doc.get("parameters", []) if p.get("in") == "query"} or None
        response = doc["responses"][str(op.success)]["content"]["application/json"]["example"]
        if params and (paging := op.extensions.get("x-chimekit-paging")):  # a page of `limit` copies of the item
            *outer, items = paging["items"]
            functools.reduce(operator.getitem, outer, response)[items] *= params[paging["limit"]]
        path = op.url_path(*[user] * len(op.path_params))
        args = (
            [user] + ([{k: v for k, v in body.items() if k != id_name}] if body else []) + ([params] if params else [])
        )
        canned["calls"][name] = {"method": op.method, "path": path, "params": params, "json": body,
                                 "response": json.dumps(response), "sdk_args": args}  # fmt: skip
    target = Target(INPROC_URL, canned, inproc=True)  # the raw requests carry the headers ChimeKit sends
    call = sdk("audience.find_member", False)(target)
    assert callable(call)
    call()
    headers = {k: v for k, v in target.seen[-1].headers.items() if k not in ("host", "content-length", "content-type")}
    for name in SDK_CALLS:
        canned["calls"][name]["headers"] = headers
    for name, (_, method, path, body, response) in PEERS.items():
        bearer = {"Authorization": f"Bearer {KEY}"}
        canned["calls"][name] = {"method": method, "path": path, "params": None, "json": body,
                                 "response": json.dumps(response), "headers": bearer}  # fmt: skip
    return canned


@contextlib.contextmanager
def serve(command: list[str]) -> Iterator[str | None]:
    """Start a server that prints its URL; yield the URL (None if it did not start); stop it afterwards."""
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        url = next((m.group() for line in proc.stdout if (m := re.search(r"http://[\d.:]+\d", line))), None)
        if url is None:
            log(f"{Path(command[1]).name} did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait()


def ab(python: str, canned: str, name: str, url: str | None) -> dict[str, list[float]] | str:
    """One round of one scenario in a fresh interpreter (bench/ab.py): its timings, or why there are none."""
    if url is None:
        return "its server did not start"
    try:
        proc = subprocess.run(
            [python, BENCH / "ab.py", canned, name, url, str(BLOCKS)], capture_output=True, timeout=900
        )
    except subprocess.TimeoutExpired:
        return "timed out"
    if proc.returncode:
        return (proc.stderr.decode().strip().splitlines() or [f"exit {proc.returncode}"])[-1]
    return dict(json.loads(proc.stdout))


def summary(rounds: Rounds) -> tuple[float, float, float, float, float]:
    """Median ratio over all pairs, lowest and highest median of a round, median contender and baseline."""
    ratios = [[c / b for c, b in zip(r["contender"], r["baseline"], strict=True)] for r in rounds]
    medians = [statistics.median(r) for r in ratios]
    sides = [statistics.median([x for r in rounds for x in r[side]]) for side in ("contender", "baseline")]
    return statistics.median([x for r in ratios for x in r]), min(medians), max(medians), sides[0], sides[1]


def report(data: dict[str, Rounds], notes: dict[str, str], load: list[float]) -> str:
    out = [f"{'':46} ratio  [spread]      contender / baseline (median per call)"]
    for group in dict.fromkeys(s.group for s in SCENARIOS if s.name in data):
        out += ["", group]
        for name in [s.name for s in SCENARIOS if s.group == group and s.name in data]:
            if not data[name]:
                out.append(f"  {name:44} not measured: {notes.get(name, '?')}")
                continue
            ratio, low, high, contender, baseline = summary(data[name])
            unit, scale = ("ms", 1e3) if baseline > 0.01 else ("µs", 1e6)
            line = f"  {name:44} {ratio:5.2f}  [{low:.2f}-{high:.2f}]   {contender * scale:7.1f} / "
            line += f"{baseline * scale:.1f} {unit}"
            if group == SANDBOX:
                line += f"   ({1 / contender:,.0f} / {1 / baseline:,.0f} requests/s)"
            out.append(line)
        means = []
        for where in ("sync inproc", "async inproc", "sync canned", "async canned") if group == PER_CALL else ():
            ratios = [summary(data[f"{n} {where}"])[0] for n in SDK_CALLS if data.get(f"{n} {where}")]
            if len(ratios) == len(SDK_CALLS):
                means.append(f"{where} {statistics.geometric_mean(ratios):.2f}")
        if means:
            out.append("  geometric mean over the 4 calls: " + ", ".join(means))
    out.append(f"\nload average (1 min) {load[0]:.2f} at start, {load[1]:.2f} at end, on {os.cpu_count()} CPUs")
    return "\n".join(out)


def save(data: dict[str, Rounds]) -> None:
    """bench/results/{contender,baseline}.json: one pyperf benchmark per scenario, one run per round."""
    (BENCH / "results").mkdir(exist_ok=True)
    loops = {s.name: s.calls for s in SCENARIOS}
    for side in ("contender", "baseline"):
        runs = [
            [pyperf.Run(r[side], metadata={"name": n, "loops": loops[n]}) for r in data[n]] for n in data if data[n]
        ]
        if runs:
            suite = pyperf.BenchmarkSuite([pyperf.Benchmark(r) for r in runs])
            suite.dump(str(BENCH / "results" / f"{side}.json"), replace=True)


def main() -> None:
    load = [os.getloadavg()[0]]
    # The same footing for every package: bytecode read from (and written once to) one cache of our own.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(BENCH / ".venv-pycache")
    pythons = {"project": sys.executable, "runtime": venv("runtime"), "peers": venv("peers") if WITH_PEERS else None}
    scenarios = [s for s in SCENARIOS if pythons[s.venv] and ONLY in s.name]
    data: dict[str, Rounds] = {s.name: [] for s in scenarios}
    notes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        canned = str(Path(tmp) / "canned.json")
        Path(canned).write_text(json.dumps(canned_from_spec()))
        sandbox = [str(Path(sys.executable).parent / "chimekit-sandbox"), "--port", "0", "--secret-key", KEY]
        with serve([sys.executable, str(BENCH / "server.py"), canned]) as server, serve(sandbox) as sandbox_url:
            urls = {"inproc": INPROC_URL, "canned": server, "sandbox": sandbox_url}
            for r in range(ROUNDS):
                for scenario in scenarios[:: -1 if r % 2 else 1]:
                    result = ab(pythons[scenario.venv] or "", canned, scenario.name, urls[scenario.server])
                    if isinstance(result, str):
                        notes[scenario.name] = result
                    else:
                        data[scenario.name].append(result)
                log(f"round {r + 1}/{ROUNDS} done")
        counted = instructions(canned) if INSTRUCTIONS else ""
    bulk = ""
    if ONLY in "send_many pacing never twice":  # bench/bulk.py: the figures send_many must meet besides its ratio
        bulk = subprocess.run([sys.executable, str(BENCH / "bulk.py")], capture_output=True, text=True).stdout
    load.append(os.getloadavg()[0])
    save(data)
    extra = [text.rstrip() for text in (counted, bulk) if text]
    print("\n\n".join([report(data, notes, load), *extra]))


if __name__ == "__main__":
    main()
