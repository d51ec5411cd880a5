"""Contract-test a ChimeKit server against openapi/chimekit.yaml with the pinned schemathesis.

``make contract`` runs this file and tests/contract imports it, so there is exactly one
schemathesis command line. Without ``--base-url`` it starts the sandbox on a free loopback port for
the run and stops it afterwards (also when schemathesis fails). Exit code: schemathesis's
(0 clean, 1 violations found, 2 usage/config/schema errors).

    python contract/run_contract.py [--base-url URL] [--seed N] [--max-examples N]
    (the secret key comes from $SECRET_KEY or $CHIMEKIT_SECRET_KEY; required with --base-url)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "chimekit.yaml"
CONFIG = ROOT / "contract" / "schemathesis.toml"
REPORT_DIR = ROOT / "reports"
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"

DEFAULT_SEED = 20251123
DEFAULT_MAX_EXAMPLES = 100
PHASES = ("examples", "coverage", "fuzzing", "stateful")


def schemathesis_command(
    base_url: str,
    *,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    junit_path: Path = REPORT_DIR / "contract-junit.xml",
    phases: Sequence[str] = PHASES,
    operation_ids: Sequence[str] = (),
    ndjson_path: Path | None = None,
) -> list[str]:
    """The one schemathesis invocation; ``operation_ids``/``phases`` narrow it (cheap checks in tests).

    ``ndjson_path`` adds schemathesis's event stream (about 10 MB for a full run), which
    :func:`covered_links` reads.
    """
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(CONFIG),
        "run",
        str(SPEC),
        "--url",
        base_url.rstrip("/"),
        "--phases",
        ",".join(phases),
        "--workers",
        "1",  # more workers crash hypothesis on Python 3.11 (see the schemathesis notes)
        "--seed",
        str(seed),
        "--max-examples",
        str(max_examples),
        "--generation-database",
        "none",
        "--report",
        "junit" if ndjson_path is None else "junit,ndjson",
        "--report-junit-path",
        str(junit_path),
        "--no-color",
    ]
    if ndjson_path is not None:
        command += ["--report-ndjson-path", str(ndjson_path)]
    for operation_id in operation_ids:
        command += ["--include-operation-id", operation_id]
    return command


def run_schemathesis(
    base_url: str,
    secret_key: str,
    *,
    seed: int = DEFAULT_SEED,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    junit_path: Path = REPORT_DIR / "contract-junit.xml",
    phases: Sequence[str] = PHASES,
    operation_ids: Sequence[str] = (),
    ndjson_path: Path | None = None,
    capture: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run schemathesis against ``base_url`` (the server root); the key travels in the environment."""
    junit_path.parent.mkdir(parents=True, exist_ok=True)
    command = schemathesis_command(
        base_url,
        seed=seed,
        max_examples=max_examples,
        junit_path=junit_path,
        phases=phases,
        operation_ids=operation_ids,
        ndjson_path=ndjson_path,
    )
    env = {**os.environ, "CHIMEKIT_SECRET_KEY": secret_key}
    return subprocess.run(command, env=env, cwd=ROOT, text=True, capture_output=capture, check=False)  # noqa: S603


def covered_links(ndjson_path: Path) -> set[str]:
    """The links the stateful phase followed, as schemathesis names them in its "API Links: N covered".

    A link counts once a step used a value it extracted (``is_transition_applied``), whatever the
    answer; a name reads ``SOURCE -> [status] LinkName -> TARGET``.
    """
    covered = set()
    with ndjson_path.open(encoding="utf-8") as events:
        for line in events:
            if not line.startswith('{"ScenarioFinished"'):
                continue
            scenario = json.loads(line)["ScenarioFinished"]
            if scenario.get("phase") != "stateful":
                continue
            for case in scenario.get("recorder", {}).get("cases", {}).values():
                if case.get("transition") and case.get("is_transition_applied"):
                    covered.add(case["transition"]["id"])
    return covered


@contextmanager
def _server(base_url: str | None, secret_key: str | None) -> Iterator[tuple[str, str]]:
    if base_url:
        if not secret_key:
            sys.exit("run_contract: a secret key is required with --base-url (SECRET_KEY=... or $CHIMEKIT_SECRET_KEY)")
        yield base_url, secret_key
        return
    import chimekit_sandbox

    with chimekit_sandbox.running(secret_key=secret_key) as sandbox:
        print(f"run_contract: started the sandbox on {sandbox.url}", flush=True)
        yield sandbox.url, sandbox.secret_key


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default=os.environ.get("BASE_URL") or None, help="server root to test")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SEED") or DEFAULT_SEED))
    parser.add_argument("--max-examples", type=int, default=int(os.environ.get("MAX_EXAMPLES") or DEFAULT_MAX_EXAMPLES))
    args = parser.parse_args(argv)
    secret_key = os.environ.get("SECRET_KEY") or os.environ.get("CHIMEKIT_SECRET_KEY") or None
    started = time.monotonic()
    with _server(args.base_url, secret_key) as (base_url, key):
        result = run_schemathesis(base_url, key, seed=args.seed, max_examples=args.max_examples)
    print(f"run_contract: schemathesis exited {result.returncode} after {time.monotonic() - started:.1f} s", flush=True)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
