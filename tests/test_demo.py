"""`make demo` (examples/demo.py) runs the docs' flow against its own embedded sandbox."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_the_demo_runs_the_whole_flow_and_exits_0() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIMEKIT_")}
    done = subprocess.run(
        [sys.executable, ROOT / "examples" / "demo.py"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    steps = [line for line in out.splitlines() if line.startswith("== ")]
    assert steps == [
        "== identify user_123",
        "== suppress ava@example.com",
        "== list suppressions",
        "== remove suppression",
        "== send in-app message",
        "== get message",
        "== list messages",
        "== run workflow welcome-sequence",
        "== get workflow run",
        "== delete user_123",
        "== find user_123 after delete",
    ]
    assert "email=ava@example.com displayName='Ava Example'" in out
    assert "removed; left: 0" in out
    assert "notification title='Welcome!'" in out
    assert "pagination={'totalCount': 1, 'limit': 20, 'offset': 0}" in out
    assert "context={'utmCampaign': 'winter-launch', 'apiKeyId':" in out
    assert "deleted id='user_123'" in out
    assert "member=None" in out
    assert out.rstrip().endswith("demo finished")


def test_the_demo_never_touches_the_server_the_environment_points_at() -> None:
    """A shell with CHIMEKIT_BASE_URL set (here: a server that records every request) runs the demo against
    the demo's own sandbox; the other server sees nothing."""
    import chimekit_sandbox
    from chimekit import ChimeKit

    with (
        chimekit_sandbox.running(secret_key="sk_elsewhere") as elsewhere,
        ChimeKit("sk_elsewhere", base_url=elsewhere.url) as ck,
    ):
        real = ck.identify("user_123", display_name="Real customer")
        env = {**os.environ, "CHIMEKIT_BASE_URL": elsewhere.url, "CHIMEKIT_SECRET_KEY": "sk_elsewhere"}
        done = subprocess.run(
            [sys.executable, ROOT / "examples" / "demo.py"], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "CHIMEKIT_BASE_URL and CHIMEKIT_SECRET_KEY ignored" in done.stdout
        assert ck.audience.find_member("user_123") == real  # not deleted, not changed
        assert ck.messages.list_messages_for_user("user_123").pagination.total_count == 0
