"""chimekit-contract run in-process against servers served on loopback (the sandbox, or a broken variant)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from chimekit_contract import main
from chimekit_sandbox import SandboxApp, create_app
from chimekit_sandbox._engine import ASGIApp
from chimekit_sandbox._server import serve_in_thread

SECRET = "sk_test_contract_0123456789"


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def prefix(self) -> str:
        """The run's member id prefix, as the run printed it."""
        match = re.search(r"members (ckc-[0-9a-f]{8}-)\*", self.out)
        assert match is not None, self.out
        return match.group(1)

    def result(self, name: str) -> str:
        """The mark a check or a link got: ``ok``, ``FAIL``, ``skip`` or ``ERR``."""
        match = re.search(rf"^  (ok|FAIL|skip|ERR) +{re.escape(name)}\b", self.out, re.MULTILINE)
        assert match is not None, (name, self.out)
        return match.group(1)


@contextmanager
def served(
    wrap: Callable[[ASGIApp], ASGIApp] | None = None, *, seed: str | None = None
) -> Iterator[tuple[str, SandboxApp]]:
    """A sandbox (``wrap``ped by a broken variant) on loopback: (server root, the sandbox app)."""
    app = create_app(secret_key=SECRET, seed=seed)
    try:
        with serve_in_thread(wrap(app) if wrap else app) as url:
            yield url, app
    finally:
        app.close()


@pytest.fixture
def contract(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """``contract(url, *options, key=SECRET)``: the command, in this process, with the key in the environment."""

    def run(url: str, *options: str, key: str | None = SECRET) -> Outcome:
        capsys.readouterr()
        if key is None:
            monkeypatch.delenv("CHIMEKIT_SECRET_KEY", raising=False)
        else:
            monkeypatch.setenv("CHIMEKIT_SECRET_KEY", key)
        code = main([url, *options])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run
