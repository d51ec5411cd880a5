"""Running the ``chimekit-sandbox`` CLI as a subprocess (real process, real socket, real kill -9)."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

URL = re.compile(r"listening on (http://\S+)")


@dataclass
class CliSandbox:
    process: subprocess.Popen[str]
    url: str
    output: list[str] = field(default_factory=list)  # every line printed, up to now
    reader: threading.Thread | None = None


def start_cli(
    args: Sequence[str], env: dict[str, str] | None = None, timeout: float = 20.0, command: Sequence[str] | None = None
) -> CliSandbox:
    """Start the CLI (``command``, default ``python -m chimekit_sandbox``) and wait for the line announcing the URL.

    A thread reads every output line as it comes (so the pipe never fills up) into ``output``.
    """
    process = subprocess.Popen(
        [*(command or [sys.executable, "-m", "chimekit_sandbox"]), "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    stdout = process.stdout
    lines: list[str] = []
    arrived: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in stdout:
            lines.append(line)
            arrived.put(line)
        arrived.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    key_given = "--secret-key" in args or "CHIMEKIT_SECRET_KEY" in (env or {})
    url = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = arrived.get(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        if line is None:
            break
        match = URL.search(line)
        url = url or (match.group(1) if match else None)
        if url and (key_given or "Secret key" in "".join(lines)):  # a generated key is printed after the URL
            return CliSandbox(process, url, lines, reader)
    process.kill()
    process.wait()
    reader.join()
    stdout.close()
    raise AssertionError(f"the sandbox CLI did not start: {''.join(lines)}")


def stop(sandbox: CliSandbox) -> None:
    if sandbox.process.poll() is None:
        sandbox.process.terminate()
        try:
            sandbox.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sandbox.process.kill()
            sandbox.process.wait()
    if sandbox.reader is not None:
        sandbox.reader.join(timeout=10)
    assert sandbox.process.stdout is not None
    sandbox.process.stdout.close()


@contextmanager
def cli(
    args: Sequence[str], env: dict[str, str] | None = None, command: Sequence[str] | None = None
) -> Iterator[CliSandbox]:
    sandbox = start_cli(args, env, command=command)
    try:
        yield sandbox
    finally:
        stop(sandbox)
