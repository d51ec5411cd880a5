"""The spec is the only place the API is written: a change to it reaches the client and the sandbox with
no other edit than `make generate`.

In a copy of this work tree: rename sendMessage's path and lower the messages list's ``limit`` maximum in
openapi/chimekit.yaml, run `make generate`, and check that only the spec and generated files changed,
that the facade sends to the new path, that the sandbox serves the new path and not the old one, and
that the new limit is enforced. Then add an operation: `make generate` refuses it (naming the file where its
method is declared) and changes nothing, and the facade's test names that file too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.timeout(300)

OLD_PATH = "/sdk/v1/messages/send"
NEW_PATH = "/sdk/v1/messages/deliver"

# Runs in the copy, with the copy's packages first on sys.path.
CHECK = """
import json, httpx, chimekit, chimekit_sandbox
from chimekit_api.api import OPERATIONS
out = {"path": OPERATIONS["sendMessage"].path}
with chimekit_sandbox.running() as sandbox, chimekit.ChimeKit(sandbox.secret_key, base_url=sandbox.url) as ck:
    ck.identify("u")
    raw = ck.messages.with_raw_response.send_message("u", content={"in_app": {"title": "Hi"}})
    out["sent_to"] = raw.http_response.request.url.path
    old = httpx.post(sandbox.url + OLD_PATH, json={"externalUserId": "u", "content": {"in_app": {"title": "x"}}},
                     headers={"Authorization": "Bearer " + sandbox.secret_key})
    out["old_status"] = old.status_code
    out["messages"] = ck.messages.list_messages_for_user("u", limit=50).pagination.total_count
    try:
        ck.messages.list_messages_for_user("u", limit=60)
    except chimekit.BadRequestError as exc:
        out["limit_60"] = exc.message
print(json.dumps(out))
"""


# The copy shares this work tree's .venv (a symlink): make must never reinstall into it from the copy (that
# would point the editable installs at the copy), so the venv's stamps count as up to date.
MAKE_GENERATE = ["make", "-s", "-o", ".venv/.demo-stamp", "-o", ".venv/.installed-stamp", "generate"]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This work tree's files (committed or not, ignored ones left out), as a git repository of their own."""
    copy = tmp_path_factory.mktemp("repo")
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)  # the mtimes too: make sees the venv as up to date
    (copy / ".venv").symlink_to(ROOT / ".venv")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=copy, check=True, capture_output=True)
    return copy


def _env(copy: Path) -> dict[str, str]:
    # The copy's packages before the editable installs of this work tree.
    paths = os.pathsep.join(str(copy / d) for d in ("generated", "overlay", "sandbox"))
    return {**os.environ, "PYTHONPATH": paths}


def _edit_spec(copy: Path, edit: Any) -> None:
    path = copy / "openapi" / "chimekit.yaml"
    spec = yaml.safe_load(path.read_text())
    edit(spec)
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))


def _rename_and_limit(spec: dict[str, Any]) -> None:
    spec["paths"] = {(NEW_PATH if p == OLD_PATH else p): item for p, item in spec["paths"].items()}
    listing = spec["paths"]["/sdk/v1/messages/members/{externalUserId}/messages"]["get"]
    limit = next(p for p in listing["parameters"] if p.get("name") == "limit")
    limit["schema"]["maximum"] = 50


def test_a_renamed_path_and_a_new_limit_reach_the_facade_and_the_sandbox(copy: Path) -> None:
    _edit_spec(copy, _rename_and_limit)
    env = _env(copy)
    generate = _run(MAKE_GENERATE, copy, env)
    assert generate.returncode == 0, generate.stdout + generate.stderr
    changed = _run(["git", "status", "--porcelain"], copy, env).stdout.splitlines()
    generated = ("openapi/chimekit.yaml", "generated/", "overlay/chimekit/resources/", "api.md")
    others = [c for c in changed if not c[3:].startswith(generated)]
    assert not others, others  # no other file changed
    assert any("generated/chimekit_api/api/__init__.py" in c for c in changed)
    check = _run([sys.executable, "-c", f"OLD_PATH = {OLD_PATH!r}\n{CHECK}"], copy, env)
    assert check.returncode == 0, check.stdout + check.stderr
    seen = json.loads(check.stdout.splitlines()[-1])
    assert seen["path"] == seen["sent_to"] == NEW_PATH
    assert seen["old_status"] in (404, 405)  # the old path serves no operation any more
    assert seen["messages"] == 1  # and took no message
    assert seen["limit_60"].startswith("limit: ")
    assert "50" in seen["limit_60"]


def test_an_operation_without_a_facade_method_names_the_file_to_edit(copy: Path) -> None:
    def add_cancel(spec: dict[str, Any]) -> None:
        run = spec["paths"]["/sdk/v1/workflows/runs/{runId}"]
        run["delete"] = {**run["get"], "operationId": "cancelWorkflowRun", "summary": "Cancel a workflow run"}

    _edit_spec(copy, add_cancel)
    env = _env(copy)
    before = _run(["git", "status", "--porcelain"], copy, env).stdout
    generate = _run(MAKE_GENERATE, copy, env)
    assert generate.returncode != 0  # no facade method can be generated for it
    assert "cancelWorkflowRun" in generate.stdout + generate.stderr
    assert "overlay/chimekit/_resources.py" in generate.stdout + generate.stderr
    assert _run(["git", "status", "--porcelain"], copy, env).stdout == before  # nothing half-generated
    test = "tests/facade/test_bindings.py::test_every_operation_in_the_spec_is_a_facade_method"
    result = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], copy, env)
    assert result.returncode != 0
    assert "cancelWorkflowRun" in result.stdout
    assert "overlay/chimekit/_resources.py" in result.stdout
