"""Running the ``chimekit-sandbox`` CLI as a subprocess (real process, real socket, real kill -9)."""

from __future__ import annotations

import os
import re
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

URL = re.compile(r"listening on (http://\S+)")


@dataclass
class CliSandbox:
    process: subprocess.Popen[str]
    url: str
    output: list[str] = field(default_factory=list)


def start_cli(args: Sequence[str], env: dict[str, str] | None = None, timeout: float = 20.0) -> CliSandbox:
    """Start the CLI and wait (polling its output) for the line announcing the URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "chimekit_sandbox", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=deadline - time.monotonic()):
                break
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = URL.search(line)
            if match:
                if (
                    "Secret key" not in "".join(lines)
                    and "--secret-key" not in args
                    and "CHIMEKIT_SECRET_KEY" not in (env or {})
                ):
                    # A generated key is printed on the next line.
                    lines.append(process.stdout.readline())
                return CliSandbox(process, match.group(1), lines)
    process.kill()
    process.wait()
    raise AssertionError(f"the sandbox CLI did not start: {''.join(lines)}")


def stop(sandbox: CliSandbox) -> None:
    if sandbox.process.poll() is None:
        sandbox.process.terminate()
        try:
            sandbox.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sandbox.process.kill()
            sandbox.process.wait()
    assert sandbox.process.stdout is not None
    sandbox.process.stdout.close()


@contextmanager
def cli(args: Sequence[str], env: dict[str, str] | None = None) -> Iterator[CliSandbox]:
    sandbox = start_cli(args, env)
    try:
        yield sandbox
    finally:
        stop(sandbox)
