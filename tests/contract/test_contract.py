"""`make contract`'s machinery: the honest sandbox passes, each broken variant fails.

All runs go through contract/run_contract.py, the same code path as `make contract`. The honest
run is the full default invocation (once per `make test`); the broken variants run only the
operations and phases that reach their defect, with few examples.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from chimekit_sandbox import create_app
from chimekit_sandbox._server import serve_in_thread
from starlette.types import ASGIApp

from . import broken
from .conftest import run_contract

pytestmark = pytest.mark.contract
SECRET = "sk_test_contract"


def run_against(
    wrap: Callable[[ASGIApp], ASGIApp] | None,
    tmp_path: Path,
    *,
    operation_ids: Sequence[str] = (),
    phases: Sequence[str] = run_contract.PHASES,
    max_examples: int = run_contract.DEFAULT_MAX_EXAMPLES,
    secret_key: str = SECRET,
) -> tuple[int, str]:
    app = create_app(secret_key=SECRET)
    try:
        with serve_in_thread(wrap(app) if wrap else app) as url:
            result = run_contract.run_schemathesis(
                url,
                secret_key,
                operation_ids=operation_ids,
                phases=phases,
                max_examples=max_examples,
                junit_path=tmp_path / "junit.xml",
                capture=True,
            )
    finally:
        app.close()
    return result.returncode, result.stdout + result.stderr


@pytest.mark.timeout(300)
def test_honest_sandbox_passes_the_full_default_contract_run(tmp_path: Path) -> None:
    """Exactly `make contract`'s run (all operations, phases and checks, default seed and examples)."""
    started = time.monotonic()
    code, output = run_against(None, tmp_path)
    assert code == 0, output
    assert "No issues found" in output
    assert (tmp_path / "junit.xml").is_file()
    print(f"honest contract run: {time.monotonic() - started:.1f} s")


@pytest.mark.parametrize(
    ("wrap", "operation_ids", "phases", "expected"),
    [
        pytest.param(broken.dropped_required_field, ["identify"], ["examples"], "ST108", id="required-field-dropped"),
        pytest.param(broken.wrong_type, ["deleteMember"], ["examples"], "ST108", id="wrong-type"),
        pytest.param(
            broken.undocumented_status,
            ["identify", "addSuppression", "removeSuppression"],
            ["stateful"],
            "ST103",
            id="undocumented-status",
        ),
        pytest.param(broken.wrong_content_type, ["findMember"], ["examples"], "ST105", id="wrong-content-type"),
        pytest.param(broken.auth_ignored(SECRET), ["findMember"], ["examples"], "ST401", id="auth-ignored"),
        pytest.param(broken.no_request_id, ["findMember"], ["examples"], "ST107", id="no-x-request-id"),
        pytest.param(broken.no_www_authenticate, ["findMember"], ["coverage"], "ST107", id="no-www-authenticate"),
        pytest.param(broken.server_error_on_bad_input, ["identify"], ["coverage"], "ST101", id="500-on-bad-input"),
    ],
)
def test_broken_servers_fail_the_contract(
    wrap: Callable[[ASGIApp], ASGIApp],
    operation_ids: list[str],
    phases: list[str],
    expected: str,
    tmp_path: Path,
) -> None:
    code, output = run_against(wrap, tmp_path, operation_ids=operation_ids, phases=phases, max_examples=10)
    assert code != 0, output
    assert expected in output, output


def test_a_wrong_secret_key_fails_the_run_instead_of_warning(tmp_path: Path) -> None:
    code, output = run_against(
        None, tmp_path, operation_ids=["findMember"], phases=["examples"], max_examples=5, secret_key="sk_wrong"
    )
    assert code != 0, output
    assert "Authentication failed" in output
    assert "sk_wrong" not in output  # the key is masked in what schemathesis prints


def test_the_shared_command_line() -> None:
    """What `make contract` runs: config file, one worker, fixed seed, all phases, JUnit under reports/."""
    command = run_contract.schemathesis_command("http://127.0.0.1:1/")
    text = " ".join(command)
    assert f"--config-file {run_contract.CONFIG}" in text
    assert "--url http://127.0.0.1:1 " in text
    assert "--workers 1" in text
    assert f"--seed {run_contract.DEFAULT_SEED}" in text
    assert "--phases examples,coverage,fuzzing,stateful" in text
    assert f"--report-junit-path {run_contract.REPORT_DIR / 'contract-junit.xml'}" in text
    assert "Bearer" not in text  # the key travels in the environment, not on the command line
    config = tomllib.loads(run_contract.CONFIG.read_text())
    assert config["warnings"]["fail-on"] == ["missing_auth"]
    assert config["checks"]["enabled"] is True
    assert run_contract.CONFIG.parent.name == "contract"  # never an implicit ./schemathesis.toml
