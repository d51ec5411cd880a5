"""`make contract`'s machinery: the honest sandbox passes, each broken variant fails.

All runs go through contract/run_contract.py, the same code path as `make contract`. The honest
run is the full default invocation (once per `make test`); the broken variants run only the
operations and phases that reach their defect, with few examples.
"""

from __future__ import annotations

import re
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from chimekit_sandbox import create_app
from chimekit_sandbox._engine import ASGIApp
from chimekit_sandbox._server import serve_in_thread

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
    ndjson_path: Path | None = None,
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
                ndjson_path=ndjson_path,
                capture=True,
            )
    finally:
        app.close()
    return result.returncode, result.stdout + result.stderr


MIN_LINKS_COVERED = 16
"""What the stateful phase covered before the spec's links were rewritten in valid OpenAPI forms."""
CHAINS = {
    "identify -> suppress": "POST /sdk/v1/audience/identify -> [200] AddSuppression -> POST",
    "suppress -> remove": "POST /sdk/v1/audience/members/{externalUserId}/suppressions -> [200] RemoveSuppression ->",
    "identify -> send": "POST /sdk/v1/audience/identify -> [200] SendMessage -> POST",
    "send -> get message": "POST /sdk/v1/messages/send -> [200] GetMessage -> GET",
    "run -> get run": "POST /sdk/v1/workflows/{key}/run -> [200] GetWorkflowRun -> GET",
}
"""Flows the stateful phase must reach (a link name starts with its source, status and name)."""


@pytest.mark.timeout(300)
def test_honest_sandbox_passes_the_full_default_contract_run(tmp_path: Path) -> None:
    """Exactly `make contract`'s run (all operations, phases and checks, default seed and examples).

    Its stateful phase must keep following links: at least MIN_LINKS_COVERED of them, the CHAINS
    among them. Which links a run follows depends on the seed and on everything the run did before,
    so an unrelated change can move these figures; `make contract` prints "API Links: N covered".
    """
    started = time.monotonic()
    code, output = run_against(None, tmp_path, ndjson_path=tmp_path / "events.ndjson")
    assert code == 0, output
    assert "No issues found" in output
    assert (tmp_path / "junit.xml").is_file()
    covered = run_contract.covered_links(tmp_path / "events.ndjson")
    reported = re.search(r"API Links:\s+(\d+) covered", output)
    assert reported is not None, output
    assert int(reported.group(1)) == len(covered), sorted(covered)
    assert len(covered) >= MIN_LINKS_COVERED, sorted(covered)
    missing = [chain for chain, prefix in CHAINS.items() if not any(link.startswith(prefix) for link in covered)]
    assert not missing, (missing, sorted(covered))
    print(f"honest contract run: {time.monotonic() - started:.1f} s, {len(covered)} links covered")


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
    assert config["hooks"] == "contract/links.py"  # relative to the repository root, run_contract's cwd
    assert run_contract.CONFIG.parent.name == "contract"  # never an implicit ./schemathesis.toml
