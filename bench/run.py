# ruff: noqa: S603, S607  (a benchmark harness: it runs its own workers, make and the sandbox CLI)
"""`make bench`: ChimeKit's client cost as ratios against raw httpx (and peers), measured side by side.

Run with the project venv's python (``make bench`` does): ``.venv/bin/python bench/run.py``.
Sections, settings (environment variables) and how to read the table: bench/README.md.
Prints a table on stdout and writes bench/results.json.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PROJECT_PY = sys.executable
PEERS_VENV = BENCH / ".venv-peers"
RUNTIME_VENV = BENCH / ".venv-runtime"
PEERS_PY = str(PEERS_VENV / "bin" / "python")
RUNTIME_PY = str(RUNTIME_VENV / "bin" / "python")
SECRET_KEY = "sk_bench_0123456789"  # noqa: S105  (a made-up key for loopback servers)
CK_OPS = ("find_member", "identify", "send_message", "list_messages_for_user")
PEERS = ("knock", "courier", "suprsend", "pingram")
PEER_CALLS = {
    "knock": "users.update (PUT)",
    "courier": "profiles.create (POST)",
    "suprsend": "users.upsert (POST, Bearer)",
    "pingram": "user.user_identify (POST, async)",
}
PEER_MODULES = {"knock": "knockapi", "courier": "courier", "suprsend": "suprsend", "pingram": "pingram"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value not in ("0", "no", "false", "off")


QUICK = _env_flag("BENCH_QUICK", False)
ROUNDS = _env_int("BENCH_ROUNDS", 3 if QUICK else 5)
CALLS_LOOPBACK = _env_int("BENCH_CALLS_LOOPBACK", 100 if QUICK else 300)
CALLS_INPROC = _env_int("BENCH_CALLS_INPROC", 200 if QUICK else 500)
WARMUP = _env_int("BENCH_WARMUP", 30 if QUICK else 100)
IMPORT_REPEATS = _env_int("BENCH_IMPORT_REPEATS", 5 if QUICK else 10)
PEER_IMPORT_REPEATS = _env_int("BENCH_PEER_IMPORT_REPEATS", 3 if QUICK else 5)
AB_ROUNDS = _env_int("BENCH_AB_ROUNDS", 2 if QUICK else 3)
AB_BLOCKS = _env_int("BENCH_AB_BLOCKS", 10 if QUICK else 12)
AB_CALLS = _env_int("BENCH_AB_CALLS", 100)
AB_BLOCKS_LOOPBACK = _env_int("BENCH_AB_BLOCKS_LOOPBACK", 6 if QUICK else 8)
AB_CALLS_LOOPBACK = _env_int("BENCH_AB_CALLS_LOOPBACK", 50)
CONC_TOTAL = _env_int("BENCH_CONC_TOTAL", 2000)
CONC_INFLIGHT = _env_int("BENCH_CONC_INFLIGHT", 50)
CONC_ROUNDS = _env_int("BENCH_CONC_ROUNDS", 2 if QUICK else 3)
CONC_WITH_GENERATED = _env_flag("BENCH_CONC_GENERATED", False)
PROFILE = _env_flag("BENCH_PROFILE", False)
PROF_VENV = BENCH / ".venv-prof"
SANDBOX_CALLS = _env_int("BENCH_SANDBOX_CALLS", 100 if QUICK else 300)
SANDBOX_ROUNDS = _env_int("BENCH_SANDBOX_ROUNDS", 2 if QUICK else 3)
CONTRACT = _env_flag("BENCH_CONTRACT", not QUICK)
WITH_PEERS = _env_flag("BENCH_PEERS", True)
SECTIONS = [s for s in os.environ.get("BENCH_SECTIONS", "percall,ab,import,conc,sandbox,tools").split(",") if s]
RESULTS_PATH = Path(os.environ.get("BENCH_RESULTS", BENCH / "results.json"))


def _bytecode_env() -> None:
    """Let every interpreter we start read and write cached bytecode, in a folder of our own.

    With PYTHONDONTWRITEBYTECODE set (as in some shells and CI), the repo's packages would be compiled from
    source on every import while httpx and the peers load the .pyc files pip wrote: ``import chimekit``
    would pay for compilation that a user installing the wheel never pays. A shared prefix puts every
    package on the same footing after the warm-up import.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(BENCH / ".venv-pycache")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# venvs


def _base_python() -> str:
    return os.environ.get("PYTHON") or getattr(sys, "_base_executable", None) or "python3"


def ensure_venv(venv: Path, requirements: Path) -> str | None:
    """Create/refresh a benchmark venv from pinned requirements; return None (with a reason logged) on failure."""
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    stamp = venv / ".installed-stamp"
    py = venv / "bin" / "python"
    if py.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return None
    log(f"building {venv.relative_to(ROOT)} from {requirements.relative_to(ROOT)}")
    try:
        if not py.exists():
            subprocess.run([_base_python(), "-m", "venv", str(venv)], check=True, timeout=120)
        proc = subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(requirements)],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{venv.name}: {exc}"
    if proc.returncode != 0:
        errors = [ln for ln in proc.stderr.splitlines() if "is ignored" not in ln]
        return f"{venv.name}: pip install failed: {' | '.join(errors[-3:])}"
    stamp.write_text(digest + "\n")
    return None


# --------------------------------------------------------------------------------------------------
# processes


def run_worker(py: str, args: list[str], *, timeout: float = 300, env: dict[str, str] | None = None) -> dict[str, Any]:
    cmd = [py, str(BENCH / "worker.py"), *args]
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=BENCH,
            env=env,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f}s"}
    except OSError as exc:
        return {"error": str(exc)}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        return {"error": f"exit {proc.returncode}: {tail}"}
    out: dict[str, Any] = json.loads(lines[-1])
    if "error" in out:
        out["stderr_tail"] = proc.stderr.strip().splitlines()[-6:]
    return out


@contextlib.contextmanager
def canned_server() -> Iterator[str]:
    proc = subprocess.Popen(
        [PROJECT_PY, str(BENCH / "server.py"), "--port", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=BENCH,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"canned server did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        with contextlib.suppress(OSError):
            if proc.stdin:
                proc.stdin.close()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _http_status(url: str, key: str) -> int | None:
    import httpx

    try:
        return httpx.get(url, headers={"Authorization": f"Bearer {key}"}, timeout=2).status_code
    except httpx.HTTPError:
        return None


@contextlib.contextmanager
def sandbox_server(logfile: Path) -> Iterator[str | None]:
    """Start the real sandbox through its CLI on a free loopback port; yield its URL or None."""
    exe = Path(PROJECT_PY).parent / "chimekit-sandbox"
    port = _free_port()
    if not exe.exists():
        yield None
        return
    with logfile.open("w") as out:
        proc = subprocess.Popen(
            [str(exe), "--host", "127.0.0.1", "--port", str(port), "--secret-key", SECRET_KEY],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            ready = False
            while time.monotonic() < deadline and proc.poll() is None:
                if _http_status(f"{url}/sdk/v1/audience/members/user_123", SECRET_KEY) is not None:
                    ready = True
                    break
                time.sleep(0.2)
            yield url if ready else None
        finally:
            _stop(proc)


# --------------------------------------------------------------------------------------------------
# statistics


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def paired(contender: list[dict[str, Any]], baseline: list[dict[str, Any]], metric: str) -> dict[str, Any] | None:
    """Per-round ratio contender/baseline (same round = side by side), summarised as median [min-max]."""
    ratios, c_vals, b_vals = [], [], []
    for c, b in zip(contender, baseline, strict=False):
        if c and b and metric in c and metric in b and b[metric] > 0:
            ratios.append(c[metric] / b[metric])
            c_vals.append(c[metric])
            b_vals.append(b[metric])
    if not ratios:
        return None
    return {
        "ratio": statistics.median(ratios),
        "min": min(ratios),
        "max": max(ratios),
        "rounds": len(ratios),
        "contender": statistics.median(c_vals),
        "baseline": statistics.median(b_vals),
    }


def _geomean(values: list[float]) -> float | None:
    if not values:
        return None
    prod = 1.0
    for v in values:
        prod *= v
    return float(prod ** (1 / len(values)))


# --------------------------------------------------------------------------------------------------
# section 1+2: per-call cost


def _job_id(venv: str, contender: str, transport: str) -> str:
    return f"{venv}:{contender}:{transport}"


def percall_section(url: str, peers_ok: bool) -> dict[str, Any]:
    # Each group holds a baseline and the contenders compared with it; a group runs back to back, so a
    # contender and its baseline are measured seconds apart. Group order and order within a group rotate
    # from round to round (and reverse every other round).
    Job = tuple[str, str, str, str, str]  # (job id, python, contender, transport, ops)
    groups: list[list[Job]] = []
    ck_ops = ",".join(CK_OPS)
    for transport in ("loopback", "inproc"):
        for mode in ("sync", "async"):
            groups.append(
                [
                    (_job_id("project", f"{who}-{mode}", transport), PROJECT_PY, f"{who}-{mode}", transport, ck_ops)
                    for who in ("raw", "ck", "gen")
                ]
            )
        if peers_ok:
            group = [
                (_job_id("peers", "raw-sync", transport), PEERS_PY, "raw-sync", transport, "knock,courier,suprsend")
            ]
            group += [
                (_job_id("peers", p, transport), PEERS_PY, p, transport, "upsert") for p in PEERS if p != "pingram"
            ]
            groups.append(group)
            groups.append(
                [
                    (_job_id("peers", "raw-async", transport), PEERS_PY, "raw-async", transport, "pingram"),
                    (_job_id("peers", "pingram", transport), PEERS_PY, "pingram", transport, "upsert"),
                ]
            )
    jobs = [job for group in groups for job in group]
    data: dict[str, list[dict[str, Any]]] = {job[0]: [] for job in jobs}
    notes: dict[str, str] = {}
    skip: set[str] = set()
    for r in range(ROUNDS):
        t0 = time.monotonic()
        order: list[Job] = []
        for g in range(len(groups)):
            group = groups[(g + r) % len(groups)]
            k = r % len(group)
            members = group[k:] + group[:k]
            order += list(reversed(members)) if r % 2 else members
        for job_id, py, contender, transport, ops in order:
            if job_id in skip:
                data[job_id].append({})
                continue
            calls = CALLS_LOOPBACK if transport == "loopback" else CALLS_INPROC
            args = ["percall", "--contender", contender, "--url", url if transport == "loopback" else "inproc"]
            args += ["--ops", ops, "--calls", str(calls), "--warmup", str(WARMUP)]
            out = run_worker(py, args)
            if "unavailable" in out or "error" in out:
                notes[job_id] = out.get("unavailable") or out.get("error", "")
                if "unavailable" in out:
                    skip.add(job_id)  # don't retry something that cannot be built
                if "error" in out:
                    log(f"{job_id}: {out['error']} {out.get('stderr_tail', '')}")
                data[job_id].append({})
                continue
            data[job_id].append(out["ops"])
        log(f"per-call round {r + 1}/{ROUNDS} done in {time.monotonic() - t0:.0f}s")

    def series(job_id: str, op: str) -> list[dict[str, Any]]:
        return [rnd.get(op, {}) for rnd in data.get(job_id, [])]

    rows = []
    for transport in ("loopback", "inproc"):
        for mode in ("sync", "async"):
            base = _job_id("project", f"raw-{mode}", transport)
            for op in CK_OPS:
                row: dict[str, Any] = {"op": op, "mode": mode, "transport": transport}
                for who in ("ck", "gen"):
                    job = _job_id("project", f"{who}-{mode}", transport)
                    for metric in ("cpu_us", "wall_us"):
                        row[f"{who}_{metric}"] = paired(series(job, op), series(base, op), metric)
                    row[f"{who}_note"] = notes.get(job)
                rows.append(row)
    peer_rows = []
    for transport in ("loopback", "inproc"):
        for peer in PEERS:
            mode = "async" if peer == "pingram" else "sync"
            job = _job_id("peers", peer, transport)
            base = _job_id("peers", f"raw-{mode}", transport)
            peer_rows.append(
                {
                    "peer": peer,
                    "call": PEER_CALLS[peer],
                    "transport": transport,
                    "baseline": f"raw httpx.{'AsyncClient' if mode == 'async' else 'Client'}, same request",
                    "cpu_us": paired(series(job, "upsert"), series(base, peer), "cpu_us"),
                    "wall_us": paired(series(job, "upsert"), series(base, peer), "wall_us"),
                    "note": notes.get(job) or (None if peers_ok else "peers venv not available"),
                }
            )
    return {"rows": rows, "peer_rows": peer_rows, "raw": data, "notes": notes}


def ab_section(url: str, peers_ok: bool) -> dict[str, Any]:
    """A/B in one interpreter: baseline and contenders in alternating blocks (worker.py ab).

    Much less sensitive to the rest of the machine than comparing separate processes: each block ratio
    compares runs milliseconds apart. Each round is a fresh interpreter; rounds are summarised as
    median [min-max] of the per-round medians. In-process transport and loopback (fewer, shorter blocks).
    """
    jobs: list[tuple[str, str, list[str]]] = []  # (job id, python, worker args)
    ck_ops = ",".join(CK_OPS)
    for transport in ("inproc", "loopback"):
        target = "inproc" if transport == "inproc" else url
        calls, blocks = (AB_CALLS, AB_BLOCKS) if transport == "inproc" else (AB_CALLS_LOOPBACK, AB_BLOCKS_LOOPBACK)
        common = ["--url", target, "--calls", str(calls), "--blocks", str(blocks), "--warmup", str(WARMUP)]
        for mode in ("sync", "async"):
            args = ["ab", "--contender", f"raw-{mode}", "--others", f"ck-{mode},gen-{mode}", "--ops", ck_ops, *common]
            jobs.append((f"project:{transport}:{mode}", PROJECT_PY, args))
        if peers_ok:
            for peer in PEERS:
                base = "raw-async" if peer == "pingram" else "raw-sync"
                args = ["ab", "--contender", base, "--others", peer, "--ops", "upsert", "--baseline-ops", peer, *common]
                jobs.append((f"peers:{transport}:{peer}", PEERS_PY, args))
    data: dict[str, list[dict[str, Any]]] = {job_id: [] for job_id, _, _ in jobs}
    notes: dict[str, str] = {}
    for r in range(AB_ROUNDS):
        order = jobs if r % 2 == 0 else list(reversed(jobs))
        for job_id, py, args in order:
            out = run_worker(py, args)
            if "ops" not in out:
                notes[job_id] = out.get("unavailable") or out.get("error", "?")
                continue
            for name, why in out.get("notes", {}).items():
                notes[f"{job_id}:{name}"] = why
            data[job_id].append(out["ops"])
        log(f"A/B round {r + 1}/{AB_ROUNDS} done")

    def summarise(job_id: str, op: str, contender: str, key: str) -> dict[str, Any] | None:
        ratios, us, base_us = [], [], []
        us_key, base_key = ("us", "baseline_us") if key == "ratio" else ("wall_us", "baseline_wall_us")
        for rnd in data[job_id]:
            entry = rnd.get(op, {})
            c = entry.get("contenders", {}).get(contender)
            if c:
                ratios.append(c[key])
                us.append(c[us_key])
                base_us.append(entry[base_key])
        if not ratios:
            return None
        return {
            "ratio": statistics.median(ratios),
            "min": min(ratios),
            "max": max(ratios),
            "rounds": len(ratios),
            "contender": statistics.median(us),
            "baseline": statistics.median(base_us),
        }

    rows = []
    for transport in ("inproc", "loopback"):
        for mode in ("sync", "async"):
            job_id = f"project:{transport}:{mode}"
            for op in CK_OPS:
                row: dict[str, Any] = {"op": op, "mode": mode, "transport": transport}
                for who in ("ck", "gen"):
                    row[who] = summarise(job_id, op, f"{who}-{mode}", "ratio")
                    row[f"{who}_wall"] = summarise(job_id, op, f"{who}-{mode}", "wall_ratio")
                    row[f"{who}_note"] = notes.get(f"{job_id}:{who}-{mode}") or notes.get(job_id)
                rows.append(row)
    peer_rows = []
    for transport in ("inproc", "loopback"):
        for peer in PEERS:
            job_id = f"peers:{transport}:{peer}"
            note = notes.get(job_id) or notes.get(f"{job_id}:{peer}")
            if not peers_ok:
                note = "peers venv not available"
            peer_rows.append(
                {
                    "peer": peer,
                    "transport": transport,
                    "cpu_us": summarise(job_id, "upsert", peer, "ratio") if peers_ok else None,
                    "wall_us": summarise(job_id, "upsert", peer, "wall_ratio") if peers_ok else None,
                    "note": note,
                }
            )
    return {"rows": rows, "peer_rows": peer_rows, "raw": data, "notes": notes}


# --------------------------------------------------------------------------------------------------
# section 3: imports

IMPORT_SNIPPET = "import time; t0 = time.perf_counter(); {stmt}; t1 = time.perf_counter(); print((t1 - t0) * 1e3)"


def _time_import(py: str, stmt: str, env: dict[str, str] | None) -> tuple[float, float] | None:
    """(in-process import ms, whole-process wall ms) in a fresh interpreter."""
    w0 = time.perf_counter()
    proc = subprocess.run(
        [py, "-c", IMPORT_SNIPPET.format(stmt=stmt)],
        capture_output=True,
        text=True,
        env=env,
        cwd=BENCH,
        timeout=120,
        check=False,
    )
    wall = (time.perf_counter() - w0) * 1e3
    if proc.returncode != 0:
        return None
    return float(proc.stdout.strip().splitlines()[-1]), wall


def _importtime(py: str, module: str, env: dict[str, str] | None) -> dict[str, Any]:
    proc = subprocess.run(
        [py, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=BENCH,
        timeout=120,
        check=False,
    )
    entries = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if m:
            entries.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    by_package: dict[str, int] = {}
    total = 0
    for self_us, cum_us, depth, name in entries:
        if name == module and depth == 0:
            total = cum_us
        by_package[name.split(".")[0]] = by_package.get(name.split(".")[0], 0) + self_us
    top_packages = sorted(by_package.items(), key=lambda kv: -kv[1])[:8]
    top_modules = sorted(((s, n) for s, _c, _d, n in entries), reverse=True)[:8]
    return {
        "cumulative_ms": total / 1e3,
        "top_packages_self_ms": [(name, us / 1e3) for name, us in top_packages],
        "top_modules_self_ms": [(name, us / 1e3) for us, name in top_modules],
        "modules_imported": len(entries),
    }


def _import_series(py: str, stmts: dict[str, str], repeats: int, env: dict[str, str] | None) -> dict[str, Any]:
    for stmt in stmts.values():  # warm-up: byte-compile and page in
        _time_import(py, stmt, env)
    series: dict[str, list[tuple[float, float]]] = {name: [] for name in stmts}
    names = list(stmts)
    for r in range(repeats):
        order = names if r % 2 == 0 else list(reversed(names))
        for name in order:
            res = _time_import(py, stmts[name], env)
            if res is not None:
                series[name].append(res)
    return {
        name: {
            "import_ms": [v[0] for v in vals],
            "process_ms": [v[1] for v in vals],
            "available": bool(vals),
        }
        for name, vals in series.items()
    }


def _ratio_series(num: list[float], den: list[float]) -> dict[str, Any] | None:
    pairs = [(a / b) for a, b in zip(num, den, strict=False) if b > 0]
    if not pairs:
        return None
    return {
        "ratio": statistics.median(pairs),
        "min": min(pairs),
        "max": max(pairs),
        "rounds": len(pairs),
        "contender": statistics.median(num),
        "baseline": statistics.median(den),
        "fastest_ratio": min(num) / min(den) if min(den) > 0 else None,
    }


def import_section(runtime_ok: bool, peers_ok: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    ck_env = dict(os.environ)
    # In the runtime venv chimekit is not installed: put the repo's package folders on the path, as the
    # editable install's .pth file does in the project venv.
    ck_env["PYTHONPATH"] = os.pathsep.join(str(ROOT / d) for d in ("generated", "overlay"))
    stmts = {
        "bare": "pass",
        "httpx": "import httpx",
        "chimekit": "import chimekit",
        "httpx+client": "import httpx; httpx.Client()",
        "chimekit+client": "import chimekit; chimekit.ChimeKit(secret_key='sk_bench_0123456789')",
    }
    envs = [("project", PROJECT_PY, None)]
    if runtime_ok:
        envs.insert(0, ("runtime", RUNTIME_PY, ck_env))
    for venv_name, py, env in envs:
        series = _import_series(py, stmts, IMPORT_REPEATS, env)
        entry: dict[str, Any] = {"series": series}
        entry["import"] = _ratio_series(series["chimekit"]["import_ms"], series["httpx"]["import_ms"])
        entry["process"] = _ratio_series(series["chimekit"]["process_ms"], series["httpx"]["process_ms"])
        entry["with_client"] = _ratio_series(
            series["chimekit+client"]["import_ms"], series["httpx+client"]["import_ms"]
        )
        entry["importtime_chimekit"] = _importtime(py, "chimekit", env)
        entry["importtime_httpx"] = _importtime(py, "httpx", env)
        out[venv_name] = entry
        log(f"imports ({venv_name} venv) done")
    if peers_ok:
        peer_stmts = {"httpx": "import httpx"} | {p: f"import {PEER_MODULES[p]}" for p in PEERS}
        series = _import_series(PEERS_PY, peer_stmts, PEER_IMPORT_REPEATS, None)
        out["peers"] = {p: _ratio_series(series[p]["import_ms"], series["httpx"]["import_ms"]) for p in PEERS} | {
            "series": series
        }
        log("imports (peers venv) done")
    return out


# --------------------------------------------------------------------------------------------------
# section 4: concurrency


def conc_section(url: str) -> dict[str, Any]:
    data: dict[str, list[dict[str, Any]]] = {"raw-async": [], "ck-async": []}
    if CONC_WITH_GENERATED:
        data["gen-async"] = []
    notes: dict[str, str] = {}
    for r in range(CONC_ROUNDS):
        names = list(data) if r % 2 == 0 else list(reversed(data))
        for name in names:
            if name in notes and "unavailable" in notes[name]:
                data[name].append({})
                continue
            args = ["conc", "--contender", name, "--url", url, "--total", str(CONC_TOTAL)]
            args += ["--inflight", str(CONC_INFLIGHT), "--warmup", str(CONC_INFLIGHT * 2)]
            out = run_worker(PROJECT_PY, args)
            if "unavailable" in out or "error" in out:
                notes[name] = "unavailable: " + out["unavailable"] if "unavailable" in out else out["error"]
                data[name].append({})
                continue
            data[name].append(out)
    log("concurrency done")
    return {
        "ck": paired(data["ck-async"], data["raw-async"], "msgs_per_s"),
        "gen": paired(data["gen-async"], data["raw-async"], "msgs_per_s") if "gen-async" in data else None,
        "ck_cpu": paired(data["ck-async"], data["raw-async"], "cpu_us_per_msg"),
        "raw": data,
        "notes": notes,
    }


# --------------------------------------------------------------------------------------------------
# section 5: sandbox and tools


def sandbox_section(canned_url: str, tmp: Path) -> dict[str, Any]:
    ops = "identify,send_message"
    with sandbox_server(tmp / "sandbox.log") as url:
        if url is None:
            log_text = (tmp / "sandbox.log").read_text()[-300:] if (tmp / "sandbox.log").exists() else ""
            return {"note": f"sandbox not available (chimekit-sandbox did not answer) {log_text}".strip()}
        data: dict[str, list[dict[str, Any]]] = {"canned:raw": [], "sandbox:raw": []}
        notes: dict[str, str] = {}
        ab: list[dict[str, Any]] = []
        for r in range(SANDBOX_ROUNDS):
            # ChimeKit vs raw httpx on the sandbox: A/B in one interpreter (see ab_section).
            args = ["ab", "--contender", "raw-sync", "--others", "ck-sync", "--ops", ops, "--url", url]
            args += ["--secret-key", SECRET_KEY, "--calls", "50", "--blocks", "8", "--warmup", "20"]
            out = run_worker(PROJECT_PY, args)
            if "ops" in out:
                ab.append(out["ops"])
            else:
                notes["sandbox:ck"] = out.get("unavailable") or out.get("error", "?")
            names = list(data) if r % 2 == 0 else list(reversed(data))
            for name in names:
                where, who = name.split(":")
                target = url if where == "sandbox" else canned_url
                contender = "ck-sync" if who == "ck" else "raw-sync"
                if name in notes:
                    data[name].append({})
                    continue
                args = ["percall", "--contender", contender, "--url", target, "--secret-key", SECRET_KEY]
                args += ["--ops", ops, "--calls", str(SANDBOX_CALLS), "--warmup", str(max(SANDBOX_CALLS // 10, 10))]
                out = run_worker(PROJECT_PY, args)
                if "ops" not in out:
                    notes[name] = out.get("unavailable") or out.get("error", "?")
                    data[name].append({})
                    continue
                data[name].append(
                    {op: {"rps": 1e6 / m["wall_us"], **m} for op, m in out["ops"].items() if "wall_us" in m}
                )
    rows = []
    for op in ops.split(","):

        def col(name: str, op: str = op) -> list[dict[str, Any]]:
            return [rnd.get(op, {}) for rnd in data[name]]

        # requests/s ratio = inverse of the per-call wall-time ratio
        sdk = [
            1 / rnd[op]["contenders"]["ck-sync"]["wall_ratio"]
            for rnd in ab
            if "ck-sync" in rnd.get(op, {}).get("contenders", {})
        ]
        ck_rps = [
            1e6 / rnd[op]["contenders"]["ck-sync"]["wall_us"]
            for rnd in ab
            if "ck-sync" in rnd.get(op, {}).get("contenders", {})
        ]
        raw_rps = [1e6 / rnd[op]["baseline_wall_us"] for rnd in ab if op in rnd]
        rows.append(
            {
                "op": op,
                "server": paired(col("sandbox:raw"), col("canned:raw"), "rps"),
                "sdk": {
                    "ratio": statistics.median(sdk),
                    "min": min(sdk),
                    "max": max(sdk),
                    "rounds": len(sdk),
                    "contender": statistics.median(ck_rps),
                    "baseline": statistics.median(raw_rps),
                }
                if sdk
                else None,
            }
        )
    log("sandbox done")
    return {"rows": rows, "raw": data, "ab": ab, "notes": notes}


def _time_cmd(cmd: list[str], timeout: float) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - t0, -1, f"timed out after {timeout:.0f}s"
    tail = " | ".join((proc.stdout + proc.stderr).strip().splitlines()[-3:])
    return time.perf_counter() - t0, proc.returncode, tail


def _make_has_recipe(target: str) -> bool:
    proc = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False)
    return proc.returncode == 0 and bool(proc.stdout.strip()) and "Nothing to be done" not in proc.stdout


def tools_section(tmp: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    gen_tool = Path(PROJECT_PY).parent / "openapi-python-client"
    ref_s, _, _ = _time_cmd([str(gen_tool), "--version"], 60)
    # make generate writes into GEN_OUT; point it at a scratch folder so the work tree is untouched.
    gen_out = tmp / "gen" / "chimekit_api"
    gen_out.parent.mkdir(parents=True, exist_ok=True)
    secs, rc, tail = _time_cmd(["make", "--no-print-directory", "generate", f"GEN_OUT={gen_out}"], 300)
    out["generate"] = {
        "seconds": secs,
        "returncode": rc,
        "tail": tail,
        "baseline": "openapi-python-client --version (tool start-up)",
        "baseline_seconds": ref_s,
        "ratio": secs / ref_s if ref_s > 0 else None,
    }
    log(f"make generate: {secs:.1f}s (rc {rc})")
    if not CONTRACT:
        out["contract"] = {"note": "skipped (BENCH_CONTRACT=0)"}
    elif not _make_has_recipe("contract"):
        out["contract"] = {"note": "not available (make contract has no recipe yet)"}
    else:
        secs, rc, tail = _time_cmd(["make", "--no-print-directory", "contract"], 600)
        out["contract"] = {"seconds": secs, "returncode": rc, "tail": tail}
        log(f"make contract: {secs:.1f}s (rc {rc})")
    return out


def profile_section() -> dict[str, Any]:
    """BENCH_PROFILE=1: pyinstrument over the in-process transport, in bench/.venv-prof (profilers live only there)."""
    err = ensure_venv(PROF_VENV, BENCH / "requirements-prof.txt")
    if err:
        return {"note": f"profiler venv not available: {err}"}
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(ROOT / d) for d in ("generated", "overlay"))
    cmd = [str(PROF_VENV / "bin" / "python"), str(BENCH / "profile_facade.py"), "--tool", "pyinstrument"]
    out: dict[str, Any] = {}
    for mode in ("sync", "async"):
        args = [*cmd, "--calls", "2000"] + (["--async"] if mode == "async" else [])
        proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=BENCH, timeout=300, check=False)
        out[mode] = proc.stdout if proc.returncode == 0 else f"failed: {proc.stderr[-500:]}"
    log("profile done")
    return out


# --------------------------------------------------------------------------------------------------
# report


def _fmt_ratio(p: dict[str, Any] | None, note: str | None = None) -> str:
    if p is None:
        return "not available" if note else "-"
    return f"{p['ratio']:.2f}x [{p['min']:.2f}-{p['max']:.2f}]"


def _fmt_us(p: dict[str, Any] | None) -> str:
    if p is None:
        return "-"
    return f"{p['contender']:.0f}/{p['baseline']:.0f}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def report(results: dict[str, Any]) -> str:
    out: list[str] = []
    cfg = results["config"]
    out.append(
        f"ChimeKit bench — ratios against raw httpx measured side by side; median [min-max] of per-round "
        f"ratios over {cfg['rounds']} interleaved rounds, fresh interpreter per contender per round "
        f"({cfg['calls_loopback']} loopback / {cfg['calls_inproc']} in-process calls per op after {cfg['warmup']} "
        "warm-up). Lower is better; 1.00x = raw httpx. Targets: <= 1.30x per call (in-process CPU) and import."
    )
    pc = results.get("percall")
    if pc:
        out.append("\n1. Client cost per call: chimekit facade and the generated chimekit_api layer vs raw httpx")
        out.append(
            "   (CPU µs = median contender / raw; loopback: canned server in another process; inproc: MockTransport)"
        )
        rows = []
        for row in pc["rows"]:
            rows.append(
                [
                    row["op"],
                    row["mode"],
                    row["transport"],
                    _fmt_ratio(row["ck_cpu_us"], row["ck_note"]),
                    _fmt_ratio(row["ck_wall_us"], row["ck_note"]),
                    _fmt_us(row["ck_cpu_us"]),
                    _fmt_ratio(row["gen_cpu_us"], row["gen_note"]),
                    _fmt_ratio(row["gen_wall_us"], row["gen_note"]),
                ]
            )
        headers = ["call", "mode", "transport", "chimekit CPU", "chimekit wall", "CPU µs", "generated CPU"]
        out.append(_table([*headers, "generated wall"], rows))
        notes = {n for row in pc["rows"] for n in (row["ck_note"], row["gen_note"]) if n}
        out += [f"   note: {n}" for n in sorted(notes)]
        out.append("\n2. Peers: one identify/upsert call each vs raw httpx doing the same request (+ json.loads)")
        rows = []
        for row in pc["peer_rows"]:
            rows.append(
                [
                    row["peer"],
                    row["call"],
                    row["transport"],
                    _fmt_ratio(row["cpu_us"], row["note"]),
                    _fmt_ratio(row["wall_us"], row["note"]),
                    _fmt_us(row["cpu_us"]),
                ]
            )
        for row in pc["rows"]:
            if row["op"] == "identify" and row["mode"] == "sync":
                rows.append(
                    [
                        "chimekit",
                        "identify (POST)",
                        row["transport"],
                        _fmt_ratio(row["ck_cpu_us"], row["ck_note"]),
                        _fmt_ratio(row["ck_wall_us"], row["ck_note"]),
                        _fmt_us(row["ck_cpu_us"]),
                    ]
                )
        out.append(_table(["sdk", "call", "transport", "CPU", "wall", "CPU µs"], rows))
        notes = {row["note"] for row in pc["peer_rows"] if row["note"]}
        out += [f"   note: {n}" for n in sorted(notes)]
    ab = results.get("ab")
    if ab:
        out.append(
            "\n1b. A/B in one interpreter: the same calls vs raw httpx, alternating timed blocks "
            f"(inproc: {AB_BLOCKS} blocks of {AB_CALLS} calls; loopback: {AB_BLOCKS_LOOPBACK} of {AB_CALLS_LOOPBACK}); "
            f"median [min-max] over {AB_ROUNDS} fresh interpreters. The steadiest figures: the headline."
        )
        rows = []
        for row in ab["rows"]:
            rows.append(
                [
                    row["op"],
                    row["mode"],
                    row["transport"],
                    _fmt_ratio(row["ck"], row["ck_note"]),
                    _fmt_ratio(row["ck_wall"], row["ck_note"]),
                    _fmt_us(row["ck"]),
                    _fmt_ratio(row["gen"], row["gen_note"]),
                ]
            )
        for row in ab["peer_rows"]:
            mode = "async" if row["peer"] == "pingram" else "sync"
            call = f"{row['peer']}: {PEER_CALLS[row['peer']].split(' ')[0]}"
            rows.append(
                [
                    call,
                    mode,
                    row["transport"],
                    _fmt_ratio(row["cpu_us"], row["note"]),
                    _fmt_ratio(row["wall_us"], row["note"]),
                    _fmt_us(row["cpu_us"]),
                    "",
                ]
            )
        headers = ["call", "mode", "transport", "CPU vs raw", "wall vs raw", "CPU µs", "generated layer CPU"]
        out.append(_table(headers, rows))
    summary = results.get("summary", {})
    if summary:
        source = summary.get("source", "")
        out.append(
            f"   SUMMARY, in-process CPU per call vs raw httpx (geometric mean over the 4 calls; {source}): "
            + ", ".join(f"{k} {v:.2f}x" if v is not None else f"{k} n/a" for k, v in summary.items() if k != "source")
        )
    imp = results.get("imports")
    if imp:
        out.append("\n3. import chimekit vs import httpx (fresh interpreters; import-only time, median of pairs)")
        rows = []
        for venv_name in ("runtime", "project"):
            e = imp.get(venv_name)
            if not e:
                continue
            s = e["series"]
            label = "runtime venv (httpx+attrs only)" if venv_name == "runtime" else "project .venv (dev deps)"
            note = None if s["chimekit"]["available"] else "import chimekit failed"
            fastest = e["import"]["fastest_ratio"] if e["import"] else None
            rows.append(
                [
                    label,
                    _fmt_ratio(e["import"], note),
                    f"{fastest:.2f}x" if fastest else "-",
                    _fmt_us(e["import"]).replace("/", " / ") + " ms",
                    _fmt_ratio(e["with_client"], note),
                    _fmt_ratio(e["process"], note),
                ]
            )
        headers = ["environment", "import", "fastest/fastest", "ms chimekit / httpx", "import + client()"]
        out.append(_table([*headers, "whole process"], rows))
        for venv_name in ("runtime", "project"):
            e = imp.get(venv_name)
            if e and e["importtime_chimekit"]["cumulative_ms"]:
                it = e["importtime_chimekit"]
                pk = ", ".join(f"{n} {ms:.1f}" for n, ms in it["top_packages_self_ms"][:6])
                out.append(
                    f"   -X importtime ({venv_name}): chimekit {it['cumulative_ms']:.1f} ms cumulative, "
                    f"{it['modules_imported']} modules; self ms by package: {pk}"
                )
        peers = imp.get("peers")
        if peers:
            rows = []
            for p in PEERS:
                r = peers.get(p)
                fastest = f"{r['fastest_ratio']:.2f}x" if r and r.get("fastest_ratio") else "-"
                rows.append([p, f"import {PEER_MODULES[p]}", _fmt_ratio(r, "n/a"), fastest, _fmt_us(r) + " ms"])
            out.append("   peers (bench/.venv-peers, vs import httpx there):")
            out.append(_table(["sdk", "statement", "x import httpx", "fastest/fastest", "ms sdk / httpx"], rows))
    conc = results.get("concurrency")
    if conc:
        out.append(
            f"\n4. Concurrency: {CONC_TOTAL} send_message, {CONC_INFLIGHT} in flight, canned server "
            "(messages/s ratio; higher is better)"
        )
        rows = []
        for who, key in (("AsyncChimeKit", "ck"), ("chimekit_api (generated)", "gen")):
            if key == "gen" and not CONC_WITH_GENERATED:
                continue
            p = conc.get(key)
            raw_note = conc["notes"].get(f"{key}-async")
            detail = f"{p['contender']:.0f} / {p['baseline']:.0f} msg/s" if p else (raw_note or "-")
            rows.append([who, _fmt_ratio(p, raw_note), detail])
        out.append(_table(["client", "msg/s vs httpx.AsyncClient", "msg/s contender / raw"], rows))
    sb = results.get("sandbox")
    if sb:
        out.append(
            "\n5. Sandbox (chimekit-sandbox CLI): requests/s over loopback, one request at a time; higher is better"
        )
        if "note" in sb:
            out.append(f"   {sb['note']}")
        else:
            rows = []
            for row in sb["rows"]:
                p = row["server"]
                detail = f"{p['contender']:.0f} / {p['baseline']:.0f} req/s" if p else "-"
                rows.append([row["op"], "raw httpx: sandbox vs canned server", _fmt_ratio(p, "n/a"), detail])
                p = row["sdk"]
                note = sb["notes"].get("sandbox:ck")
                detail = f"{p['contender']:.0f} / {p['baseline']:.0f} req/s" if p else (note or "-")
                rows.append([row["op"], "sandbox: ChimeKit vs raw httpx (A/B)", _fmt_ratio(p, note), detail])
            out.append(_table(["call", "comparison", "req/s ratio", "req/s"], rows))
    tools = results.get("tools")
    if tools:
        out.append("\n   tools (wall time):")
        g = tools.get("generate", {})
        if "seconds" in g:
            ratio = f"{g['ratio']:.1f}x tool start-up" if g.get("ratio") else ""
            status = "ok" if g["returncode"] == 0 else f"FAILED rc={g['returncode']}: {g['tail']}"
            out.append(f"   make generate: {g['seconds']:.1f} s ({ratio}; {status})")
        c = tools.get("contract", {})
        if "seconds" in c:
            status = "ok" if c["returncode"] == 0 else f"rc={c['returncode']}: {c['tail']}"
            out.append(f"   make contract: {c['seconds']:.1f} s ({status})")
        elif c:
            out.append(f"   make contract: {c['note']}")
    prof = results.get("profile")
    if prof:
        out.append("\n6. Profile (pyinstrument, chimekit over the in-process transport)")
        out += [prof[k] for k in ("note", "sync", "async") if k in prof]
    m = results["machine"]
    start, end = m["loadavg_1min_at_start"], m.get("loadavg_1min_at_end", 0.0)
    busy = (
        " (something else was running: read the spreads, or rerun on a quiet machine)" if max(start, end) > 0.8 else ""
    )
    out.append(
        f"\nmachine: Python {m['python']}, {m['cpus']} CPUs; 1-min load average {start:.1f} at start, {end:.1f} at end"
        + busy
    )
    out.append(f"written: {RESULTS_PATH.relative_to(ROOT) if RESULTS_PATH.is_relative_to(ROOT) else RESULTS_PATH}")
    return "\n".join(out)


def _summary(results: dict[str, Any]) -> dict[str, Any]:
    """Headline: in-process CPU per call vs raw httpx (geometric mean over the four calls), from the A/B
    section when it ran, else from the per-process section."""
    out: dict[str, Any] = {}
    ab, pc = results.get("ab"), results.get("percall")
    if ab:
        out["source"] = "in-process A/B (same interpreter, alternating blocks)"
        for who, label in (("ck", "chimekit"), ("gen", "generated")):
            for mode in ("sync", "async"):
                vals = [
                    r[who]["ratio"] for r in ab["rows"] if r["transport"] == "inproc" and r["mode"] == mode and r[who]
                ]
                out[f"{label} {mode}"] = _geomean(vals) if len(vals) == len(CK_OPS) else None
        for row in ab["peer_rows"]:
            if row["transport"] == "inproc":
                out[row["peer"]] = row["cpu_us"]["ratio"] if row["cpu_us"] else None
    elif pc:
        out["source"] = "separate processes, in-process transport"
        for who, label in (("ck", "chimekit"), ("gen", "generated")):
            for mode in ("sync", "async"):
                vals = [
                    r[f"{who}_cpu_us"]["ratio"]
                    for r in pc["rows"]
                    if r["transport"] == "inproc" and r["mode"] == mode and r[f"{who}_cpu_us"]
                ]
                out[f"{label} {mode}"] = _geomean(vals) if len(vals) == len(CK_OPS) else None
        for row in pc["peer_rows"]:
            if row["transport"] == "inproc":
                out[row["peer"]] = row["cpu_us"]["ratio"] if row["cpu_us"] else None
    return out


def _versions(py: str, modules: list[str]) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json, sys\n"
        "out = {}\n"
        "for name in sys.argv[1:]:\n"
        "    try: out[name] = m.version(name)\n"
        "    except Exception: pass\n"
        "print(json.dumps(out))"
    )
    try:
        proc = subprocess.run([py, "-c", code, *modules], capture_output=True, text=True, timeout=60, check=False)
        return dict(json.loads(proc.stdout))
    except (OSError, ValueError, subprocess.SubprocessError):
        return {}


def check_canned_against_spec() -> list[str]:
    """The canned ChimeKit bodies must stay the spec's examples (list: page built from the example item)."""
    sys.path.insert(0, str(BENCH))
    import canned

    try:
        import yaml
    except ImportError:
        return ["PyYAML not installed: canned bodies not checked against the spec"]
    spec = yaml.safe_load((ROOT / "openapi" / "chimekit.yaml").read_text())

    def example(path: str, method: str) -> Any:
        return spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]["example"]

    problems = []
    checks = [
        ("identify", example("/sdk/v1/audience/identify", "post"), {"member": canned.MEMBER}),
        ("findMember", example("/sdk/v1/audience/members/{externalUserId}", "get"), {"member": canned.MEMBER}),
        ("sendMessage", example("/sdk/v1/messages/send", "post"), canned.SEND_RESPONSE),
        (
            "listMemberMessages item",
            example("/sdk/v1/messages/members/{externalUserId}/messages", "get")["messages"][0],
            canned.LIST_ITEM,
        ),
    ]
    for name, expected, ours in checks:
        if json.loads(json.dumps(expected, default=str)) != ours:
            problems.append(f"canned {name} body differs from the spec example (update bench/canned.py)")
    return problems


def main() -> int:
    started = time.monotonic()
    _bytecode_env()
    tmp = Path(tempfile.mkdtemp(prefix="chimekit-bench-"))
    results: dict[str, Any] = {
        "config": {
            "rounds": ROUNDS,
            "calls_loopback": CALLS_LOOPBACK,
            "calls_inproc": CALLS_INPROC,
            "warmup": WARMUP,
            "import_repeats": IMPORT_REPEATS,
            "conc_total": CONC_TOTAL,
            "conc_inflight": CONC_INFLIGHT,
            "conc_rounds": CONC_ROUNDS,
            "sandbox_calls": SANDBOX_CALLS,
            "sandbox_rounds": SANDBOX_ROUNDS,
            "contract": CONTRACT,
            "sections": SECTIONS,
            "quick": QUICK,
            "profile": PROFILE,
            "timing": "per process: the fastest of 5 timed blocks per op (time.process_time / perf_counter)",
        },
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
    }
    load_before = os.getloadavg()[0]
    results["machine"]["loadavg_1min_at_start"] = load_before
    if load_before > 0.8:
        log(f"machine busy at start (1-min load average {load_before:.1f}): figures will be noisier")
    problems = check_canned_against_spec()
    for p in problems:
        log(p)
    results["warnings"] = problems
    peers_ok = False
    if WITH_PEERS:
        err = ensure_venv(PEERS_VENV, BENCH / "requirements-peers.txt")
        peers_ok = err is None and Path(PEERS_PY).exists()
        if err:
            log(f"peers not available: {err}")
            results["warnings"].append(f"peers not available: {err}")
    err = ensure_venv(RUNTIME_VENV, BENCH / "requirements-runtime.txt")
    runtime_ok = err is None and Path(RUNTIME_PY).exists()
    if err:
        log(f"runtime venv not available: {err}")
        results["warnings"].append(f"runtime venv not available: {err}")
    results["versions"] = {
        "project": _versions(PROJECT_PY, ["httpx", "attrs", "chimekit", "requests"]),
        "peers": _versions(PEERS_PY, ["httpx", "knockapi", "trycourier", "pingram-python", "suprsend-py-sdk"])
        if peers_ok
        else {},
    }
    try:
        with canned_server() as url:
            log(f"canned server at {url}")
            if "percall" in SECTIONS:
                results["percall"] = percall_section(url, peers_ok)
            if "ab" in SECTIONS:
                results["ab"] = ab_section(url, peers_ok)
            results["summary"] = _summary(results)
            if "import" in SECTIONS:
                results["imports"] = import_section(runtime_ok, peers_ok)
            if "conc" in SECTIONS:
                results["concurrency"] = conc_section(url)
            if "sandbox" in SECTIONS:
                results["sandbox"] = sandbox_section(url, tmp)
        if "tools" in SECTIONS:
            results["tools"] = tools_section(tmp)
        if PROFILE:
            results["profile"] = profile_section()
    finally:
        results["elapsed_s"] = time.monotonic() - started
        results["machine"]["loadavg_1min_at_end"] = os.getloadavg()[0]
        RESULTS_PATH.write_text(json.dumps(results, indent=1, default=str) + "\n")
        shutil.rmtree(tmp, ignore_errors=True)
    print(report(results))
    print(f"elapsed: {results['elapsed_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
