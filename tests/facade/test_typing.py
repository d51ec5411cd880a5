"""Dict bodies are statically typed: ``mypy --strict`` accepts every docs sample and flags typos and wrong types."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT

from .test_docs import SAMPLES

BAD = """
from chimekit import ChimeKit

ck = ChimeKit()
ck.identify("u", {"displayname": "x"})  # line 5
ck.identify("u", display_name=5)  # line 6
ck.audience.suppress("u", identity={"type": "email", "valeu": "a@b.c"})  # line 7
ck.messages.send_message("u", {"content": {"in_app": {"titel": "Hi"}}})  # line 8
ck.messages.list_messages_for_user("u", {"limit": "20"})  # line 9
ck.workflow.run("k", {"externalUserId": "u", "context": "x"})  # line 10
ck.audience.find_member("u", timeout="soon")  # line 11
ck.audience.find_member("u", extra_headers={"X": 1})  # line 12
ck.identify("u", external_user_id="v")  # line 13: the id is the positional argument
ck.identify("u", identities=[{"type": "email"}])  # line 14: an identity without its value
"""


def test_mypy_accepts_the_docs_samples_and_flags_wrong_dict_bodies(tmp_path: Path) -> None:
    docs = tmp_path / "docs_samples.py"
    first, *others = [code for _, _, code, _ in SAMPLES]  # the first one makes `ck`; each other in its own scope
    functions = [f"def sample_{i}() -> None:\n" + textwrap.indent(code, "    ") for i, code in enumerate(others)]
    docs.write_text("\n\n".join([first, *functions]) + "\n")
    bad = tmp_path / "bad_bodies.py"
    bad.write_text(BAD)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml"), str(docs), str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert not [e for e in errors if "docs_samples" in e], result.stdout
    flagged = {int(m.group(1)) for e in errors if (m := re.search(r"bad_bodies\.py:(\d+):", e))}
    assert flagged == set(range(5, 15)), result.stdout
    assert 'Extra key "displayname" for TypedDict "IdentifyRequestDict"' in result.stdout
